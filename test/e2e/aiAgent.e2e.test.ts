// The node as a tool of n8n's own AI Agent (each pinned version): examples/ai-agent-traffic-mirror.workflow.json
// with n8n's OpenAI Chat Model pointed, through its credential's Base URL, at a scripted model on
// 127.0.0.1 (dev/e2e/scriptedModel.ts), chatted with through the Chat Trigger's webhook.
import { randomBytes, randomUUID } from 'node:crypto';
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
import { type ChatCompletionRequest, ScriptedModel, toolName, toolResults } from '../../dev/e2e/scriptedModel';
import { REPO_ROOT } from '../../dev/e2e/versions';
import { TOOL_DESCRIPTIONS } from '../../nodes/TencentCloudVpc/actions/trafficMirror/toolDescriptions';

const manifest = readManifest();
const EMULATOR_CREDENTIAL = { id: 'tencentCloudEmulator', name: 'Tencent Cloud emulator' };
const OPENAI_CREDENTIAL = { id: 'openAiAccount', name: 'OpenAI account' };
const CHAT_TRIGGER = 'When chat message received';
const CREATE_TOOL = 'Create traffic mirror';
const EXAMPLE = { id: 'e2eAiAgentEx', file: 'ai-agent-traffic-mirror.workflow.json' };
/** The example saved with n8n's legacy execution order (the README's pitfall). */
const LEGACY_ORDER = { id: 'e2eAiAgentLegacy', webhookId: 'd2e1f3a4-5b6c-4d7e-8f90-a1b2c3d4e5f6' };
/** The example with more of Create's fields left to the model: option fields and a five-tuple rule's CIDR. */
const MORE_FIELDS = { id: 'e2eAiAgentFields', webhookId: 'c1f0e2d3-4b5a-4697-8a1b-2c3d4e5f6a7b' };

interface WorkflowNode {
	name: string;
	type: string;
	webhookId?: string;
	parameters: IDataObject;
	credentials?: unknown;
}
interface Workflow {
	id?: string;
	nodes: WorkflowNode[];
	[key: string]: unknown;
}

const fromAi = (key: string, description: string) => `={{ $fromAI('${key}', \`${description}\`, 'string') }}`;
const MORE_FIELDS_DESCRIPTIONS = {
	direction: 'Which traffic to mirror: ALL, EGRESS or INGRESS',
	state: 'RUNNING to collect at once, STOPPED to create the mirror stopped',
	sourceCidr: 'Mirror only traffic from this IPv4 CIDR, such as 10.0.1.0/24',
};

function readExample(): Workflow {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', EXAMPLE.file), 'utf8')) as Workflow;
}

/**
 * The example as shipped, except that its Chat Trigger is public: n8n answers a production chat
 * message only then (the editor's chat works without).
 */
function exampleToImport(): Workflow & { id: string } {
	const example = readExample();
	const trigger = example.nodes.find((node) => node.name === CHAT_TRIGGER)!;
	trigger.parameters = { ...trigger.parameters, public: true };
	return { ...example, id: EXAMPLE.id };
}

function moreFieldsWorkflow(): Workflow & { id: string } {
	const workflow = exampleToImport();
	workflow.name = 'AI Agent e2e: option fields and a CIDR from the model';
	workflow.nodes.find((node) => node.name === CHAT_TRIGGER)!.webhookId = MORE_FIELDS.webhookId;
	const create = workflow.nodes.find((node) => node.name === CREATE_TOOL)!;
	create.parameters = {
		...create.parameters,
		direction: fromAi('direction', MORE_FIELDS_DESCRIPTIONS.direction),
		state: fromAi('state', MORE_FIELDS_DESCRIPTIONS.state),
		additionalFields: {
			collectorNormalFilters: { filter: [{ srcNet: fromAi('sourceCidr', MORE_FIELDS_DESCRIPTIONS.sourceCidr), dstNet: '0.0.0.0/0', protocol: 'ALL' }] },
		},
	};
	return { ...workflow, id: MORE_FIELDS.id };
}

function legacyOrderWorkflow(): Workflow & { id: string } {
	const workflow = exampleToImport();
	workflow.name = 'AI Agent e2e: the example with the legacy execution order';
	workflow.nodes.find((node) => node.name === CHAT_TRIGGER)!.webhookId = LEGACY_ORDER.webhookId;
	return { ...workflow, id: LEGACY_ORDER.id, settings: { executionOrder: 'v0' } };
}

