import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getTrafficMirror } from '../../trafficMirrors/describeTrafficMirrors';
import { runPerItem } from '../itemLoop/runPerItem';
import { readTrafficMirrorId } from './mirrorAction';
import { trafficMirrorIdLocator } from './shared.descriptions';

/** DescribeTrafficMirrors for one ID: the TrafficMirror as Tencent returns it, plus RequestId. */
const properties: INodeProperties[] = [trafficMirrorIdLocator];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (client) => {
		const trafficMirrorId = readTrafficMirrorId.call(this, client.itemIndex);
		const { trafficMirror, requestId } = await getTrafficMirror(client, trafficMirrorId);
		return [{ json: { ...trafficMirror, RequestId: requestId } }];
	});
}
