import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectAllPages } from '../helpers/collectAllPages';
import { resolveRegion } from '../network/regions';
import { tencentCloudApiRequest } from '../transport';
import { valuesToResolve } from './classifyCollectorSources';
import {
	buildNetworkInterfaceQueries,
	type InstanceInterfaces,
	NETWORK_INTERFACES_PAGE_SIZE,
} from './describeNetworkInterfacesQueries';
import {
	type CollectorSourceResolution,
	type NetworkInterfaceAnswer,
	resolveCollectorSourceList,
} from './mapNetworkInterfaces';

export interface ResolveCollectorSourcesRequest {
	region: string;
	vpcId: string;
	/** Collector Sources as given: ENI, subnet and instance IDs and private IPv4s, mixed. */
	values: string[];
	instanceInterfaces: InstanceInterfaces;
	itemIndex: number;
	rateLimit?: number;
	timeout?: number;
}

/**
 * The one place resolution calls Tencent: DescribeNetworkInterfaces for the item's instance IDs
 * and private IPs in the mirror's VPC (batched and paged, see buildNetworkInterfaceQueries),
 * mapped to ENI IDs. A value that matches nothing fails the item here, before any change is
 * made, naming the value, the item and the VPC.
 */
export async function resolveCollectorSources(
	this: IExecuteFunctions,
	request: ResolveCollectorSourcesRequest,
): Promise<CollectorSourceResolution> {
	const { region, vpcId, values, instanceInterfaces, itemIndex, rateLimit, timeout } = request;
	const answers: NetworkInterfaceAnswer[] = [];
	for (const query of buildNetworkInterfaceQueries(vpcId, valuesToResolve(values), instanceInterfaces)) {
		const enis = await collectAllPages(async (offset, limit) => {
			const response = await tencentCloudApiRequest.call(this, {
				action: 'DescribeNetworkInterfaces',
				region,
				body: { Filters: query.filters, Offset: offset, Limit: limit } as IDataObject,
				itemIndex,
				rateLimit,
				timeout,
			});
			const items = (response.NetworkInterfaceSet as NetworkInterfaceAnswer[] | undefined) ?? [];
			return { items, total: response.TotalCount === undefined ? undefined : Number(response.TotalCount) };
		}, NETWORK_INTERFACES_PAGE_SIZE);
		answers.push(...enis);
	}

	const resolution = resolveCollectorSourceList(values, answers, vpcId, instanceInterfaces);
	if (resolution.unresolved.length) {
		const named = resolution.unresolved.map((value) => `"${value}"`).join(', ');
		throw new NodeOperationError(
			this.getNode(),
			`Collector Sources (collectorSrcs) of item ${itemIndex}: ${named} ${resolution.unresolved.length > 1 ? 'match' : 'matches'} no network interface in VPC ${vpcId} (region ${resolveRegion(region)})`,
			{
				itemIndex,
				description:
					instanceInterfaces === 'primary'
						? 'An instance ID must name a CVM instance with a primary ENI in this VPC; an IP must be a private IPv4 of an ENI in this VPC. Nothing was created or changed.'
						: 'An instance ID must name a CVM instance with ENIs in this VPC; an IP must be a private IPv4 of an ENI in this VPC. Nothing was created or changed.',
			},
		);
	}
	return resolution;
}