/** The $fromAI descriptions of a tool node's parameters, by key, as written in the workflow. */
function fromAiDescriptions(node: WorkflowNode): Record<string, string> {
	const found: Record<string, string> = {};
	const text = JSON.stringify(node.parameters);
	for (const match of text.matchAll(/\$fromAI\('([\w-]+)', `([^`]*)`/g)) found[match[1]] = match[2];
	return found;
}

/** The tool's answer in a request: n8n sends the tool node's output items as JSON text. */
function toolAnswer(request: ChatCompletionRequest, index = 0): IDataObject {
	const results = toolResults(request);
	expect(results.length).toBeGreaterThan(index);
	const parsed = JSON.parse(results[index].content) as unknown;
	return (Array.isArray(parsed) ? parsed[0] : parsed) as IDataObject;
}

const summary = (log: RequestLogEntry[]) => log.map((entry) => [entry.action, entry.region, entry.signatureVerdict, entry.code]);

describe.each(manifest.installs.map((install) => [install.version, install] as const))('n8n %s: the node as an AI Agent tool', (version: string, install: N8nInstall) => {
	const userFolder = path.join(manifest.workDir, `user-ai-agent-${version}`);
	const netLog = path.join(manifest.workDir, `outbound-ai-agent-${version}.jsonl`);
	const encryptionKey = randomBytes(24).toString('hex');
	const model = new ScriptedModel();
	let emulator: EmulatorProcess;
	let server: N8nServer;

	/** Sends one chat message as the chat widget does; resolves with n8n's answer once the run ended. */
	async function chat(webhookId: string, chatInput: string): Promise<{ status: number; body: IDataObject }> {
		const answer = await waitFor(`the chat webhook ${webhookId}`, async () => {
			const response = await fetch(`${server.url}/webhook/${webhookId}/chat`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ action: 'sendMessage', sessionId: randomUUID(), chatInput }),
			});
			const text = await response.text();
			return response.status === 404 && text.includes('is not registered') ? undefined : { status: response.status, text };
		});
		return { status: answer.status, body: JSON.parse(answer.text) as IDataObject };
	}


	beforeAll(async () => {
		fs.mkdirSync(userFolder, { recursive: true });
		await installAsCommunityPackage(userFolder, manifest.pack);
		emulator = await startEmulatorProcess();
		await model.start();
		const env = n8nEnvironment(install, { userFolder, encryptionKey, brokerPort: await freePort(), netLog });
		const cli = new N8nCli(install, env, userFolder, path.join(manifest.workDir, `logs-ai-agent-${version}`));
		const { banner } = emulator;
		await cli.importCredentials([
			{ ...EMULATOR_CREDENTIAL, type: 'tencentCloudApi', data: { secretId: banner.secretId, secretKey: banner.secretKey, sessionToken: '', site: 'intl', endpoint: banner.url } },
			{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-e2e-scripted', organizationId: '', url: model.baseUrl, header: false } },
		]);
		await cli.importWorkflows([exampleToImport(), moreFieldsWorkflow(), legacyOrderWorkflow()]);
		for (const id of [EXAMPLE.id, MORE_FIELDS.id, LEGACY_ORDER.id]) await activateWithCli(cli, version, id);
		const port = await freePort();
		server = new N8nServer(install, n8nEnvironment(install, { userFolder, encryptionKey, port, brokerPort: await freePort(), netLog }), userFolder, port);
		await server.start();
		await server.loginAsOwner();
	}, 400_000);

	afterAll(async () => {
		await server?.stop();
		await model.stop();
		await emulator?.stop();
	});

	test('the example: one signed create with the model\'s values, its TrafficMirrorId back to the model, then the agent\'s answer', async () => {
		await emulator.reset();
		const example = readExample();
		const webhookId = example.nodes.find((node) => node.name === CHAT_TRIGGER)!.webhookId!;
		const message = 'Mirror the traffic of ins-web00001 in gz to the collector';
		model.script(message, [
			(request) => ({ toolCalls: [{ name: toolName(request, 'Create'), arguments: { region: 'gz', mirrorName: 'incident-web-1', servers: 'ins-web00001' } }] }),
			(request) => ({ toolCalls: [{ name: toolName(request, 'List'), arguments: { region: 'ap-guangzhou', mirrorName: 'incident-web-1' } }] }),
			(request) => ({ content: `Created ${String(toolAnswer(request, 1).TrafficMirrorId)} for ins-web00001.` }),
		]);

		const answer = await chat(webhookId, message);

		// The tool schema n8n sent: every $fromAI field, with the description the workflow gives it.
		const [first, second, third] = model.conversation(message);
		const tools = new Map((first.body.tools ?? []).map((tool) => [tool.function.name, tool.function]));
		for (const nodeName of [CREATE_TOOL, 'List traffic mirrors']) {
			const node = example.nodes.find((each) => each.name === nodeName)!;
			const tool = tools.get(toolName(first.body, nodeName.split(' ')[0]))!;
			const descriptions = fromAiDescriptions(node);
			expect(Object.keys(descriptions).length).toBeGreaterThan(0);
			expect(Object.fromEntries(Object.entries(tool.parameters?.properties ?? {}).map(([key, schema]) => [key, schema.description]))).toEqual(descriptions);
			expect([...(tool.parameters?.required ?? [])].sort()).toEqual(Object.keys(descriptions).sort());
		}
		// What each tool does, needs and returns: the operation's own text, not the bare action name.
		expect(tools.get(toolName(first.body, 'Create'))!.description).toBe(TOOL_DESCRIPTIONS.create);
		expect(tools.get(toolName(first.body, 'List'))!.description).toBe(TOOL_DESCRIPTIONS.getMany);

		// Tencent saw the instance resolved, one signed create with exactly the model's values, then the listing.
		const log = await emulator.log();
		const creates = log.filter((entry) => entry.action === 'CreateTrafficMirror');
		expect(creates).toHaveLength(1);
		expect(creates[0]).toMatchObject({ region: 'ap-guangzhou', signatureVerdict: 'ok', code: 'Success', secretId: emulator.banner.secretId });
		expect(JSON.parse(creates[0].rawBody)).toStrictEqual({
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'incident-web-1',
			Type: 'VPC',
			State: 'RUNNING',
			Direction: 'ALL',
			CollectorSrcs: ['eni-web0001a', 'eni-web0001b'],
			CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'], AlgHash: 'ENI' },
			TrafficMirrorDescribe: 'Created by the network agent',
		});
		expect(log.every((entry) => entry.signatureVerdict === 'ok' && entry.region === 'ap-guangzhou')).toBe(true);
		const [mirror] = await emulator.mirrors('ap-guangzhou');
		expect(await emulator.mirrors()).toHaveLength(1);

		// The model's next request carries the tool's answer with the TrafficMirrorId; then the list holds it.
		expect(toolAnswer(second.body)).toMatchObject({ TrafficMirrorId: mirror.TrafficMirrorId, TrafficMirrorName: 'incident-web-1' });
		expect(toolAnswer(third.body, 1)).toMatchObject({ TrafficMirrorId: mirror.TrafficMirrorId });
		expect(answer).toEqual({ status: 200, body: { output: `Created ${mirror.TrafficMirrorId} for ins-web00001.` } });
	});

	test('an unknown instance: no create, the model reads the error and what to do, the run ends with the agent\'s answer', async () => {
		await emulator.reset();
		const webhookId = readExample().nodes.find((node) => node.name === CHAT_TRIGGER)!.webhookId!;
		const message = 'Mirror ins-nothere1 in gz';
		model.script(message, [
			(request) => ({ toolCalls: [{ name: toolName(request, 'Create'), arguments: { region: 'gz', mirrorName: 'incident-x', servers: 'ins-nothere1' } }] }),
			(request) => ({ content: `I could not: ${String(toolAnswer(request).error)}` }),
		]);

		const answer = await chat(webhookId, message);

		const [, second] = model.conversation(message);
		const error = toolAnswer(second.body);
		expect(error).toEqual({
			error: 'Collector Sources (collectorSrcs) of item 0: "ins-nothere1" matches no network interface in VPC vpc-emu00001 (region ap-guangzhou)',
			whatToDo: expect.stringMatching(/^An instance ID must name a CVM instance with ENIs in this VPC; .* Nothing was created or changed\.$/),
		});
		expect(answer).toEqual({ status: 200, body: { output: `I could not: ${String(error.error)}` } });
		expect(summary(await emulator.log())).toEqual([['DescribeNetworkInterfaces', 'ap-guangzhou', 'ok', 'Success']]);
		expect(await emulator.mirrors()).toEqual([]);
		expect((await finishedExecutionStatuses(server, EXAMPLE.id, 2)).sort()).toEqual(['success', 'success']);
	});

	test('option fields and a CIDR from the model: "egress" and "stopped" are sent as Tencent spells them; a bad CIDR reaches no Tencent API', async () => {
		await emulator.reset();
		const valid = 'Capture egress of 10.0.1.22 from 10.0.1.0/24, stopped';
		model.script(valid, [
			(request) => ({
				toolCalls: [
					{
						name: toolName(request, 'Create'),
						arguments: { region: 'ap-guangzhou', mirrorName: 'egress-web-2', servers: '10.0.1.22', direction: 'egress', state: 'stopped', sourceCidr: '10.0.1.0/24' },
					},
				],
			}),
			(request) => ({ content: `Created ${String(toolAnswer(request).TrafficMirrorId)}.` }),
		]);
		const bad = 'Capture traffic of 10.0.1.22 from 10.0.1.0/33';
		model.script(bad, [
			(request) => ({
				toolCalls: [
					{
						name: toolName(request, 'Create'),
						arguments: { region: 'gz', mirrorName: 'bad-cidr', servers: '10.0.1.22', direction: 'ALL', state: 'RUNNING', sourceCidr: '10.0.1.0/33' },
					},
				],
			}),
			(request) => ({ content: `That did not work: ${String(toolAnswer(request).error)}` }),
		]);

		const created = await chat(MORE_FIELDS.webhookId, valid);
		expect(toolAnswer(model.conversation(valid)[1].body)).not.toHaveProperty('error');
		const schema = model.conversation(valid)[0].body.tools!.find((tool) => tool.function.name === toolName(model.conversation(valid)[0].body, 'Create'))!;
		for (const [key, description] of Object.entries(MORE_FIELDS_DESCRIPTIONS)) expect(schema.function.parameters?.properties?.[key]?.description).toBe(description);
		const [create] = (await emulator.log()).filter((entry) => entry.action === 'CreateTrafficMirror');
		expect(JSON.parse(create.rawBody)).toMatchObject({
			TrafficMirrorName: 'egress-web-2',
			Direction: 'EGRESS',
			State: 'STOPED',
			CollectorSrcs: ['eni-web0002a'],
			CollectorNormalFilters: [{ SrcNet: '10.0.1.0/24', DstNet: '0.0.0.0/0', Protocol: 'ALL' }],
		});
		const [mirror] = await emulator.mirrors();
		expect(created.body).toEqual({ output: `Created ${mirror.TrafficMirrorId}.` });

		await emulator.reset();
		const refused = await chat(MORE_FIELDS.webhookId, bad);
		const [, second] = model.conversation(bad);
		expect(toolAnswer(second.body).error).toMatch(/^Additional Fields → Collector Normal Filters → Source Network \(srcNet\), entry 1 of item 0: "10\.0\.1\.0\/33" is not an IPv4\/IPv6 address or CIDR/);
		expect(refused).toEqual({ status: 200, body: { output: `That did not work: ${String(toolAnswer(second.body).error)}` } });
		expect(await emulator.log()).toEqual([]);
	});

	test('the README\'s pitfall: with the legacy execution order the model hears nothing of the mirror the tool created', async () => {
		await emulator.reset();
		const message = 'Mirror ins-web00002 in gz';
		model.script(message, [
			(request) => ({ toolCalls: [{ name: toolName(request, 'Create'), arguments: { region: 'gz', mirrorName: 'legacy-web-2', servers: 'ins-web00002' } }] }),
			(request) => ({ content: `The tool said: ${toolResults(request).map((result) => result.content).join(' ')}` }),
		]);

		await chat(LEGACY_ORDER.webhookId, message);

		const [, second] = model.conversation(message);
		const heard = toolResults(second.body).map((result) => result.content).join(' ');
		const mirrors = await waitFor('the mirror', async () => ((await emulator.mirrors()).length ? await emulator.mirrors() : undefined));
		expect(mirrors.map((mirror) => mirror.TrafficMirrorName)).toEqual(['legacy-web-2']);
		expect(heard).not.toContain(mirrors[0].TrafficMirrorId);
	});

	test('n8n connected to nothing but 127.0.0.1', () => {
		const lines = fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8').trim().split('\n').filter(Boolean) : [];
		const entries = lines.map((line) => JSON.parse(line) as { kind: string });
		expect(entries.filter((entry) => entry.kind === 'guard-loaded').length).toBeGreaterThanOrEqual(3);
		expect(entries.filter((entry) => entry.kind !== 'guard-loaded')).toEqual([]);
	});
});
