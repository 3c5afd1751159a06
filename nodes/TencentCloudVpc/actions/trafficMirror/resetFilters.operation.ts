import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FILTER_TYPES } from '../../requestBodies/buildTrafficMirrorFilters';
import { buildResetFilterBody } from '../../requestBodies/buildTrafficMirrorResetBodies';
import { executeMirrorAction, readFilterParameters } from './mirrorAction';
import { filterFields, trafficMirrorIdLocator } from './shared.descriptions';

const filterTypeFields = filterFields({
	addedKind: { name: 'None', value: FILTER_TYPES.none, description: 'Remove the filter: mirror all traffic of the sources' },
	default: FILTER_TYPES.fiveTuple,
	description: 'What the new filter is; it replaces the current one (a mirror has a NAT gateway or five-tuple rules, not both)',
});

/** ResetTrafficMirrorFilter: replaces the mirror's filter with a NAT gateway, five-tuple rules, or none. */
const properties: INodeProperties[] = [trafficMirrorIdLocator, ...filterTypeFields];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['resetFilters'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeMirrorAction.call(this, items, 'ResetTrafficMirrorFilter', (trafficMirrorId, itemIndex) =>
		buildResetFilterBody(trafficMirrorId, readFilterParameters.call(this, filterTypeFields[0], itemIndex)),
	);
}
