// Real n8n (each pinned version): n8n's own HTTP Request node (v4.2) with "Predefined Credential
// Type → Tencent Cloud API" from the installed package, against the emulator in generic-service
// mode. The workflows are the ones the engine tests run (test/support/httpRequestWorkflows.ts).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, IRun, IWorkflowBase } from 'n8n-workflow';

import type { RequestLogEntry } from '../../dev/emulator/types';
import {
	ANY_API_EXAMPLE_EXPECTED_CALLS,
	ANY_API_EXAMPLE_EXPECTED_SUMMARY,
	ANY_API_EXAMPLE_SUMMARY,
	anyApiExample,
	HTTP_REQUEST_NODE,
	type HttpRequestCase,
	httpRequestCases,
	httpRequestWorkflow,
	MISSING_SERVICE_MESSAGE,
	OUTSIDE_HOST,
	OUTSIDE_HOST_HINT,
	OUTSIDE_HOST_MESSAGE,
	outsideHostCase,
	redirectCase,
} from '../support/httpRequestWorkflows';
import { type RecordingProxy, startRecordingProxy } from '../support/recordingProxy';
import { installAsCommunityPackage } from '../../dev/e2e/communityPackage';
import { type EmulatorProcess, startEmulatorProcess } from '../../dev/e2e/emulatorProcess';
import { readManifest } from '../../dev/e2e/manifest';
import type { N8nInstall } from '../../dev/e2e/n8nInstall';
import { n8nEnvironment } from '../../dev/e2e/n8nEnv';
import { type Execution, N8nCli, type WorkflowToImport } from '../../dev/e2e/n8nRunner';
import { freePort, tail } from '../../dev/e2e/processes';
import { nodeError, nodeOutput } from '../../dev/e2e/runData';

const manifest = readManifest();
/** The credential the shipped example names, so the example is imported as it is. */
const CREDENTIAL = { id: 'tencentCloudApiExample', name: 'Tencent Cloud API' };
const EXAMPLE_ID = 'e2eAnyApiExample';
/** The same key, restricted by n8n's "Allowed HTTP Request Domains": to Tencent's CVM host, or to no HTTP Request at all. */
const RESTRICTED_CREDENTIAL = { id: 'tencentCloudApiCvmOnly', name: 'Tencent Cloud API, cvm.tencentcloudapi.com only' };
const RESTRICTED_ID = 'e2eHttp_restricted';
const NO_HTTP_CREDENTIAL = { id: 'tencentCloudApiNoHttp', name: 'Tencent Cloud API, not for HTTP Request' };
const NO_HTTP_ID = 'e2eHttp_noHttp';
/** The same key with OUTSIDE_HOST in Extra Hosts to Sign: the control that shows the recording proxy is reachable. */
const LISTED_CREDENTIAL = { id: 'tencentCloudApiListedHost', name: 'Tencent Cloud API, signs for the proxy host' };
const OUTSIDE_ID = 'e2eHttp_outsideHost';
const OUTSIDE_LISTED_ID = 'e2eHttp_outsideHostListed';
const REDIRECT_ID = 'e2eHttp_redirect';
const REDIRECT_UNSIGNED_ID = 'e2eHttp_redirectUnsigned';
const CASES: HttpRequestCase[] = ['cvmPost', 'cvmGet', 'monitorExplicitVersion', 'missingService', 'headersAsTyped'];

/** Only what `n8n import:workflow` needs. */
function importable(id: string, workflow: IWorkflowBase): WorkflowToImport {
	return { id, name: `e2e: ${id}`, nodes: workflow.nodes, connections: workflow.connections, settings: workflow.settings ?? {}, pinData: {} };
}

function succeeded(execution: Execution): IRun {
	const error = execution.run?.data.resultData.error;
	if (execution.exitCode !== 0 || !execution.run || error) {
		throw new Error(
			`n8n execute failed (exit ${execution.exitCode ?? `by ${execution.signal ?? 'an unknown signal'}`}${error ? `, ${error.message}` : ''}, run status ${execution.run?.status ?? 'none'}):\n${tail(execution.output, 60)}`,
		);
	}
	expect(execution.run.status).toBe('success');
	return execution.run;
}

function responseOf(run: IRun, node = HTTP_REQUEST_NODE): IDataObject {
	const items = nodeOutput(run, node);
	expect(items).toHaveLength(1);
	return items[0].json.Response as IDataObject;
}

