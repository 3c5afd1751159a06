import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { executeMirrorAction } from './mirrorAction';
import { trafficMirrorIdLocator } from './shared.descriptions';

/** StartTrafficMirror: Start collecting: the mirror copies traffic to its target again. */
const properties: INodeProperties[] = [trafficMirrorIdLocator];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['start'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeMirrorAction.call(this, items, 'StartTrafficMirror', (trafficMirrorId) => ({ TrafficMirrorId: trafficMirrorId }));
}
