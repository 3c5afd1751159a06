// Read-only Describe* actions over the fixed inventory, answering with the reference object shapes.
import type { ActionContext, ActionHandler } from './actionContext';
import { apiError } from './apiError';
import {
	INVENTORY,
	type InventoryEni,
	type InventoryNatGateway,
	type InventorySubnet,
	type InventoryVpc,
} from './inventory';
import { cidrSize } from './netFormats';

interface ListFilter {
	Name: string;
	Values: string[];
}

type Matcher<T> = (item: T, values: string[]) => boolean;

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_IDS = 100;

/** Offset/Limit: strings for DescribeVpcs/DescribeSubnets, integers elsewhere (per the reference). */
function paging(body: Record<string, unknown>): { offset: number; limit: number } {
	const read = (key: string): number | undefined => {
		const v = body[key];
		if (v === undefined) return undefined;
		if (typeof v === 'number') return v;
		if (!/^\d+$/.test(v as string)) {
			throw apiError('InvalidParameterValue', `The value \`${String(v)}\` of parameter \`${key}\` is not a non-negative integer.`);
		}
		return Number(v);
	};
	const offset = read('Offset') ?? 0;
	const limit = read('Limit');
	if (limit !== undefined && limit > MAX_LIMIT) {
		throw apiError('InvalidParameterValue', `The value \`${limit}\` of parameter \`Limit\` exceeds the maximum ${MAX_LIMIT}.`);
	}
	return { offset, limit: limit === undefined || limit === 0 ? DEFAULT_LIMIT : limit };
}

function boolValue(values: string[], actual: boolean): boolean {
	return values.some((v) => v.toLowerCase() === String(actual));
}

/** Shared Describe* flow: ids XOR filters, AND across filters, OR across a filter's values. */
function describe<T>(
	ctx: ActionContext,
	opts: {
		items: T[];
		idsKey: string;
		idOf: (item: T) => string;
		matchers: Record<string, Matcher<T>>;
		/** Most filters and most values in one filter, where the action has such limits. */
		filterLimits?: { filters: number; values: number };
	},
): { page: T[]; total: number } {
	const ids = ctx.body[opts.idsKey] as string[] | undefined;
	const filters = ctx.body.Filters as ListFilter[] | undefined;
	if (ids !== undefined && filters !== undefined) {
		throw apiError('InvalidParameter.Coexist', `The parameters \`${opts.idsKey}\` and \`Filters\` cannot be specified at the same time.`);
	}
	if (ids !== undefined && ids.length > MAX_IDS) {
		throw apiError('InvalidParameterValue.LimitExceeded', `At most ${MAX_IDS} values may be given in \`${opts.idsKey}\`.`);
	}
	if (opts.filterLimits) checkFilterLimits(filters ?? [], opts.filterLimits);
	const { offset, limit } = paging(ctx.body);
	const tests = (filters ?? []).map((f, i) => {
		const name = f.Name.toLowerCase();
		const fn = opts.matchers[name] ?? (name === 'tag-key' || name.startsWith('tag:') ? () => false : undefined);
		if (!fn) {
			throw apiError('InvalidParameterValue', `The filter name \`${f.Name}\` of parameter \`Filters.${i}.Name\` is not supported. Supported: ${Object.keys(opts.matchers).join(', ')}, tag-key, tag:<key>.`);
		}
		return (item: T) => fn(item, f.Values);
	});
	const matching = opts.items.filter((item) => (ids === undefined || ids.includes(opts.idOf(item))) && tests.every((t) => t(item)));
	return { page: matching.slice(offset, offset + limit), total: matching.length };
}

function checkFilterLimits(filters: ListFilter[], limits: { filters: number; values: number }): void {
	if (filters.length > limits.filters) {
		throw apiError('InvalidParameterValue.LimitExceeded', `At most ${limits.filters} filters may be given in \`Filters\`, not ${filters.length}.`);
	}
	filters.forEach((f, i) => {
		if (f.Values.length > limits.values) {
			throw apiError('InvalidParameterValue.LimitExceeded', `At most ${limits.values} values may be given in \`Filters.${i}.Values\`, not ${f.Values.length}.`);
		}
	});
}

function inRegion<T extends { region: string }>(ctx: ActionContext, items: T[]): T[] {
	return items.filter((i) => i.region === ctx.region);
}

