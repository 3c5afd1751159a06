import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	buildModifyTrafficMirrorAttributeBody,
	hasAttributeChanges,
	type UpdateFieldsParameters,
} from '../../requestBodies/buildModifyTrafficMirrorAttributeBody';
import { executeMirrorAction } from './mirrorAction';
import { trafficMirrorIdLocator } from './shared.descriptions';

/** ModifyTrafficMirrorAttribute: the mirror's name and description. */
const properties: INodeProperties[] = [
	trafficMirrorIdLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'trafficMirrorDescription',
				type: 'string',
				default: '',
				description: 'New description; added but left empty, it clears the description (API field TrafficMirrorDescription)',
			},
			{
				displayName: 'Name',
				name: 'trafficMirrorName',
				type: 'string',
				default: '',
				placeholder: 'incident-4711',
				description: 'New name (API field TrafficMirrorName)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeMirrorAction.call(this, items, 'ModifyTrafficMirrorAttribute', (trafficMirrorId, itemIndex) => {
		const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as UpdateFieldsParameters;
		const body = buildModifyTrafficMirrorAttributeBody(trafficMirrorId, updateFields);
		if (!hasAttributeChanges(body)) {
			throw new NodeOperationError(this.getNode(), 'Nothing to update: add Name or Description under Update Fields', {
				itemIndex,
			});
		}
		return body;
	});
}
