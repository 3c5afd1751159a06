// Traffic-mirror actions and their business rules. Bodies arrive schema-validated
// (types, required members, enums), so the casts below only name what was checked.
import type { ActionContext, ActionHandler } from './actionContext';
import { apiError } from './apiError';
import { findClb, findEni, findEniByIp, findNatGateway, findSubnet, findVpc } from './inventory';
import { formatBeijingTime, isIpv4, isIpv4Endpoint, isIpv4Net, isPortSpec } from './netFormats';
import type {
	Tag,
	TrafficMirror,
	TrafficMirrorFilter,
	TrafficMirrorTarget,
	TrafficMirrorTargetResourceInfo,
} from './types';

interface FilterInput {
	SrcNet: string;
	DstNet: string;
	Protocol: string;
	SrcPort?: string;
	DstPort?: string;
}

interface TargetInput {
	TargetIps?: string[];
	AlgHash?: string;
	TargetEndPoints?: string[];
	TargetType?: string;
}

const DESCRIBE_DEFAULT_LIMIT = 20;
const DESCRIBE_MAX_LIMIT = 100;
/**
 * Not documented for DescribeTrafficMirrors; its sibling VPC actions (and CVM DescribeInstances)
 * state at most 5 values per filter, which the emulator enforces so clients stay within them.
 */
const DESCRIBE_MAX_FILTER_VALUES = 5;

function str(body: Record<string, unknown>, key: string): string | undefined {
	return body[key] as string | undefined;
}

function notFound(what: string, id: string): never {
	throw apiError('ResourceNotFound', `The ${what} \`${id}\` does not exist.`);
}

function requireMirror(ctx: ActionContext): TrafficMirror {
	const id = str(ctx.body, 'TrafficMirrorId') as string;
	return ctx.store.get(ctx.region, id) ?? notFound('traffic mirror', id);
}

function requireVpc(ctx: ActionContext, vpcId: string): void {
	if (!findVpc(ctx.region, vpcId)) notFound('VPC', vpcId);
}

function requireName(name: string | undefined, path: string): void {
	if (name !== undefined && name.trim() === '') {
		throw apiError('InvalidParameterValue', `The parameter \`${path}\` must not be empty.`);
	}
}

function checkTags(tags: Tag[]): void {
	const seen = new Set<string>();
	tags.forEach((t, i) => {
		if (t.Key === '') throw apiError('InvalidParameterValue.TagInvalidKey', `The tag key of \`Tags.${i}\` is empty.`);
		if (seen.has(t.Key)) throw apiError('InvalidParameterValue.TagDuplicateKey', `The tag key \`${t.Key}\` is duplicated.`);
		seen.add(t.Key);
	});
}

function checkDirectionForType(type: string, direction: string | undefined, path: string): void {
	if (type === 'PUBLICIP' && direction !== undefined && direction !== 'ALL') {
		throw apiError('InvalidParameterValue', `The value \`${direction}\` of parameter \`${path}\` is invalid for a PUBLICIP mirror; only ALL is supported.`);
	}
}

