// n8n in queue mode, as production runs it when one process is not enough: Redis, PostgreSQL, one
// main that takes the webhooks and two `n8n worker` processes that run the executions, each with the
// package installed. The incident webhook example (Slack node disabled) is activated and loaded with
// concurrent alerts; results are read back through the main's REST API and the emulator. The TCOP
// trigger's workflow is activated through the main's REST API and fired by the emulator.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import type { TrafficMirror } from '../../dev/emulator/types';
import { type EmulatorProcess, startEmulatorProcess } from '../../dev/e2e/emulatorProcess';
import { activateWithCli, lifecycleExamplesToImport, NOTIFY_EXAMPLE, postToWebhook, waitFor } from '../../dev/e2e/lifecycleExamples';
import { readManifest } from '../../dev/e2e/manifest';
import type { N8nInstall } from '../../dev/e2e/n8nInstall';
import { type ExecutionSummary, isFinished, listExecutions, readExecution } from '../../dev/e2e/queueMode/executionsApi';
import { N8nQueueCluster } from '../../dev/e2e/queueMode/n8nQueueCluster';
import { progress } from '../../dev/e2e/processes';
import { alarmRunOf, productionWebhookUrl, pushOutcome, TCOP_TRIGGER_WORKFLOW, templatesOf } from '../../dev/e2e/tcopTriggerWorkflow';
import { selectedQueueModeVersions } from '../../dev/e2e/versions';
import { activateWorkflow, deactivateWorkflow } from '../../dev/e2e/workflowActivation';

const manifest = readManifest();
const installs = manifest.installs.filter((install) => selectedQueueModeVersions([install.version]).length > 0);
const EMULATOR_CREDENTIAL = { id: 'tencentCloudEmulator', name: 'Tencent Cloud emulator' };
const WEBHOOK_NODE = 'Incident alert';
const CREATE_NODE = 'Create Traffic Mirror';

/** An alert for the notify example: one fleet ENI of vpc-emu00009 each (an ENI can feed one mirror only). */
function alert(incidentId: string, fleetEni: number): IDataObject {
	return {
		incidentId,
		region: 'ap-guangzhou',
		vpcId: 'vpc-emu00009',
		affectedEnis: [`eni-flt${String(fleetEni).padStart(5, '0')}`],
		collectorIp: '10.9.200.10',
		direction: 'ALL',
		summary: 'queue-mode load',
	};
}

/** What one execution of the notify example did, from its run data. */
interface ExecutionResult {
	id: string;
	status: string;
	incidentId?: string;
	mirror?: IDataObject;
	error?: string;
	worker?: string;
}

if (installs.length === 0) {
	test.skip(`queue mode: none of the selected n8n versions (${manifest.installs.map((i) => i.version).join(', ')}) is one it runs (dev/e2e/versions.ts)`, () => {});
}

