import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FILTER_TYPES } from '../../requestBodies/buildTrafficMirrorFilters';
import { buildUpdateAllFilterBody } from '../../requestBodies/buildTrafficMirrorResetBodies';
import { instanceInterfacesOption } from '../../sourceResolution/descriptions';
import { resolveTrafficMirrorSources } from '../../sourceResolution/resolveRequestSources';
import { readOptionParameter } from '../optionParameters';
import { executeMirrorAction, readFilterParameters } from './mirrorAction';
import { collectorSourcesPicker, directionField, filterFields, trafficMirrorIdLocator } from './shared.descriptions';

const filterTypeFields = filterFields({
	addedKind: { name: 'Keep Current Filter', value: FILTER_TYPES.keep, description: 'Send no filter: the current one stays' },
	default: FILTER_TYPES.keep,
	description: 'Whether to replace the filter, and with what (a mirror has a NAT gateway or five-tuple rules, not both)',
});

/** UpdateTrafficMirrorAllFilter: direction, sources and filter in one call. */
const properties: INodeProperties[] = [
	trafficMirrorIdLocator,
	{ ...directionField, required: true },
	{
		...collectorSourcesPicker,
		description:
			'New subnets and ENIs to mirror, replacing the current ones; leave empty to keep them (API field CollectorSrcs). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...filterTypeFields,
];

/** Which ENIs of an instance named in Collector Sources are mirrored. */
export const extraOptions: INodeProperties[] = [instanceInterfacesOption];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['updateAllFilters'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeMirrorAction.call(this, items, 'UpdateTrafficMirrorAllFilter', (trafficMirrorId, itemIndex) =>
		buildUpdateAllFilterBody(trafficMirrorId, {
			direction: readOptionParameter.call(this, directionField, itemIndex),
			collectorSrcs: this.getNodeParameter('collectorSrcs', itemIndex, []),
			...readFilterParameters.call(this, filterTypeFields[0], itemIndex),
		}),
		resolveTrafficMirrorSources,
	);
}