/** NatId and five-tuple rules are mutually exclusive; the NAT gateway must sit in the mirror's VPC. */
function resolveFilters(
	ctx: ActionContext,
	vpcId: string,
	natId: string | undefined,
	filters: FilterInput[] | undefined,
): { natId: string; filters: TrafficMirrorFilter[] } {
	const rules = filters ?? [];
	if (natId && rules.length > 0) {
		throw apiError('InvalidParameter.Coexist', 'The parameters `NatId` and `CollectorNormalFilters` cannot be specified at the same time.');
	}
	if (natId) {
		const nat = findNatGateway(ctx.region, natId) ?? notFound('NAT gateway', natId);
		if (nat.vpcId !== vpcId) {
			throw apiError('InvalidParameterValue.ObjectVpcNotCurrentVpc', `The NAT gateway \`${natId}\` is not in VPC \`${vpcId}\`.`);
		}
	}
	const out = rules.map((f, i): TrafficMirrorFilter => {
		const p = `CollectorNormalFilters.${i}`;
		if (!isIpv4Net(f.SrcNet)) throw apiError('InvalidParameterValue', `The value \`${f.SrcNet}\` of parameter \`${p}.SrcNet\` is not an IPv4 address or CIDR block.`);
		if (!isIpv4Net(f.DstNet)) throw apiError('InvalidParameterValue', `The value \`${f.DstNet}\` of parameter \`${p}.DstNet\` is not an IPv4 address or CIDR block.`);
		for (const key of ['SrcPort', 'DstPort'] as const) {
			const v = f[key];
			if (v !== undefined && !isPortSpec(v)) {
				throw apiError('InvalidParameterValue', `The value \`${v}\` of parameter \`${p}.${key}\` is not a port or port range within 1-65535.`);
			}
		}
		return { SrcNet: f.SrcNet, DstNet: f.DstNet, Protocol: f.Protocol, SrcPort: f.SrcPort ?? '', DstPort: f.DstPort ?? '' };
	});
	return { natId: natId ?? '', filters: out };
}

/** Checks collection objects: ENI/subnet ids of the VPC (VPC type) or IPv4 addresses (PUBLICIP type), not used by another mirror. */
function resolveSources(ctx: ActionContext, vpcId: string, type: string, srcs: string[], selfId?: string): string[] {
	const seen = new Set<string>();
	const others = ctx.store.list(ctx.region).filter((m) => m.TrafficMirrorId !== selfId && m.Type === type);
	srcs.forEach((src, i) => {
		const path = `CollectorSrcs.${i}`;
		if (seen.has(src)) throw apiError('InvalidParameterValue', `The value \`${src}\` of parameter \`${path}\` is duplicated.`);
		seen.add(src);
		if (type === 'PUBLICIP') {
			if (!isIpv4(src)) throw apiError('InvalidParameterValue', `The value \`${src}\` of parameter \`${path}\` is not an IPv4 address.`);
			const user = others.find((m) => m.CollectorSrcs.includes(src));
			if (user) {
				throw apiError('InvalidParameterValue.DuplicatedLbTrafficMirrorCollectors', `The address \`${src}\` is already collected by traffic mirror \`${user.TrafficMirrorId}\`.`);
			}
			return;
		}
		let objectVpc: string;
		if (src.startsWith('eni-')) objectVpc = (findEni(ctx.region, src) ?? notFound('ENI', src)).vpcId;
		else if (src.startsWith('subnet-')) objectVpc = (findSubnet(ctx.region, src) ?? notFound('subnet', src)).vpcId;
		else throw apiError('InvalidParameterValue', `The value \`${src}\` of parameter \`${path}\` is neither an ENI id nor a subnet id.`);
		if (objectVpc !== vpcId) {
			throw apiError('InvalidParameterValue.ObjectVpcNotCurrentVpc', `The collection object \`${src}\` is not in VPC \`${vpcId}\`.`);
		}
		const user = others.find((m) => m.CollectorSrcs.includes(src));
		if (user) {
			throw apiError('InvalidParameterValue.ObjectUseInTrafficMirror', `The collection object \`${src}\` is already used by traffic mirror \`${user.TrafficMirrorId}\`.`);
		}
	});
	return [...srcs];
}

interface ResolvedTarget {
	target: TrafficMirrorTarget;
	info: TrafficMirrorTargetResourceInfo[];
}

/**
 * Receiver: TargetType IP takes IPv4 addresses; ENI takes ENI ids or their private IPs; CLB takes
 * CLB ids or VIPs. ENI/CLB receivers are stored as their IPs (like Tencent's Describe example) and
 * named in TargetInfo.
 */
