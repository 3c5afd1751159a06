import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TencentCloudVpcType } from './node.type';
import * as trafficMirror from './trafficMirror';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const tencentCloudVpc = { resource, operation } as TencentCloudVpcType;

	switch (tencentCloudVpc.resource) {
		case 'trafficMirror':
			return [await trafficMirror.operations[tencentCloudVpc.operation].execute.call(this, items)];
		default:
			throw new NodeOperationError(this.getNode(), `The resource "${resource as string}" is not known`);
	}
}
