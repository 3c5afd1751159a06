import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trafficMirror'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a traffic mirror that copies ENI or subnet traffic to a collector',
				action: 'Create a traffic mirror',
			},
		],
		default: 'create',
	},
	...create.description,
];
