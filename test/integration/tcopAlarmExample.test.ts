// examples/tcop-alarm-traffic-mirror.workflow.json (the webhook version) through n8n's engine
// against the emulator: TCOP's documented callback bodies in, mirrors, Slack texts and the
// documented answer out, set up as a user does (settings filled in, Slack disabled here).
import type { IDataObject, IExecuteResponsePromiseData, IWorkflowBase } from 'n8n-workflow';

import { runWorkflow } from '../../dev/harness/runWorkflow';
import { emulatorCredentials } from '../support/workflows';
import { emulatorForTests } from '../support/emulatorSuite';
import { loadExample, loadNodeTypesBeforeAll, nodeOf, PLACEHOLDER, settingsOf, setUpExample, SLACK_TYPE, slackNodesThatRan, slackPosts, USER_SETTINGS } from '../support/tcopExamples';

const emulator = emulatorForTests();

const FILE = 'tcop-alarm-traffic-mirror.workflow.json';
const MIRROR_NAME = 'tcop-policy-a1b2c3d4-ins-web00001';
loadNodeTypesBeforeAll(FILE);

/** A TCOP metric alarm push (reference §4) for ins-web00001 in gz. */
function push(sessionId: string, alarmStatus: string | number, dimensions: IDataObject = { unInstanceId: 'ins-web00001' }): IDataObject {
	return {
		sessionId,
		alarmStatus,
		alarmType: 'metric',
		alarmObjInfo: { region: 'gz', namespace: 'qce/cvm', dimensions },
		alarmPolicyInfo: { policyId: 'policy-a1b2c3d4', policyType: 'cvm_device', policyName: 'prod-web-cpu-high', conditions: { metricShowName: 'CPU utilization' } },
		firstOccurTime: '2024-05-20 14:03:00',
		recoverTime: String(alarmStatus) === '0' ? '2024-05-20 14:24:00' : '0',
	};
}

/** Runs the example as a production webhook execution does after the Webhook node; returns TCOP's answer. */
async function deliver(body: IDataObject, workflow: IWorkflowBase = setUpExample(FILE)) {
	const answers: IExecuteResponsePromiseData[] = [];
	const result = await runWorkflow(workflow, {
		credentials: emulatorCredentials(emulator),
		mode: 'webhook',
		triggerItems: [{ json: { headers: { 'content-type': 'application/json' }, params: {}, query: {}, body, webhookUrl: 'https://n8n.example.com/webhook/tcop-alarm', executionMode: 'production' } }],
		onWebhookResponse: (response) => answers.push(response),
	});
	return { result, answers, workflow };
}

async function deliverOk(body: IDataObject) {
	const delivered = await deliver(body);
	expect(delivered.result.run.data.resultData.error).toBeUndefined();
	return delivered;
}

test.each([
	['string', '1', '0'],
	['number', 1, 0],
])('alarmStatus as a %s: firing mirrors both ENIs of the instance, resolved stops and deletes the mirror', async (_type, firing, resolved) => {
	const fired = await deliverOk(push('s-1', firing));
	expect(fired.answers.map((answer) => answer.body)).toEqual([{ sessionId: 's-1', retCode: 0 }]);
	expect(emulator.mirrors('ap-guangzhou').map((m) => [m.TrafficMirrorName, m.CollectorSrcs])).toEqual([[MIRROR_NAME, ['eni-web0001a', 'eni-web0001b']]]);
	expect(fired.result.output('Mirror the alarmed instance')[0].json.resolvedCollectorSrcs).toEqual({ 'ins-web00001': ['eni-web0001a', 'eni-web0001b'] });
	const [mirror] = emulator.mirrors();
	expect(slackPosts(fired.result, 'Tell the on-call channel')).toEqual([
		{
			channel: 'C0ONCALL01',
			text: `:rotating_light: TCOP alarm prod-web-cpu-high on ins-web00001 (gz): traffic mirror ${mirror.TrafficMirrorId} (RUNNING) copies ALL traffic of eni-web0001a, eni-web0001b to 10.0.2.20`,
		},
	]);
	expect(slackNodesThatRan(fired.result, fired.workflow)).toEqual(['Tell the on-call channel']);

	const again = await deliverOk(push('s-2', firing));
	expect(again.answers.map((answer) => answer.body)).toEqual([{ sessionId: 's-2', retCode: 0 }]);
	expect(emulator.mirrors()).toHaveLength(1);

	const cleared = await deliverOk(push('s-3', resolved));
	expect(cleared.answers.map((answer) => answer.body)).toEqual([{ sessionId: 's-3', retCode: 0 }]);
	expect(emulator.log.filter((entry) => ['StopTrafficMirror', 'DeleteTrafficMirror'].includes(entry.action ?? '')).map((entry) => entry.action)).toEqual([
		'StopTrafficMirror',
		'DeleteTrafficMirror',
	]);
	expect(emulator.mirrors()).toEqual([]);
	expect(slackNodesThatRan(cleared.result, cleared.workflow)).toEqual([]);
});

