import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { buildResetSrcsBody } from '../../requestBodies/buildTrafficMirrorResetBodies';
import { instanceInterfacesOption } from '../../sourceResolution/descriptions';
import { resolveTrafficMirrorSources } from '../../sourceResolution/resolveRequestSources';
import { executeMirrorAction } from './mirrorAction';
import { collectorSourcesPicker, trafficMirrorIdLocator } from './shared.descriptions';

/** ResetTrafficMirrorSrcs: replaces the whole list of collected ENIs/subnets (instances and IPs resolved to ENIs). */
const properties: INodeProperties[] = [
	trafficMirrorIdLocator,
	{ ...collectorSourcesPicker, required: true },
];

/** Which ENIs of an instance named in Collector Sources are mirrored. */
export const extraOptions: INodeProperties[] = [instanceInterfacesOption];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['resetSources'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeMirrorAction.call(
		this,
		items,
		'ResetTrafficMirrorSrcs',
		(trafficMirrorId, itemIndex) => buildResetSrcsBody(trafficMirrorId, this.getNodeParameter('collectorSrcs', itemIndex, [])),
		resolveTrafficMirrorSources,
	);
}
