import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { HookContext, WebhookContext } from 'n8n-core';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { TestCredentialsHelper } from './credentialsHelper';
import { TestNodeTypes } from './nodeTypes';
import { runWorkflow, type WorkflowRun } from './runWorkflow';

/**
 * Plays n8n's webhook server for a workflow that starts with a webhook trigger, around n8n-core's
 * own HookContext and WebhookContext:
 * - activation / deactivation as n8n's ActiveWorkflowManager runs them (checkExists, then create
 *   if it says false; delete), with the workflow's static data kept between them as n8n keeps it
 *   in its database: saved only when the node changed it;
 * - "Listen for test event" as n8n's TestWebhooks: a workflow with empty static data, whose node
 *   static data after create() is kept with the registration, handed to webhook() as test static
 *   data and to delete() after the first execution;
 * - incoming calls on 127.0.0.1 answered as n8n's WebhookHelpers answers them (the node's own
 *   answer for noWebhookResponse, `webhookResponse` with or without a run), each run executed by
 *   n8n's engine with the trigger's items.
 */

/** How a call was answered, and the run it started, if any. */
export interface WebhookCall {
	status: number;
	body: unknown;
	isTest: boolean;
	run?: Promise<WorkflowRun>;
}

type StaticData = IDataObject;

function plain(staticData: StaticData): StaticData {
	return JSON.parse(JSON.stringify(staticData)) as StaticData;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** The body as n8n's body parser leaves it: JSON and text parsed by content type, anything else `{}`. */
function parsedBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0) return {};
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/json') return JSON.parse(raw.toString('utf8'));
	if (type === 'text/plain') return raw.toString('utf8');
	return {};
}

/**
 * What n8n answers an `onReceived` webhook that starts a run and did not answer itself: the
 * description's `responseData` (n8n's default: the text "firstEntryJson"), else webhookResponse.
 * Expressions in responseData are not evaluated here: the package's trigger sets none.
 */
function onReceivedResponse(description: IWebhookDescription | undefined, result: IWebhookResponseData): unknown {
	const responseData = description?.responseData ?? 'firstEntryJson';
	if (responseData === 'noData') return undefined;
	if (responseData) return responseData;
	return result.webhookResponse ?? { message: 'Workflow was started' };
}

/** The part of Express's Response a node's webhook() uses. */
class Responder {
	statusCode = 200;
	headersSent = false;
	sentBody: unknown;
	constructor(private readonly answer: (status: number, body: unknown) => void) {}
	status(code: number): this {
		this.statusCode = code;
		return this;
	}
	json(body: unknown): this {
		this.headersSent = true;
		this.sentBody = body;
		this.answer(this.statusCode, body);
		return this;
	}
	send(body: unknown): this {
		return this.json(body);
	}
	end(): this {
		if (!this.headersSent) this.json(undefined);
		return this;
	}
}

export class WebhookTriggerServer {
	/** Every call the server answered, in order. */
	readonly calls: WebhookCall[] = [];
	/** The workflow's static data as n8n's database holds it. */
	savedStaticData: StaticData = {};
	private readonly nodeTypes = new TestNodeTypes();
	private server?: Server;
	private baseUrl = '';
	private active = false;
	/** The node static data of a "Listen for test event" registration, while it lasts. */
	private testStaticData?: StaticData;
	/** Calls still being handled (answered, but n8n's work after the answer not done). */
	private readonly pending = new Set<Promise<void>>();

