import type { INodeParameters, IWorkflowBase } from 'n8n-workflow';

import type { AlarmNotice } from '../../dev/emulator';
import { DEMO_KEY } from '../../dev/emulator';
import { loadOptions } from '../../dev/harness/loadOptions';
import { TENCENT_CLOUD_OBSERVABILITY_TRIGGER_TYPE } from '../../dev/harness/nodeTypes';
import { WebhookTriggerServer } from '../../dev/harness/webhookTrigger';
import { emulatorForTests } from '../support/emulatorSuite';
import { emulatorCredentials } from '../support/workflows';

/*
 * The trigger in n8n's engine against the emulator playing Cloud Monitor: activation and
 * deactivation through n8n-core's HookContext, incoming pushes through its WebhookContext on a
 * real HTTP server, pushed by the emulator as TCOP pushes them.
 */

/** A key allowed only the VPC actions: Monitor calls are refused with UnauthorizedOperation. */
const VPC_ONLY_KEY = {
	secretId: 'AKIDvpconly00000000000000000000000000',
	secretKey: 'vpconlysecretkey0000000000000000',
	allowedActions: ['DescribeVpcs', 'CreateTrafficMirror'],
};

const emulator = emulatorForTests({ rateLimit: 0, tcopRetryDelayMs: 50, keys: [DEMO_KEY, VPC_ONLY_KEY] });

const TRIGGER = 'TCOP Alarm';
const CPU_POLICY = 'policy-a1b2c3d4';
const PING_POLICY = 'policy-e5f6g7h8';
const MYSQL_POLICY = 'policy-m9n0p1q2';