test('a mirror that fails (the instance no longer exists) is told to the same channel with the reason, and nothing is created', async () => {
	const { result, answers, workflow } = await deliverOk(push('s-7', '1', { unInstanceId: 'ins-gone0001' }));
	expect(answers.map((answer) => answer.body)).toEqual([{ sessionId: 's-7', retCode: 0 }]);
	expect(emulator.mirrors()).toEqual([]);
	expect(slackNodesThatRan(result, workflow)).toEqual(['Tell the channel the mirror failed']);
	const [post] = slackPosts(result, 'Tell the channel the mirror failed');
	expect(post.channel).toBe('C0ONCALL01');
	expect(post.text).toMatch(/^:x: TCOP alarm prod-web-cpu-high on ins-gone0001 \(gz\): no traffic mirror\. .*ins-gone0001/);
});

test.each([
	['an unknown alarm status', push('s-4', '2'), 'alarm'],
	['a non-CVM object (a peering connection)', push('s-5', '1', { unInstanceId: 'pcx-abcd1234' }), 'alarm'],
	['a MySQL recovery', { ...push('s-8', '0', { uInstanceId: 'cdb-emu00001' }), alarmPolicyInfo: { policyId: 'policy-m9n0p1q2', policyType: 'cdb_detail', policyName: 'prod-mysql-cpu-high' } }, 'recovery'],
])('%s is answered, touches nothing in Tencent Cloud and is told to the channel as not mirrored', async (_case, body, kind) => {
	const { result, answers, workflow } = await deliverOk(body);
	expect(answers.map((answer) => answer.body)).toEqual([{ sessionId: body.sessionId, retCode: 0 }]);
	expect(emulator.log).toEqual([]);
	expect(slackNodesThatRan(result, workflow)).toEqual(['Tell the channel: not mirrored']);
	const policy = body.alarmPolicyInfo as IDataObject;
	expect(slackPosts(result, 'Tell the channel: not mirrored')).toEqual([
		{
			channel: 'C0ONCALL01',
			text: `:grey_question: TCOP ${kind} ${policy.policyName} (${policy.policyType}) on ${JSON.stringify((body.alarmObjInfo as IDataObject).dimensions)}: not a CVM instance, nothing mirrored`,
		},
	]);
});

test('a call without an alarm (TCOP\'s URL check) is answered and ignored', async () => {
	for (const body of [{ sessionId: 's-6' }, {}]) {
		const { result, answers, workflow } = await deliverOk(body);
		expect(answers.map((answer) => answer.body)).toEqual([{ sessionId: body.sessionId, retCode: 0 }]);
		expect(slackNodesThatRan(result, workflow)).toEqual([]);
	}
	expect(emulator.log).toEqual([]);
});

describe('the values a user must change', () => {
	test('are the CHANGE-ME values of one settings node, and every Slack node posts to its channel without a credential of its own', () => {
		const workflow = loadExample(FILE);
		expect(settingsOf(workflow).filter((a) => String(a.value).startsWith(PLACEHOLDER)).map((a) => a.name)).toEqual(Object.keys(USER_SETTINGS));
		const slackNodes = workflow.nodes.filter((node) => node.type === SLACK_TYPE);
		expect(slackNodes.map((node) => node.name).sort()).toEqual(['Tell the channel the mirror failed', 'Tell the channel: not mirrored', 'Tell the on-call channel']);
		for (const slack of slackNodes) {
			expect(slack.credentials).toBeUndefined();
			expect(slack.parameters.channelId).toEqual({ __rl: true, mode: 'id', value: "={{ $('Settings (change these)').item.json.slackChannelId }}" });
		}
		expect(JSON.stringify(workflow)).not.toContain('vpc-emu00001');
		expect(nodeOf(workflow, 'Change these').parameters.content).toContain('Settings (change these)');
	});

	test('an activated copy whose settings were not changed fails clearly at the start, after answering TCOP, and changes nothing', async () => {
		const { result, answers, workflow } = await deliver(push('s-9', '1'), setUpExample(FILE, {}));
		expect(answers.map((answer) => answer.body)).toEqual([{ sessionId: 's-9', retCode: 0 }]);
		expect(result.run.data.resultData.error?.message).toBe(
			'This workflow is not set up yet: replace every CHANGE-ME value in the node "Settings (change these)" (VPC, collector IP, Slack channel ID). Nothing was mirrored.',
		);
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Stop: settings not changed');
		expect(emulator.log).toEqual([]);
		expect(slackNodesThatRan(result, workflow)).toEqual([]);
	});

	test('one value left unchanged is enough to stop', async () => {
		const { result } = await deliver(push('s-10', '1'), setUpExample(FILE, { ...USER_SETTINGS, slackChannelId: `${PLACEHOLDER}: later` }));
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Stop: settings not changed');
		expect(emulator.log).toEqual([]);
	});
});