	constructor(
		private readonly workflowData: IWorkflowBase,
		private readonly triggerName: string,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {}

	async start(): Promise<void> {
		this.server = createServer((request, response) => {
			const handled: Promise<void> = this.handle(request, response.writeHead.bind(response), (body) => response.end(body)).finally(
				() => this.pending.delete(handled),
			);
			this.pending.add(handled);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	/** Waits until every call so far is handled, including what n8n does after answering it. */
	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	get node(): INode {
		const node = this.workflowData.nodes.find((candidate) => candidate.name === this.triggerName);
		if (!node) throw new Error(`The workflow has no node ${this.triggerName}`);
		return node;
	}

	/** The production URL n8n gives the trigger (without the secret the node adds). */
	get productionUrl(): string {
		return `${this.baseUrl}/webhook/${this.node.webhookId}/webhook`;
	}

	get testUrl(): string {
		return `${this.baseUrl}/webhook-test/${this.node.webhookId}/webhook`;
	}

	/** Activates the workflow: checkExists, then create if it said false; static data saved if changed. */
	async activate(activation: 'activate' | 'init' = 'activate'): Promise<{ created: boolean }> {
		const workflow = this.workflow(this.savedStaticData);
		// n8n stores the webhook's route before create() runs, and saves static data only after it:
		// a call during create() reaches webhook() with the static data saved before.
		this.active = true;
		try {
			const created = await this.createIfNotExists(workflow, 'trigger', activation, false);
			this.save(workflow);
			return { created };
		} catch (error) {
			this.active = false;
			throw error;
		}
	}

	/** Deactivates it: delete with the saved static data, saved again if changed. */
	async deactivate(): Promise<void> {
		this.active = false;
		const workflow = this.workflow(this.savedStaticData);
		await this.hook(workflow, 'delete', 'internal', 'update', false);
		this.save(workflow);
	}

	/** "Listen for test event": registers with the test URL on a workflow with empty static data. */
	async listenForTestEvent(): Promise<void> {
		const workflow = this.workflow({});
		// n8n registers the test webhook before create() and again, with the static data, after it.
		this.testStaticData = {};
		try {
			await this.createIfNotExists(workflow, 'manual', 'manual', true);
		} catch (error) {
			this.testStaticData = undefined;
			throw error;
		}
		this.testStaticData = plain(workflow.staticData);
	}

	/** What n8n does when the test listening ends without an event (timeout, or the user stops it). */
	async stopListening(): Promise<void> {
		if (!this.testStaticData) return;
		const workflow = this.workflow(this.testStaticData);
		this.testStaticData = undefined;
		await this.hook(workflow, 'delete', 'internal', 'update', true);
	}

	get isListeningForTestEvent(): boolean {
		return this.testStaticData !== undefined;
	}

	/** The node's part of the saved static data. */
	nodeStaticData(): StaticData {
		return (this.savedStaticData[`node:${this.triggerName}`] as StaticData | undefined) ?? {};
	}

	/** Runs one webhookMethods method as n8n would, with the saved static data. */
	async runHook(method: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
		const workflow = this.workflow(this.savedStaticData);
		const result = await this.hook(workflow, method, 'trigger', 'activate', false);
		this.save(workflow);
		return result;
	}

	private workflow(staticData: StaticData): Workflow {
		return new Workflow({
			id: this.workflowData.id ?? 'tcop-trigger-test',
			name: this.workflowData.name,
			nodes: this.workflowData.nodes,
			connections: this.workflowData.connections,
			active: this.active,
			nodeTypes: this.nodeTypes,
			staticData: plain(staticData),
			settings: this.workflowData.settings,
		});
	}

	private save(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged === true) this.savedStaticData = plain(workflow.staticData);
	}

	private additionalData(extra: IDataObject = {}): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: new TestCredentialsHelper({ tencentCloudApi: new TencentCloudApi() }, this.credentials),
			restApiUrl: `${this.baseUrl}/rest`,
			instanceBaseUrl: `${this.baseUrl}/`,
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookWaitingBaseUrl: `${this.baseUrl}/webhook-waiting`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			formWaitingBaseUrl: `${this.baseUrl}/form-waiting`,
			variables: {},
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookDescription(): IWebhookDescription {
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		return nodeType.description.webhooks![0] as IWebhookDescription;
	}

	private webhookData(workflow: Workflow, isTest: boolean, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		const description = nodeType.description.webhooks![0] as IWebhookDescription;
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.triggerName,
			path: `${this.node.webhookId}/${String(description.path)}`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	private async hook(
		workflow: Workflow,
		method: 'checkExists' | 'create' | 'delete',
		mode: WorkflowExecuteMode,
		activation: 'activate' | 'init' | 'manual' | 'update' | 'internal',
		isTest: boolean,
	): Promise<boolean> {
		const node = workflow.getNode(this.triggerName)!;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const fn = nodeType.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`${node.type} has no webhookMethods.default.${method}`);
		const additionalData = this.additionalData();
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			mode,
			activation as never,
			this.webhookData(workflow, isTest, additionalData),
		);
		return (await fn.call(context)) as boolean;
	}

	private async createIfNotExists(
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		activation: 'activate' | 'init' | 'manual',
		isTest: boolean,
	): Promise<boolean> {
		if (await this.hook(workflow, 'checkExists', mode, activation, isTest)) return false;
		await this.hook(workflow, 'create', mode, activation, isTest);
		return true;
	}

	private async handle(
		request: IncomingMessage,
		writeHead: (status: number, headers: Record<string, string>) => void,
		end: (body: string) => void,
	): Promise<void> {
		let answered = false;
		const answer = (status: number, body: unknown) => {
			if (answered) return;
			answered = true;
			writeHead(status, { 'Content-Type': 'application/json' });
			end(body === undefined ? '' : JSON.stringify(body));
		};
		const call: WebhookCall = { status: 0, body: undefined, isTest: false };
		const record = (status: number, body: unknown) => {
			call.status = status;
			call.body = body;
			answer(status, body);
		};
		try {
			const raw = await readBody(request);
			const url = new URL(request.url ?? '/', this.baseUrl);
			const isTest = url.pathname === new URL(this.testUrl).pathname;
			call.isTest = isTest;
			const known = isTest ? this.testStaticData !== undefined : url.pathname === new URL(this.productionUrl).pathname && this.active;
			if (request.method !== 'POST' || !known) {
				record(404, { message: 'The requested webhook is not registered.' });
				return;
			}
			this.calls.push(call);

			const workflow = this.workflow(isTest ? {} : this.savedStaticData);
			if (isTest) workflow.setTestStaticData(this.testStaticData!);
			const responder = new Responder(record);
			const httpRequest = {
				method: request.method,
				url: request.url,
				headers: request.headers,
				query: Object.fromEntries(url.searchParams),
				params: {},
				body: parsedBody(raw, request.headers['content-type']),
				rawBody: raw,
			};
			const additionalData = this.additionalData({ httpRequest, httpResponse: responder } as unknown as IDataObject);
			const mode: WorkflowExecuteMode = isTest ? 'manual' : 'webhook';
			const node = workflow.getNode(this.triggerName)!;
			const context = new WebhookContext(workflow, node, additionalData, mode, this.webhookData(workflow, isTest, additionalData), [], null);
			const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			const result: IWebhookResponseData = await nodeType.webhook!.call(context);

			// n8n's WebhookHelpers: the node answered itself, or n8n answers with webhookResponse.
			if (result.noWebhookResponse === true && !responder.headersSent) {
				record(500, { message: 'The node answered nothing' });
				return;
			}
			if (result.workflowData === undefined) {
				if (responder.headersSent) return;
				record(200, result.webhookResponse ?? { message: 'Webhook call received' });
				return;
			}
			call.run = runWorkflow(this.workflowData, {
				credentials: this.credentials,
				triggerItems: result.workflowData[0],
				startNode: this.triggerName,
				mode,
			});
			if (!responder.headersSent) record(200, onReceivedResponse(this.webhookDescription(), result));
			if (isTest) {
				// n8n's TestWebhooks removes a test registration after the event it waited for.
				const staticData = this.testStaticData!;
				this.testStaticData = undefined;
				await this.hook(this.workflow(staticData), 'delete', 'internal', 'update', true);
			}
		} catch (error) {
			record(500, { message: (error as Error).message });
		}
	}
}