function vpcShape(v: InventoryVpc): Record<string, unknown> {
	return {
		VpcName: v.name,
		VpcId: v.vpcId,
		CidrBlock: v.cidrBlock,
		IsDefault: v.isDefault,
		EnableMulticast: false,
		CreatedTime: v.createdTime,
		DnsServerSet: ['183.60.83.19', '183.60.82.98'],
		DomainName: '',
		DhcpOptionsId: '',
		EnableDhcp: true,
		Ipv6CidrBlock: '',
		TagSet: [],
		AssistantCidrSet: [],
		EnableRouteVpcPublish: false,
		Ipv6CidrBlockSet: [],
	};
}

function subnetShape(s: InventorySubnet): Record<string, unknown> {
	// Tencent reserves 3 addresses per subnet; the ENIs' private IPs occupy more.
	const total = cidrSize(s.cidrBlock) - 3;
	const used = INVENTORY.enis.filter((e) => e.subnetId === s.subnetId).reduce((sum, e) => sum + privateIpsOf(e).length, 0);
	return {
		VpcId: s.vpcId,
		SubnetId: s.subnetId,
		SubnetName: s.name,
		CidrBlock: s.cidrBlock,
		IsDefault: s.isDefault,
		EnableBroadcast: false,
		Zone: s.zone,
		RouteTableId: `rtb-${s.vpcId.slice('vpc-'.length)}`,
		CreatedTime: s.createdTime,
		AvailableIpAddressCount: total - used,
		Ipv6CidrBlock: '',
		NetworkAclId: '',
		IsRemoteVpcSnat: false,
		TotalIpAddressCount: total,
		TagSet: [],
		CdcId: '',
		IsCdcSubnet: 0,
	};
}

function eniShape(e: InventoryEni): Record<string, unknown> {
	const privateIp = (address: string, primary: boolean) => ({
		PrivateIpAddress: address,
		Primary: primary,
		PublicIpAddress: '',
		AddressId: '',
		Description: '',
		IsWanIpBlocked: false,
		State: 'AVAILABLE',
		QosLevel: 'DEFAULT',
	});
	return {
		NetworkInterfaceId: e.eniId,
		NetworkInterfaceName: e.name,
		NetworkInterfaceDescription: '',
		SubnetId: e.subnetId,
		VpcId: e.vpcId,
		GroupSet: [],
		Primary: e.primary,
		MacAddress: e.macAddress,
		State: 'AVAILABLE',
		PrivateIpAddressSet: [privateIp(e.privateIp, true), ...(e.secondaryPrivateIps ?? []).map((ip) => privateIp(ip, false))],
		Attachment: { InstanceId: e.instanceId, DeviceIndex: e.deviceIndex ?? 0, InstanceAccountId: '', AttachTime: e.createdTime },
		Zone: e.zone,
		CreatedTime: e.createdTime,
		Ipv6AddressSet: [],
		TagSet: [],
		// 1 primary, 0 secondary (the reference's EniType).
		EniType: e.primary ? 1 : 0,
		Business: 'cvm',
		CdcId: '',
		AttachType: 0,
		ResourceId: '',
		QosLevel: 'DEFAULT',
	};
}

function natShape(n: InventoryNatGateway): Record<string, unknown> {
	return {
		NatGatewayId: n.natId,
		NatGatewayName: n.name,
		CreatedTime: n.createdTime,
		State: 'AVAILABLE',
		InternetMaxBandwidthOut: 100,
		MaxConcurrentConnection: 1000000,
		PublicIpAddressSet: [{ AddressId: `eip-${n.natId.slice('nat-'.length)}`, PublicIpAddress: n.publicIp, IsBlocked: false }],
		NetworkState: 'AVAILABLE',
		DestinationIpPortTranslationNatRuleSet: [],
		VpcId: n.vpcId,
		Zone: n.zone,
		DirectConnectGatewayIds: [],
		SubnetId: n.subnetId,
		TagSet: [],
		SecurityGroupSet: [],
		SourceIpTranslationNatRuleSet: [],
		IsExclusive: false,
		ExclusiveGatewayBandwidth: 0,
		RestrictState: 'NORMAL',
		NatProductVersion: 2,
		SmartScheduleMode: false,
	};
}

