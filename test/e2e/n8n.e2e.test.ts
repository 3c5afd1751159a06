// Real n8n (each pinned version) with this package installed as a community package, the
// emulator as a separate process, workflows imported and run with n8n's CLI.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, INodeExecutionData, IRun } from 'n8n-workflow';

import type { RequestLogEntry, TrafficMirror } from '../../dev/emulator/types';
import { installAsCommunityPackage } from '../../dev/e2e/communityPackage';
import { type EmulatorBanner, type EmulatorProcess, startEmulatorProcess } from '../../dev/e2e/emulatorProcess';
import {
	activateWithCli,
	CLEANUP_EXAMPLE,
	createAgedMirror,
	finishedExecutionStatuses,
	lifecycleExamplesToImport,
	NOTIFY_EXAMPLE,
	postToWebhook,
	runFromTrigger,
	SWEEP_EXAMPLE,
	waitFor,
} from '../../dev/e2e/lifecycleExamples';
import { readManifest } from '../../dev/e2e/manifest';
import type { N8nInstall } from '../../dev/e2e/n8nInstall';
import { n8nEnvironment } from '../../dev/e2e/n8nEnv';
import { type Execution, N8nCli, type WorkflowToImport } from '../../dev/e2e/n8nRunner';
import { N8nServer } from '../../dev/e2e/n8nServer';
import { freePort, tail } from '../../dev/e2e/processes';
import { nodeError, nodeOutput } from '../../dev/e2e/runData';
import { REPO_ROOT } from '../../dev/e2e/versions';

const manifest = readManifest();
const NODE_TYPE = `${manifest.pack.name}.tencentCloudVpc`;
const EXAMPLE_ID = 'e2eIncidentExample';
const EMULATOR_CREDENTIAL = { id: 'tencentCloudEmulator', name: 'Tencent Cloud emulator' };
const WRONG_KEY_CREDENTIAL = { id: 'tencentCloudWrongKey', name: 'Tencent Cloud emulator, wrong Secret Key' };