/** The X-TC-* headers that arrived (lower-cased by the emulator's HTTP server), without the timestamp. */
function tencentHeaders(entry: RequestLogEntry): Record<string, string> {
	return Object.fromEntries(Object.entries(entry.headers).filter(([name]) => name.startsWith('x-tc-') && name !== 'x-tc-timestamp'));
}

describe.each(manifest.installs.map((install) => [install.version, install] as const))(
	'n8n %s: the HTTP Request node signs any Tencent Cloud API with the package\'s credential',
	(version: string, install: N8nInstall) => {
		const userFolder = path.join(manifest.workDir, `user-http-${version}`);
		const netLog = path.join(manifest.workDir, `outbound-http-${version}.jsonl`);
		let emulator: EmulatorProcess;
		let proxy: RecordingProxy;
		/** Answers every plain request with a redirect to OUTSIDE_HOST. */
		let redirector: RecordingProxy;
		let cli: N8nCli;

		beforeAll(async () => {
			fs.mkdirSync(userFolder, { recursive: true });
			await installAsCommunityPackage(userFolder, manifest.pack);
			emulator = await startEmulatorProcess(0, ['--generic-services', '--rate-limit', '0']);
			proxy = await startRecordingProxy();
			redirector = await startRecordingProxy({ redirectTo: `https://${OUTSIDE_HOST}/` });
			const env = n8nEnvironment(install, { userFolder, encryptionKey: randomBytes(24).toString('hex'), brokerPort: await freePort(), netLog });
			cli = new N8nCli(install, env, userFolder, path.join(manifest.workDir, `logs-http-${version}`));
			const { banner } = emulator;
			const data = { secretId: banner.secretId, secretKey: banner.secretKey, sessionToken: '', site: 'intl', endpoint: '' };
			await cli.importCredentials([
				{ ...CREDENTIAL, type: 'tencentCloudApi', data },
				{
					...RESTRICTED_CREDENTIAL,
					type: 'tencentCloudApi',
					data: { ...data, allowedHttpRequestDomains: 'domains', allowedDomains: 'cvm.tencentcloudapi.com' },
				},
				{ ...NO_HTTP_CREDENTIAL, type: 'tencentCloudApi', data: { ...data, allowedHttpRequestDomains: 'none' } },
				{ ...LISTED_CREDENTIAL, type: 'tencentCloudApi', data: { ...data, extraSignedHosts: OUTSIDE_HOST } },
			]);
			const cases = httpRequestCases(banner.url);
			await cli.importWorkflows([
				...CASES.map((name) => importable(`e2eHttp_${name}`, httpRequestWorkflow(name, cases[name], CREDENTIAL))),
				importable(EXAMPLE_ID, anyApiExample(banner.url)),
				importable(RESTRICTED_ID, httpRequestWorkflow('restricted', cases.cvmPost, RESTRICTED_CREDENTIAL)),
				importable(NO_HTTP_ID, httpRequestWorkflow('noHttp', cases.cvmPost, NO_HTTP_CREDENTIAL)),
				importable(OUTSIDE_ID, httpRequestWorkflow('outsideHost', outsideHostCase(proxy.url), CREDENTIAL)),
				importable(OUTSIDE_LISTED_ID, httpRequestWorkflow('outsideHostListed', outsideHostCase(proxy.url), LISTED_CREDENTIAL)),
				importable(REDIRECT_ID, httpRequestWorkflow('redirect', redirectCase(redirector.url), CREDENTIAL)),
				importable(REDIRECT_UNSIGNED_ID, httpRequestWorkflow('redirectUnsigned', { ...redirectCase(redirector.url), authentication: 'none' }, CREDENTIAL)),
			]);
		}, 300_000);

		afterAll(async () => {
			await emulator?.stop();
			await proxy?.stop();
			await redirector?.stop();
		});

		async function execute(id: string) {
			const execution = await cli.executeFresh(id, async () => {
				await emulator.reset();
				proxy.reset();
				redirector.reset();
			});
			return { execution, log: await emulator.log() };
		}

		test('CVM DescribeInstances by POST with X-TC-Service: cvm', async () => {
			const { execution, log } = await execute('e2eHttp_cvmPost');
			const response = responseOf(succeeded(execution));
			expect(response.TotalCount).toBe(6);
			expect((response.InstanceSet as IDataObject[]).map((i) => i.InstanceId)).toEqual(['ins-emu00001', 'ins-emu00002']);
			expect(log).toHaveLength(1);
			expect(log[0]).toMatchObject({ service: 'cvm', version: '2017-03-12', action: 'DescribeInstances', region: 'ap-guangzhou', signatureVerdict: 'ok', code: 'Success' });
			expect(log[0].headers.authorization).toMatch(new RegExp(`^TC3-HMAC-SHA256 Credential=${emulator.banner.secretId}/\\d{4}-\\d{2}-\\d{2}/cvm/tc3_request, `));
			expect(tencentHeaders(log[0])).toEqual({ 'x-tc-action': 'DescribeInstances', 'x-tc-region': 'ap-guangzhou', 'x-tc-version': '2017-03-12' });
			expect(log[0].headers['content-type']).toBe('application/json; charset=utf-8');
			expect(log[0].rawBody).toBe('{"Filters":[{"Name":"vpc-id","Values":["vpc-emu00001"]}],"Limit":2}');
		});

		test('a GET whose query holds spaces, non-ASCII text and Filters.0.Name', async () => {
			const { execution, log } = await execute('e2eHttp_cvmGet');
			const response = responseOf(succeeded(execution));
			expect((response.InstanceSet as IDataObject[]).map((i) => [i.InstanceId, i.InstanceName])).toEqual([['ins-emu00004', 'packet collector 抓包机']]);
			expect(log).toHaveLength(1);
			expect(log[0]).toMatchObject({
				service: 'cvm',
				signatureVerdict: 'ok',
				code: 'Success',
				query: { Limit: '5', 'Filters.0.Name': 'instance-name', 'Filters.0.Values.0': 'packet collector 抓包机' },
				rawBody: '',
			});
			expect(log[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		});

		test('a service with several versions (Monitor) and an explicit X-TC-Version', async () => {
			const { execution, log } = await execute('e2eHttp_monitorExplicitVersion');
			const response = responseOf(succeeded(execution));
			expect(response).toMatchObject({ MetricName: 'CPUUsage', Period: 60, StartTime: '2026-12-03T10:00:00+08:00', EndTime: '2026-12-03T10:02:00+08:00' });
			expect(log.map((e) => [e.service, e.version, e.action, e.signatureVerdict, e.code])).toEqual([['monitor', '2018-07-24', 'GetMonitorData', 'ok', 'Success']]);
		});

		test('a loopback URL without X-TC-Service fails with the message, and nothing is sent', async () => {
			const { execution, log } = await execute('e2eHttp_missingService');
			expect(execution.exitCode).not.toBe(0);
			const run = execution.run;
			if (!run) throw new Error(`n8n printed no run data:\n${tail(execution.output)}`);
			expect(run.status).toBe('error');
			const error = nodeError(run, HTTP_REQUEST_NODE);
			expect(`${error?.message ?? ''} ${String((error as IDataObject | undefined)?.description ?? '')}`).toContain(MISSING_SERVICE_MESSAGE);
			expect(log).toEqual([]);
			expect(execution.output).not.toContain(emulator.banner.secretKey);
		});

		test('"Lowercase Headers" off: the headers as typed are read and each is sent once', async () => {
			const { execution, log } = await execute('e2eHttp_headersAsTyped');
			const response = responseOf(succeeded(execution));
			expect((response.InstanceSet as IDataObject[]).map((i) => i.InstanceId)).toEqual(['ins-emu00003']);
			expect(log).toHaveLength(1);
			expect(log[0]).toMatchObject({ service: 'cvm', signatureVerdict: 'ok', code: 'Success' });
			expect(tencentHeaders(log[0])).toEqual({ 'x-tc-action': 'DescribeInstances', 'x-tc-region': 'ap-guangzhou', 'x-tc-version': '2017-03-12' });
			expect(log[0].headers['x-request-note']).toBe('Kept As Typed');
		});

		test('examples/any-tencent-cloud-api.workflow.json, as shipped with its URLs on the emulator', async () => {
			const { execution, log } = await execute(EXAMPLE_ID);
			const run = succeeded(execution);
			const [summary] = nodeOutput(run, ANY_API_EXAMPLE_SUMMARY);
			expect(summary.json).toMatchObject(ANY_API_EXAMPLE_EXPECTED_SUMMARY);
			expect(summary.json.cpuUsage).toHaveLength(5);
			expect(log.map((e) => [e.service, e.version, e.action, e.signatureVerdict, e.code])).toEqual(ANY_API_EXAMPLE_EXPECTED_CALLS);
		});

		/** Runs a workflow that n8n must stop before anything reaches the emulator; returns the node's error message. */
		async function refusedBeforeSending(id: string): Promise<string> {
			const { execution, log } = await execute(id);
			expect(execution.exitCode).not.toBe(0);
			const run = execution.run;
			if (!run) throw new Error(`n8n printed no run data:\n${tail(execution.output)}`);
			expect(run.status).toBe('error');
			expect(log).toEqual([]);
			return nodeError(run, HTTP_REQUEST_NODE)?.message ?? '';
		}

		test('"Allowed HTTP Request Domains: None" on the credential keeps it out of the HTTP Request node', async () => {
			expect(await refusedBeforeSending(NO_HTTP_ID)).toContain('This credential is configured to prevent use within an HTTP Request or GraphQL node');
		});

		if (version.startsWith('1.')) {
			// n8n 1.123's legacy request path (the HTTP Request node's) checks the domain list on redirects only,
			// for every credential type (n8n-core request-helper-functions: proxyRequestToAxios has no first-URL check).
			test('"Allowed HTTP Request Domains: Specific Domains": n8n 1.x checks only redirects, so the call to the emulator goes out', async () => {
				const { execution, log } = await execute(RESTRICTED_ID);
				succeeded(execution);
				expect(log.map((e) => [e.service, e.signatureVerdict, e.code])).toEqual([['cvm', 'ok', 'Success']]);
			});
		} else {
			test('"Allowed HTTP Request Domains: Specific Domains" still applies to the URL the user gave', async () => {
				expect(await refusedBeforeSending(RESTRICTED_ID)).toContain('Only the following domains are allowed: cvm.tencentcloudapi.com');
			});
		}

		// The HTTP Request node's Proxy option points at a recording proxy on 127.0.0.1, so the request
		// would reach the test whatever host the URL names, and nothing leaves the machine.
		test('a host outside the credential\'s rule, listed in Extra Hosts to Sign: n8n sends the call (the recording proxy sees it)', async () => {
			const { execution } = await execute(OUTSIDE_LISTED_ID);
			expect(proxy.records()).toEqual([{ method: 'CONNECT', target: `${OUTSIDE_HOST}:443` }]);
			// The proxy forwards nothing, so the run fails there, not in the credential.
			const error = execution.run ? nodeError(execution.run, HTTP_REQUEST_NODE) : undefined;
			expect(`${error?.message ?? ''} ${String((error as IDataObject | undefined)?.description ?? '')}`).not.toContain(OUTSIDE_HOST_MESSAGE);
		});

		test('the same call with the host not listed fails with the credential\'s error, and nothing reaches the proxy', async () => {
			const { execution, log } = await execute(OUTSIDE_ID);
			expect(execution.exitCode).not.toBe(0);
			const run = execution.run;
			if (!run) throw new Error(`n8n printed no run data:\n${tail(execution.output)}`);
			expect(run.status).toBe('error');
			const error = nodeError(run, HTTP_REQUEST_NODE);
			const text = `${error?.message ?? ''} ${String((error as IDataObject | undefined)?.description ?? '')}`;
			expect(text).toContain(OUTSIDE_HOST_MESSAGE);
			expect(text).toContain(OUTSIDE_HOST_HINT);
			expect(proxy.connections()).toBe(0);
			expect(proxy.records()).toEqual([]);
			expect(log).toEqual([]);
			expect(execution.output).not.toContain(emulator.banner.secretKey);
		});

		test('without the credential n8n follows a loopback server\'s redirect to a host outside the rule (through the recording proxy)', async () => {
			await execute(REDIRECT_UNSIGNED_ID);
			expect(redirector.records().map(({ method, target }) => [method, target])).toEqual([
				['GET', `${redirector.url}/redirects-elsewhere`],
				['CONNECT', `${OUTSIDE_HOST}:443`],
			]);
		});

		test('with the credential the signed request stops at that redirect: the run fails, the other host is never asked for', async () => {
			const { execution } = await execute(REDIRECT_ID);
			expect(execution.exitCode).not.toBe(0);
			const records = redirector.records();
			expect(records.map(({ method, target }) => [method, target])).toEqual([['GET', `${redirector.url}/redirects-elsewhere`]]);
			expect(String(records[0].headers?.authorization)).toMatch(new RegExp(`^TC3-HMAC-SHA256 Credential=${emulator.banner.secretId}/`));
		});

		test('n8n connected to nothing but 127.0.0.1', () => {
			const lines = fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8').trim().split('\n').filter(Boolean) : [];
			const entries = lines.map((line) => JSON.parse(line) as { kind: string });
			expect(entries.filter((entry) => entry.kind === 'guard-loaded').length).toBeGreaterThanOrEqual(CASES.length + 3);
			expect(entries.filter((entry) => entry.kind !== 'guard-loaded')).toEqual([]);
		});
	},
);
