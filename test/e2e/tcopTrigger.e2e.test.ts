// The Tencent Cloud Observability Trigger in real n8n (each pinned version): a workflow activated
// through the REST API of a running `n8n start`, as the editor does it, registers its callback with
// TCOP (the emulator), receives the alarms the emulator pushes, and removes what it registered when
// it is deactivated. One n8n per version (restarted once) and one emulator for the whole file.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { installAsCommunityPackage } from '../../dev/e2e/communityPackage';
import type { AlarmNotice, AlarmPolicySummary, PushRecord } from '../../dev/emulator/types';
import { type EmulatorProcess, startEmulatorProcess } from '../../dev/e2e/emulatorProcess';
import { waitFor } from '../../dev/e2e/lifecycleExamples';
import { readManifest } from '../../dev/e2e/manifest';
import type { N8nInstall } from '../../dev/e2e/n8nInstall';
import { n8nEnvironment } from '../../dev/e2e/n8nEnv';
import { N8nCli } from '../../dev/e2e/n8nRunner';
import { N8nServer } from '../../dev/e2e/n8nServer';
import { freePort, progress } from '../../dev/e2e/processes';
import { isFinished, listExecutions } from '../../dev/e2e/queueMode/executionsApi';
import {
	type AlarmRun,
	alarmRunOf,
	productionWebhookUrl,
	pushOutcome,
	TCOP_TRIGGER_NODE,
	TCOP_TRIGGER_WORKFLOW,
	templatesOf,
} from '../../dev/e2e/tcopTriggerWorkflow';
import { activateWorkflow, activeWorkflowsRestored, deactivateWorkflow } from '../../dev/e2e/workflowActivation';

const manifest = readManifest();
const EMULATOR_CREDENTIAL = { id: 'tencentCloudEmulator', name: 'Tencent Cloud emulator' };
const WORKFLOW_ID = TCOP_TRIGGER_WORKFLOW.id;
const CHOSEN_POLICIES = [...TCOP_TRIGGER_NODE.policyIds].sort();
/** The name activation gives the template: "n8n <workflow> <node>", cut to TCOP's 60 characters. */
const TEMPLATE_NAME = `n8n ${TCOP_TRIGGER_WORKFLOW.name} ${TCOP_TRIGGER_NODE.name}`.slice(0, 60);

const byKey = <T>(items: T[], key: (item: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));
const sortedPolicies = (policies: AlarmPolicySummary[]) => byKey(policies, (p) => p.PolicyId).map((p) => ({ ...p, NoticeIds: [...p.NoticeIds].sort() }));
const sortedNotices = (notices: AlarmNotice[]) => byKey(notices, (n) => n.Id).map((n) => ({ ...n, PolicyIds: [...n.PolicyIds].sort() }));

