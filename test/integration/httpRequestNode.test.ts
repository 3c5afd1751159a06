// n8n's own HTTP Request node (n8n-nodes-base, v4.2) with "Predefined Credential Type → Tencent
// Cloud API", run by n8n's engine against the emulator in generic-service mode, over real HTTP.
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { DEMO_KEY, type EmulatorKey, type RequestLogEntry } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import {
	ANY_API_EXAMPLE_CVM,
	ANY_API_EXAMPLE_MONITOR,
	ANY_API_EXAMPLE_EXPECTED_CALLS,
	ANY_API_EXAMPLE_EXPECTED_SUMMARY,
	ANY_API_EXAMPLE_SUMMARY,
	anyApiExample,
	headers,
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
import { emulatorForTests } from '../support/emulatorSuite';
import { type RecordingProxy, startRecordingProxy } from '../support/recordingProxy';

const TOKEN_KEY: EmulatorKey = { secretId: 'AKIDtemporaryKEY', secretKey: 'temporary-secret', sessionToken: 'session-token-42' };
const CREDENTIAL = { id: 'tencentCloud', name: 'Tencent Cloud API' };

const emulator = emulatorForTests({ genericServices: true, rateLimit: 0, keys: [DEMO_KEY, TOKEN_KEY] });

function credentialData(overrides: ICredentialDataDecryptedObject = {}) {
	return {
		tencentCloudApi: { secretId: DEMO_KEY.secretId, secretKey: DEMO_KEY.secretKey, sessionToken: '', site: 'intl', endpoint: '', ...overrides },
	};
}

async function runCase(name: HttpRequestCase, credentials = credentialData()) {
	const workflow = httpRequestWorkflow(name, httpRequestCases(emulator.url)[name], CREDENTIAL);
	return await runWorkflow(workflow, { credentials });
}

async function runParameters(parameters: Record<string, unknown>, credentials = credentialData()) {
	return await runWorkflow(httpRequestWorkflow('adhoc', parameters as never, CREDENTIAL), { credentials });
}

function onlyEntry(): RequestLogEntry {
	expect(emulator.log).toHaveLength(1);
	return emulator.log[0];
}

/** The X-TC-* headers that arrived, by lower-case name (Node's HTTP server lower-cases them). */
function tencentHeaders(entry: RequestLogEntry): Record<string, string> {
	return Object.fromEntries(Object.entries(entry.headers).filter(([name]) => name.startsWith('x-tc-') && name !== 'x-tc-timestamp'));
}

describe('HTTP Request node + Tencent Cloud API credential, through n8n\'s engine', () => {
	test('CVM DescribeInstances by POST with X-TC-Service: cvm', async () => {
		const { output } = await runCase('cvmPost');
		const [item] = output(HTTP_REQUEST_NODE);
		const response = item.json.Response as IDataObject;
		expect(response.TotalCount).toBe(6);
		expect((response.InstanceSet as IDataObject[]).map((i) => i.InstanceId)).toEqual(['ins-emu00001', 'ins-emu00002']);

		const entry = onlyEntry();
		expect(entry).toMatchObject({ service: 'cvm', version: '2017-03-12', action: 'DescribeInstances', region: 'ap-guangzhou', signatureVerdict: 'ok', code: 'Success' });
		expect(tencentHeaders(entry)).toEqual({ 'x-tc-action': 'DescribeInstances', 'x-tc-region': 'ap-guangzhou', 'x-tc-version': '2017-03-12' });
		expect(entry.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(entry.rawBody).toBe('{"Filters":[{"Name":"vpc-id","Values":["vpc-emu00001"]}],"Limit":2}');
	});

	test('a GET with spaces, non-ASCII text and Filters.0.Name in the query', async () => {
		const { output } = await runCase('cvmGet');
		const response = output(HTTP_REQUEST_NODE)[0].json.Response as IDataObject;
		expect((response.InstanceSet as IDataObject[]).map((i) => [i.InstanceId, i.InstanceName])).toEqual([['ins-emu00004', 'packet collector 抓包机']]);
		const entry = onlyEntry();
		expect(entry).toMatchObject({
			service: 'cvm',
			signatureVerdict: 'ok',
			query: { Limit: '5', 'Filters.0.Name': 'instance-name', 'Filters.0.Values.0': 'packet collector 抓包机' },
			rawBody: '',
		});
		expect(entry.headers['content-type']).toBe('application/x-www-form-urlencoded');
	});

	test('a JSON query (nested) is flattened the way Tencent reads it', async () => {
		const { output } = await runParameters({
			method: 'GET',
			url: `${emulator.url}/`,
			...headers({ 'X-TC-Action': 'DescribeInstances', 'X-TC-Region': 'ap-guangzhou', 'X-TC-Service': 'cvm' }),
			sendQuery: true,
			specifyQuery: 'json',
			jsonQuery: '{"Filters": [{"Name": "private-ip-address", "Values": ["10.0.1.11", "10.0.2.10"]}]}',
		});
		const response = output(HTTP_REQUEST_NODE)[0].json.Response as IDataObject;
		expect((response.InstanceSet as IDataObject[]).map((i) => i.InstanceId)).toEqual(['ins-emu00002', 'ins-emu00003']);
		expect(onlyEntry().query).toEqual({ 'Filters.0.Name': 'private-ip-address', 'Filters.0.Values.0': '10.0.1.11', 'Filters.0.Values.1': '10.0.2.10' });
	});

	test('a service with several versions and an explicit X-TC-Version', async () => {
		const { output } = await runCase('monitorExplicitVersion');
		const response = output(HTTP_REQUEST_NODE)[0].json.Response as IDataObject;
		expect(response).toMatchObject({ MetricName: 'CPUUsage', Period: 60 });
		expect((response.DataPoints as IDataObject[])[0].Values).toHaveLength(3);
		expect(onlyEntry()).toMatchObject({ service: 'monitor', version: '2018-07-24', signatureVerdict: 'ok', code: 'Success' });
	});

	test('the same service without X-TC-Version fails, naming its versions, and sends nothing', async () => {
		const parameters = httpRequestCases(emulator.url).monitorExplicitVersion;
		const { error } = await runParameters({
			...parameters,
			headerParameters: { parameters: parameters.headerParameters.parameters.filter((h) => h.name !== 'X-TC-Version') },
		});
		expect(error(HTTP_REQUEST_NODE)?.message).toContain(
			'Tencent Cloud service "monitor" has several API versions (2023-06-16, 2018-07-24): set the header X-TC-Version to the one you call',
		);
		expect(emulator.log).toHaveLength(0);
	});

	test('a loopback URL without X-TC-Service fails with the message, and sends nothing', async () => {
		const { error } = await runCase('missingService');
		expect(error(HTTP_REQUEST_NODE)?.message).toContain(MISSING_SERVICE_MESSAGE);
		expect(emulator.log).toHaveLength(0);
	});

	test('"Lowercase Headers" off: headers as typed are read, each sent once, X-TC-Service not sent', async () => {
		const { output } = await runCase('headersAsTyped');
		expect(((output(HTTP_REQUEST_NODE)[0].json.Response as IDataObject).InstanceSet as IDataObject[])[0].InstanceId).toBe('ins-emu00003');
		const entry = onlyEntry();
		expect(entry).toMatchObject({ service: 'cvm', signatureVerdict: 'ok' });
		expect(tencentHeaders(entry)).toEqual({ 'x-tc-action': 'DescribeInstances', 'x-tc-region': 'ap-guangzhou', 'x-tc-version': '2017-03-12' });
		expect(entry.headers['x-request-note']).toBe('Kept As Typed');
	});

	test('a session token goes out as X-TC-Token, and the emulator accepts it', async () => {
		await runCase('cvmPost', credentialData({ secretId: TOKEN_KEY.secretId, secretKey: TOKEN_KEY.secretKey, sessionToken: TOKEN_KEY.sessionToken! }));
		const entry = onlyEntry();
		expect(entry).toMatchObject({ signatureVerdict: 'ok', code: 'Success' });
		expect(entry.headers['x-tc-token']).toBe(TOKEN_KEY.sessionToken);
	});

	test('a wrong Secret Key is answered by Tencent\'s SignatureFailure in the response', async () => {
		const { output } = await runCase('cvmPost', credentialData({ secretKey: 'not-the-secret-key' }));
		expect((output(HTTP_REQUEST_NODE)[0].json.Response as { Error: IDataObject }).Error.Code).toBe('AuthFailure.SignatureFailure');
	});

	test('a form-urlencoded POST is refused with a message, and nothing is sent', async () => {
		const { error } = await runParameters({
			method: 'POST',
			url: `${emulator.url}/`,
			...headers({ 'X-TC-Action': 'DescribeInstances', 'X-TC-Region': 'ap-guangzhou', 'X-TC-Service': 'cvm' }),
			sendBody: true,
			contentType: 'form-urlencoded',
			bodyParameters: { parameters: [{ name: 'Limit', value: '1' }] },
		});
		expect(error(HTTP_REQUEST_NODE)?.message).toContain('Tencent Cloud API 3.0 does not take a form-urlencoded body');
		expect(emulator.log).toHaveLength(0);
	});

	test('n8n\'s "Allowed HTTP Request Domains" on the credential still decides where it may go', async () => {
		const refused = await runCase('cvmPost', credentialData({ allowedHttpRequestDomains: 'domains', allowedDomains: 'cvm.tencentcloudapi.com' }));
		expect(refused.error(HTTP_REQUEST_NODE)?.message).toContain('Only the following domains are allowed: cvm.tencentcloudapi.com');
		expect(emulator.log).toHaveLength(0);

		const allowed = await runCase('cvmPost', credentialData({ allowedHttpRequestDomains: 'domains', allowedDomains: '127.0.0.1' }));
		expect(allowed.error(HTTP_REQUEST_NODE)).toBeUndefined();
		expect(emulator.log).toHaveLength(1);
	});
});

describe('the credential signs only for Tencent Cloud: a host outside its rule, through a recording proxy on 127.0.0.1', () => {
	let proxy: RecordingProxy;
	beforeAll(async () => {
		proxy = await startRecordingProxy();
	});
	afterAll(async () => await proxy.stop());
	beforeEach(() => proxy.reset());

	test('the run fails with the credential\'s error naming the host and the field, and nothing reaches the proxy', async () => {
		const { error } = await runParameters(outsideHostCase(proxy.url));
		expect(error(HTTP_REQUEST_NODE)?.message).toContain(OUTSIDE_HOST_MESSAGE);
		expect(error(HTTP_REQUEST_NODE)?.message).toContain(OUTSIDE_HOST_HINT);
		expect(proxy.connections()).toBe(0);
		expect(proxy.records()).toEqual([]);
		expect(emulator.log).toHaveLength(0);
	});

	test('the same workflow with the host in Extra Hosts to Sign is sent: the proxy sees it, so the rule alone stopped it', async () => {
		const { error } = await runParameters(outsideHostCase(proxy.url), credentialData({ extraSignedHosts: OUTSIDE_HOST }));
		expect(proxy.records()).toEqual([{ method: 'CONNECT', target: `${OUTSIDE_HOST}:443` }]);
		// The proxy forwards nothing, so the run fails there, not in the credential.
		expect(error(HTTP_REQUEST_NODE)?.message).not.toContain(OUTSIDE_HOST_MESSAGE);
	});
});

describe('a signed request follows no redirect: a loopback server redirecting to a host outside the rule', () => {
	let redirector: RecordingProxy;
	beforeAll(async () => {
		redirector = await startRecordingProxy({ redirectTo: `https://${OUTSIDE_HOST}/` });
	});
	afterAll(async () => await redirector.stop());
	beforeEach(() => redirector.reset());

	test('without the credential n8n follows the redirect to the other host (through the recording proxy)', async () => {
		await runParameters({ ...redirectCase(redirector.url), authentication: 'none' });
		expect(redirector.records().map(({ method, target }) => [method, target])).toEqual([
			['GET', `${redirector.url}/redirects-elsewhere`],
			['CONNECT', `${OUTSIDE_HOST}:443`],
		]);
	});

	test('with the credential the signed request stops at the redirect: the run fails, the other host is never asked for', async () => {
		const { error } = await runParameters(redirectCase(redirector.url));
		expect(error(HTTP_REQUEST_NODE)).toBeDefined();
		const records = redirector.records();
		expect(records.map(({ method, target }) => [method, target])).toEqual([['GET', `${redirector.url}/redirects-elsewhere`]]);
		expect(String(records[0].headers?.authorization)).toMatch(/^TC3-HMAC-SHA256 Credential=/);
	});
});

describe('examples/any-tencent-cloud-api.workflow.json', () => {
	test('finds the instance behind the alert by POST, reads its CPU by GET from Monitor 2018-07-24', async () => {
		const { output } = await runWorkflow(anyApiExample(emulator.url), { credentials: credentialData() });
		const [summary] = output(ANY_API_EXAMPLE_SUMMARY);
		expect(summary.json).toMatchObject(ANY_API_EXAMPLE_EXPECTED_SUMMARY);
		expect(summary.json.cpuUsage).toHaveLength(5);
		expect(output(ANY_API_EXAMPLE_CVM)).toHaveLength(1);
		expect(output(ANY_API_EXAMPLE_MONITOR)).toHaveLength(1);
		expect(emulator.log.map((e) => [e.service, e.version, e.action, e.signatureVerdict, e.code])).toEqual(ANY_API_EXAMPLE_EXPECTED_CALLS);
		expect(emulator.log[1].query).toEqual({
			Namespace: 'QCE/CVM',
			MetricName: 'CPUUsage',
			Period: '60',
			'Instances.0.Dimensions.0.Name': 'InstanceId',
			'Instances.0.Dimensions.0.Value': 'ins-emu00001',
		});
	});
});
