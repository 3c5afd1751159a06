import type {
	ICredentialDataDecryptedObject,
	IExecuteResponsePromiseData,
	IHttpRequestOptions,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { TestCredentialsHelper } from './credentialsHelper';
import { TestNodeTypes } from './nodeTypes';

export interface WorkflowRun {
	run: IRun;
	/** The items a node put on its output `outputIndex` (its last run). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error a node stopped with, if any. */
	error(nodeName: string): Error | undefined;
}

export interface RunWorkflowOptions {
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** What the start node receives, as n8n's test harness feeds a trigger. */
	triggerItems?: INodeExecutionData[];
	/** Called with every request the credential signed, just before it is sent. */
	onSigned?: (signed: IHttpRequestOptions) => void;
	/**
	 * The execution mode (default 'manual'). In 'trigger' or 'webhook' mode a trigger start node
	 * (Schedule Trigger) passes `triggerItems` on, as in a production run, instead of firing itself.
	 */
	mode?: WorkflowExecuteMode;
	/**
	 * The node that receives `triggerItems`. Default: n8n's own choice (a trigger or manual
	 * trigger), else a Webhook node, where n8n starts a webhook's execution.
	 */
	startNode?: string;
	/** Receives what a Respond to Webhook node answers. */
	onWebhookResponse?: (response: IExecuteResponsePromiseData) => void;
}

let executionCount = 0;

/** The first enabled node that receives webhooks (n8n's getStartNode only knows triggers). */
function webhookNode(workflow: Workflow, nodeTypes: TestNodeTypes) {
	return Object.values(workflow.nodes).find(
		(node) => !node.disabled && nodeTypes.getByNameAndVersion(node.type, node.typeVersion).webhook !== undefined,
	);
}

/**
 * Runs a workflow with n8n's own engine (n8n-core's WorkflowExecute), the way n8n's node test
 * harness does: real parameter resolution, expressions, pairing and error handling; the node's
 * HTTP calls go out for real.
 */
export async function runWorkflow(workflowData: IWorkflowBase, options: RunWorkflowOptions = {}): Promise<WorkflowRun> {
	const nodeTypes = new TestNodeTypes();
	const workflow = new Workflow({
		id: workflowData.id ?? 'test',
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		nodeTypes,
		settings: workflowData.settings,
		active: false,
	});

	const mode = options.mode ?? 'manual';
	// Each run has an execution id of its own, as in n8n: the node keys what it remembers for
	// Retry On Fail by it.
	const executionId = `test-execution-${++executionCount}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	let resolveFinished: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));
	if (options.onWebhookResponse) hooks.addHandler('sendResponse', options.onWebhookResponse);

	const credentialsHelper = new TestCredentialsHelper(
		{ tencentCloudApi: new TencentCloudApi() },
		options.credentials ?? {},
		options.onSigned,
	);
	const additionalData = {
		executionId,
		hooks,
		credentialsHelper,
		currentNodeParameters: undefined,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		setExecutionStatus: () => undefined,
		sendDataToUI: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const startNode = options.startNode
		? workflow.getNode(options.startNode)
		: (workflow.getStartNode() ?? webhookNode(workflow, nodeTypes));
	if (!startNode) throw new Error('The test workflow has no start node');
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: startNode, data: { main: [options.triggerItems ?? [{ json: {} }]] }, source: null },
			],
		},
	});

	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	await workflowExecute.processRunExecutionData(workflow);
	const run = await finished;

	return {
		run,
		output(nodeName, outputIndex = 0) {
			const runs = run.data.resultData.runData[nodeName];
			if (!runs?.length) throw new Error(`Node "${nodeName}" did not run`);
			return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
		},
		error(nodeName) {
			const runs = run.data.resultData.runData[nodeName];
			return runs?.[runs.length - 1]?.error as Error | undefined;
		},
	};
}