/** TCOP's "YYYY-MM-DD HH:MM:SS" (no zone; UTC+8 assumed) as the trigger gives it. */
function asUtc8Iso(value: unknown): string {
	expect(value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	return `${(value as string).replace(' ', 'T')}+08:00`;
}

/** The item the trigger makes of a metric alarm push of policy-a1b2c3d4 (ins-web00001 in gz). */
function normalized(push: PushRecord, expected: { state: string; currentValue: number; recoveredAt: string | null }): IDataObject {
	const body: IDataObject = { ...push.payload, sessionId: push.sessionIds[0] };
	const objInfo = body.alarmObjInfo as IDataObject;
	return {
		...expected,
		alarmType: 'metric',
		policyId: 'policy-a1b2c3d4',
		policyName: 'prod-web-cpu-high',
		policyType: 'cvm_device',
		region: 'ap-guangzhou',
		regionCode: 'gz',
		regionResolved: true,
		namespace: 'qce/cvm',
		instanceId: 'ins-web00001',
		dimensions: objInfo.dimensions,
		metric: 'cpu_usage',
		event: null,
		condition: 'cpu_usage > 80%',
		firstOccurredAt: asUtc8Iso(body.firstOccurTime),
		durationSeconds: body.durationTime,
		sessionId: push.sessionIds[0],
		body,
	};
}

/** A push answered at once with the documented body: HTTP 200, its sessionId, retCode 0, on the first attempt. */
function expectDeliveredAtFirstAttempt(record: PushRecord): void {
	expect(pushOutcome(record)).toEqual({ delivered: true, attempts: 1, status: 200, body: { sessionId: record.sessionIds[0], retCode: 0 } });
	expect(record.sessionIds).toHaveLength(1);
}

describe.each(manifest.installs.map((install) => [install.version, install] as const))('n8n %s: the TCOP trigger', (version: string, install: N8nInstall) => {
	const userFolder = path.join(manifest.workDir, `user-tcop-trigger-${version}`);
	const netLog = path.join(manifest.workDir, `outbound-tcop-trigger-${version}.jsonl`);
	let emulator: EmulatorProcess;
	let server: N8nServer;
	/** The seeded TCOP state, before n8n touched it. */
	let seededNotices: AlarmNotice[];
	let seededPolicies: AlarmPolicySummary[];
	/** Executions already looked at by earlier tests. */
	const seen = new Set<string>();

	beforeAll(async () => {
		const started = Date.now();
		fs.mkdirSync(userFolder, { recursive: true });
		await installAsCommunityPackage(userFolder, manifest.pack);
		emulator = await startEmulatorProcess();
		seededNotices = sortedNotices(await emulator.tcop.notices());
		seededPolicies = sortedPolicies(await emulator.tcop.policies());
		const port = await freePort();
		const env = n8nEnvironment(install, { userFolder, encryptionKey: randomBytes(24).toString('hex'), port, brokerPort: await freePort(), netLog });
		const cli = new N8nCli(install, env, userFolder, path.join(manifest.workDir, `logs-tcop-trigger-${version}`));
		const { banner } = emulator;
		await cli.importCredentials([
			{ ...EMULATOR_CREDENTIAL, type: 'tencentCloudApi', data: { secretId: banner.secretId, secretKey: banner.secretKey, sessionToken: '', site: 'intl', endpoint: banner.url } },
		]);
		await cli.importWorkflows([TCOP_TRIGGER_WORKFLOW]);
		server = new N8nServer(install, env, userFolder, port);
		await server.start();
		await server.loginAsOwner();
		progress(`TCOP trigger: n8n ${version} ready on ${server.url} after ${Math.round((Date.now() - started) / 1000)} s`);
	}, 400_000);

	afterAll(async () => {
		await server?.stop();
		await emulator?.stop();
	});

	const productionUrl = () => productionWebhookUrl(server);

	/** The templates that point at this n8n. */
	async function ourTemplates(): Promise<AlarmNotice[]> {
		return templatesOf(server, await emulator.tcop.notices());
	}

	/** The one template activation created; fails when there is none or more than one. */
	async function theTemplate(): Promise<AlarmNotice> {
		const ours = await ourTemplates();
		expect(ours).toHaveLength(1);
		return ours[0];
	}

	/** Waits for `count` executions not seen before, all finished; reads each back. */
	async function newExecutions(count: number): Promise<AlarmRun[]> {
		const fresh = await waitFor(`${count} new finished execution(s) of ${WORKFLOW_ID}`, async () => {
			const list = (await listExecutions(server, WORKFLOW_ID)).filter((execution) => !seen.has(execution.id));
			return list.length >= count && list.every(isFinished) ? list : undefined;
		});
		for (const execution of fresh) seen.add(execution.id);
		return await Promise.all(fresh.map(async (summary) => await alarmRunOf(server, summary)));
	}

	/** No execution of the workflow beyond those seen, after time for one to start. */
	async function expectNoNewExecution(): Promise<void> {
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		expect((await listExecutions(server, WORKFLOW_ID)).filter((execution) => !seen.has(execution.id))).toEqual([]);
	}

	test('activating through the REST API: one template whose only callback is the production URL with a secret, bound to the chosen policies; their other templates stay', async () => {
		await activateWorkflow(server, WORKFLOW_ID);

		const template = await theTemplate();
		expect(template.Name).toBe(TEMPLATE_NAME);
		expect(template.URLNotices).toHaveLength(1);
		const url = new URL(template.URLNotices[0].URL);
		expect(`${url.origin}${url.pathname}`).toBe(productionUrl());
		expect([...url.searchParams.keys()]).toEqual(['secret']);
		expect(url.searchParams.get('secret')).toMatch(/^[\w-]{20,}$/);
		expect([...template.PolicyIds].sort()).toEqual(CHOSEN_POLICIES);

		// Each chosen policy keeps its templates and gains this one; the other policies are untouched.
		expect(sortedPolicies(await emulator.tcop.policies())).toEqual(
			seededPolicies.map((policy) => (CHOSEN_POLICIES.includes(policy.PolicyId) ? { ...policy, NoticeIds: [...policy.NoticeIds, template.Id].sort() } : policy)),
		);
		// The seeded templates are as they were.
		expect(sortedNotices((await emulator.tcop.notices()).filter((notice) => notice.Id !== template.Id))).toEqual(seededNotices);

		// TCOP's check of the saved URL reached n8n and was answered 200; it started nothing.
		const checks = await waitFor('the URL check', async () => {
			const made = (await emulator.tcop.checks()).filter((check) => check.url === template.URLNotices[0].URL);
			return made.length > 0 ? made : undefined;
		});
		expect(checks.map((check) => check.status)).toEqual([200]);
		await expectNoNewExecution();
	});

	test('an alarm: answered retCode 0 at the first push, one execution with the normalized item on the alarm branch; its recovery takes the recovery branch', async () => {
		const pushesBefore = (await emulator.tcop.pushes()).length;
		const template = await theTemplate();

		const [alarm, ...otherAlarmPushes] = await emulator.tcop.fire({ policyId: 'policy-a1b2c3d4' });
		expect(otherAlarmPushes).toEqual([]);
		expect(alarm.url).toBe(template.URLNotices[0].URL);
		expectDeliveredAtFirstAttempt(alarm);
		const [firing] = await newExecutions(1);
		expect(firing).toMatchObject({ status: 'success', branches: ['Alarm branch'] });
		expect(firing.item).toEqual(normalized(alarm, { state: 'firing', currentValue: 93.4, recoveredAt: null }));

		const [recovery] = await emulator.tcop.fire({ policyId: 'policy-a1b2c3d4', status: 'recovery' });
		expectDeliveredAtFirstAttempt(recovery);
		const [resolved] = await newExecutions(1);
		expect(resolved).toMatchObject({ status: 'success', branches: ['Recovery branch'] });
		expect(resolved.item).toEqual(normalized(recovery, { state: 'resolved', currentValue: 37.8, recoveredAt: asUtc8Iso(recovery.payload.recoverTime) }));

		// Nothing was pushed again, and nothing else ran.
		expect((await emulator.tcop.pushes()).slice(pushesBefore)).toHaveLength(2);
		await expectNoNewExecution();
	});

	test('a call without the secret or with a wrong one is refused (403) and starts nothing; the URL check body is answered 200 and starts nothing', async () => {
		const template = await theTemplate();
		const withSecret = new URL(template.URLNotices[0].URL);
		const wrong = new URL(withSecret);
		wrong.searchParams.set('secret', `${withSecret.searchParams.get('secret')!}x`);
		const post = async (url: string, body: unknown) =>
			await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		// Enough of an alarm's shape that only the secret decides.
		const alarmBody = { sessionId: 'e2e-refused-0001', alarmStatus: '1', alarmType: 'metric', alarmPolicyInfo: { policyId: 'policy-a1b2c3d4' } };

		expect((await post(productionUrl(), alarmBody)).status).toBe(403);
		expect((await post(wrong.toString(), alarmBody)).status).toBe(403);
		expect((await post(withSecret.toString(), {})).status).toBe(200);
		await expectNoNewExecution();
	});

	test('activating again keeps one template; deactivating removes it and restores every binding', async () => {
		await activateWorkflow(server, WORKFLOW_ID);
		await theTemplate();

		await deactivateWorkflow(server, WORKFLOW_ID);
		expect(await ourTemplates()).toEqual([]);
		expect(sortedNotices(await emulator.tcop.notices())).toEqual(seededNotices);
		expect(sortedPolicies(await emulator.tcop.policies())).toEqual(seededPolicies);
	});

	test('restarting n8n while the workflow is active keeps the one template, and alarms still arrive', async () => {
		await activateWorkflow(server, WORKFLOW_ID);
		const before = await theTemplate();
		const logBefore = (await emulator.log()).length;

		await server.stop();
		await server.start();
		await server.loginAsOwner();
		await activeWorkflowsRestored(server, WORKFLOW_ID);

		expect(await theTemplate()).toEqual(before);
		// n8n may check that the template is still there; it creates and deletes nothing.
		const calls = (await emulator.log()).slice(logBefore).map((entry) => entry.action);
		expect(calls.filter((action) => !/^Describe/.test(action ?? ''))).toEqual([]);
		const [push] = await emulator.tcop.fire({ policyId: 'policy-e5f6g7h8' });
		expectDeliveredAtFirstAttempt(push);
		expect(await newExecutions(1)).toMatchObject([{ status: 'success', branches: ['Alarm branch'] }]);
	}, 300_000);

	test('a template deleted in the console: deactivating is no error, and the next activation creates a new one bound to the policies', async () => {
		const deleted = await theTemplate();
		await emulator.tcop.deleteNotice(deleted.Id);
		await deactivateWorkflow(server, WORKFLOW_ID);
		expect(sortedPolicies(await emulator.tcop.policies())).toEqual(seededPolicies);

		await activateWorkflow(server, WORKFLOW_ID);
		const created = await theTemplate();
		expect(created.Id).not.toBe(deleted.Id);
		expect([...created.PolicyIds].sort()).toEqual(CHOSEN_POLICIES);
		const [push] = await emulator.tcop.fire({ policyId: 'policy-a1b2c3d4' });
		expectDeliveredAtFirstAttempt(push);
		expect(await newExecutions(1)).toMatchObject([{ status: 'success', branches: ['Alarm branch'] }]);

		await deactivateWorkflow(server, WORKFLOW_ID);
		expect(sortedNotices(await emulator.tcop.notices())).toEqual(seededNotices);
		expect(sortedPolicies(await emulator.tcop.policies())).toEqual(seededPolicies);
	});

	test('n8n connected to nothing but 127.0.0.1', () => {
		const lines = fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8').trim().split('\n').filter(Boolean) : [];
		const entries = lines.map((line) => JSON.parse(line) as { kind: string });
		expect(entries.filter((entry) => entry.kind === 'guard-loaded').length).toBeGreaterThanOrEqual(3);
		expect(entries.filter((entry) => entry.kind !== 'guard-loaded')).toEqual([]);
	});
});
