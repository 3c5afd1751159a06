import type { IDataObject, INodeListSearchItems, INodePropertyOptions } from 'n8n-workflow';

/** Turning Describe* answers into the entries of the node's pickers. */

function str(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

function label(name: unknown, id: string, detail: string): string {
	const details = [id, detail].filter((part) => part !== '').join(', ');
	return str(name) ? `${str(name)} (${details})` : details;
}

/** Natural order by name ("fleet-2" before "fleet-10"), then by value. */
export function sortOptions<T extends { name: string; value: string | number | boolean }>(options: T[]): T[] {
	return [...options].sort(
		(a, b) =>
			a.name.localeCompare(b.name, 'en', { numeric: true }) || String(a.value).localeCompare(String(b.value), 'en'),
	);
}

export function vpcOption(vpc: IDataObject): INodePropertyOptions {
	const id = str(vpc.VpcId);
	return { name: label(vpc.VpcName, id, str(vpc.CidrBlock)), value: id };
}

export function subnetOption(subnet: IDataObject): INodePropertyOptions {
	const id = str(subnet.SubnetId);
	return {
		name: label(subnet.SubnetName, id, str(subnet.CidrBlock)),
		value: id,
		description: subnet.Zone ? `Subnet in ${str(subnet.Zone)}` : 'Subnet',
	};
}

function primaryIp(eni: IDataObject): string {
	const addresses = (eni.PrivateIpAddressSet as IDataObject[] | undefined) ?? [];
	const primary = addresses.find((address) => address.Primary === true) ?? addresses[0];
	return str(primary?.PrivateIpAddress);
}

export function networkInterfaceOption(eni: IDataObject): INodePropertyOptions {
	const id = str(eni.NetworkInterfaceId);
	return {
		name: label(eni.NetworkInterfaceName, id, primaryIp(eni)),
		value: id,
		description: eni.SubnetId ? `ENI in ${str(eni.SubnetId)}` : 'ENI',
	};
}

export function natGatewayOption(nat: IDataObject): INodePropertyOptions {
	const id = str(nat.NatGatewayId);
	const publicIps = ((nat.PublicIpAddressSet as IDataObject[] | undefined) ?? [])
		.map((address) => str(address.PublicIpAddress))
		.filter((ip) => ip !== '')
		.join(', ');
	return { name: label(nat.NatGatewayName, id, publicIps), value: id };
}

/** A mirror in the Traffic Mirror picker's list. */
export function trafficMirrorSearchItem(mirror: IDataObject): INodeListSearchItems {
	const id = str(mirror.TrafficMirrorId);
	return { name: label(mirror.TrafficMirrorName, id, [str(mirror.VpcId), str(mirror.State)].filter(Boolean).join(', ')), value: id };
}

/** Collector sources: the VPC's subnets first, then its ENIs, each group in natural order. */
export function collectorSourceOptions(subnets: IDataObject[], enis: IDataObject[]): INodePropertyOptions[] {
	return [
		...sortOptions(subnets.map(subnetOption)).map((option) => ({ ...option, name: `Subnet: ${option.name}` })),
		...sortOptions(enis.map(networkInterfaceOption)).map((option) => ({ ...option, name: `ENI: ${option.name}` })),
	];
}
