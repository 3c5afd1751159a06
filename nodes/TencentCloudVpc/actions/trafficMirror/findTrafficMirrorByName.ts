import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { TrafficMirror } from '../../helpers/interfaces';
import { tencentCloudApiRequest } from '../../transport';

const PAGE_SIZE = 100;

export interface FoundTrafficMirror {
	trafficMirror: TrafficMirror;
	requestId: string;
}

/**
 * The mirror named exactly `name` in `vpcId`, if any. DescribeTrafficMirrors takes one filter
 * and may match names loosely, so this filters by name, pages through the answer and checks
 * name and VPC itself.
 */
export async function findTrafficMirrorByName(
	this: IExecuteFunctions,
	lookup: { region: string; vpcId: string; name: string; itemIndex: number; rateLimit: number; timeout: number },
): Promise<FoundTrafficMirror | undefined> {
	for (let offset = 0; ; offset += PAGE_SIZE) {
		const body: IDataObject = {
			Filters: { Name: 'traffic-mirror-name', Values: [lookup.name] },
			Offset: offset,
			Limit: PAGE_SIZE,
		};
		const response = await tencentCloudApiRequest.call(this, {
			action: 'DescribeTrafficMirrors',
			region: lookup.region,
			body,
			itemIndex: lookup.itemIndex,
			rateLimit: lookup.rateLimit,
			timeout: lookup.timeout,
		});
		const page = (response.TrafficMirrorSet as TrafficMirror[] | undefined) ?? [];
		const match = page.find((mirror) => mirror.TrafficMirrorName === lookup.name && mirror.VpcId === lookup.vpcId);
		if (match) return { trafficMirror: match, requestId: response.RequestId };
		if (page.length < PAGE_SIZE) return undefined;
	}
}
