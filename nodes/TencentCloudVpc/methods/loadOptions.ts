import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { describeAll, pickerClient, pickerVpcId, vpcFilter } from './accountLookup';
import {
	collectorSourceOptions,
	natGatewayOption,
	networkInterfaceOption,
	sortOptions,
	subnetOption,
	vpcOption,
} from './pickerLabels';

/*
 * Pickers that read the account. Each lists one region (the Region parameter) and, except
 * getVpcs, one VPC: the VPC parameter where the operation has one, otherwise the VPC of the
 * chosen Traffic Mirror (see accountLookup.pickerVpcId).
 */

/** The region's VPCs (DescribeVpcs). */
export async function getVpcs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const vpcs = await describeAll(pickerClient(this), { action: 'DescribeVpcs', setKey: 'VpcSet' });
	return sortOptions(vpcs.map(vpcOption));
}

/** The VPC's subnets (DescribeSubnets, filter vpc-id). */
export async function getSubnets(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = pickerClient(this);
	const filters = vpcFilter(await pickerVpcId(this, client));
	const subnets = await describeAll(client, { action: 'DescribeSubnets', setKey: 'SubnetSet', filters });
	return sortOptions(subnets.map(subnetOption));
}

/** The VPC's ENIs (DescribeNetworkInterfaces, filter vpc-id). */
export async function getNetworkInterfaces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = pickerClient(this);
	const filters = vpcFilter(await pickerVpcId(this, client));
	const enis = await describeAll(client, { action: 'DescribeNetworkInterfaces', setKey: 'NetworkInterfaceSet', filters });
	return sortOptions(enis.map(networkInterfaceOption));
}

/** The VPC's NAT gateways (DescribeNatGateways, filter vpc-id). */
export async function getNatGateways(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = pickerClient(this);
	const filters = vpcFilter(await pickerVpcId(this, client));
	const gateways = await describeAll(client, { action: 'DescribeNatGateways', setKey: 'NatGatewaySet', filters });
	return sortOptions(gateways.map(natGatewayOption));
}

/** What a VPC mirror can collect from: the VPC's subnets, then its ENIs. */
export async function getCollectorSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = pickerClient(this);
	const filters = vpcFilter(await pickerVpcId(this, client));
	const [subnets, enis] = await Promise.all([
		describeAll(client, { action: 'DescribeSubnets', setKey: 'SubnetSet', filters }),
		describeAll(client, { action: 'DescribeNetworkInterfaces', setKey: 'NetworkInterfaceSet', filters }),
	]);
	return collectorSourceOptions(subnets, enis);
}