function resolveTarget(ctx: ActionContext, vpcId: string, type: string, input: TargetInput | undefined, path = 'CollectorTarget'): ResolvedTarget {
	const targetType = input?.TargetType ?? 'IP';
	const algHash = input?.AlgHash ?? (type === 'PUBLICIP' ? 'FIVE_TUPLE_FLOW' : 'ENI');
	if (type === 'PUBLICIP' && algHash !== 'FIVE_TUPLE_FLOW') {
		throw apiError('InvalidParameterValue', `The value \`${algHash}\` of parameter \`${path}.AlgHash\` is invalid for a PUBLICIP mirror; only FIVE_TUPLE_FLOW is supported.`);
	}
	const endpoints = input?.TargetEndPoints ?? [];
	endpoints.forEach((e, i) => {
		if (!isIpv4Endpoint(e)) throw apiError('InvalidParameterValue', `The value \`${e}\` of parameter \`${path}.TargetEndPoints.${i}\` is not an ip:port endpoint.`);
	});
	const ips: string[] = [];
	const info: TrafficMirrorTargetResourceInfo[] = [];
	(input?.TargetIps ?? []).forEach((item, i) => {
		const itemPath = `${path}.TargetIps.${i}`;
		if (targetType === 'IP') {
			if (!isIpv4(item)) throw apiError('InvalidParameterValue', `The value \`${item}\` of parameter \`${itemPath}\` is not an IPv4 address.`);
			ips.push(item);
		} else if (targetType === 'ENI') {
			const eni = item.startsWith('eni-') ? findEni(ctx.region, item) : isIpv4(item) ? findEniByIp(ctx.region, vpcId, item) : undefined;
			if (!eni) notFound('receiver ENI', item);
			if (eni.vpcId !== vpcId) {
				throw apiError('InvalidParameterValue.ObjectVpcNotCurrentVpc', `The receiver \`${item}\` is not in VPC \`${vpcId}\`.`);
			}
			ips.push(eni.privateIp);
			info.push({ TargetId: eni.eniId, TargetName: eni.name });
		} else {
			const clb = findClb(ctx.region, item, vpcId) ?? notFound('receiver CLB', item);
			if (clb.vpcId !== vpcId) {
				throw apiError('InvalidParameterValue.ObjectVpcNotCurrentVpc', `The receiver \`${item}\` is not in VPC \`${vpcId}\`.`);
			}
			ips.push(clb.vip);
			info.push({ TargetId: clb.clbId, TargetName: clb.name });
		}
	});
	return {
		target: { TargetIps: ips, AlgHash: algHash, TargetEndPoints: [...endpoints], TargetType: targetType },
		info,
	};
}

/**
 * A receiver may not be one of the collected objects. ENI receivers are stored as their IPs, so
 * comparing a collected ENI's IP with the receiver IPs covers "same ENI" too.
 */
function checkSameSourceAndTarget(ctx: ActionContext, type: string, srcs: string[], target: TrafficMirrorTarget): void {
	const fail = (what: string): never => {
		throw apiError('UnsupportedOperation.TrafficMirrorNotSupportSameSrcTarget', `The collector and receiver cannot be the same (${what}).`);
	};
	if (type === 'PUBLICIP') {
		const endpointIps = target.TargetEndPoints.map((e) => e.slice(0, e.lastIndexOf(':')));
		for (const src of srcs) if (endpointIps.includes(src) || target.TargetIps.includes(src)) fail(src);
		return;
	}
	for (const src of srcs) {
		if (!src.startsWith('eni-')) continue;
		const eni = findEni(ctx.region, src);
		if (eni && target.TargetIps.includes(eni.privateIp)) fail(`${src} has ${eni.privateIp}`);
	}
}

function checkSubnet(ctx: ActionContext, vpcId: string, subnetId: string | undefined): void {
	if (!subnetId) return;
	const subnet = findSubnet(ctx.region, subnetId) ?? notFound('subnet', subnetId);
	if (subnet.vpcId !== vpcId) {
		throw apiError('InvalidParameterValue.ObjectVpcNotCurrentVpc', `The subnet \`${subnetId}\` is not in VPC \`${vpcId}\`.`);
	}
}

