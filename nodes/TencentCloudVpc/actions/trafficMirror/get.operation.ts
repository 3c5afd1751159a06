import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { TrafficMirror } from '../../trafficMirrors/trafficMirror';
import { tencentCloudApiRequest } from '../../transport';
import { callOptionsField, regionField } from '../common.descriptions';
import { runPerItem } from '../runPerItem';
import { readTrafficMirrorId, trafficMirrorNotFound } from './mirrorAction';
import { trafficMirrorIdLocator } from './shared.descriptions';

/** DescribeTrafficMirrors for one ID: the TrafficMirror as Tencent returns it, plus RequestId. */
const properties: INodeProperties[] = [regionField, trafficMirrorIdLocator, callOptionsField];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (itemIndex, { rateLimit, timeout }) => {
		const trafficMirrorId = readTrafficMirrorId.call(this, itemIndex);
		const region = this.getNodeParameter('region', itemIndex) as string;
		const response = await tencentCloudApiRequest.call(this, {
			action: 'DescribeTrafficMirrors',
			region,
			body: { TrafficMirrorIds: [trafficMirrorId] },
			itemIndex,
			rateLimit,
			timeout,
		});
		const mirror = ((response.TrafficMirrorSet as TrafficMirror[] | undefined) ?? []).find(
			(candidate) => candidate.TrafficMirrorId === trafficMirrorId,
		);
		if (!mirror) throw trafficMirrorNotFound(this.getNode(), trafficMirrorId, region, itemIndex, response.RequestId);
		return [{ json: { ...mirror, RequestId: response.RequestId } }];
	});
}