function readJson<T>(file: string): T {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** The examples as shipped (they have no ids of their own; the notify example's Slack node disabled), plus the e2e workflows. */
function workflowsToImport(): WorkflowToImport[] {
	const example = readJson<Record<string, unknown>>(path.join(REPO_ROOT, 'examples', 'incident-traffic-mirror.workflow.json'));
	const dir = path.join(REPO_ROOT, 'dev', 'e2e', 'workflows');
	const own = fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.workflow.json'))
		.map((file) => readJson<WorkflowToImport>(path.join(dir, file)));
	return [{ ...example, id: EXAMPLE_ID }, ...lifecycleExamplesToImport(), ...own];
}

function credentialData(banner: EmulatorBanner, secretKey = banner.secretKey): Record<string, unknown> {
	return { secretId: banner.secretId, secretKey, sessionToken: '', site: 'intl', endpoint: banner.url };
}

/** The run data of a workflow that must have succeeded; fails with n8n's output otherwise. */
function succeeded(execution: Execution): IRun {
	const error = execution.run?.data.resultData.error;
	if (execution.exitCode !== 0 || !execution.run || error) {
		throw new Error(
			`n8n execute failed (exit ${execution.exitCode}${error ? `, ${error.message}` : ''}):\n${tail(execution.output, 60)}`,
		);
	}
	expect(execution.run.status).toBe('success');
	return execution.run;
}

function itemJson(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

interface ExpectedRequest {
	region: string;
	body: IDataObject;
}

/** Every field of a request as the emulator received it: headers, signature, body. */
function expectSignedRequest(
	entry: RequestLogEntry,
	expected: ExpectedRequest & { action?: string },
	banner: EmulatorBanner,
	window: { from: number; to: number },
): void {
	const action = expected.action ?? 'CreateTrafficMirror';
	expect({ action: entry.action, region: entry.region, secretId: entry.secretId, verdict: entry.signatureVerdict }).toEqual({
		action,
		region: expected.region,
		secretId: banner.secretId,
		verdict: 'ok',
	});
	const timestamp = Number(entry.headers['x-tc-timestamp']);
	expect(timestamp).toBeGreaterThanOrEqual(window.from);
	expect(timestamp).toBeLessThanOrEqual(window.to);
	const scopeDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
	expect(entry.headers).toMatchObject({
		host: new URL(banner.url).host,
		'content-type': 'application/json; charset=utf-8',
		'content-length': String(Buffer.byteLength(entry.rawBody)),
		'x-tc-action': action,
		'x-tc-region': expected.region,
		'x-tc-version': '2017-03-12',
		authorization: expect.stringMatching(
			new RegExp(
				`^TC3-HMAC-SHA256 Credential=${banner.secretId}/${scopeDate}/vpc/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$`,
			),
		) as unknown,
	});
	expect(Object.keys(entry.headers).filter((name) => name.startsWith('x-tc-')).sort()).toEqual([
		'x-tc-action',
		'x-tc-region',
		'x-tc-timestamp',
		'x-tc-version',
	]);
	expect(JSON.parse(entry.rawBody)).toStrictEqual(expected.body);
}

/** A mirror the node put out: the emulator's TrafficMirror plus the call's RequestId, paired. */
function expectMirrorItem(item: INodeExecutionData, mirror: TrafficMirror | undefined, entry: RequestLogEntry, pairedWith: number): void {
	expect(mirror).toBeDefined();
	expect(item.json).toStrictEqual({ ...mirror, RequestId: entry.requestId });
	expect(item.pairedItem).toEqual({ item: pairedWith });
}

function byName<T>(list: T[], name: (x: T) => unknown): Map<string, T> {
	return new Map(list.map((x) => [String(name(x)), x]));
}

function bodyName(entry: RequestLogEntry): string {
	return String((JSON.parse(entry.rawBody) as IDataObject).TrafficMirrorName);
}

describe.each(manifest.installs.map((install) => [install.version, install] as const))('n8n %s', (version: string, install: N8nInstall) => {
	const userFolder = path.join(manifest.workDir, `user-${version}`);
	const netLog = path.join(manifest.workDir, `outbound-${version}.jsonl`);
	const encryptionKey = randomBytes(24).toString('hex');
	let packageDir: string;
	let emulator: EmulatorProcess;
	let cli: N8nCli;

	beforeAll(async () => {
		fs.mkdirSync(userFolder, { recursive: true });
		packageDir = await installAsCommunityPackage(userFolder, manifest.pack);
		emulator = await startEmulatorProcess();
		const env = n8nEnvironment(install, { userFolder, encryptionKey, brokerPort: await freePort(), netLog });
		cli = new N8nCli(install, env, userFolder, path.join(manifest.workDir, `logs-${version}`));
		await cli.importCredentials([
			{ ...EMULATOR_CREDENTIAL, type: 'tencentCloudApi', data: credentialData(emulator.banner) },
			{ ...WRONG_KEY_CREDENTIAL, type: 'tencentCloudApi', data: credentialData(emulator.banner, 'NotTheSecretKeyOfThisSecretId00') },
		]);
		await cli.importWorkflows(workflowsToImport());
	}, 300_000);

	afterAll(async () => {
		await emulator?.stop();
	});

	/** Runs a workflow against a freshly reset emulator; returns what n8n printed and what the emulator got. */
	async function execute(workflowId: string) {
		let from = 0;
		const execution = await cli.executeFresh(workflowId, async () => {
			await emulator.reset();
			from = Math.floor(Date.now() / 1000) - 1;
		});
		const window = { from, to: Math.ceil(Date.now() / 1000) + 1 };
		if (/Unrecognized node type: n8n-nodes-tencentcloud-vpc\.|Failed to load package "n8n-nodes-tencentcloud-vpc"/.test(execution.output)) {
			const reasons = execution.output.split('\n').filter((line) => /Failed to load package|Cannot find module|Unrecognized node type/.test(line));
			throw new Error(`n8n ${version} could not load the package from ${packageDir}:\n${[...new Set(reasons)].slice(0, 4).join('\n')}`);
		}
		return { execution, log: await emulator.log(), window, banner: emulator.banner };
	}

	/** The error workflows run once per version, for whichever test needs them first. */
	const errorRuns = new Map<string, ReturnType<typeof execute>>();
	function executeOnce(workflowId: string): ReturnType<typeof execute> {
		if (!errorRuns.has(workflowId)) errorRuns.set(workflowId, execute(workflowId));
		return errorRuns.get(workflowId)!;
	}

	/** The error n8n reports for a workflow's run. */
	async function workflowError(workflowId: string): Promise<IDataObject | undefined> {
		return (await executeOnce(workflowId)).execution.run?.data.resultData.error as unknown as IDataObject | undefined;
	}

	test('the packed package sits in ~/.n8n/nodes as the Community Nodes installer lays it out', () => {
		expect(packageDir).toBe(path.join(userFolder, '.n8n', 'nodes', 'node_modules', manifest.pack.name));
		const packageJson = readJson<{ name: string; n8n: { nodes: string[]; credentials: string[] }; devDependencies?: unknown }>(
			path.join(packageDir, 'package.json'),
		);
		expect(packageJson.devDependencies).toBeUndefined();
		const declared = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials];
		const missing = declared.filter((file) => !fs.existsSync(path.join(packageDir, file)));
		expect({ declared, missing }).toEqual({ declared, missing: [] });
		expect(readJson<{ dependencies: Record<string, string> }>(path.join(userFolder, '.n8n', 'nodes', 'package.json')).dependencies).toEqual({
			[manifest.pack.name]: manifest.pack.version,
		});
	});

	test('the example workflow, as shipped, creates one mirror per incident and summarises each, paired', async () => {
		const { execution, log, window, banner } = await execute(EXAMPLE_ID);
		const run = succeeded(execution);

		const requests = byName(log, bodyName);
		expect([...requests.keys()].sort()).toEqual(['incident-INC-4711', 'incident-INC-4712']);
		expectSignedRequest(
			requests.get('incident-INC-4711')!,
			{
				region: 'ap-guangzhou',
				body: {
					VpcId: 'vpc-emu00001',
					TrafficMirrorName: 'incident-INC-4711',
					Type: 'VPC',
					State: 'RUNNING',
					Direction: 'EGRESS',
					CollectorSrcs: ['eni-emu00001', 'eni-emu00002'],
					CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'], AlgHash: 'ENI' },
					TrafficMirrorDescribe: 'INC-4711 (critical): Outbound TLS spike from app servers',
					CollectorNormalFilters: [{ SrcNet: '10.0.1.0/24', DstNet: '0.0.0.0/0', Protocol: 'TCP', SrcPort: '1-65535', DstPort: '443' }],
					Tags: [
						{ Key: 'incident', Value: 'INC-4711' },
						{ Key: 'severity', Value: 'critical' },
					],
				},
			},
			banner,
			window,
		);
		expectSignedRequest(
			requests.get('incident-INC-4712')!,
			{
				region: 'ap-guangzhou',
				body: {
					VpcId: 'vpc-emu00001',
					TrafficMirrorName: 'incident-INC-4712',
					Type: 'VPC',
					State: 'RUNNING',
					Direction: 'INGRESS',
					CollectorSrcs: ['eni-emu00003'],
					CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'], AlgHash: 'ENI' },
					TrafficMirrorDescribe: 'INC-4712 (high): Unexpected inbound SSH on the tools subnet',
					CollectorNormalFilters: [{ SrcNet: '0.0.0.0/0', DstNet: '0.0.0.0/0', Protocol: 'TCP', SrcPort: '1-65535', DstPort: '22' }],
					Tags: [
						{ Key: 'incident', Value: 'INC-4712' },
						{ Key: 'severity', Value: 'high' },
					],
				},
			},
			banner,
			window,
		);

		const mirrors = byName(await emulator.mirrors('ap-guangzhou'), (m) => m.TrafficMirrorName);
		const created = nodeOutput(run, 'Create Traffic Mirror');
		expect(created).toHaveLength(2);
		expectMirrorItem(created[0], mirrors.get('incident-INC-4711'), requests.get('incident-INC-4711')!, 0);
		expectMirrorItem(created[1], mirrors.get('incident-INC-4712'), requests.get('incident-INC-4712')!, 1);
		expect(await emulator.tagsOf(String(created[0].json.TrafficMirrorId))).toEqual([
			{ Key: 'incident', Value: 'INC-4711' },
			{ Key: 'severity', Value: 'critical' },
		]);

		// The summary reads the incident through $('One item per incident').item: right only if pairing is.
		const [first, second] = created.map((item) => String(item.json.TrafficMirrorId));
		expect(itemJson(nodeOutput(run, 'Summary per mirror'))).toEqual([
			{
				incident: 'INC-4711',
				trafficMirrorId: first,
				state: 'RUNNING',
				message: `Mirroring EGRESS traffic of eni-emu00001, eni-emu00002 to 10.0.2.20 as ${first} for INC-4711`,
			},
			{
				incident: 'INC-4712',
				trafficMirrorId: second,
				state: 'RUNNING',
				message: `Mirroring INGRESS traffic of eni-emu00003 to 10.0.2.20 as ${second} for INC-4712`,
			},
		]);
	});

	test('every field of the create form reaches Tencent as documented (fields, NAT gateway, public IP, JSON body)', async () => {
		const { execution, log, window, banner } = await execute('e2eAllCreateFields');
		const run = succeeded(execution);

		const expected: Array<ExpectedRequest & { node: string }> = [
			{
				node: 'VPC mirror, every field',
				region: 'ap-guangzhou',
				body: {
					VpcId: 'vpc-emu00001',
					TrafficMirrorName: 'e2e-all-fields',
					Type: 'VPC',
					State: 'STOPED',
					Direction: 'INGRESS',
					CollectorSrcs: ['eni-emu00001', 'eni-emu00002'],
					CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-emu00004'], AlgHash: 'FIVE_TUPLE_FLOW', TargetEndPoints: ['10.0.2.20:4789'] },
					TrafficMirrorDescribe: 'every field of the create form',
					SubnetId: 'subnet-emu00001',
					CollectorNormalFilters: [
						{ SrcNet: '10.0.1.0/24', DstNet: '10.0.2.0/24', Protocol: 'TCP', SrcPort: '1024-65535', DstPort: '443' },
						{ SrcNet: '10.0.1.10', DstNet: '0.0.0.0/0', Protocol: 'UDP', SrcPort: '5353', DstPort: '53' },
					],
					Tags: [{ Key: 'team', Value: 'secops' }, { Key: 'ticket' }],
				},
			},
			{
				node: 'NAT gateway mirror',
				region: 'ap-guangzhou',
				body: {
					VpcId: 'vpc-emu00002',
					TrafficMirrorName: 'nat-after-e2e-all-fields',
					Type: 'VPC',
					State: 'RUNNING',
					Direction: 'EGRESS',
					CollectorSrcs: ['subnet-emu00003'],
					CollectorTarget: { TargetType: 'IP', TargetIps: ['172.16.1.50', '172.16.1.51'], AlgHash: 'ENI' },
					NatId: 'nat-emu00002',
				},
			},
			{
				node: 'Public IP mirror',
				region: 'ap-guangzhou',
				body: {
					VpcId: 'vpc-emu00001',
					TrafficMirrorName: 'e2e-public-ip',
					Type: 'PUBLICIP',
					State: 'RUNNING',
					Direction: 'ALL',
					CollectorSrcs: ['203.0.113.7', '198.51.100.9'],
					CollectorTarget: { TargetType: 'IP', AlgHash: 'FIVE_TUPLE_FLOW', TargetEndPoints: ['10.0.2.21:4789', '10.0.2.22:4789'] },
				},
			},
			{
				node: 'JSON body mirror',
				region: 'ap-shanghai',
				body: {
					VpcId: 'vpc-emu00003',
					TrafficMirrorName: 'e2e-json-body',
					Direction: 'ALL',
					CollectorSrcs: ['eni-emu00006'],
					CollectorTarget: { TargetType: 'IP', TargetIps: ['10.1.1.20'], AlgHash: 'ENI' },
					Tags: [{ Key: 'mode', Value: 'json' }],
				},
			},
		];
		// The nodes run one after the other, so the requests arrive in workflow order.
		expect(log.map(bodyName)).toEqual(expected.map((e) => e.body.TrafficMirrorName));
		const mirrors = byName(await emulator.mirrors(), (m) => m.TrafficMirrorName);
		expected.forEach((request, i) => {
			expectSignedRequest(log[i], request, banner, window);
			const items = nodeOutput(run, request.node);
			expect(items).toHaveLength(1);
			expectMirrorItem(items[0], mirrors.get(String(request.body.TrafficMirrorName)), log[i], 0);
		});

		const [everyField] = nodeOutput(run, 'VPC mirror, every field');
		// An ENI receiver comes back as its IP, named in TargetInfo.
		expect(everyField.json).toMatchObject({
			State: 'STOPED',
			Direction: 'INGRESS',
			SubnetId: 'subnet-emu00001',
			CollectorTarget: { TargetType: 'ENI', TargetIps: ['10.0.2.20'], AlgHash: 'FIVE_TUPLE_FLOW', TargetEndPoints: ['10.0.2.20:4789'] },
			TargetInfo: [{ TargetId: 'eni-emu00004', TargetName: 'packet-collector' }],
		});
		expect(await emulator.tagsOf(String(everyField.json.TrafficMirrorId))).toEqual([{ Key: 'team', Value: 'secops' }, { Key: 'ticket' }]);
	});

	test('a Tencent error stops the workflow as an n8n node error (unknown VpcId → ResourceNotFound)', async () => {
		const { execution, log, window, banner } = await executeOnce('e2eTencentError');
		expect(log).toHaveLength(1);
		expectSignedRequest(
			log[0],
			{
				region: 'ap-guangzhou',
				body: {
					VpcId: 'vpc-emu99999',
					TrafficMirrorName: 'e2e-unknown-vpc',
					Type: 'VPC',
					State: 'RUNNING',
					Direction: 'ALL',
					CollectorSrcs: ['eni-emu00001'],
					CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'], AlgHash: 'ENI' },
				},
			},
			banner,
			window,
		);
		expect(log[0].code).toBe('ResourceNotFound');

		const message = `Tencent Cloud error ResourceNotFound: The VPC \`vpc-emu99999\` does not exist. (RequestId ${log[0].requestId})`;
		expect(execution.exitCode).not.toBe(0);
		const run = execution.run;
		if (!run) throw new Error(`n8n printed no run data:\n${tail(execution.output)}`);
		expect(run.status).toBe('error');
		const error = run.data.resultData.error as unknown as IDataObject;
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message,
			node: expect.objectContaining({ name: 'Mirror in an unknown VPC', type: NODE_TYPE }) as unknown,
			context: expect.objectContaining({ itemIndex: 0, tencentCode: 'ResourceNotFound', requestId: log[0].requestId }) as unknown,
		});
		expect(nodeError(run, 'Mirror in an unknown VPC')?.message).toBe(message);
		expect(run.data.resultData.lastNodeExecuted).toBe('Mirror in an unknown VPC');
		expect(Object.keys(run.data.resultData.runData)).not.toContain('Never reached');
		expect(execution.output).toContain(message);
		expect(await emulator.mirrors()).toEqual([]);
	});

	test("a wrong Secret Key fails the node with Tencent's AuthFailure.SignatureFailure", async () => {
		const { execution, log } = await executeOnce('e2eWrongSecretKey');
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ action: 'CreateTrafficMirror', secretId: emulator.banner.secretId, code: 'AuthFailure.SignatureFailure' });
		expect(execution.exitCode).not.toBe(0);
		const error = execution.run?.data.resultData.error as unknown as IDataObject | undefined;
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: `Tencent Cloud error AuthFailure.SignatureFailure: The provided credentials could not be validated: the signature does not match. (RequestId ${log[0].requestId})`,
		});
	});

	test('the Tencent hint reaches the n8n error as its description', async () => {
		expect((await workflowError('e2eTencentError'))?.description).toBe(
			'A resource ID in the request (VPC, ENI, subnet, NAT gateway or mirror) does not exist in this region.',
		);
		expect((await workflowError('e2eWrongSecretKey'))?.description).toBe("The credential's Secret Key does not match its Secret ID.");
	});

	test('continue on fail (regular output): failed items carry error, code and RequestId, all items paired', async () => {
		const { execution, log, window, banner } = await execute('e2eContinueOnFail');
		const run = succeeded(execution);
		const requests = byName(log, bodyName);
		expect([...requests.keys()].sort()).toEqual(['e2e-foreign-eni', 'e2e-missing-vpc', 'e2e-ok-first', 'e2e-ok-last']);
		const body = (name: string, vpcId: string, eni: string): IDataObject => ({
			VpcId: vpcId,
			TrafficMirrorName: `e2e-${name}`,
			Type: 'VPC',
			State: 'RUNNING',
			Direction: 'ALL',
			CollectorSrcs: [eni],
			CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'], AlgHash: 'ENI' },
		});
		const sent = [
			['ok-first', 'vpc-emu00001', 'eni-emu00001'],
			['missing-vpc', 'vpc-emu99999', 'eni-emu00002'],
			['foreign-eni', 'vpc-emu00001', 'eni-emu00005'],
			['ok-last', 'vpc-emu00001', 'eni-emu00003'],
		] as const;
		for (const [name, vpcId, eni] of sent) {
			expectSignedRequest(requests.get(`e2e-${name}`)!, { region: 'ap-guangzhou', body: body(name, vpcId, eni) }, banner, window);
		}

		const items = nodeOutput(run, 'Create, continue on fail');
		expect(items).toHaveLength(4);
		const mirrors = byName(await emulator.mirrors('ap-guangzhou'), (m) => m.TrafficMirrorName);
		expect([...mirrors.keys()].sort()).toEqual(['e2e-ok-first', 'e2e-ok-last']);
		expectMirrorItem(items[0], mirrors.get('e2e-ok-first'), requests.get('e2e-ok-first')!, 0);
		expectMirrorItem(items[3], mirrors.get('e2e-ok-last'), requests.get('e2e-ok-last')!, 3);

		const missingVpc = requests.get('e2e-missing-vpc')!;
		expect(items[1]).toEqual({
			json: {
				error: `Tencent Cloud error ResourceNotFound: The VPC \`vpc-emu99999\` does not exist. (RequestId ${missingVpc.requestId})`,
				code: 'ResourceNotFound',
				RequestId: missingVpc.requestId,
			},
			pairedItem: { item: 1 },
		});
		const foreignEni = requests.get('e2e-foreign-eni')!;
		expect(items[2]).toEqual({
			json: {
				error: `Tencent Cloud error InvalidParameterValue.ObjectVpcNotCurrentVpc: The collection object \`eni-emu00005\` is not in VPC \`vpc-emu00001\`. (RequestId ${foreignEni.requestId})`,
				code: 'InvalidParameterValue.ObjectVpcNotCurrentVpc',
				RequestId: foreignEni.requestId,
			},
			pairedItem: { item: 2 },
		});
		expect(foreignEni.code).toBe('InvalidParameterValue.ObjectVpcNotCurrentVpc');

		// $('One item per request').item resolves through the pairing, failed items included.
		expect(itemJson(nodeOutput(run, 'Outcome per request'))).toEqual([
			{ request: 'ok-first', outcome: `created ${String(items[0].json.TrafficMirrorId)}` },
			{ request: 'missing-vpc', outcome: 'failed with ResourceNotFound' },
			{ request: 'foreign-eni', outcome: 'failed with InvalidParameterValue.ObjectVpcNotCurrentVpc' },
			{ request: 'ok-last', outcome: `created ${String(items[3].json.TrafficMirrorId)}` },
		]);
	});

	test.each([
		['createAnother', 'e2eRetryOnFailCreateAnother', 'roc'],
		['returnExisting', 'e2eRetryOnFailReturnExisting', 'rre'],
	])("n8n's Retry On Fail (3 tries) with ifExists %s: the bad item is tried 3 times, each good name gets one mirror", async (_mode, workflowId, prefix) => {
		const { execution, log } = await execute(workflowId);
		expect(execution.exitCode).not.toBe(0);
		expect(execution.run?.status).toBe('error');
		const creates = log.filter((entry) => entry.action === 'CreateTrafficMirror');
		expect(creates.filter((entry) => entry.code === 'ResourceNotFound').map(bodyName)).toEqual(Array(3).fill(`e2e-${prefix}-missing-vpc`));
		expect(creates.filter((entry) => entry.code === 'Success').map(bodyName).sort()).toEqual(
			['one', 'three', 'two'].map((name) => `e2e-${prefix}-${name}`),
		);
		expect((await emulator.mirrors()).map((mirror) => mirror.TrafficMirrorName).sort()).toEqual(
			['one', 'three', 'two'].map((name) => `e2e-${prefix}-${name}`),
		);
	});

	test('the running n8n serves the node and credential, tests the credential and lists VPCs from the emulator', async () => {
		const port = await freePort();
		const env = n8nEnvironment(install, { userFolder, encryptionKey, port, brokerPort: await freePort(), netLog });
		const server = new N8nServer(install, env, userFolder, port);
		try {
			await server.start();
			await server.loginAsOwner();

			const nodeTypes = (await server.rest<Array<IDataObject>>('GET', '/types/nodes.json')).data;
			const node = nodeTypes.find((type) => type.name === NODE_TYPE);
			if (!node) throw new Error(`n8n did not load ${NODE_TYPE}; community packages it did load: ${nodeTypes.map((t) => String(t.name)).filter((n) => !n.startsWith('n8n-nodes-base.') && !n.startsWith('@n8n/')).join(', ') || 'none'}\n${tail(server.output())}`);
			expect(node).toMatchObject({
				displayName: 'Tencent Cloud VPC',
				version: 1,
				credentials: [{ name: 'tencentCloudApi', required: true }],
				// From TencentCloudVpc.node.json, which the build copies beside the node.
				codex: expect.objectContaining({ categories: ['Development', 'Utility'], alias: expect.arrayContaining(['Tencent', 'Traffic Mirror']) as unknown }) as unknown,
			});
			// usableAsTool: n8n derives an AI-agent tool variant of the node.
			expect(nodeTypes.map((type) => type.name)).toContain(`${NODE_TYPE}Tool`);
			const iconUrl = node.iconUrl as { light: string; dark: string };
			for (const icon of [iconUrl.light, iconUrl.dark]) {
				const response = await fetch(`${server.url}/${icon}`, { headers: { Cookie: server.authCookie() } });
				expect({ icon, status: response.status, type: response.headers.get('content-type') }).toEqual({
					icon,
					status: 200,
					type: expect.stringContaining('image/svg+xml') as unknown,
				});
			}
			const credentialTypes = (await server.rest<Array<IDataObject>>('GET', '/types/credentials.json')).data;
			const credential = credentialTypes.find((type) => type.name === 'tencentCloudApi');
			// The credential shows the same icons (icons/ at the package's top level) as the node.
			expect(credential?.iconUrl).toEqual(iconUrl);
			// n8n 2.x appends allowedHttpRequestDomains and allowedDomains to every credential type.
			expect((credential?.properties as IDataObject[] | undefined)?.map((p) => p.name).slice(0, 5)).toEqual([
				'secretId',
				'secretKey',
				'sessionToken',
				'site',
				'endpoint',
			]);

			// The credential's Test button: POST /rest/credentials/test with the form's data.
			await emulator.reset();
			const testWith = async (data: Record<string, unknown>) =>
				(await server.rest('POST', '/rest/credentials/test', { credentials: { ...EMULATOR_CREDENTIAL, type: 'tencentCloudApi', data } })).data;
			const { banner } = emulator;
			expect(await testWith(credentialData(banner))).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(await testWith(credentialData(banner, 'NotTheSecretKeyOfThisSecretId00'))).toEqual({
				status: 'Error',
				message: 'Signature rejected: the Secret Key does not match the Secret ID (AuthFailure.SignatureFailure)',
			});
			expect(await testWith({ ...credentialData(banner), secretId: 'AKIDnoSuchKey000000000000000000000000' })).toEqual({
				status: 'Error',
				message: 'Unknown Secret ID: check that the key exists and is enabled in CAM (AuthFailure.SecretIdNotFound)',
			});
			const testCalls = await emulator.log();
			expect(testCalls.map((e) => [e.action, e.region, e.rawBody, e.code])).toEqual([
				['DescribeVpcs', 'ap-guangzhou', '{"Limit":"1"}', 'Success'],
				['DescribeVpcs', 'ap-guangzhou', '{"Limit":"1"}', 'AuthFailure.SignatureFailure'],
				['DescribeVpcs', 'ap-guangzhou', '{"Limit":"1"}', 'AuthFailure.SecretIdNotFound'],
			]);

			// The VPC resource locator's "From List" mode, as the editor asks for it.
			const searchVpcs = async (region: string, filter?: string) =>
				await server.rest<{ results: IDataObject[] }>('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
					path: 'parameters.vpcId',
					nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
					currentNodeParameters: { resource: 'trafficMirror', operation: 'create', region, vpcId: { __rl: true, mode: 'list', value: '' } },
					methodName: 'searchVpcs',
					credentials: { tencentCloudApi: EMULATOR_CREDENTIAL },
					...(filter ? { filter } : {}),
				});
			const guangzhou = await searchVpcs('ap-guangzhou');
			expect(guangzhou.status).toBe(200);
			expect(guangzhou.data.results).toEqual([
				{ name: 'incident-prod (vpc-emu00001, 10.0.0.0/16)', value: 'vpc-emu00001' },
				{ name: 'staging (vpc-emu00002, 172.16.0.0/16)', value: 'vpc-emu00002' },
				{ name: 'fleet (vpc-emu00009, 10.9.0.0/16)', value: 'vpc-emu00009' },
			]);
			expect((await searchVpcs('ap-guangzhou', 'stag')).data.results).toEqual([
				{ name: 'staging (vpc-emu00002, 172.16.0.0/16)', value: 'vpc-emu00002' },
			]);
			expect((await searchVpcs('ap-shanghai')).data.results).toEqual([
				{ name: 'shanghai-core (vpc-emu00003, 10.1.0.0/16)', value: 'vpc-emu00003' },
			]);
		} finally {
			await server.stop();
		}
	});


	describe('the lifecycle examples, started as in production in the running n8n', () => {
		let server: N8nServer;
		const DAY = 24 * 3_600_000;
		const alert = (incidentId: string, affectedEnis: string[]) => ({
			incidentId,
			region: 'ap-guangzhou',
			vpcId: 'vpc-emu00001',
			affectedEnis,
			collectorIp: '10.0.2.20',
			direction: 'EGRESS',
			summary: 'Outbound TLS spike',
		});
		const mirrorNamed = async (name: string) => (await emulator.mirrors('ap-guangzhou')).find((m) => m.TrafficMirrorName === name);
		/** POSTs an alert to the notify example's production webhook and waits for the mirror it creates. */
		async function raiseIncident(incidentId: string, affectedEnis: string[]): Promise<TrafficMirror> {
			const response = await postToWebhook(server, NOTIFY_EXAMPLE.webhookPath, alert(incidentId, affectedEnis));
			expect(response).toEqual({ status: 200, text: expect.stringContaining('Workflow was started') as unknown });
			return await waitFor(`mirror incident-${incidentId}`, async () => await mirrorNamed(`incident-${incidentId}`));
		}

		beforeAll(async () => {
			// The webhook-started examples are activated (n8n execute cannot start a Webhook trigger), then served.
			await activateWithCli(cli, version, NOTIFY_EXAMPLE.id);
			await activateWithCli(cli, version, CLEANUP_EXAMPLE.id);
			const port = await freePort();
			server = new N8nServer(install, n8nEnvironment(install, { userFolder, encryptionKey, port, brokerPort: await freePort(), netLog }), userFolder, port);
			await server.start();
			// Seen with 2.40.7 and active workflows: /rest/settings answers while /rest/login is still a 404.
			await server.loginAsOwner();
		}, 300_000);

		afterAll(async () => {
			await server?.stop();
		});

		test(`notify: a POST to its production webhook mirrors the alert's ENIs as incident-<id> (Slack node disabled: no credential, no network)`, async () => {
			await emulator.reset();
			const mirror = await raiseIncident('INC-4711', ['eni-emu00001', 'eni-emu00002']);
			expect(await finishedExecutionStatuses(server, NOTIFY_EXAMPLE.id, 1)).toEqual(['success']);
			expect(mirror).toMatchObject({
				VpcId: 'vpc-emu00001',
				TrafficMirrorName: 'incident-INC-4711',
				TrafficMirrorDescribe: 'INC-4711: Outbound TLS spike',
				State: 'RUNNING',
				Direction: 'EGRESS',
				CollectorSrcs: ['eni-emu00001', 'eni-emu00002'],
				CollectorTarget: { TargetIps: ['10.0.2.20'] },
			});
			expect(await emulator.mirrors()).toHaveLength(1);
			expect(await emulator.tagsOf(mirror.TrafficMirrorId)).toEqual([{ Key: 'incident', Value: 'INC-4711' }]);
			// ifExists: returnExisting looks for the name first, then creates, then checks that no
			// other worker created the name at the same time.
			expect((await emulator.log()).map((e) => [e.action, e.code])).toEqual([
				['DescribeTrafficMirrors', 'Success'],
				['CreateTrafficMirror', 'Success'],
				['DescribeTrafficMirrors', 'Success'],
			]);

			// A repeated alert returns the existing mirror instead of creating a second one.
			const again = await postToWebhook(server, NOTIFY_EXAMPLE.webhookPath, alert('INC-4711', ['eni-emu00001', 'eni-emu00002']));
			expect(again.status).toBe(200);
			expect(await finishedExecutionStatuses(server, NOTIFY_EXAMPLE.id, 2)).toEqual(['success', 'success']);
			expect((await emulator.mirrors()).map((m) => m.TrafficMirrorId)).toEqual([mirror.TrafficMirrorId]);
			expect((await emulator.log()).filter((e) => e.action === 'CreateTrafficMirror')).toHaveLength(1);
		});

		test("cleanup: a POST with the incident ID stops, then deletes, that incident's mirrors and keeps the others", async () => {
			await emulator.reset();
			const ours = await raiseIncident('INC-4711', ['eni-emu00001', 'eni-emu00002']);
			const kept = await raiseIncident('INC-4712', ['eni-emu00003']);
			// Each notify run ends with returnExisting's second lookup, a second after its create.
			await waitFor('both notify runs to finish their lookups', async () =>
				(await emulator.log()).filter((e) => e.action === 'DescribeTrafficMirrors').length >= 4 ? true : undefined,
			);
			const before = (await emulator.log()).length;
			const response = await postToWebhook(server, CLEANUP_EXAMPLE.webhookPath, { incidentId: 'INC-4711', region: 'ap-guangzhou' });
			expect(response.status).toBe(200);
			expect(await finishedExecutionStatuses(server, CLEANUP_EXAMPLE.id, 1)).toEqual(['success']);
			const log = (await emulator.log()).slice(before);
			const calls = log.map((e) => [e.action, e.code, (JSON.parse(e.rawBody) as IDataObject).TrafficMirrorId]);
			// One search by tag key (Tencent returns no tag values; the node matches the name), then the incident's mirror stopped before it is deleted.
			expect(JSON.parse(log[0].rawBody)).toEqual({ Offset: 0, Limit: 100, Filters: { Name: 'tag-key', Values: ['incident'] } });
			expect(calls).toEqual([
				['DescribeTrafficMirrors', 'Success', undefined],
				['StopTrafficMirror', 'Success', ours.TrafficMirrorId],
				['DeleteTrafficMirror', 'Success', ours.TrafficMirrorId],
			]);
			expect((await emulator.mirrors()).map((m) => m.TrafficMirrorId)).toEqual([kept.TrafficMirrorId]);
		});

		test('retrying a failed returnExisting execution from the execution list creates nothing twice', async () => {
			await emulator.reset();
			const filter = encodeURIComponent(JSON.stringify({ workflowId: 'e2eRetryOnFailReturnExisting' }));
			const executions = async () => (await server.rest<{ results: Array<{ id: string; status: string }> }>('GET', `/rest/executions?filter=${filter}`)).data.results ?? [];
			// Executions of this workflow from earlier tests (n8n execute saves them too).
			const earlier = new Set((await executions()).map((e) => e.id));
			expect(await runFromTrigger(server, 'e2eRetryOnFailReturnExisting', 'Start')).toBe('error');
			const names = async () => (await emulator.mirrors()).map((mirror) => mirror.TrafficMirrorName).sort();
			expect(await names()).toEqual(['e2e-rre-one', 'e2e-rre-three', 'e2e-rre-two']);
			const [failed] = (await executions()).filter((e) => !earlier.has(e.id));
			earlier.add(failed.id);
			const before = (await emulator.log()).length;

			// The editor's "Retry with original workflow".
			const retry = await server.rest('POST', `/rest/executions/${failed.id}/retry`, { loadWorkflow: false });
			expect(retry.status).toBe(200);
			const status = await waitFor('the retry to finish', async () => {
				const [retried] = (await executions()).filter((e) => !earlier.has(e.id));
				return retried && !['new', 'running', 'waiting'].includes(retried.status) ? retried.status : undefined;
			});
			// It fails again on the bad item, as it should.
			expect(status).toBe('error');
			const calls = (await emulator.log()).slice(before);
			// The good names were found by their lookups; only the bad item tried to create (3 tries).
			expect(calls.filter((e) => e.action === 'CreateTrafficMirror').map(bodyName)).toEqual(Array(3).fill('e2e-rre-missing-vpc'));
			expect(await names()).toEqual(['e2e-rre-one', 'e2e-rre-three', 'e2e-rre-two']);
		});

		test('nightly sweep: run from its Schedule trigger, it stops the running mirrors older than 7 days and leaves younger ones running', async () => {
			await emulator.reset();
			const old = [
				await createAgedMirror(emulator, 30 * DAY, { TrafficMirrorName: 'a-month-old', CollectorSrcs: ['eni-emu00001'] }),
				// 4 hours over 7 days: reading CreateTime as UTC instead of UTC+8 would miss it.
				await createAgedMirror(emulator, 7 * DAY + 4 * 3_600_000, { TrafficMirrorName: 'just-over-7-days', CollectorSrcs: ['eni-emu00002'] }),
			];
			const young = [
				await createAgedMirror(emulator, 7 * DAY - 4 * 3_600_000, { TrafficMirrorName: 'just-under-7-days', CollectorSrcs: ['eni-emu00003'] }),
				await createAgedMirror(emulator, 3_600_000, { TrafficMirrorName: 'fresh', CollectorSrcs: ['subnet-emu00001'] }),
			];
			const before = (await emulator.log()).length;
			expect(await runFromTrigger(server, SWEEP_EXAMPLE.id, SWEEP_EXAMPLE.trigger)).toBe('success');
			const calls = (await emulator.log()).slice(before).map((e) => [e.action, e.code, (JSON.parse(e.rawBody) as IDataObject).TrafficMirrorId]);
			expect(calls).toEqual([
				['DescribeTrafficMirrors', 'Success', undefined],
				...old.map((m) => ['StopTrafficMirror', 'Success', m.TrafficMirrorId]),
			]);
			const states = byName(await emulator.mirrors(), (m) => m.TrafficMirrorName);
			expect([...states.values()].map((m) => [m.TrafficMirrorName, m.State]).sort()).toEqual(
				[
					['a-month-old', 'STOPED'],
					['fresh', 'RUNNING'],
					['just-over-7-days', 'STOPED'],
					['just-under-7-days', 'RUNNING'],
				],
			);
			expect(young.map((m) => m.State)).toEqual(['RUNNING', 'RUNNING']);
		});
	});

	test('n8n connected to nothing but 127.0.0.1', () => {
		// dev/e2e/loopbackGuard.js, preloaded into every n8n process, refuses and records any other connection or lookup.
		const lines = fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8').trim().split('\n').filter(Boolean) : [];
		const entries = lines.map((line) => JSON.parse(line) as { kind: string; argv: string[] });
		const guarded = entries.filter((entry) => entry.kind === 'guard-loaded');
		// Every CLI command and the server ran with the guard (n8n's task runner children may too).
		expect(guarded.length).toBeGreaterThanOrEqual(8);
		expect(entries.filter((entry) => entry.kind !== 'guard-loaded')).toEqual([]);
	});
});