describe.each(installs.map((install) => [install.version, install] as const))(
	'n8n %s in queue mode (Redis, PostgreSQL 15, one main, two workers)',
	(version: string, install: N8nInstall) => {
		const netLog = path.join(manifest.workDir, `outbound-queue-${version}.jsonl`);
		let emulator: EmulatorProcess;
		let cluster: N8nQueueCluster;
		/** Executions of earlier tests, left out of each test's count. */
		let seen = new Set<string>();

		beforeAll(async () => {
			const started = Date.now();
			// 100 ms per call, as from a nearby region: concurrent executions overlap on Tencent's side.
			emulator = await startEmulatorProcess(0, ['--latency', '100']);
			const notify = lifecycleExamplesToImport().find((workflow) => workflow.id === NOTIFY_EXAMPLE.id)!;
			cluster = await N8nQueueCluster.start({
				install,
				pack: manifest.pack,
				dir: path.join(manifest.workDir, `queue-${version}`),
				encryptionKey: randomBytes(24).toString('hex'),
				netLog,
				prepare: async (cli) => {
					const { url, secretId, secretKey } = emulator.banner;
					await cli.importCredentials([
						{ ...EMULATOR_CREDENTIAL, type: 'tencentCloudApi', data: { secretId, secretKey, sessionToken: '', site: 'intl', endpoint: url } },
					]);
					await cli.importWorkflows([notify, TCOP_TRIGGER_WORKFLOW]);
					await activateWithCli(cli, version, NOTIFY_EXAMPLE.id);
				},
			});
			progress(`queue mode ${version}: Redis, PostgreSQL, main and 2 workers up in ${Math.round((Date.now() - started) / 1000)} s`);
		}, 600_000);

		afterAll(async () => {
			try {
				await cluster?.stop();
			} finally {
				await emulator?.stop();
			}
		}, 120_000);

		/** POSTs every body at once; each must be answered as the example answers: at once, before it runs. */
		async function postAllAtOnce(bodies: IDataObject[]): Promise<void> {
			const answers = await Promise.all(bodies.map(async (body) => await postToWebhook(cluster.main, NOTIFY_EXAMPLE.webhookPath, body)));
			// The Webhook node responds "Immediately" (the example's default): the mirror is not in the answer.
			expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(new Set([JSON.stringify({ status: 200, text: '{"message":"Workflow was started"}' })]));
		}

		/** Waits for `count` new finished executions of the example; reads each back through the REST API. */
		async function newExecutions(count: number): Promise<ExecutionResult[]> {
			const finished = await waitFor(
				`${count} finished executions of ${NOTIFY_EXAMPLE.id}`,
				async () => {
					const fresh = (await listExecutions(cluster.main, NOTIFY_EXAMPLE.id)).filter((execution) => !seen.has(execution.id));
					return fresh.length >= count && fresh.every(isFinished) ? fresh : undefined;
				},
				180_000,
			);
			seen = new Set([...seen, ...finished.map((execution) => execution.id)]);
			const workerOf = new Map<string, string[]>();
			for (const worker of cluster.workers) {
				for (const id of worker.startedExecutionIds()) workerOf.set(id, [...(workerOf.get(id) ?? []), worker.name]);
			}
			return await Promise.all(finished.map(async (summary) => resultOf(summary, workerOf.get(summary.id))));
		}

		async function resultOf(summary: ExecutionSummary, workers: string[] = []): Promise<ExecutionResult> {
			const { run } = await readExecution(cluster.main, summary.id);
			const runData = run.data.resultData.runData;
			const body = runData[WEBHOOK_NODE]?.[0]?.data?.main?.[0]?.[0]?.json.body as IDataObject | undefined;
			const create = runData[CREATE_NODE]?.[0];
			return {
				id: summary.id,
				status: summary.status,
				incidentId: body?.incidentId as string | undefined,
				mirror: create?.data?.main?.[0]?.[0]?.json,
				error: create?.error?.message ?? run.data.resultData.error?.message,
				// Exactly one worker is expected; several (or none) show up as a joined name that matches none.
				worker: workers.join('+'),
			};
		}

		function failures(results: ExecutionResult[]): ExecutionResult[] {
			return results.filter((result) => result.status !== 'success' || result.error !== undefined);
		}

		async function mirrorsByName(): Promise<Map<string, TrafficMirror>> {
			return new Map((await emulator.mirrors('ap-guangzhou')).map((mirror) => [mirror.TrafficMirrorName, mirror]));
		}

		test('40 distinct alerts POSTed at once: each execution returns its own mirror, spread over both workers, none failed', async () => {
			await emulator.reset();
			const alerts = Array.from({ length: 40 }, (_, i) => alert(`INC-Q${String(i + 1).padStart(3, '0')}`, i));
			const started = Date.now();
			await postAllAtOnce(alerts);
			const results = await newExecutions(alerts.length);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);

			expect(failures(results)).toEqual([]);
			expect(results.map((result) => result.incidentId).sort()).toEqual(alerts.map((a) => a.incidentId).sort());

			const mirrors = await mirrorsByName();
			expect([...mirrors.keys()].sort()).toEqual(alerts.map((a) => `incident-${a.incidentId as string}`).sort());
			for (const result of results) {
				const alertBody = alerts.find((a) => a.incidentId === result.incidentId)!;
				const mirror = mirrors.get(`incident-${result.incidentId!}`);
				expect(mirror?.CollectorSrcs).toEqual(alertBody.affectedEnis);
				expect(result.mirror).toEqual({ ...mirror, RequestId: expect.any(String) as unknown });
			}
			const log = await emulator.log();
			expect(log.filter((e) => e.action === 'CreateTrafficMirror' && e.code === 'Success')).toHaveLength(40);

			const names = cluster.workers.map((worker) => worker.name);
			const perWorker = names.map((name) => results.filter((result) => result.worker === name).length);
			expect({ unattributed: results.filter((result) => !names.includes(result.worker!)).map((r) => [r.id, r.worker]) }).toEqual({ unattributed: [] });
			expect(perWorker.every((count) => count > 0)).toBe(true);
			const throttled = log.filter((e) => e.code === 'RequestLimitExceeded').length;
			progress(`queue mode ${version}: 40 alerts in ${seconds} s; executions per worker ${perWorker.join(' / ')}; ${throttled} of ${log.length} calls throttled`);
		}, 300_000);

		test('the same 20 alerts each POSTed twice at the same moment: 20 mirrors, and both executions of an alert return the same one', async () => {
			await emulator.reset();
			const alerts = Array.from({ length: 20 }, (_, i) => alert(`INC-D${String(i + 1).padStart(3, '0')}`, 100 + i));
			await postAllAtOnce(alerts.flatMap((a) => [a, a]));
			const results = await newExecutions(alerts.length * 2);

			const mirrors = await mirrorsByName();
			const byAlert = alerts.map((a) => {
				const pair = results.filter((result) => result.incidentId === a.incidentId);
				return {
					incidentId: a.incidentId,
					executions: pair.length,
					workers: pair.map((result) => result.worker).sort(),
					returned: [...new Set(pair.map((result) => result.mirror?.TrafficMirrorId ?? `failed: ${result.error ?? result.status}`))],
					kept: mirrors.get(`incident-${a.incidentId as string}`)?.TrafficMirrorId,
				};
			});
			const splitPairs = byAlert.filter((pair) => pair.workers[0] !== pair.workers[1]).length;
			const calls = (await emulator.log()).filter((e) => e.action === 'CreateTrafficMirror' || e.action === 'DeleteTrafficMirror');
			const tally = [...new Set(calls.map((e) => `${e.action} ${e.code}`))].map((kind) => `${calls.filter((e) => `${e.action} ${e.code}` === kind).length} × ${kind}`);
			progress(`queue mode ${version}: ${splitPairs} of 20 duplicated alerts ran on both workers; ${tally.join(', ')}; ${mirrors.size} mirrors left`);

			expect(failures(results)).toEqual([]);
			// One mirror per alert, and both executions of the alert return that mirror.
			expect(byAlert.filter((pair) => pair.executions !== 2 || pair.returned.length !== 1 || pair.returned[0] !== pair.kept)).toEqual([]);
			expect(mirrors.size).toBe(20);
			// The duplicates must really have raced on two workers for this test to say anything about them.
			expect(splitPairs).toBeGreaterThan(0);
		}, 300_000);

		test('the TCOP trigger: activated through the main, it registers one template, once; a fired alarm runs on a worker', async () => {
			await emulator.reset();
			await activateWorkflow(cluster.main, TCOP_TRIGGER_WORKFLOW.id);
			const templates = templatesOf(cluster.main, await emulator.tcop.notices());
			expect(templates.map((notice) => notice.URLNotices.map((urlNotice) => urlNotice.URL.split('?')[0]))).toEqual([[productionWebhookUrl(cluster.main)]]);
			// Only the main registered it: the workers never activate workflows.
			const creates = (await emulator.log()).filter((entry) => entry.action === 'CreateAlarmNotice');
			expect(creates.map((entry) => entry.code)).toEqual(['Success']);

			const [push, ...others] = await emulator.tcop.fire({ policyId: 'policy-a1b2c3d4' });
			expect(others).toEqual([]);
			expect(pushOutcome(push)).toEqual({ delivered: true, attempts: 1, status: 200, body: { sessionId: push.sessionIds[0], retCode: 0 } });
			const [execution] = await waitFor(`the execution of ${TCOP_TRIGGER_WORKFLOW.id}`, async () => {
				const list = await listExecutions(cluster.main, TCOP_TRIGGER_WORKFLOW.id);
				return list.length > 0 && list.every(isFinished) ? list : undefined;
			});
			const run = await alarmRunOf(cluster.main, execution);
			expect(run).toMatchObject({ status: 'success', branches: ['Alarm branch'], item: { state: 'firing', instanceId: 'ins-web00001' } });
			expect((await listExecutions(cluster.main, TCOP_TRIGGER_WORKFLOW.id)).map((summary) => summary.id)).toEqual([execution.id]);
			const ranOn = cluster.workers.filter((worker) => worker.startedExecutionIds().includes(execution.id)).map((worker) => worker.name);
			expect(ranOn).toHaveLength(1);
			progress(`queue mode ${version}: the TCOP alarm ran on ${ranOn[0]}`);

			await deactivateWorkflow(cluster.main, TCOP_TRIGGER_WORKFLOW.id);
			expect(templatesOf(cluster.main, await emulator.tcop.notices())).toEqual([]);
		}, 300_000);

		test('n8n connected to nothing but 127.0.0.1', () => {
			const entries = fs
				.readFileSync(netLog, 'utf8')
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line) as { kind: string });
			// The CLI imports, the main and both workers ran with the loopback guard.
			expect(entries.filter((entry) => entry.kind === 'guard-loaded').length).toBeGreaterThanOrEqual(6);
			expect(entries.filter((entry) => entry.kind !== 'guard-loaded')).toEqual([]);
		});
	},
);
