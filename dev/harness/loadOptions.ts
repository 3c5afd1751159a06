import type {
	ICredentialDataDecryptedObject,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { TestCredentialsHelper } from './credentialsHelper';
import { TENCENT_CLOUD_VPC_TYPE, TestNodeTypes } from './nodeTypes';

export interface LoadOptionsRun {
	/** The node's parameters as the editor sends them (`currentNodeParameters`). */
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The parameter the editor asks for, e.g. `collectorSrcs` (LoadOptionsContext's path). */
	path?: string;
	/** The node type whose methods run; the VPC node unless named. */
	nodeType?: string;
}

/**
 * Builds the context n8n's DynamicNodeParametersService gives a node's `methods`: n8n-core's
 * LoadOptionsContext over a one-node workflow, with the editor's current parameters. Requests
 * are signed by the credential and go out for real.
 */
function loadOptionsContext({ parameters, credentials, path = 'parameter', nodeType = TENCENT_CLOUD_VPC_TYPE }: LoadOptionsRun): LoadOptionsContext {
	const node = {
		id: 'picker-node',
		name: 'Tencent Cloud VPC',
		type: nodeType,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters,
		credentials: { tencentCloudApi: { id: 'emulator', name: 'emulator' } },
	};
	const workflow = new Workflow({
		id: 'load-options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ tencentCloudApi: new TencentCloudApi() }, credentials),
		currentNodeParameters: parameters,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, workflow.getNode(node.name)!, additionalData, path);
}

const nodeTypes = new TestNodeTypes();

type PickerMethods = {
	loadOptions?: Record<string, (this: LoadOptionsContext) => Promise<INodePropertyOptions[]>>;
	listSearch?: Record<string, (this: LoadOptionsContext, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>>;
};

function methodsOf(run: LoadOptionsRun): PickerMethods {
	return (nodeTypes.getByNameAndVersion(run.nodeType ?? TENCENT_CLOUD_VPC_TYPE, 1).methods ?? {}) as PickerMethods;
}

/** Runs one of the node's `loadOptions` methods as the editor would. */
export async function loadOptions(method: string, run: LoadOptionsRun): Promise<INodePropertyOptions[]> {
	const fn = methodsOf(run).loadOptions?.[method];
	if (!fn) throw new Error(`The node has no loadOptions method ${method}`);
	return await fn.call(loadOptionsContext(run));
}

/** Runs one of the node's `listSearch` methods as the editor would. */
export async function listSearch(
	method: string,
	run: LoadOptionsRun,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const fn = methodsOf(run).listSearch?.[method];
	if (!fn) throw new Error(`The node has no listSearch method ${method}`);
	return await fn.call(loadOptionsContext(run), filter, paginationToken);
}