function triggerWorkflow(parameters: INodeParameters = {}, id = 'wf-tcop-1', name = 'Incident mirror'): IWorkflowBase {
	return {
		id,
		name,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [
			{
				id: 'trigger-node',
				name: TRIGGER,
				type: TENCENT_CLOUD_OBSERVABILITY_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: `5b0a3c1e-9d7f-4e2a-8c6b-${id.padStart(12, '0').slice(-12)}`,
				parameters: { alarmPolicyIds: [CPU_POLICY, PING_POLICY], notifyOn: 'alarmsAndRecoveries', options: {}, ...parameters },
				credentials: { tencentCloudApi: { id: 'emulator', name: 'emulator' } },
			},
			{ id: 'received', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as IWorkflowBase;
}

let n8n: WebhookTriggerServer;

async function startN8n(parameters: INodeParameters = {}): Promise<WebhookTriggerServer> {
	n8n = new WebhookTriggerServer(triggerWorkflow(parameters), TRIGGER, emulatorCredentials(emulator));
	await n8n.start();
	return n8n;
}

afterEach(async () => {
	await n8n?.stop();
});

const noticesNamed = (prefix: string) => emulator.alarmNotices().filter((notice) => notice.Name.startsWith(prefix));
const ourNotices = () => noticesNamed('n8n ');
const policyNotices = () => Object.fromEntries(emulator.alarmPolicies().map((policy) => [policy.PolicyId, [...policy.NoticeIds].sort()]));
const noticeById = (id: string) => emulator.alarmNotices().find((notice) => notice.Id === id);
const urlsOf = (notice: AlarmNotice | undefined) => (notice?.URLNotices ?? []).map((entry) => entry.URL);
const secretOf = () => String(n8n.nodeStaticData().secret);

async function post(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('activation', () => {
	test('creates one template whose only callback is the webhook URL with a secret, bound to the chosen policies beside their other templates', async () => {
		const before = policyNotices();
		const othersBefore = emulator.alarmNotices();
		await startN8n();

		expect(await n8n.activate()).toEqual({ created: true });

		const [notice] = ourNotices();
		expect(ourNotices()).toHaveLength(1);
		expect(notice.Name).toBe(`n8n Incident mirror ${TRIGGER}`);
		expect(notice.NoticeType).toBe('ALL');
		expect(notice.NoticeLanguage).toBe('en-US');
		expect(urlsOf(notice)).toEqual([`${n8n.productionUrl}?secret=${secretOf()}`]);
		expect(secretOf()).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect([...notice.PolicyIds].sort()).toEqual([CPU_POLICY, PING_POLICY]);

		const after = policyNotices();
		expect(after[CPU_POLICY]).toEqual([...before[CPU_POLICY], notice.Id].sort());
		expect(after[PING_POLICY]).toEqual([...before[PING_POLICY], notice.Id].sort());
		for (const policyId of Object.keys(before).filter((id) => id !== CPU_POLICY && id !== PING_POLICY)) {
			expect(after[policyId]).toEqual(before[policyId]);
		}
		// The policies' other templates are as they were.
		expect(emulator.alarmNotices().filter((other) => other.Id !== notice.Id)).toEqual(othersBefore);

		// TCOP's URL check reached the trigger and was answered 200 without starting the workflow.
		await emulator.tcopIdle();
		expect(emulator.tcopChecks()).toEqual([expect.objectContaining({ url: urlsOf(notice)[0], status: 200 })]);
		expect(noticeById(notice.Id)!.URLNotices[0].IsValid).toBe(1);
		expect(n8n.calls.map((call) => [call.status, call.body, call.run])).toEqual([[200, { retCode: 0 }, undefined]]);
	});

	test('activating twice, or n8n restarting while active, keeps one template', async () => {
		await startN8n();
		await n8n.activate();
		const [first] = ourNotices();
		expect(await n8n.activate()).toEqual({ created: false });
		expect(await n8n.activate('init')).toEqual({ created: false });
		expect(ourNotices().map((notice) => notice.Id)).toEqual([first.Id]);
	});

	test('a template deleted in the console: checkExists says so and the next activation makes a new one', async () => {
		await startN8n();
		await n8n.activate();
		const [first] = ourNotices();
		expect(await n8n.runHook('checkExists')).toBe(true);

		expect(emulator.deleteAlarmNoticeInConsole(first.Id)).toBe(true);
		expect(await n8n.runHook('checkExists')).toBe(false);

		expect(await n8n.activate()).toEqual({ created: true });
		const [second] = ourNotices();
		expect(ourNotices()).toHaveLength(1);
		expect(second.Id).not.toBe(first.Id);
		expect([...second.PolicyIds].sort()).toEqual([CPU_POLICY, PING_POLICY]);
		expect(policyNotices()[CPU_POLICY]).not.toContain(first.Id);
	});

	test('a policy unbound in the console: checkExists says so and activation registers again, one template', async () => {
		await startN8n();
		await n8n.activate();
		const [notice] = ourNotices();
		const cpuNotices = emulator.alarmPolicies().find((policy) => policy.PolicyId === CPU_POLICY)!.NoticeIds;
		// What a user does in the console, through the API the console uses.
		await signedMonitorCall('ModifyAlarmPolicyNotice', { PolicyId: CPU_POLICY, NoticeIds: cpuNotices.filter((id) => id !== notice.Id) });
		expect(await n8n.runHook('checkExists')).toBe(false);

		await n8n.activate();
		expect(ourNotices()).toHaveLength(1);
		expect(policyNotices()[CPU_POLICY]).toContain(ourNotices()[0].Id);
	});

	test('n8n moved (its webhook URL changed): the next activation replaces the old callback, one template left', async () => {
		await startN8n();
		await n8n.activate();
		const [old] = ourNotices();
		const saved = n8n.savedStaticData;
		await n8n.stop();

		// The same workflow, its static data carried over, served at another address.
		n8n = new WebhookTriggerServer(triggerWorkflow(), TRIGGER, emulatorCredentials(emulator));
		n8n.savedStaticData = saved;
		await n8n.start();
		expect(await n8n.runHook('checkExists')).toBe(false);
		expect(await n8n.activate()).toEqual({ created: true });

		expect(noticeById(old.Id)).toBeUndefined();
		expect(ourNotices()).toHaveLength(1);
		expect(urlsOf(ourNotices()[0])).toEqual([`${n8n.productionUrl}?secret=${secretOf()}`]);
		expect(policyNotices()[CPU_POLICY]).not.toContain(old.Id);
	});

	test('switching to an existing template: the own template goes, the callback moves to the chosen one', async () => {
		await startN8n();
		await n8n.activate();
		const saved = n8n.savedStaticData;
		await n8n.stop();

		n8n = new WebhookTriggerServer(
			triggerWorkflow({ alarmPolicyIds: [CPU_POLICY], options: { noticeId: 'notice-sec00002' } }),
			TRIGGER,
			emulatorCredentials(emulator),
		);
		n8n.savedStaticData = saved;
		await n8n.start();
		await n8n.activate();
		expect(ourNotices()).toEqual([]);
		expect(urlsOf(noticeById('notice-sec00002'))).toEqual([`${n8n.productionUrl}?secret=${secretOf()}`]);
		expect(noticeById('notice-sec00002')!.PolicyIds).toContain(CPU_POLICY);
	});

	test('Notify On "alarms" creates an ALARM template; the language option is used', async () => {
		await startN8n({ notifyOn: 'alarms', options: { noticeLanguage: 'zh-CN' } });
		await n8n.activate();
		expect(ourNotices()[0]).toMatchObject({ NoticeType: 'ALARM', NoticeLanguage: 'zh-CN' });
	});

	test('a policy that does not exist fails activation clearly, and nothing is left behind', async () => {
		await startN8n({ alarmPolicyIds: [CPU_POLICY, 'policy-nothere'] });
		await expect(n8n.activate()).rejects.toThrow('Alarm policy policy-nothere does not exist in this account');
		expect(ourNotices()).toEqual([]);
	});

	test('a binding that fails halfway is undone: no template, no binding left, and the error names the step', async () => {
		const before = policyNotices();
		await startN8n();
		emulator.failNext('ModifyAlarmPolicyNotice', 'InternalError', 1);
		// The first policy's binding fails (InternalError is never retried for a change).
		await expect(n8n.activate()).rejects.toThrow(/Could not bind alarm policy policy-\w+ to notification template notice-\S+: Tencent Cloud error InternalError/);
		expect(ourNotices()).toEqual([]);
		expect(policyNotices()).toEqual(before);
		expect(n8n.nodeStaticData()).toEqual({});
	});
});

test('two workflows activating at once on the same policies each keep their binding', async () => {
	const before = policyNotices();
	const workflows = await Promise.all(
		['wf-a', 'wf-b', 'wf-c'].map(async (id) => {
			const server = new WebhookTriggerServer(triggerWorkflow({}, id, `Workflow ${id}`), TRIGGER, emulatorCredentials(emulator));
			await server.start();
			return server;
		}),
	);
	try {
		await Promise.all(workflows.map(async (server) => await server.activate()));
		const ids = ourNotices().map((notice) => notice.Id);
		expect(ids).toHaveLength(3);
		expect(policyNotices()[CPU_POLICY]).toEqual([...before[CPU_POLICY], ...ids].sort());
		expect(policyNotices()[PING_POLICY]).toEqual([...before[PING_POLICY], ...ids].sort());

		await Promise.all(workflows.map(async (server) => await server.deactivate()));
		expect(policyNotices()).toEqual(before);
		expect(ourNotices()).toEqual([]);
	} finally {
		await Promise.all(workflows.map(async (server) => await server.stop()));
	}
});

test('three workflows adding their callback to the same template at once each keep their URL, and each takes only its own away', async () => {
	const sec = noticeById('notice-sec00002')!;
	expect(sec.URLNotices).toEqual([]);
	const workflows = await Promise.all(
		['wf-x', 'wf-y', 'wf-z'].map(async (id) => {
			const server = new WebhookTriggerServer(
				triggerWorkflow({ alarmPolicyIds: [PING_POLICY], options: { noticeId: 'notice-sec00002' } }, id, `Workflow ${id}`),
				TRIGGER,
				emulatorCredentials(emulator),
			);
			await server.start();
			return server;
		}),
	);
	try {
		await Promise.all(workflows.map(async (server) => await server.activate()));
		const expected = workflows.map((server) => `${server.productionUrl}?secret=${String(server.nodeStaticData().secret)}`);
		expect([...urlsOf(noticeById('notice-sec00002'))].sort()).toEqual([...expected].sort());

		await workflows[0].deactivate();
		expect([...urlsOf(noticeById('notice-sec00002'))].sort()).toEqual(expected.slice(1).sort());
		await Promise.all(workflows.slice(1).map(async (server) => await server.deactivate()));
		expect(noticeById('notice-sec00002')).toMatchObject({ URLNotices: [], PolicyIds: sec.PolicyIds });
	} finally {
		await Promise.all(workflows.map(async (server) => await server.stop()));
	}
});

describe('deactivation', () => {
	test('deletes the template and restores every policy\'s templates', async () => {
		const before = policyNotices();
		const othersBefore = emulator.alarmNotices();
		await startN8n();
		await n8n.activate();
		await n8n.deactivate();

		expect(ourNotices()).toEqual([]);
		expect(policyNotices()).toEqual(before);
		expect(emulator.alarmNotices()).toEqual(othersBefore);
		expect(n8n.nodeStaticData()).toEqual({});
	});

	test('what is already gone is no error', async () => {
		await startN8n();
		await n8n.activate();
		emulator.deleteAlarmNoticeInConsole(ourNotices()[0].Id);
		await expect(n8n.deactivate()).resolves.toBeUndefined();
		expect(n8n.nodeStaticData()).toEqual({});
	});
});

describe('an existing template (Options → Notification Template)', () => {
	test('gets the callback URL and the missing bindings, and on deactivation loses exactly those, the template kept', async () => {
		const ops = noticeById('notice-ops00001')!;
		const policiesBefore = policyNotices();
		expect(ops.URLNotices).toEqual([]);
		expect(ops.PolicyIds).toContain(CPU_POLICY);
		expect(ops.PolicyIds).not.toContain(MYSQL_POLICY);

		await startN8n({ alarmPolicyIds: [CPU_POLICY, MYSQL_POLICY], options: { noticeId: 'notice-ops00001' } });
		await n8n.activate();

		const during = noticeById('notice-ops00001')!;
		expect(urlsOf(during)).toEqual([`${n8n.productionUrl}?secret=${secretOf()}`]);
		expect([...during.PolicyIds].sort()).toEqual([...ops.PolicyIds, MYSQL_POLICY].sort());
		expect(during).toMatchObject({ Name: ops.Name, NoticeType: ops.NoticeType, UserNotices: ops.UserNotices });
		expect(ourNotices()).toEqual([]);
		expect(n8n.nodeStaticData()).toMatchObject({ createdNotice: false, boundPolicyIds: [MYSQL_POLICY] });
		expect(await n8n.runHook('checkExists')).toBe(true);

		await n8n.deactivate();
		const after = noticeById('notice-ops00001')!;
		expect(after.URLNotices).toEqual([]);
		expect([...after.PolicyIds].sort()).toEqual([...ops.PolicyIds].sort());
		expect(after).toMatchObject({ Name: ops.Name, NoticeType: ops.NoticeType, UserNotices: ops.UserNotices });
		expect(policyNotices()).toEqual(policiesBefore);
	});
});

describe('incoming pushes', () => {
	test('an alarm is answered with its sessionId and retCode 0, once, and starts the workflow with the normalized item', async () => {
		await startN8n();
		await n8n.activate();
		await emulator.tcopIdle();

		const pushes = await emulator.fireTcopAlarm({ policyId: CPU_POLICY });
		expect(pushes).toHaveLength(1);
		const [push] = pushes;
		expect(push.delivered).toBe(true);
		expect(push.attempts).toHaveLength(1);
		expect(push.attempts[0].status).toBe(200);
		expect(JSON.parse(push.attempts[0].body!)).toEqual({ sessionId: push.sessionIds[0], retCode: 0 });

		const runs = n8n.calls.filter((call) => call.run);
		expect(runs).toHaveLength(1);
		const run = await runs[0].run!;
		const items = run.output('Received');
		expect(items).toHaveLength(1);
		const item = items[0].json;
		expect(item).toMatchObject({
			state: 'firing',
			alarmType: 'metric',
			policyId: CPU_POLICY,
			policyName: 'prod-web-cpu-high',
			region: 'ap-guangzhou',
			regionCode: 'gz',
			regionResolved: true,
			namespace: 'qce/cvm',
			instanceId: 'ins-web00001',
			metric: 'cpu_usage',
			event: null,
			condition: 'cpu_usage > 80%',
			currentValue: 93.4,
			sessionId: push.sessionIds[0],
			recoveredAt: null,
		});
		expect(item.firstOccurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
		expect(item.body).toEqual({ ...push.payload, sessionId: push.sessionIds[0] });
		const serialized = JSON.stringify(items);
		expect(serialized).not.toContain(secretOf());
		expect(serialized).not.toContain(n8n.productionUrl);
	});

	test('a recovery starts the workflow with state "resolved"; an event alarm names its event', async () => {
		await startN8n();
		await n8n.activate();
		await emulator.fireTcopAlarm({ policyId: CPU_POLICY, status: 'recovery' });
		await emulator.fireTcopAlarm({ policyId: PING_POLICY });
		const items = await Promise.all(n8n.calls.filter((call) => call.run).map(async (call) => (await call.run!).output('Received')[0].json));
		expect(items).toEqual([
			expect.objectContaining({ state: 'resolved', policyId: CPU_POLICY, recoveredAt: expect.stringMatching(/\+08:00$/) }),
			expect.objectContaining({ state: 'firing', alarmType: 'event', event: 'ping_unreachable', instanceId: 'ins-web00001', metric: null }),
		]);
	});

	test('without the right secret: 403, nothing starts', async () => {
		await startN8n();
		await n8n.activate();
		const alarm = { sessionId: 's-1', alarmStatus: '1', alarmPolicyInfo: { policyId: CPU_POLICY }, alarmObjInfo: {} };

		expect(await post(n8n.productionUrl, alarm)).toMatchObject({ status: 403 });
		expect(await post(`${n8n.productionUrl}?secret=wrong`, alarm)).toMatchObject({ status: 403 });
		expect(await post(`${n8n.productionUrl}?secret=${secretOf().slice(0, -1)}`, alarm)).toMatchObject({ status: 403 });
		expect(await post(`${n8n.productionUrl}?secret=wrong`, { hello: 'world' })).toMatchObject({ status: 403 });
		expect(n8n.calls.filter((call) => call.run)).toEqual([]);
	});

	test('the URL check is 200 (with any secret: it may come before the secret is saved); with the secret a body that is no alarm is 400; nothing starts', async () => {
		await startN8n();
		await n8n.activate();
		const url = `${n8n.productionUrl}?secret=${secretOf()}`;
		expect(await post(url, {})).toEqual({ status: 200, body: { retCode: 0 } });
		expect(await post(n8n.productionUrl, {})).toEqual({ status: 200, body: { retCode: 0 } });
		expect(await post(url, { hello: 'world' })).toEqual({
			status: 400,
			body: { message: 'Not a Tencent Cloud Observability alarm: alarmStatus is missing or neither 1 (alarm) nor 0 (recovery)' },
		});
		expect(n8n.calls.filter((call) => call.run)).toEqual([]);
	});

	test.each(['text/plain', 'application/octet-stream'])(
		'an alarm sent as %s (TCOP documents no content type) is read from the raw body and runs',
		async (contentType) => {
			await startN8n();
			await n8n.activate();
			const alarm = {
				sessionId: 'raw-1',
				alarmStatus: '1',
				alarmType: 'metric',
				alarmObjInfo: { region: 'sh', namespace: 'qce/cvm', dimensions: { unInstanceId: 'ins-web00001' } },
				alarmPolicyInfo: { policyId: CPU_POLICY, policyName: 'prod-web-cpu-high', conditions: { metricName: 'cpu_usage' } },
				firstOccurTime: '2024-05-20 14:03:00',
				recoverTime: '0',
			};
			const response = await fetch(`${n8n.productionUrl}?secret=${secretOf()}`, {
				method: 'POST',
				headers: { 'Content-Type': contentType },
				body: JSON.stringify(alarm),
			});
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({ sessionId: 'raw-1', retCode: 0 });
			const [call] = n8n.calls.filter((candidate) => candidate.run);
			expect((await call.run!).output('Received')[0].json).toMatchObject({ region: 'ap-shanghai', instanceId: 'ins-web00001', body: alarm });
		},
	);

	test('after deactivation TCOP has nowhere to push: the policy\'s pushes go only to the templates left', async () => {
		await startN8n();
		await n8n.activate();
		await n8n.deactivate();
		const pushes = await emulator.fireTcopAlarm({ policyId: CPU_POLICY });
		expect(pushes.filter((push) => push.url.startsWith(n8n.productionUrl))).toEqual([]);
	});

	test('an existing template bound to other policies too: their alarms are answered retCode 0 and start nothing', async () => {
		// notice-ops00001 is bound to the CPU and the ping policy; the node is activated for the CPU policy only.
		await startN8n({ alarmPolicyIds: [CPU_POLICY], options: { noticeId: 'notice-ops00001' } });
		await n8n.activate();
		expect(noticeById('notice-ops00001')!.PolicyIds).toContain(PING_POLICY);
		const [ping] = await emulator.fireTcopAlarm({ policyId: PING_POLICY });
		expect(ping).toMatchObject({ delivered: true });
		expect(JSON.parse(ping.attempts[0].body!)).toEqual({ sessionId: ping.sessionIds[0], retCode: 0 });
		expect(n8n.calls.filter((call) => call.run)).toEqual([]);
		const [cpu] = await emulator.fireTcopAlarm({ policyId: CPU_POLICY });
		expect(cpu).toMatchObject({ delivered: true });
		expect(n8n.calls.filter((call) => call.run)).toHaveLength(1);
		await n8n.deactivate();
	});

	test('Notify On "alarms" with a template that tells both: a recovery is answered retCode 0 and starts nothing', async () => {
		await startN8n({ notifyOn: 'alarms', alarmPolicyIds: [CPU_POLICY], options: { noticeId: 'notice-ops00001' } });
		await n8n.activate();
		const [recovery] = await emulator.fireTcopAlarm({ policyId: CPU_POLICY, status: 'recovery' });
		expect(recovery).toMatchObject({ delivered: true });
		expect(JSON.parse(recovery.attempts[0].body!)).toEqual({ sessionId: recovery.sessionIds[0], retCode: 0 });
		expect(n8n.calls.filter((call) => call.run)).toEqual([]);
		await n8n.deactivate();
	});
});

describe('the pickers', () => {
	const pick = async (method: string) =>
		await loadOptions(method, {
			parameters: {},
			credentials: emulatorCredentials(emulator),
			nodeType: TENCENT_CLOUD_OBSERVABILITY_TRIGGER_TYPE,
		});

	test('Alarm Policies lists every policy of the account as "name (policy-id)"', async () => {
		const options = await pick('getAlarmPolicies');
		expect(options.map((option) => option.value).sort()).toEqual(emulator.alarmPolicies().map((policy) => policy.PolicyId).sort());
		expect(options).toContainEqual(expect.objectContaining({ name: `prod-web-cpu-high (${CPU_POLICY})`, value: CPU_POLICY }));
		const monitorCalls = emulator.log.filter((entry) => entry.action === 'DescribeAlarmPolicies');
		expect(monitorCalls.length).toBeGreaterThanOrEqual(1);
	});

	test('Notification Template lists every template as "name (notice-id)"', async () => {
		const options = await pick('getAlarmNotices');
		expect(options.map((option) => option.value).sort()).toEqual(['notice-ops00001', 'notice-sec00002']);
		expect(options).toContainEqual(expect.objectContaining({ name: 'ops-oncall (notice-ops00001)' }));
	});

	test('Notification Template reads every page: 203 templates, 200 a page', async () => {
		const created = 201;
		for (let start = 0; start < created; start += 20) {
			await Promise.all(
				Array.from({ length: Math.min(20, created - start) }, async (_, offset) =>
					await signedMonitorCall('CreateAlarmNotice', {
						Name: `bulk-${String(start + offset).padStart(3, '0')}`,
						NoticeType: 'ALL',
						NoticeLanguage: 'en-US',
					}),
				),
			);
		}
		const options = await pick('getAlarmNotices');
		expect(options).toHaveLength(created + 2);
		expect(new Set(options.map((option) => option.value)).size).toBe(created + 2);
		const pages = emulator.log.filter((entry) => entry.action === 'DescribeAlarmNotices');
		expect(pages).toHaveLength(2);
	});

	test('a key without Monitor permission gets Tencent\'s code and a hint naming the actions to allow', async () => {
		const failure = loadOptions('getAlarmPolicies', {
			parameters: {},
			credentials: emulatorCredentials(emulator, { secretId: VPC_ONLY_KEY.secretId, secretKey: VPC_ONLY_KEY.secretKey }),
			nodeType: TENCENT_CLOUD_OBSERVABILITY_TRIGGER_TYPE,
		});
		await expect(failure).rejects.toThrow(/Tencent Cloud error UnauthorizedOperation/);
		await expect(failure).rejects.toMatchObject({ description: expect.stringMatching(/monitor:\*/) });
	});

	test('activating with that key fails naming the step, and leaves nothing', async () => {
		n8n = new WebhookTriggerServer(triggerWorkflow(), TRIGGER, {
			tencentCloudApi: { ...emulatorCredentials(emulator).tencentCloudApi, secretId: VPC_ONLY_KEY.secretId, secretKey: VPC_ONLY_KEY.secretKey },
		});
		await n8n.start();
		await expect(n8n.activate()).rejects.toThrow(/^Could not list the alarm policies: Tencent Cloud error UnauthorizedOperation/);
		expect(ourNotices()).toEqual([]);
	});
});

describe('Listen for test event', () => {
	test('registers the test URL, survives TCOP\'s URL check, runs on the first alarm and then removes its template', async () => {
		const before = policyNotices();
		await startN8n();
		await n8n.listenForTestEvent();

		const [notice] = ourNotices();
		expect(urlsOf(notice)).toEqual([expect.stringMatching(new RegExp(`^${n8n.testUrl}\\?secret=[A-Za-z0-9_-]{32}$`))]);
		// The production workflow's static data is untouched by a test registration.
		expect(n8n.savedStaticData).toEqual({});
		await emulator.tcopIdle();
		expect(emulator.tcopChecks()).toEqual([expect.objectContaining({ status: 200 })]);
		expect(n8n.isListeningForTestEvent).toBe(true);

		const [push] = await emulator.fireTcopAlarm({ policyId: PING_POLICY });
		expect(push.delivered).toBe(true);
		const run = n8n.calls.find((call) => call.run)!;
		expect(run.isTest).toBe(true);
		expect((await run.run!).output('Received')[0].json).toMatchObject({ state: 'firing', policyId: PING_POLICY });

		await n8n.idle();
		expect(n8n.isListeningForTestEvent).toBe(false);
		expect(ourNotices()).toEqual([]);
		expect(policyNotices()).toEqual(before);
	});

	test('stopping the listening removes the test template', async () => {
		await startN8n();
		await n8n.listenForTestEvent();
		expect(ourNotices()).toHaveLength(1);
		await n8n.stopListening();
		expect(ourNotices()).toEqual([]);
	});
});

/** A Monitor call signed by the credential, as the console (or another tool) would change the account. */
async function signedMonitorCall(action: string, body: Record<string, unknown>): Promise<unknown> {
	const { TencentCloudApi } = await import('../../credentials/TencentCloudApi.credentials');
	const signed = await new TencentCloudApi().authenticate(emulatorCredentials(emulator).tencentCloudApi, {
		method: 'POST',
		url: '/',
		headers: { 'X-TC-Service': 'monitor', 'X-TC-Version': '2018-07-24', 'X-TC-Action': action },
		body: { Module: 'monitor', ...body },
		json: true,
	});
	const response = await fetch(String(signed.url), {
		method: 'POST',
		headers: signed.headers as Record<string, string>,
		body: typeof signed.body === 'string' ? signed.body : JSON.stringify(signed.body),
	});
	const answer = (await response.json()) as { Response: { Error?: { Code: string } } };
	if (answer.Response.Error) throw new Error(`${action}: ${answer.Response.Error.Code}`);
	return answer;
}
