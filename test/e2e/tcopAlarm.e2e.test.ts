// examples/tcop-alarm-traffic-mirror.workflow.json in real n8n (each pinned version): activated,
// served by `n8n start`, and called the way Tencent Cloud Observability calls an API callback.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import type { RequestLogEntry } from '../../dev/emulator/types';
import { installAsCommunityPackage } from '../../dev/e2e/communityPackage';
import { type EmulatorProcess, startEmulatorProcess } from '../../dev/e2e/emulatorProcess';
import { activateWithCli, finishedExecutionStatuses, waitFor } from '../../dev/e2e/lifecycleExamples';
import { readManifest } from '../../dev/e2e/manifest';
import type { N8nInstall } from '../../dev/e2e/n8nInstall';
import { n8nEnvironment } from '../../dev/e2e/n8nEnv';
import { N8nCli } from '../../dev/e2e/n8nRunner';
import { N8nServer } from '../../dev/e2e/n8nServer';
import { freePort } from '../../dev/e2e/processes';
import { REPO_ROOT } from '../../dev/e2e/versions';

const manifest = readManifest();
const WORKFLOW_ID = 'e2eTcopAlarmEx';
const WEBHOOK_PATH = 'tcop-alarm';
/** The example's Slack nodes: no credential and no network here, so they are disabled in the imported copy. */
const SLACK_TYPE = 'n8n-nodes-base.slack';
/** What a user in the emulator's account writes into the example's "Settings (change these)". */
const USER_SETTINGS: Record<string, string> = { vpcId: 'vpc-emu00001', collectorIp: '10.0.2.20', slackChannelId: 'C0ONCALL01' };
/** The credentials the example refers to, by id. */
const EMULATOR_CREDENTIAL = { id: 'tencentCloudEmulator', name: 'Tencent Cloud emulator' };
const BASIC_AUTH_CREDENTIAL = { id: 'tcopCallbackBasicAuth', name: 'TCOP callback (Basic Auth)' };
const MIRROR_NAME = 'tcop-policy-a1b2c3d4-ins-web00001';

/** TCOP's documented metric alarm body (reference §4), for the emulator's instance ins-web00001 in `gz`. */
function alarmBody(sessionId: string, alarmStatus: string | number): IDataObject {
	const resolved = String(alarmStatus) === '0';
	return {
		sessionId,
		alarmStatus,
		alarmType: 'metric',
		alarmObjInfo: {
			region: 'gz',
			namespace: 'qce/cvm',
			appId: '1250000000',
			uin: '100000000001',
			dimensions: { unInstanceId: 'ins-web00001', objId: '3f6c1d2e-8a41-4b7e-9c55-0d2a7e6b1f90', objName: '10.0.1.21#1234567' },
		},
		alarmPolicyInfo: {
			policyId: 'policy-a1b2c3d4',
			policyType: 'cvm_device',
			policyName: 'prod-web-cpu-high',
			policyTypeCName: 'CVM - basic monitoring',
			conditions: {
				metricName: 'cpu_usage',
				metricShowName: 'CPU utilization',
				calcType: '>',
				calcValue: '80',
				calcUnit: '%',
				currentValue: resolved ? '37.8' : '93.4',
				historyValue: resolved ? '93.4' : '41.2',
				unit: '%',
				period: '60',
				periodNum: '3',
				alarmNotifyType: 'continuousAlarm',
				alarmNotifyPeriod: 300,
			},
		},
		firstOccurTime: '2024-05-20 14:03:00',
		durationTime: resolved ? 1260 : 0,
		recoverTime: resolved ? '2024-05-20 14:24:00' : '0',
	};
}

interface CallbackAnswer {
	status: number;
	text: string;
}

/**
 * POSTs a callback body as TCOP does (JSON, Basic Auth taken from the URL's user:password). n8n
 * registers active webhooks after its REST API answers, so a 404 "not registered" is retried.
 */
