// Workflows of n8n's HTTP Request node (v4.2) with the Tencent Cloud API credential, shared by the
// engine tests (test/integration) and the real-n8n tests (test/e2e/), so both run the very same JSON.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INode, INodeParameters, IWorkflowBase } from 'n8n-workflow';

export const HTTP_REQUEST_NODE = 'HTTP Request';
export const ANY_API_EXAMPLE_FILE = path.join(__dirname, '..', '..', 'examples', 'any-tencent-cloud-api.workflow.json');
export const ANY_API_EXAMPLE_SUMMARY = 'Instance and CPU';
export const ANY_API_EXAMPLE_CVM = 'Find the instance (CVM DescribeInstances, POST)';
export const ANY_API_EXAMPLE_MONITOR = 'CPU of the last minutes (Monitor GetMonitorData, GET)';

/** What the example's summary says about the emulator's alerted instance (ins-emu00001). */
export const ANY_API_EXAMPLE_EXPECTED_SUMMARY = {
	alert: 'High CPU on a checkout server',
	instanceId: 'ins-emu00001',
	instanceName: 'app-1',
	vpcId: 'vpc-emu00001',
	subnetId: 'subnet-emu00001',
	zone: 'ap-guangzhou-3',
};

/** The example's two calls as the emulator logs them: [service, version, action, signature, code]. */
export const ANY_API_EXAMPLE_EXPECTED_CALLS = [
	['cvm', '2017-03-12', 'DescribeInstances', 'ok', 'Success'],
	['monitor', '2018-07-24', 'GetMonitorData', 'ok', 'Success'],
];

type Header = { name: string; value: string };

/** One header list as the node's "Send Headers → Using Fields Below" stores it. */
export function headers(list: Record<string, string>): { sendHeaders: true; headerParameters: { parameters: Header[] } } {
	return { sendHeaders: true, headerParameters: { parameters: Object.entries(list).map(([name, value]) => ({ name, value })) } };
}

