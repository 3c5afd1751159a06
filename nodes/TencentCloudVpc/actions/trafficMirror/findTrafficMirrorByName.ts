import type { IExecuteFunctions } from 'n8n-workflow';

import type { TrafficMirror } from '../../helpers/interfaces';
import { pageTrafficMirrors } from '../../helpers/pageTrafficMirrors';
import { tencentCloudApiRequest } from '../../transport';

export interface FoundTrafficMirror {
	trafficMirror: TrafficMirror;
	requestId: string;
}

/**
 * The mirror named exactly `name` in `vpcId`, if any. DescribeTrafficMirrors takes one filter
 * and matches names loosely, so this filters by name, pages through the answer and checks
 * name and VPC itself.
 */
export async function findTrafficMirrorByName(
	this: IExecuteFunctions,
	lookup: { region: string; vpcId: string; name: string; itemIndex: number; rateLimit: number; timeout: number },
): Promise<FoundTrafficMirror | undefined> {
	let requestId = '';
	const [trafficMirror] = await pageTrafficMirrors(
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
			returnAll: false,
			limit: 1,
			matches: (mirror) => mirror.TrafficMirrorName === lookup.name && mirror.VpcId === lookup.vpcId,
			filtersLocally: true,
		},
	);
	return trafficMirror ? { trafficMirror, requestId } : undefined;
}