async function postCallback(server: N8nServer, body: IDataObject, authorization?: string): Promise<CallbackAnswer> {
	return await waitFor(`the webhook ${WEBHOOK_PATH} to be registered`, async () => {
		const response = await fetch(`${server.url}/webhook/${WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		return response.status === 404 && text.includes('is not registered') ? undefined : { status: response.status, text };
	});
}

function basic(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The documented answer: HTTP 200, `{"sessionId": <the push's>, "retCode": 0}`. */
function expectDocumentedAnswer(answer: CallbackAnswer, sessionId: string): void {
	expect({ status: answer.status, body: JSON.parse(answer.text) as unknown }).toEqual({ status: 200, body: { sessionId, retCode: 0 } });
}

const calls = (log: RequestLogEntry[]) => log.map((entry) => [entry.action, entry.region, entry.code]);

describe.each(manifest.installs.map((install) => [install.version, install] as const))('n8n %s: the TCOP alarm example', (version: string, install: N8nInstall) => {
	const userFolder = path.join(manifest.workDir, `user-tcop-${version}`);
	const netLog = path.join(manifest.workDir, `outbound-tcop-${version}.jsonl`);
	const encryptionKey = randomBytes(24).toString('hex');
	const callbackUser = 'tcop';
	const callbackPassword = randomBytes(18).toString('base64url');
	let emulator: EmulatorProcess;
	let server: N8nServer;


	beforeAll(async () => {
		fs.mkdirSync(userFolder, { recursive: true });
		await installAsCommunityPackage(userFolder, manifest.pack);
		emulator = await startEmulatorProcess();
		const env = n8nEnvironment(install, { userFolder, encryptionKey, brokerPort: await freePort(), netLog });
		const cli = new N8nCli(install, env, userFolder, path.join(manifest.workDir, `logs-tcop-${version}`));
		const { banner } = emulator;
		await cli.importCredentials([
			{ ...EMULATOR_CREDENTIAL, type: 'tencentCloudApi', data: { secretId: banner.secretId, secretKey: banner.secretKey, sessionToken: '', site: 'intl', endpoint: banner.url } },
			{ ...BASIC_AUTH_CREDENTIAL, type: 'httpBasicAuth', data: { user: callbackUser, password: callbackPassword } },
		]);
		// The example as shipped, set up as its sticky note says, except its Slack nodes, disabled.
		const example = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'tcop-alarm-traffic-mirror.workflow.json'), 'utf8')) as {
			nodes: Array<{ name: string; type: string; disabled?: boolean; credentials?: unknown; parameters: IDataObject }>;
		};
		const slackNodes = example.nodes.filter((node) => node.type === SLACK_TYPE);
		if (slackNodes.length !== 3 || slackNodes.some((node) => node.credentials !== undefined)) throw new Error('expected three Slack nodes without a credential in the example');
		for (const slack of slackNodes) slack.disabled = true;
		const settings = example.nodes.find((node) => node.name === 'Settings (change these)');
		const assignments = (settings?.parameters.assignments as { assignments?: Array<{ name: string; value: unknown }> } | undefined)?.assignments ?? [];
		for (const assignment of assignments) if (assignment.name in USER_SETTINGS) assignment.value = USER_SETTINGS[assignment.name];
		if (assignments.filter((assignment) => assignment.name in USER_SETTINGS).length !== 3) throw new Error('expected vpcId, collectorIp and slackChannelId in "Settings (change these)"');
		await cli.importWorkflows([{ ...example, id: WORKFLOW_ID }]);
		await activateWithCli(cli, version, WORKFLOW_ID);
		const port = await freePort();
		server = new N8nServer(install, n8nEnvironment(install, { userFolder, encryptionKey, port, brokerPort: await freePort(), netLog }), userFolder, port);
		await server.start();
		await server.loginAsOwner();
	}, 400_000);

	afterAll(async () => {
		await server?.stop();
		await emulator?.stop();
	});

	test('a callback without the right Basic Auth credentials is refused and reaches no Tencent API', async () => {
		await emulator.reset();
		const body = alarmBody('Rf0pQ9vTz2LmA7cRw8NbY1dE', '1');
		const answers = [
			await postCallback(server, body),
			await postCallback(server, body, basic(callbackUser, `${callbackPassword}x`)),
			await postCallback(server, body, basic('someone', callbackPassword)),
			await postCallback(server, body, `Bearer ${callbackPassword}`),
		];
		// 401 without credentials; a wrong user or password is 401 in 2.x and 403 in 1.x.
		for (const answer of answers) {
			expect([401, 403]).toContain(answer.status);
			expect(answer.text).not.toContain('retCode');
		}
		expect(answers[0].status).toBe(401);
		// Time for anything a refused call might have started.
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		expect(await emulator.log()).toEqual([]);
		expect(await emulator.mirrors()).toEqual([]);
	});

	test('firing: one mirror of the instance\'s ENIs, however often TCOP pushes; resolved: it is stopped and deleted', async () => {
		await emulator.reset();
		const auth = basic(callbackUser, callbackPassword);

		// The first push (alarmStatus as the string "1").
		const first = alarmBody('Xk3pQ9vTz2LmA7cRw8NbY1dE', '1');
		expectDocumentedAnswer(await postCallback(server, first, auth), 'Xk3pQ9vTz2LmA7cRw8NbY1dE');
		expect(await finishedExecutionStatuses(server, WORKFLOW_ID, 1)).toEqual(['success']);
		const mirrors = await emulator.mirrors('ap-guangzhou');
		expect(mirrors.map((m) => [m.TrafficMirrorName, m.VpcId, m.State, m.Direction, m.CollectorSrcs, m.CollectorTarget.TargetIps])).toEqual([
			[MIRROR_NAME, 'vpc-emu00001', 'RUNNING', 'ALL', ['eni-web0001a', 'eni-web0001b'], ['10.0.2.20']],
		]);
		expect(mirrors[0].TrafficMirrorDescribe).toBe('TCOP prod-web-cpu-high: CPU utilization since 2024-05-20 14:03:00');
		// The short code gz reached Tencent as ap-guangzhou; the instance was resolved in the VPC first.
		expect(calls(await emulator.log())).toEqual([
			['DescribeNetworkInterfaces', 'ap-guangzhou', 'Success'],
			['DescribeTrafficMirrors', 'ap-guangzhou', 'Success'],
			['CreateTrafficMirror', 'ap-guangzhou', 'Success'],
			// returnExisting checks that no other worker created the name at the same moment.
			['DescribeTrafficMirrors', 'ap-guangzhou', 'Success'],
		]);

		// TCOP retries a push up to 3 times: the same body three times at once.
		const retries = await Promise.all([1, 2, 3].map(async () => await postCallback(server, first, auth)));
		for (const answer of retries) expectDocumentedAnswer(answer, 'Xk3pQ9vTz2LmA7cRw8NbY1dE');
		expect(await finishedExecutionStatuses(server, WORKFLOW_ID, 4)).toEqual(['success', 'success', 'success', 'success']);
		expect((await emulator.mirrors()).map((m) => [m.TrafficMirrorId, m.CollectorSrcs])).toEqual([[mirrors[0].TrafficMirrorId, ['eni-web0001a', 'eni-web0001b']]]);
		expect((await emulator.log()).filter((entry) => entry.action === 'CreateTrafficMirror')).toHaveLength(1);

		// Resolved (alarmStatus as the number 0): found by name in the VPC, stopped, deleted.
		const before = (await emulator.log()).length;
		const resolved = alarmBody('Hq5WmR2sLx8YtB4nC0aZe6Vu', 0);
		expectDocumentedAnswer(await postCallback(server, resolved, auth), 'Hq5WmR2sLx8YtB4nC0aZe6Vu');
		expect(await finishedExecutionStatuses(server, WORKFLOW_ID, 5)).toEqual(['success', 'success', 'success', 'success', 'success']);
		const cleanup = (await waitFor('the mirror to be deleted', async () => ((await emulator.mirrors()).length === 0 ? await emulator.log() : undefined))).slice(before);
		expect(cleanup.map((entry) => [entry.action, entry.code, (JSON.parse(entry.rawBody) as IDataObject).TrafficMirrorId])).toEqual([
			['DescribeTrafficMirrors', 'Success', undefined],
			['StopTrafficMirror', 'Success', mirrors[0].TrafficMirrorId],
			['DeleteTrafficMirror', 'Success', mirrors[0].TrafficMirrorId],
		]);
		expect(await emulator.mirrors()).toEqual([]);
	});

	test('n8n connected to nothing but 127.0.0.1', () => {
		const lines = fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8').trim().split('\n').filter(Boolean) : [];
		const entries = lines.map((line) => JSON.parse(line) as { kind: string });
		expect(entries.filter((entry) => entry.kind === 'guard-loaded').length).toBeGreaterThanOrEqual(3);
		expect(entries.filter((entry) => entry.kind !== 'guard-loaded')).toEqual([]);
	});
});
