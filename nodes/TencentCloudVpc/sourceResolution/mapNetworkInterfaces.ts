import { classifyCollectorSource } from './classifyCollectorSources';
import type { InstanceInterfaces } from './describeNetworkInterfacesQueries';

/** The members of DescribeNetworkInterfaces' NetworkInterface that resolution reads. */
export interface NetworkInterfaceAnswer {
	NetworkInterfaceId: string;
	VpcId?: string;
	Primary?: boolean;
	PrivateIpAddressSet?: Array<{ PrivateIpAddress?: string }> | null;
	Attachment?: { InstanceId?: string; DeviceIndex?: number } | null;
}

/** Each resolved input value (instance ID or private IP) → the ENI IDs it stands for. */
export type ResolvedCollectorSources = Record<string, string[]>;

export interface CollectorSourceResolution {
	/** The list for CollectorSrcs: ENI and subnet IDs, each once, in the order of the input. */
	collectorSrcs: string[];
	resolved: ResolvedCollectorSources;
	/** Instance IDs and IPs that matched no ENI of the VPC. */
	unresolved: string[];
}

function byDeviceIndex(a: NetworkInterfaceAnswer, b: NetworkInterfaceAnswer): number {
	return (a.Attachment?.DeviceIndex ?? 0) - (b.Attachment?.DeviceIndex ?? 0) || a.NetworkInterfaceId.localeCompare(b.NetworkInterfaceId);
}

/**
 * The ENIs of the VPC that one value names: an instance's bound ENIs (in NIC order; only the
 * primary one when asked), or the ENIs holding a private IP, compared exactly — address-ip may
 * match by suffix, and private IPs repeat across VPCs.
 */
export function networkInterfacesOf(
	value: string,
	answers: NetworkInterfaceAnswer[],
	vpcId: string,
	instanceInterfaces: InstanceInterfaces,
): string[] {
	const kind = classifyCollectorSource(value);
	const inVpc = answers.filter((eni) => eni.VpcId === vpcId);
	let matching: NetworkInterfaceAnswer[] = [];
	if (kind === 'instance') {
		matching = inVpc
			.filter((eni) => eni.Attachment?.InstanceId === value && (instanceInterfaces === 'all' || eni.Primary === true))
			.sort(byDeviceIndex);
	} else if (kind === 'privateIp') {
		matching = inVpc.filter((eni) => (eni.PrivateIpAddressSet ?? []).some((ip) => ip.PrivateIpAddress === value));
	}
	return [...new Set(matching.map((eni) => eni.NetworkInterfaceId))];
}

/**
 * The input list with each instance ID and private IP replaced by its ENIs, duplicates dropped
 * (an ENI named directly and through its instance is one source), plus what resolved to what.
 */
export function resolveCollectorSourceList(
	values: string[],
	answers: NetworkInterfaceAnswer[],
	vpcId: string,
	instanceInterfaces: InstanceInterfaces,
): CollectorSourceResolution {
	const resolved: ResolvedCollectorSources = {};
	const unresolved: string[] = [];
	const collectorSrcs = new Set<string>();
	for (const value of values) {
		const kind = classifyCollectorSource(value);
		if (kind !== 'instance' && kind !== 'privateIp') {
			collectorSrcs.add(value);
			continue;
		}
		if (!(value in resolved) && !unresolved.includes(value)) {
			const enis = networkInterfacesOf(value, answers, vpcId, instanceInterfaces);
			if (enis.length) resolved[value] = enis;
			else unresolved.push(value);
		}
		for (const eni of resolved[value] ?? []) collectorSrcs.add(eni);
	}
	return { collectorSrcs: [...collectorSrcs], resolved, unresolved };
}
