import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as trafficMirror from './actions/trafficMirror';
import { listSearch, loadOptions } from './methods';

export class TencentCloudVpc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud VPC',
		name: 'tencentCloudVpc',
		icon: { light: 'file:../../icons/tencentCloud.svg', dark: 'file:../../icons/tencentCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Mirror VPC network traffic to a packet collector with Tencent Cloud traffic mirroring',
		defaults: { name: 'Tencent Cloud VPC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Traffic Mirror', value: 'trafficMirror' }],
				default: 'trafficMirror',
			},
			...trafficMirror.description,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