const describeVpcs: ActionHandler = (ctx) => {
	const { page, total } = describe(ctx, {
		items: inRegion(ctx, INVENTORY.vpcs),
		idsKey: 'VpcIds',
		idOf: (v) => v.vpcId,
		matchers: {
			'vpc-id': (v, values) => values.includes(v.vpcId),
			// Documented as fuzzy.
			'vpc-name': (v, values) => values.some((x) => v.name.includes(x)),
			'cidr-block': (v, values) => values.some((x) => v.cidrBlock === x || v.cidrBlock.startsWith(`${x}/`)),
			'is-default': (v, values) => boolValue(values, v.isDefault),
		},
	});
	return { TotalCount: total, VpcSet: page.map(vpcShape) };
};

const describeSubnets: ActionHandler = (ctx) => {
	const { page, total } = describe(ctx, {
		items: inRegion(ctx, INVENTORY.subnets),
		idsKey: 'SubnetIds',
		idOf: (s) => s.subnetId,
		matchers: {
			'subnet-id': (s, values) => values.includes(s.subnetId),
			'vpc-id': (s, values) => values.includes(s.vpcId),
			'cidr-block': (s, values) => values.some((x) => s.cidrBlock === x || s.cidrBlock.startsWith(`${x}/`)),
			'is-default': (s, values) => boolValue(values, s.isDefault),
			'subnet-name': (s, values) => values.includes(s.name),
			zone: (s, values) => values.includes(s.zone),
		},
	});
	return { TotalCount: total, SubnetSet: page.map(subnetShape) };
};

/** Every private IPv4 of an ENI: its primary IP, then its secondary ones. */
function privateIpsOf(e: InventoryEni): string[] {
	return [e.privateIp, ...(e.secondaryPrivateIps ?? [])];
}

/**
 * The reference: address-ip with one value matches by suffix, with several exactly;
 * ip-exact-match makes one value exact, and "if several values are given only the first is
 * used" — read here in the stricter way, so a client that relies on several values with
 * ip-exact-match gets fewer answers than it asked for.
 */
function matchAddressIp(exact: boolean): Matcher<InventoryEni> {
	return (e, values) => {
		const ips = privateIpsOf(e);
		if (exact) return ips.includes(values[0]);
		if (values.length === 1) return ips.some((ip) => ip.endsWith(values[0]));
		return ips.some((ip) => values.includes(ip));
	};
}

/**
 * Not documented for this action; its sibling actions (and CVM DescribeInstances) state at most
 * 10 filters of at most 5 values each, which the emulator enforces so clients stay within them.
 */
const ENI_FILTER_LIMITS = { filters: 10, values: 5 };

const describeNetworkInterfaces: ActionHandler = (ctx) => {
	const filters = (ctx.body.Filters as ListFilter[] | undefined) ?? [];
	const exact = filters.some((f) => f.Name.toLowerCase() === 'ip-exact-match' && boolValue(f.Values.slice(0, 1), true));
	const { page, total } = describe(ctx, {
		items: inRegion(ctx, INVENTORY.enis),
		idsKey: 'NetworkInterfaceIds',
		idOf: (e) => e.eniId,
		filterLimits: ENI_FILTER_LIMITS,
		matchers: {
			'vpc-id': (e, values) => values.includes(e.vpcId),
			'subnet-id': (e, values) => values.includes(e.subnetId),
			'network-interface-id': (e, values) => values.includes(e.eniId),
			'network-interface-name': (e, values) => values.includes(e.name),
			'network-interface-description': (_e, values) => values.includes(''),
			'attachment.instance-id': (e, values) => values.includes(e.instanceId),
			'address-ip': matchAddressIp(exact),
			'ip-exact-match': () => true,
			'is-primary': (e, values) => boolValue(values, e.primary),
			'eni-type': (e, values) => values.includes(e.primary ? '1' : '0'),
		},
	});
	return { NetworkInterfaceSet: page.map(eniShape), TotalCount: total };
};

const describeNatGateways: ActionHandler = (ctx) => {
	const { page, total } = describe(ctx, {
		items: inRegion(ctx, INVENTORY.natGateways),
		idsKey: 'NatGatewayIds',
		idOf: (n) => n.natId,
		matchers: {
			'nat-gateway-id': (n, values) => values.includes(n.natId),
			'vpc-id': (n, values) => values.includes(n.vpcId),
			'nat-gateway-name': (n, values) => values.includes(n.name),
		},
	});
	return { NatGatewaySet: page.map(natShape), TotalCount: total };
};

export const INVENTORY_ACTIONS: Record<string, ActionHandler> = {
	DescribeVpcs: describeVpcs,
	DescribeSubnets: describeSubnets,
	DescribeNetworkInterfaces: describeNetworkInterfaces,
	DescribeNatGateways: describeNatGateways,
};
