import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { executeMirrorAction } from './mirrorAction';
import { trafficMirrorIdLocator } from './shared.descriptions';

/** DeleteTrafficMirror: Delete the mirror; its sources can then be mirrored by another one. */
const properties: INodeProperties[] = [trafficMirrorIdLocator];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeMirrorAction.call(this, items, 'DeleteTrafficMirror', (trafficMirrorId) => ({ TrafficMirrorId: trafficMirrorId }));
}
