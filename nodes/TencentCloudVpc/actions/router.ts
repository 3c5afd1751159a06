import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isToolInvocation } from './itemLoop/toolInvocation';
import type { TencentCloudVpcType } from './node.type';
import { staleToolDescriptionOf } from './trafficMirror/toolDescriptions';
import * as trafficMirror from './trafficMirror';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const tencentCloudVpc = { resource, operation } as TencentCloudVpcType;
	if (isToolInvocation(this.getNode())) {
		// Before any call: the model chose this tool from a description of another operation.
		const describes = staleToolDescriptionOf(operation, this.getNodeParameter('toolDescription', 0, ''));
		if (describes) {
			throw new NodeOperationError(this.getNode(), `This tool runs "${operation}" but its Tool Description is the text of "${describes}"`, {
				description: 'The editor kept the description when the operation was changed. Open the tool node and reset Tool Description (or write your own).',
			});
		}
	}

	switch (tencentCloudVpc.resource) {
		case 'trafficMirror':
			return [await trafficMirror.operations[tencentCloudVpc.operation].execute.call(this, items)];
		default:
			throw new NodeOperationError(this.getNode(), `The resource "${resource as string}" is not known`);
	}
}
