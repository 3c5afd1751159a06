import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listTrafficMirrors } from '../../trafficMirrors/describeTrafficMirrors';
import { planTrafficMirrorListQuery, type TrafficMirrorListFilters } from '../../trafficMirrors/listQuery';
import { runPerItem } from '../itemLoop/runPerItem';
import { isToolInvocation } from '../itemLoop/toolInvocation';

/** DescribeTrafficMirrors, paged: one output item per mirror, paired to the item that asked. */
const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'Only mirrors matching every filter. Tencent takes one filter per call: the tag key is sent when set, else the name, else the VPC; the others are checked on the answer.',
		options: [
			{
				displayName: 'Name',
				name: 'trafficMirrorName',
				type: 'string',
				default: '',
				placeholder: 'incident-INC-4711',
				description: 'Only mirrors with exactly this name (case-sensitive; Tencent\'s own name filter is fuzzy, the node re-checks it)',
			},
			{
				displayName: 'Tag Key',
				name: 'tagKey',
				type: 'string',
				default: '',
				placeholder: 'incident',
				description: 'Only mirrors with a tag of this key, whatever its value (filter tag-key)',
			},
			{
				displayName: 'VPC Name or ID',
				name: 'vpcId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getVpcs', loadOptionsDependsOn: ['region'] },
				default: '',
				description:
					'Only mirrors of this VPC. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Most mirrors an AI Agent's tool answers with, whatever Return All and Limit say: a model's context is small. */
export const TOOL_LIST_LIMIT = 20;

/** The entry after the mirrors a tool lists when more match, so the model knows the list is cut. */
export function moreMirrorsMatch(listed: number): { moreMirrorsMatch: true; whatToDo: string } {
	return {
		moreMirrorsMatch: true,
		whatToDo: `Only the first ${listed} matching mirrors are listed. Ask again with a name, tag key or VPC filter to narrow the list.`,
	};
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const asTool = isToolInvocation(this.getNode());
	return await runPerItem.call(this, items, async (client) => {
		const { itemIndex } = client;
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const query = planTrafficMirrorListQuery(this.getNodeParameter('filters', itemIndex, {}) as TrafficMirrorListFilters);
		if (!asTool) return (await listTrafficMirrors(client, query, limit)).map((mirror) => ({ json: mirror }));

		const toolLimit = Math.min(limit ?? TOOL_LIST_LIMIT, TOOL_LIST_LIMIT);
		// One more than answered tells whether the list was cut.
		const mirrors = await listTrafficMirrors(client, query, toolLimit + 1);
		const answer: INodeExecutionData[] = mirrors.slice(0, toolLimit).map((mirror) => ({ json: mirror }));
		if (mirrors.length > toolLimit) answer.push({ json: moreMirrorsMatch(toolLimit) });
		return answer;
	});
}
