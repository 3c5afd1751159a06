import type { IExecuteFunctions } from 'n8n-workflow';

import type { TrafficMirror } from '../trafficMirrors/trafficMirror';
import { pageTrafficMirrors } from '../helpers/pageTrafficMirrors';
import { tencentCloudApiRequest } from '../transport';

export interface TrafficMirrorLookup {
	region: string;
	vpcId: string;
	name: string;
	itemIndex: number;
	rateLimit: number;
	timeout: number;
}

export interface FoundTrafficMirrors {
	trafficMirrors: TrafficMirror[];
	requestId: string;
}

/**
 * The mirrors named exactly `name` in `vpcId` (the first one only, unless `all`).
 * DescribeTrafficMirrors takes one filter and matches names loosely, so this filters by name,
 * pages through the answer and checks name and VPC itself.
 */
export async function findTrafficMirrorsByName(
	this: IExecuteFunctions,
	lookup: TrafficMirrorLookup,
	all = false,
): Promise<FoundTrafficMirrors> {
	let requestId = '';
	const trafficMirrors = await pageTrafficMirrors(
		async (offset, limit) => {
			const response = await tencentCloudApiRequest.call(this, {
				action: 'DescribeTrafficMirrors',
				region: lookup.region,
				body: { Filters: { Name: 'traffic-mirror-name', Values: [lookup.name] }, Offset: offset, Limit: limit },
				itemIndex: lookup.itemIndex,
				rateLimit: lookup.rateLimit,
				timeout: lookup.timeout,
			});
			requestId = response.RequestId;
			return (response.TrafficMirrorSet as TrafficMirror[] | undefined) ?? [];
		},
		{
			returnAll: all,
			limit: 1,
			matches: (mirror) => mirror.TrafficMirrorName === lookup.name && mirror.VpcId === lookup.vpcId,
			filtersLocally: true,
		},
	);
	return { trafficMirrors, requestId };
}
