import { NodeOperationError } from 'n8n-workflow';

import { collectPages, type TencentCloudClient } from '../transport';
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

/**
 * The one place resolution calls Tencent: DescribeNetworkInterfaces for the item's instance IDs
 * and private IPs in the mirror's VPC (batched and paged, see buildNetworkInterfaceQueries),
 * mapped to ENI IDs. A value that matches nothing fails the item here, before any change is
 * made, naming the value, the item and the VPC.
 */
export async function resolveCollectorSources(
	client: TencentCloudClient,
	vpcId: string,
	/** Collector Sources as given: ENI, subnet and instance IDs and private IPv4s, mixed. */
	values: string[],
	instanceInterfaces: InstanceInterfaces,
): Promise<CollectorSourceResolution> {
	const { itemIndex } = client;
	const answers: NetworkInterfaceAnswer[] = [];
	for (const query of buildNetworkInterfaceQueries(vpcId, valuesToResolve(values), instanceInterfaces)) {
		const enis = await collectPages(
			async (offset, limit) => {
				const response = await client.call('DescribeNetworkInterfaces', { Filters: query.filters, Offset: offset, Limit: limit });
				const items = (response.NetworkInterfaceSet as NetworkInterfaceAnswer[] | undefined) ?? [];
				return { items, total: response.TotalCount === undefined ? undefined : Number(response.TotalCount) };
			},
			{ pageSize: NETWORK_INTERFACES_PAGE_SIZE },
		);
		answers.push(...enis);
	}

	const resolution = resolveCollectorSourceList(values, answers, vpcId, instanceInterfaces);
	if (resolution.unresolved.length) {
		const named = resolution.unresolved.map((value) => `"${value}"`).join(', ');
		throw new NodeOperationError(
			client.node,
			`Collector Sources (collectorSrcs) of item ${itemIndex}: ${named} ${resolution.unresolved.length > 1 ? 'match' : 'matches'} no network interface in VPC ${vpcId} (region ${client.region})`,
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
