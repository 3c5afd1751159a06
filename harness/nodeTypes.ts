import type { INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { TencentCloudVpc } from '../nodes/TencentCloudVpc/TencentCloudVpc.node';

export const PACKAGE_NAME = 'n8n-nodes-tencentcloud-vpc';
export const TENCENT_CLOUD_VPC_TYPE = `${PACKAGE_NAME}.tencentCloudVpc`;

/** n8n's own nodes a test workflow may use, loaded from n8n-nodes-base only when asked for. */
const N8N_BASE_NODES: Record<string, string> = {
	'n8n-nodes-base.manualTrigger': 'ManualTrigger/ManualTrigger.node.js',
	'n8n-nodes-base.set': 'Set/Set.node.js',
	'n8n-nodes-base.noOp': 'NoOp/NoOp.node.js',
	'n8n-nodes-base.splitOut': 'Transform/SplitOut/SplitOut.node.js',
};

/** The node types of a test run: this package's node, from source, plus a few of n8n's own. */
export class TestNodeTypes implements INodeTypes {
	private readonly loaded = new Map<string, INodeType | IVersionedNodeType>([
		[TENCENT_CLOUD_VPC_TYPE, new TencentCloudVpc()],
	]);

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		let type = this.loaded.get(nodeType);
		if (!type) {
			const file = N8N_BASE_NODES[nodeType];
			if (!file) throw new Error(`Unknown node type in test workflow: ${nodeType}`);
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exported = require(`n8n-nodes-base/dist/nodes/${file}`) as Record<string, new () => INodeType>;
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