const createTrafficMirror: ActionHandler = (ctx) => {
	const b = ctx.body;
	const vpcId = str(b, 'VpcId') as string;
	const type = str(b, 'Type') ?? 'VPC';
	requireName(str(b, 'TrafficMirrorName'), 'TrafficMirrorName');
	requireVpc(ctx, vpcId);
	const tags = (b.Tags as Tag[] | undefined) ?? [];
	checkTags(tags);

	const state = str(b, 'State') ?? 'RUNNING';
	const direction = str(b, 'Direction') ?? 'ALL';
	if (type === 'PUBLICIP' && state !== 'RUNNING') {
		throw apiError('InvalidParameterValue', `The value \`${state}\` of parameter \`State\` is invalid for a PUBLICIP mirror; only RUNNING is supported.`);
	}
	checkDirectionForType(type, direction, 'Direction');

	const { natId, filters } = resolveFilters(ctx, vpcId, str(b, 'NatId'), b.CollectorNormalFilters as FilterInput[] | undefined);
	const subnetId = str(b, 'SubnetId') ?? '';
	checkSubnet(ctx, vpcId, subnetId);
	const srcs = resolveSources(ctx, vpcId, type, (b.CollectorSrcs as string[] | undefined) ?? []);
	const { target, info } = resolveTarget(ctx, vpcId, type, b.CollectorTarget as TargetInput | undefined);
	checkSameSourceAndTarget(ctx, type, srcs, target);

	const mirror: TrafficMirror = {
		VpcId: vpcId,
		TrafficMirrorId: ctx.newId('imgf'),
		TrafficMirrorName: str(b, 'TrafficMirrorName') as string,
		TrafficMirrorDescribe: str(b, 'TrafficMirrorDescribe') ?? '',
		State: state,
		Direction: direction,
		CollectorSrcs: srcs,
		NatId: natId,
		CollectorNormalFilters: filters,
		CollectorTarget: target,
		CreateTime: formatBeijingTime(ctx.nowMs),
		Type: type,
		SubnetId: subnetId,
		TargetInfo: info,
	};
	ctx.store.add(ctx.region, mirror, tags);
	return { TrafficMirror: structuredClone(mirror) };
};

const FILTER_MATCHERS: Record<string, (m: TrafficMirror, values: string[], tags: Tag[]) => boolean> = {
	'vpc-id': (m, values) => values.includes(m.VpcId),
	'traffic-mirror-id': (m, values) => values.includes(m.TrafficMirrorId),
	// Tencent describes name filters as fuzzy; substring keeps clients honest about exact matching.
	'traffic-mirror-name': (m, values) => values.some((v) => m.TrafficMirrorName.includes(v)),
	'tag-key': (_m, values, tags) => tags.some((t) => values.includes(t.Key)),
};

const describeTrafficMirrors: ActionHandler = (ctx) => {
	const b = ctx.body;
	const ids = b.TrafficMirrorIds as string[] | undefined;
	const filter = b.Filters as { Name: string; Values: string[] } | undefined;
	const offset = (b.Offset as number | undefined) ?? 0;
	const rawLimit = b.Limit as number | undefined;
	if (rawLimit !== undefined && rawLimit > DESCRIBE_MAX_LIMIT) {
		throw apiError('InvalidParameterValue', `The value \`${rawLimit}\` of parameter \`Limit\` exceeds the maximum ${DESCRIBE_MAX_LIMIT}.`);
	}
	const limit = rawLimit === undefined || rawLimit === 0 ? DESCRIBE_DEFAULT_LIMIT : rawLimit;
	let matcher: ((m: TrafficMirror, tags: Tag[]) => boolean) | undefined;
	if (filter && Array.isArray(filter.Values) && filter.Values.length > DESCRIBE_MAX_FILTER_VALUES) {
		throw apiError(
			'InvalidParameterValue.LimitExceeded',
			`At most ${DESCRIBE_MAX_FILTER_VALUES} values may be given in \`Filters.Values\`, not ${filter.Values.length}.`,
		);
	}
	if (filter) {
		const name = filter.Name.toLowerCase();
		const fn = FILTER_MATCHERS[name];
		if (!fn) {
			throw apiError('InvalidParameterValue', `The value \`${filter.Name}\` of parameter \`Filters.Name\` is invalid. Valid values: ${Object.keys(FILTER_MATCHERS).join(', ')}.`);
		}
		matcher = (m, tags) => fn(m, filter.Values, tags);
	}
	const matching = ctx.store
		.list(ctx.region)
		.filter((m) => (ids === undefined || ids.includes(m.TrafficMirrorId)) && (!matcher || matcher(m, ctx.store.tags(ctx.region, m.TrafficMirrorId))));
	// No TotalCount: the reference's DescribeTrafficMirrorsResponse (and its example) has only TrafficMirrorSet.
	return { TrafficMirrorSet: structuredClone(matching.slice(offset, offset + limit)) };
};

