import type { INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { TencentCloudObservabilityTrigger } from '../../nodes/TencentCloudObservabilityTrigger/TencentCloudObservabilityTrigger.node';
import { TencentCloudVpc } from '../../nodes/TencentCloudVpc/TencentCloudVpc.node';

export const PACKAGE_NAME = 'n8n-nodes-tencentcloud-vpc';
export const TENCENT_CLOUD_VPC_TYPE = `${PACKAGE_NAME}.tencentCloudVpc`;
export const TENCENT_CLOUD_OBSERVABILITY_TRIGGER_TYPE = `${PACKAGE_NAME}.tencentCloudObservabilityTrigger`;

/** n8n's own nodes a test workflow may use, loaded from n8n-nodes-base only when asked for. */
const N8N_BASE_NODES: Record<string, string> = {
	'n8n-nodes-base.manualTrigger': 'ManualTrigger/ManualTrigger.node.js',
	'n8n-nodes-base.set': 'Set/Set.node.js',
	'n8n-nodes-base.noOp': 'NoOp/NoOp.node.js',
	'n8n-nodes-base.splitOut': 'Transform/SplitOut/SplitOut.node.js',
	'n8n-nodes-base.webhook': 'Webhook/Webhook.node.js',
	'n8n-nodes-base.scheduleTrigger': 'Schedule/ScheduleTrigger.node.js',
	'n8n-nodes-base.stickyNote': 'StickyNote/StickyNote.node.js',
	// Versioned nodes: the file exports a VersionedNodeType; getByNameAndVersion picks the version.
	'n8n-nodes-base.slack': 'Slack/Slack.node.js',
	'n8n-nodes-base.filter': 'Filter/Filter.node.js',
	'n8n-nodes-base.if': 'If/If.node.js',
	'n8n-nodes-base.switch': 'Switch/Switch.node.js',
	'n8n-nodes-base.respondToWebhook': 'RespondToWebhook/RespondToWebhook.node.js',
	'n8n-nodes-base.httpRequest': 'HttpRequest/HttpRequest.node.js',
	'n8n-nodes-base.stopAndError': 'StopAndError/StopAndError.node.js',
};

/**
 * Nodes whose dependencies include ESM-only packages (Slack → sanitize-html → htmlparser2),
 * which jest's CommonJS module registry cannot parse. They are loaded with Node's own require
 * (which can), reached past jest's registry through process.getBuiltinModule; they bring their
 * own copy of n8n-workflow. Tests use them disabled: their description, not their execute.
 */
const LOADED_NATIVELY = new Set(['n8n-nodes-base.slack']);

function nativeRequire(id: string): unknown {
	// process.getBuiltinModule exists from Node 20.16; outside jest, require is Node's own anyway.
	const nodeRequire = typeof process.getBuiltinModule === 'function'
		? process.getBuiltinModule('node:module').createRequire(__filename)
		: require;
	return nodeRequire(id);
}

/** The node types of a test run: this package's nodes, from source, plus a few of n8n's own. */
export class TestNodeTypes implements INodeTypes {
	private readonly loaded = new Map<string, INodeType | IVersionedNodeType>([
		[TENCENT_CLOUD_VPC_TYPE, new TencentCloudVpc()],
		[TENCENT_CLOUD_OBSERVABILITY_TRIGGER_TYPE, new TencentCloudObservabilityTrigger()],
	]);

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		let type = this.loaded.get(nodeType);
		if (!type) {
			const file = N8N_BASE_NODES[nodeType];
			if (!file) throw new Error(`Unknown node type in test workflow: ${nodeType}`);
			const load = LOADED_NATIVELY.has(nodeType) ? nativeRequire : require;
			const exported = load(`n8n-nodes-base/dist/nodes/${file}`) as Record<string, new () => INodeType>;
			type = new (Object.values(exported)[0])();
			this.loaded.set(nodeType, type);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}
}
