// examples/tcop-trigger-traffic-mirror.workflow.json through n8n's engine against the in-process
// emulator. Each run starts from the item the trigger emits for a push the emulator really sent:
// the emulator fires the policy to a loopback receiver bound as a template callback, and the
// trigger's own normalizeAlarm turns that body into the item.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import { normalizeAlarm } from '../../nodes/TencentCloudObservabilityTrigger/incoming/normalizeAlarm';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { call } from '../emulator/signForTest';
import { emulatorCredentials } from '../support/workflows';
import { emulatorForTests } from '../support/emulatorSuite';
import { loadExample, loadNodeTypesBeforeAll, nodeOf, PLACEHOLDER, settingsOf, setUpExample, SLACK_TYPE, slackNodesThatRan, slackPosts, USER_SETTINGS } from '../support/tcopExamples';

const emulator = emulatorForTests({ rateLimit: 0 });

const FILE = 'tcop-trigger-traffic-mirror.workflow.json';
const TRIGGER = 'TCOP alarm';
loadNodeTypesBeforeAll(FILE);

/** Loopback callback receiver: keeps each push body and acknowledges it as the trigger does. */
let receiver: http.Server;
let receiverUrl: string;
const received: IDataObject[] = [];
beforeAll(async () => {
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as IDataObject;
			if (body.sessionId) received.push(body);
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ sessionId: body.sessionId, retCode: 0 }));
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/tcop?secret=test`;
});
afterAll(async () => {
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** A template with the receiver's URL, bound to `policyId` beside its other templates, as the trigger's activation leaves it. */
async function listenTo(policyId: string): Promise<void> {
	const opts = { service: 'monitor', version: '2018-07-24', region: null };
	const created = await call(emulator.url, 'CreateAlarmNotice', { Module: 'monitor', Name: 'n8n example test', NoticeType: 'ALL', NoticeLanguage: 'en-US', URLNotices: [{ URL: receiverUrl }] }, opts);
	const noticeId = created.Response.NoticeId as string;
	const current = emulator.alarmPolicies().find((p) => p.PolicyId === policyId)!.NoticeIds;
	await call(emulator.url, 'ModifyAlarmPolicyNotice', { Module: 'monitor', PolicyIds: [policyId], NoticeIds: [...current, noticeId] }, opts);
	await emulator.tcopIdle();
}

/** The trigger's item for one push the emulator sends for `policyId`. */
async function alarmItem(policyId: string, status: 'alarm' | 'recovery' = 'alarm', instanceId?: string): Promise<INodeExecutionData> {
	received.length = 0;
	const pushes = await emulator.fireTcopAlarm({ policyId, status, instanceId });
	expect(pushes.map((p) => p.delivered)).toEqual([true]);
	expect(received).toHaveLength(1);
	return { json: normalizeAlarm(received[0]) };
}

async function run(item: INodeExecutionData, workflow: IWorkflowBase = setUpExample(FILE)) {
	// The user picks the policies in the trigger (without them n8n runs nothing: a required parameter).
	nodeOf(workflow, TRIGGER).parameters.alarmPolicyIds = [String(item.json.policyId)];
	// Only the pushes' bodies were needed; the workflow's own calls are what the tests look at.
	emulator.log.length = 0;
	const result = await runWorkflow(workflow, { credentials: emulatorCredentials(emulator), mode: 'webhook', startNode: TRIGGER, triggerItems: [item] });
	return { result, workflow };
}

async function runOk(item: INodeExecutionData) {
	const ran = await run(item);
	expect(ran.result.run.data.resultData.error).toBeUndefined();
	return ran;
}

const actions = () => emulator.log.map((entry) => entry.action);

describe('alarm branch', () => {
	test('a CVM metric alarm mirrors the instance\'s interfaces in its region and tells the channel; a repeated alarm returns the same mirror', async () => {
		await listenTo('policy-a1b2c3d4');
		const item = await alarmItem('policy-a1b2c3d4');
		expect(item.json).toMatchObject({ state: 'firing', region: 'ap-guangzhou', instanceId: 'ins-web00001', policyName: 'prod-web-cpu-high' });

		const fired = await runOk(item);
		const mirrors = emulator.mirrors('ap-guangzhou');
		expect(mirrors.map((m) => [m.TrafficMirrorName, m.VpcId, m.State, m.Direction, m.CollectorSrcs, m.CollectorTarget.TargetIps])).toEqual([
			['tcop-policy-a1b2c3d4-ins-web00001', 'vpc-emu00001', 'RUNNING', 'ALL', ['eni-web0001a', 'eni-web0001b'], ['10.0.2.20']],
		]);
		expect(mirrors[0].TrafficMirrorDescribe).toBe(`TCOP prod-web-cpu-high: cpu_usage > 80% since ${String(item.json.firstOccurredAt)}`);
		expect(slackNodesThatRan(fired.result, fired.workflow)).toEqual(['Tell the on-call channel']);
		expect(slackPosts(fired.result, 'Tell the on-call channel')).toEqual([
			{
				channel: 'C0ONCALL01',
				text: `:rotating_light: TCOP alarm prod-web-cpu-high on ins-web00001 (ap-guangzhou): traffic mirror ${mirrors[0].TrafficMirrorId} (RUNNING) copies ALL traffic of eni-web0001a, eni-web0001b to 10.0.2.20`,
			},
		]);

		// TCOP repeats a firing alarm (continuousAlarm): the same mirror, not a second.
		const again = await runOk(await alarmItem('policy-a1b2c3d4'));
		expect(emulator.mirrors().map((m) => m.TrafficMirrorId)).toEqual([mirrors[0].TrafficMirrorId]);
		expect(actions()).not.toContain('CreateTrafficMirror');
		expect(slackPosts(again.result, 'Tell the on-call channel')[0].text).toContain(mirrors[0].TrafficMirrorId);
	});

	test('a CVM event alarm (ping unreachable) mirrors the instance too, named after its own policy', async () => {
		await listenTo('policy-e5f6g7h8');
		const item = await alarmItem('policy-e5f6g7h8');
		expect(item.json).toMatchObject({ alarmType: 'event', event: 'ping_unreachable', instanceId: 'ins-web00001' });
		await runOk(item);
		expect(emulator.mirrors().map((m) => [m.TrafficMirrorName, m.TrafficMirrorDescribe])).toEqual([
			['tcop-policy-e5f6g7h8-ins-web00001', `TCOP prod-web-ping-unreachable: ping_unreachable since ${String(item.json.firstOccurredAt)}`],
		]);
	});

	test('an instance that no longer exists: no mirror, and the same channel is told why', async () => {
		await listenTo('policy-a1b2c3d4');
		const { result, workflow } = await runOk(await alarmItem('policy-a1b2c3d4', 'alarm', 'ins-gone0001'));
		expect(emulator.mirrors()).toEqual([]);
		expect(actions()).not.toContain('CreateTrafficMirror');
		expect(slackNodesThatRan(result, workflow)).toEqual(['Tell the channel the mirror failed']);
		const [post] = slackPosts(result, 'Tell the channel the mirror failed');
		expect(post.channel).toBe('C0ONCALL01');
		expect(post.text).toMatch(/^:x: TCOP alarm prod-web-cpu-high on ins-gone0001 \(ap-guangzhou\): no traffic mirror\. .*ins-gone0001/);
	});

	test('a second policy firing for an instance another policy already mirrors: Tencent refuses the ENIs, and the channel is told which mirror has them', async () => {
		await listenTo('policy-a1b2c3d4');
		await listenTo('policy-e5f6g7h8');
		await runOk(await alarmItem('policy-a1b2c3d4'));
		const [first] = emulator.mirrors();
		const { result, workflow } = await runOk(await alarmItem('policy-e5f6g7h8'));
		expect(emulator.mirrors().map((m) => m.TrafficMirrorId)).toEqual([first.TrafficMirrorId]);
		expect(slackNodesThatRan(result, workflow)).toEqual(['Tell the channel the mirror failed']);
		expect(slackPosts(result, 'Tell the channel the mirror failed')[0].text).toMatch(
			new RegExp(`^:x: TCOP alarm prod-web-ping-unreachable on ins-web00001 \\(ap-guangzhou\\): no traffic mirror\\. .*${first.TrafficMirrorId}`),
		);
	});

	test('an alarm without a CVM instance (MySQL) calls nothing and tells the channel it was not mirrored', async () => {
		await listenTo('policy-m9n0p1q2');
		for (const status of ['alarm', 'recovery'] as const) {
			const item = await alarmItem('policy-m9n0p1q2', status);
			expect(item.json.instanceId).toBeNull();
			const { result, workflow } = await runOk(item);
			expect(emulator.log).toEqual([]);
			expect(slackNodesThatRan(result, workflow)).toEqual(['Tell the channel: not mirrored']);
			expect(slackPosts(result, 'Tell the channel: not mirrored')).toEqual([
				{
					channel: 'C0ONCALL01',
					text: `:grey_question: TCOP ${status} prod-mysql-cpu-high (cdb_detail) on ${JSON.stringify(item.json.dimensions)}: not a CVM instance, nothing mirrored`,
				},
			]);
		}
		expect(emulator.mirrors()).toEqual([]);
	});
});

describe('recovery branch', () => {
	test('the recovery finds the alarm\'s mirror by name in the VPC, stops it, then deletes it; another policy\'s mirror stays', async () => {
		await listenTo('policy-a1b2c3d4');
		await listenTo('policy-e5f6g7h8');
		await runOk(await alarmItem('policy-a1b2c3d4'));
		// An ENI is the source of one mirror at most: the other alarm is for the other web server.
		await runOk(await alarmItem('policy-e5f6g7h8', 'alarm', 'ins-web00002'));
		const [cpu, ping] = emulator.mirrors();
		expect(ping.TrafficMirrorName).toBe('tcop-policy-e5f6g7h8-ins-web00002');

		const recovery = await alarmItem('policy-a1b2c3d4', 'recovery');
		expect(recovery.json).toMatchObject({ state: 'resolved', instanceId: 'ins-web00001' });
		const { result, workflow } = await runOk(recovery);
		expect(emulator.log.map((entry) => [entry.action, entry.region, (entry.body as IDataObject).TrafficMirrorId])).toEqual([
			['DescribeTrafficMirrors', 'ap-guangzhou', undefined],
			['StopTrafficMirror', 'ap-guangzhou', cpu.TrafficMirrorId],
			['DeleteTrafficMirror', 'ap-guangzhou', cpu.TrafficMirrorId],
		]);
		expect(emulator.mirrors().map((m) => m.TrafficMirrorId)).toEqual([ping.TrafficMirrorId]);
		expect(slackNodesThatRan(result, workflow)).toEqual([]);
	});

	test('a recovery with no mirror left (already cleaned up) stops nothing and fails nothing', async () => {
		await listenTo('policy-a1b2c3d4');
		await runOk(await alarmItem('policy-a1b2c3d4', 'recovery'));
		expect(actions()).toEqual(['DescribeTrafficMirrors']);
	});
});

describe('the values a user must change', () => {
	test('the trigger comes without policies; the settings are the CHANGE-ME values; Slack posts to their channel without a credential', () => {
		const workflow = loadExample(FILE);
		const trigger = nodeOf(workflow, TRIGGER);
		expect(trigger.type).toBe('n8n-nodes-tencentcloud-vpc.tencentCloudObservabilityTrigger');
		expect(trigger.parameters).toEqual({ alarmPolicyIds: [], notifyOn: 'alarmsAndRecoveries', options: {} });
		expect(settingsOf(workflow).filter((a) => String(a.value).startsWith(PLACEHOLDER)).map((a) => a.name)).toEqual(Object.keys(USER_SETTINGS));
		for (const slack of workflow.nodes.filter((node) => node.type === SLACK_TYPE)) {
			expect(slack.credentials).toBeUndefined();
			expect(slack.parameters.channelId).toEqual({ __rl: true, mode: 'id', value: "={{ $('Settings (change these)').item.json.slackChannelId }}" });
		}
		expect(String(nodeOf(workflow, 'Trigger or webhook?').parameters.content)).toContain('tcop-alarm-traffic-mirror');
	});

	test('an activated copy whose settings were not changed stops at the start with a message and calls nothing', async () => {
		await listenTo('policy-a1b2c3d4');
		const { result, workflow } = await run(await alarmItem('policy-a1b2c3d4'), setUpExample(FILE, {}));
		expect(result.run.data.resultData.error?.message).toContain('replace every CHANGE-ME value in the node "Settings (change these)"');
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Stop: settings not changed');
		expect(emulator.log).toEqual([]);
		expect(slackNodesThatRan(result, workflow)).toEqual([]);
	});
});
