import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { executeMirrorAction } from './mirrorAction';
import { trafficMirrorIdLocator } from './shared.descriptions';

/** StopTrafficMirror: Stop collecting; the mirror and its settings are kept. */
const properties: INodeProperties[] = [trafficMirrorIdLocator];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['stop'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeMirrorAction.call(this, items, 'StopTrafficMirror', (trafficMirrorId) => ({ TrafficMirrorId: trafficMirrorId }));
}
