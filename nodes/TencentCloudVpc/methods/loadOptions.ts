import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import {
	collectorSourceOptions,
	natGatewayOption,
	networkInterfaceOption,
	sortOptions,
	subnetOption,
	vpcOption,
} from './pickerLabels';
import { describeAll, pickerRegion, pickerVpcId, vpcFilter } from './accountLookup';

/*
 * Pickers that read the account. Each lists one region (the Region parameter) and, except
 * getVpcs, one VPC: the VPC parameter where the operation has one, otherwise the VPC of the
 * chosen Traffic Mirror (see accountLookup.pickerVpcId).
 */

/** The region's VPCs (DescribeVpcs). */
export async function getVpcs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const vpcs = await describeAll(this, { action: 'DescribeVpcs', setKey: 'VpcSet', region: pickerRegion(this) });
	return sortOptions(vpcs.map(vpcOption));
}

/** The VPC's subnets (DescribeSubnets, filter vpc-id). */
export async function getSubnets(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const region = pickerRegion(this);
	const filters = vpcFilter(await pickerVpcId(this, region));
	const subnets = await describeAll(this, { action: 'DescribeSubnets', setKey: 'SubnetSet', region, filters });
	return sortOptions(subnets.map(subnetOption));
}

/** The VPC's ENIs (DescribeNetworkInterfaces, filter vpc-id). */
export async function getNetworkInterfaces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const region = pickerRegion(this);
	const filters = vpcFilter(await pickerVpcId(this, region));
	const enis = await describeAll(this, { action: 'DescribeNetworkInterfaces', setKey: 'NetworkInterfaceSet', region, filters });
	return sortOptions(enis.map(networkInterfaceOption));
}

/** The VPC's NAT gateways (DescribeNatGateways, filter vpc-id). */
export async function getNatGateways(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const region = pickerRegion(this);
	const filters = vpcFilter(await pickerVpcId(this, region));
	const gateways = await describeAll(this, { action: 'DescribeNatGateways', setKey: 'NatGatewaySet', region, filters });
	return sortOptions(gateways.map(natGatewayOption));
}

/** What a VPC mirror can collect from: the VPC's subnets, then its ENIs. */
export async function getCollectorSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const region = pickerRegion(this);
	const filters = vpcFilter(await pickerVpcId(this, region));
	const [subnets, enis] = await Promise.all([
		describeAll(this, { action: 'DescribeSubnets', setKey: 'SubnetSet', region, filters }),
		describeAll(this, { action: 'DescribeNetworkInterfaces', setKey: 'NetworkInterfaceSet', region, filters }),
	]);
	return collectorSourceOptions(subnets, enis);
}
