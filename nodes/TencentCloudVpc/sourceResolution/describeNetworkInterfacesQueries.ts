import type { ValuesToResolve } from './classifyCollectorSources';

/** Option Instance Interfaces: every ENI bound to an instance, or only its primary ENI. */
export type InstanceInterfaces = 'all' | 'primary';

export interface DescribeFilter {
	Name: string;
	Values: string[];
}

/** One DescribeNetworkInterfaces query (paged separately) and the values it resolves. */
export interface NetworkInterfaceQuery {
	kind: 'instance' | 'privateIp';
	values: string[];
	filters: DescribeFilter[];
}

/**
 * Values per filter. The action documents no cap; its sibling actions and CVM DescribeInstances
 * state 5 values (and 10 filters), so staying within that is safe wherever the true cap lies.
 */
export const MAX_FILTER_VALUES = 5;

/** Most ENIs per page (DescribeNetworkInterfaces' documented maximum Limit). */
export const NETWORK_INTERFACES_PAGE_SIZE = 100;

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/**
 * The DescribeNetworkInterfaces queries that resolve one item's instances and IPs in `vpcId`:
 * as few as the API allows. Filters are ANDed, so instances and IPs need a query each; several
 * values in one filter are ORed, up to MAX_FILTER_VALUES.
 *
 * address-ip matches one value by suffix and several values exactly; ip-exact-match makes one
 * value exact but, with several, "only the first is used" — so it is sent only for a single IP.
 * The answers are checked for exact equality anyway (mapNetworkInterfaces).
 */
export function buildNetworkInterfaceQueries(
	vpcId: string,
	{ instanceIds, privateIps }: ValuesToResolve,
	instanceInterfaces: InstanceInterfaces,
): NetworkInterfaceQuery[] {
	const vpcFilter: DescribeFilter = { Name: 'vpc-id', Values: [vpcId] };
	const byInstance = chunks(instanceIds, MAX_FILTER_VALUES).map((values) => ({
		kind: 'instance' as const,
		values,
		filters: [
			vpcFilter,
			{ Name: 'attachment.instance-id', Values: values },
			...(instanceInterfaces === 'primary' ? [{ Name: 'is-primary', Values: ['TRUE'] }] : []),
		],
	}));
	const byIp = chunks(privateIps, MAX_FILTER_VALUES).map((values) => ({
		kind: 'privateIp' as const,
		values,
		filters: [
			vpcFilter,
			{ Name: 'address-ip', Values: values },
			...(values.length === 1 ? [{ Name: 'ip-exact-match', Values: ['TRUE'] }] : []),
		],
	}));
	return [...byInstance, ...byIp];
}