const deleteTrafficMirror: ActionHandler = (ctx) => {
	const m = requireMirror(ctx);
	ctx.store.delete(ctx.region, m.TrafficMirrorId);
	return {};
};

const setState =
	(state: 'RUNNING' | 'STOPED'): ActionHandler =>
	(ctx) => {
		const m = requireMirror(ctx);
		if (state === 'STOPED' && m.Type === 'PUBLICIP') {
			throw apiError('UnsupportedOperation', 'A PUBLICIP traffic mirror only supports the RUNNING state.');
		}
		m.State = state;
		return {};
	};

const modifyTrafficMirrorAttribute: ActionHandler = (ctx) => {
	const m = requireMirror(ctx);
	const name = str(ctx.body, 'TrafficMirrorName');
	requireName(name, 'TrafficMirrorName');
	const description = str(ctx.body, 'TrafficMirrorDescription');
	if (name !== undefined) m.TrafficMirrorName = name;
	if (description !== undefined) m.TrafficMirrorDescribe = description;
	return {};
};

const resetTrafficMirrorSrcs: ActionHandler = (ctx) => {
	const m = requireMirror(ctx);
	const srcs = resolveSources(ctx, m.VpcId, m.Type, ctx.body.CollectorSrcs as string[], m.TrafficMirrorId);
	checkSameSourceAndTarget(ctx, m.Type, srcs, m.CollectorTarget);
	m.CollectorSrcs = srcs;
	return {};
};

const resetTrafficMirrorTarget: ActionHandler = (ctx) => {
	const m = requireMirror(ctx);
	const subnetId = str(ctx.body, 'SubnetId');
	checkSubnet(ctx, m.VpcId, subnetId);
	const { target, info } = resolveTarget(ctx, m.VpcId, m.Type, ctx.body.CollectorTarget as TargetInput);
	checkSameSourceAndTarget(ctx, m.Type, m.CollectorSrcs, target);
	m.CollectorTarget = target;
	m.TargetInfo = info;
	if (subnetId !== undefined) m.SubnetId = subnetId;
	return {};
};

/** Replaces the whole filter: absent NatId/rules mean none. */
const resetTrafficMirrorFilter: ActionHandler = (ctx) => {
	const m = requireMirror(ctx);
	const { natId, filters } = resolveFilters(ctx, m.VpcId, str(ctx.body, 'NatId'), ctx.body.CollectorNormalFilters as FilterInput[] | undefined);
	m.NatId = natId;
	m.CollectorNormalFilters = filters;
	return {};
};