/** Manual trigger → one HTTP Request node (typeVersion 4.2) authenticated by the credential `credentialId`. */
export function httpRequestWorkflow(
	id: string,
	parameters: INodeParameters,
	credential: { id: string; name: string },
): IWorkflowBase {
	const trigger: INode = {
		id: `${id}-trigger`,
		name: 'When clicking ‘Execute workflow’',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const request: INode = {
		id: `${id}-request`,
		name: HTTP_REQUEST_NODE,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [220, 0],
		parameters: { authentication: 'predefinedCredentialType', nodeCredentialType: 'tencentCloudApi', options: {}, ...parameters },
		credentials: { tencentCloudApi: credential },
	};
	return {
		id,
		name: id,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [trigger, request],
		connections: { [trigger.name]: { main: [[{ node: request.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as IWorkflowBase;
}

/**
 * The cases each suite runs, by id. The emulator URL is filled in per run; `X-TC-Service` names
 * the service because a loopback host cannot.
 */
export function httpRequestCases(emulatorUrl: string) {
	return {
		/** CVM DescribeInstances by POST, JSON body from the JSON field. */
		cvmPost: {
			method: 'POST',
			url: `${emulatorUrl}/`,
			...headers({ 'X-TC-Action': 'DescribeInstances', 'X-TC-Region': 'ap-guangzhou', 'X-TC-Service': 'cvm' }),
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{"Filters": [{"Name": "vpc-id", "Values": ["vpc-emu00001"]}], "Limit": 2}',
		},
		/** A GET whose query holds spaces, non-ASCII text and Tencent's dotted names, from the URL and the fields. */
		cvmGet: {
			method: 'GET',
			url: `${emulatorUrl}/?Limit=5`,
			...headers({ 'X-TC-Action': 'DescribeInstances', 'X-TC-Region': 'ap-guangzhou', 'X-TC-Service': 'cvm' }),
			sendQuery: true,
			queryParameters: {
				parameters: [
					{ name: 'Filters.0.Name', value: 'instance-name' },
					{ name: 'Filters.0.Values.0', value: 'packet collector 抓包机' },
				],
			},
		},
		/** Monitor has two versions: the one given in X-TC-Version is signed and sent. */
		monitorExplicitVersion: {
			method: 'POST',
			url: `${emulatorUrl}/`,
			...headers({ 'X-TC-Action': 'GetMonitorData', 'X-TC-Version': '2018-07-24', 'X-TC-Region': 'ap-guangzhou', 'X-TC-Service': 'monitor' }),
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'{"Namespace": "QCE/CVM", "MetricName": "CPUUsage", "Period": 60, "StartTime": "2026-12-03T10:00:00+08:00", "EndTime": "2026-12-03T10:02:00+08:00", "Instances": [{"Dimensions": [{"Name": "InstanceId", "Value": "ins-emu00001"}]}]}',
		},
		/** A loopback URL names no service: the credential must refuse before anything is sent. */
		missingService: {
			method: 'POST',
			url: `${emulatorUrl}/`,
			...headers({ 'X-TC-Action': 'DescribeInstances', 'X-TC-Region': 'ap-guangzhou' }),
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{}',
		},
		/** "Lowercase Headers" off: the headers keep their case and are still read. */
		headersAsTyped: {
			method: 'POST',
			url: `${emulatorUrl}/`,
			...headers({ 'X-TC-Action': 'DescribeInstances', 'X-TC-Region': 'ap-guangzhou', 'X-TC-Service': 'cvm', 'X-Request-Note': 'Kept As Typed' }),
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{"InstanceIds": ["ins-emu00003"]}',
			options: { lowercaseHeaders: false },
		},
	} satisfies Record<string, INodeParameters>;
}

export type HttpRequestCase = keyof ReturnType<typeof httpRequestCases>;

/** The message the missing-service case must fail with. */
export const MISSING_SERVICE_MESSAGE =
	'Tencent Cloud cannot tell the service from the host "127.0.0.1": add the header X-TC-Service with the service\'s name (e.g. cvm). It is used to sign the request and is not sent.';

/** A host outside the credential's rule: not Tencent Cloud's, not loopback, never resolvable (RFC 2606). */
export const OUTSIDE_HOST = 'tencent-cloud-api.proxy.example';

/**
 * CVM DescribeInstances to OUTSIDE_HOST through the HTTP Request node's Proxy option, so that a
 * request n8n sends reaches the test's recording proxy on 127.0.0.1 and nothing leaves the machine.
 */
export function outsideHostCase(proxyUrl: string): INodeParameters {
	return {
		method: 'POST',
		url: `https://${OUTSIDE_HOST}/`,
		...headers({ 'X-TC-Action': 'DescribeInstances', 'X-TC-Region': 'ap-guangzhou', 'X-TC-Service': 'cvm' }),
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '{"Limit": 1}',
		options: { proxy: proxyUrl },
	};
}

/**
 * A GET to a loopback URL served by the recording proxy (`proxyUrl`), which answers with a redirect
 * to OUTSIDE_HOST; the redirect, if followed, goes through the same proxy.
 */
export function redirectCase(proxyUrl: string): INodeParameters {
	return {
		method: 'GET',
		url: `${proxyUrl}/redirects-elsewhere`,
		...headers({ 'X-TC-Action': 'DescribeInstances', 'X-TC-Region': 'ap-guangzhou', 'X-TC-Service': 'cvm' }),
		options: { proxy: proxyUrl },
	};
}

/** The message a request to OUTSIDE_HOST must fail with. */
export const OUTSIDE_HOST_MESSAGE = `The Tencent Cloud API credential does not sign requests to "${OUTSIDE_HOST}"`;
export const OUTSIDE_HOST_HINT = "add it to the credential's Extra Hosts to Sign";

/** examples/any-tencent-cloud-api.workflow.json as shipped, its two API URLs pointed at `url`. */
export function anyApiExample(url: string): IWorkflowBase {
	const workflow = JSON.parse(readFileSync(ANY_API_EXAMPLE_FILE, 'utf8')) as IWorkflowBase;
	const alert = workflow.nodes.find((node) => node.name === 'Alert');
	if (!alert) throw new Error('the example has no "Alert" node');
	const settings = JSON.parse(String(alert.parameters.jsonOutput)) as Record<string, string>;
	alert.parameters.jsonOutput = JSON.stringify({ ...settings, cvmUrl: url, monitorUrl: url }, null, 2);
	return workflow;
}