/** Direction always; sources and NAT/five-tuple filter only when given (giving one kind of filter replaces the other). */
const updateTrafficMirrorAllFilter: ActionHandler = (ctx) => {
	const m = requireMirror(ctx);
	const b = ctx.body;
	const direction = str(b, 'Direction') as string;
	checkDirectionForType(m.Type, direction, 'Direction');
	const srcsInput = b.CollectorSrcs as string[] | undefined;
	const natInput = str(b, 'NatId');
	const rulesInput = b.CollectorNormalFilters as FilterInput[] | undefined;
	const srcs = srcsInput === undefined ? m.CollectorSrcs : resolveSources(ctx, m.VpcId, m.Type, srcsInput, m.TrafficMirrorId);
	const filterGiven = natInput !== undefined || rulesInput !== undefined;
	const resolved = filterGiven ? resolveFilters(ctx, m.VpcId, natInput, rulesInput) : undefined;
	if (srcsInput !== undefined) checkSameSourceAndTarget(ctx, m.Type, srcs, m.CollectorTarget);
	m.Direction = direction;
	m.CollectorSrcs = srcs;
	if (resolved) {
		m.NatId = resolved.natId;
		m.CollectorNormalFilters = resolved.filters;
	}
	return {};
};

const updateTrafficMirrorDirection: ActionHandler = (ctx) => {
	const m = requireMirror(ctx);
	const direction = str(ctx.body, 'Direction') as string;
	checkDirectionForType(m.Type, direction, 'Direction');
	m.Direction = direction;
	return {};
};

/** Dry check of a public-IP mirror's collectors and receivers; changes nothing. */
const checkTrafficMirror: ActionHandler = (ctx) => {
	const b = ctx.body;
	const vpcId = str(b, 'VpcId') as string;
	requireVpc(ctx, vpcId);
	const selfId = str(b, 'TrafficMirrorId');
	if (selfId !== undefined && selfId !== '' && !ctx.store.get(ctx.region, selfId)) notFound('traffic mirror', selfId);
	checkSubnet(ctx, vpcId, str(b, 'SubnetId'));
	const sources = (b.CollectorSources as string[] | undefined) ?? [];
	const others = ctx.store.list(ctx.region).filter((m) => m.Type === 'PUBLICIP' && m.TrafficMirrorId !== selfId);
	sources.forEach((src, i) => {
		if (!isIpv4(src)) throw apiError('InvalidParameterValue', `The value \`${src}\` of parameter \`CollectorSources.${i}\` is not an IPv4 address.`);
		const user = others.find((m) => m.CollectorSrcs.includes(src));
		if (user) throw apiError('InvalidParameterValue.DuplicatedLbTrafficMirrorCollectors', `The address \`${src}\` is already collected by traffic mirror \`${user.TrafficMirrorId}\`.`);
	});
	((b.CollectorTarget as TargetInput[] | undefined) ?? []).forEach((t, i) => {
		const { target } = resolveTarget(ctx, vpcId, 'PUBLICIP', { AlgHash: 'FIVE_TUPLE_FLOW', ...t }, `CollectorTarget.${i}`);
		for (const endpoint of target.TargetEndPoints) {
			const user = others.find((m) => m.CollectorTarget.TargetEndPoints.includes(endpoint));
			if (user) throw apiError('InvalidParameterValue.DuplicatedLbTrafficMirrorReciverEndpoint', `The receiver \`${endpoint}\` is already used by traffic mirror \`${user.TrafficMirrorId}\`.`);
		}
		checkSameSourceAndTarget(ctx, 'PUBLICIP', sources, target);
	});
	return {};
};

export const TRAFFIC_MIRROR_ACTIONS: Record<string, ActionHandler> = {
	CreateTrafficMirror: createTrafficMirror,
	DescribeTrafficMirrors: describeTrafficMirrors,
	DeleteTrafficMirror: deleteTrafficMirror,
	StartTrafficMirror: setState('RUNNING'),
	StopTrafficMirror: setState('STOPED'),
	ModifyTrafficMirrorAttribute: modifyTrafficMirrorAttribute,
	ResetTrafficMirrorSrcs: resetTrafficMirrorSrcs,
	ResetTrafficMirrorTarget: resetTrafficMirrorTarget,
	ResetTrafficMirrorFilter: resetTrafficMirrorFilter,
	UpdateTrafficMirrorAllFilter: updateTrafficMirrorAllFilter,
	UpdateTrafficMirrorDirection: updateTrafficMirrorDirection,
	CheckTrafficMirror: checkTrafficMirror,
};
