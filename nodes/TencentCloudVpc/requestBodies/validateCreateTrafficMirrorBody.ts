import type { IDataObject } from 'n8n-workflow';

import { isIpAddress, isIpAddressOrCidr, isPortOrRange } from '../network/networkFormats';

/**
 * Checks a CreateTrafficMirror body against what Tencent documents, before any call. Only
 * documented constraints: anything Tencent might accept is left for Tencent to judge.
 */

/** A problem, located by its path in the API body (e.g. ['CollectorTarget', 'TargetIps', 0]). */
export interface BodyProblem {
	path: Array<string | number>;
	value: unknown;
	problem: string;
}

/** CreateTrafficMirrorRequest's members, per the API reference. */
const CREATE_TRAFFIC_MIRROR_FIELDS = [
	'VpcId',
	'TrafficMirrorName',
	'TrafficMirrorDescribe',
	'State',
	'Direction',
	'CollectorSrcs',
	'NatId',
	'CollectorNormalFilters',
	'CollectorTarget',
	'SubnetId',
	'Type',
	'Tags',
] as const;

const TARGET_FIELDS = ['TargetIps', 'AlgHash', 'TargetEndPoints', 'TargetType'];
const FILTER_FIELDS = ['SrcNet', 'DstNet', 'Protocol', 'SrcPort', 'DstPort'];
const TAG_FIELDS = ['Key', 'Value'];

const ENUMS: Record<string, readonly string[]> = {
	Type: ['VPC', 'PUBLICIP'],
	State: ['RUNNING', 'STOPED'],
	Direction: ['EGRESS', 'INGRESS', 'ALL'],
	TargetType: ['IP', 'ENI', 'CLB'],
	AlgHash: ['ENI', 'FIVE_TUPLE_FLOW'],
};

/** Protocols a five-tuple filter names; compared without case. */
const FILTER_PROTOCOLS = ['ALL', 'TCP', 'UDP', 'ICMP', 'ICMPV6'];

/** The most collector sources one mirror takes. */
export const MAX_COLLECTOR_SOURCES = 20;

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The documented field a misspelt key was probably meant to be (case-insensitive match). */
function suggestField(key: string, known: readonly string[]): string | undefined {
	return known.find((field) => field.toLowerCase() === key.toLowerCase());
}

function checkUnknownKeys(object: IDataObject, known: readonly string[], path: Array<string | number>, problems: BodyProblem[]) {
	for (const key of Object.keys(object)) {
		if (known.includes(key)) continue;
		const suggestion = suggestField(key, known);
		problems.push({
			path: [...path, key],
			value: object[key],
			problem: suggestion
				? `is not a field of this request; did you mean "${suggestion}"?`
				: `is not a field of this request (known: ${known.join(', ')})`,
		});
	}
}

function checkString(body: IDataObject, key: string, path: Array<string | number>, problems: BodyProblem[], required = false) {
	const value = body[key];
	if (value === undefined) {
		if (required) problems.push({ path: [...path, key], value, problem: 'is required' });
		return;
	}
	if (typeof value !== 'string') {
		problems.push({ path: [...path, key], value, problem: 'must be text' });
	} else if (required && value.trim() === '') {
		problems.push({ path: [...path, key], value, problem: 'is required' });
	} else if (ENUMS[key] && !ENUMS[key].includes(value)) {
		problems.push({ path: [...path, key], value, problem: `must be one of ${ENUMS[key].join(', ')}` });
	}
}

function checkStringList(body: IDataObject, key: string, path: Array<string | number>, problems: BodyProblem[]): string[] {
	const value = body[key];
	if (value === undefined) return [];
	if (!Array.isArray(value)) {
		problems.push({ path: [...path, key], value, problem: 'must be a list of text values' });
		return [];
	}
	value.forEach((entry, index) => {
		if (typeof entry !== 'string') problems.push({ path: [...path, key, index], value: entry, problem: 'must be text' });
	});
	return value.filter((entry): entry is string => typeof entry === 'string');
}

function checkObjectList(body: IDataObject, key: string, path: Array<string | number>, problems: BodyProblem[]): IDataObject[] {
	const value = body[key];
	if (value === undefined) return [];
	if (!Array.isArray(value)) {
		problems.push({ path: [...path, key], value, problem: 'must be a list of objects' });
		return [];
	}
	return value.filter((entry, index) => {
		if (isObject(entry)) return true;
		problems.push({ path: [...path, key, index], value: entry, problem: 'must be an object' });
		return false;
	}) as IDataObject[];
}

function checkTarget(body: IDataObject, isPublicIp: boolean, problems: BodyProblem[]) {
	const target = body.CollectorTarget;
	if (target === undefined) return;
	const path = ['CollectorTarget'];
	if (!isObject(target)) {
		problems.push({ path, value: target, problem: 'must be an object' });
		return;
	}
	checkUnknownKeys(target, TARGET_FIELDS, path, problems);
	checkString(target, 'TargetType', path, problems);
	checkString(target, 'AlgHash', path, problems);
	const targetIps = checkStringList(target, 'TargetIps', path, problems);
	checkStringList(target, 'TargetEndPoints', path, problems);
	// ENI and CLB receivers may be named by ID; only IP receivers must be addresses.
	if (target.TargetType === undefined || target.TargetType === 'IP') {
		targetIps.forEach((ip, index) => {
			if (!isIpAddress(ip)) {
				problems.push({ path: [...path, 'TargetIps', index], value: ip, problem: 'is not an IPv4 or IPv6 address' });
			}
		});
	}
	if (isPublicIp && target.AlgHash !== undefined && target.AlgHash !== 'FIVE_TUPLE_FLOW') {
		problems.push({ path: [...path, 'AlgHash'], value: target.AlgHash, problem: 'must be FIVE_TUPLE_FLOW for a public IP mirror' });
	}
}

function checkFilters(body: IDataObject, problems: BodyProblem[]): number {
	const filters = checkObjectList(body, 'CollectorNormalFilters', [], problems);
	filters.forEach((filter, index) => {
		const path = ['CollectorNormalFilters', index];
		checkUnknownKeys(filter, FILTER_FIELDS, path, problems);
		for (const net of ['SrcNet', 'DstNet']) {
			checkString(filter, net, path, problems, true);
			const value = filter[net];
			if (typeof value === 'string' && value.trim() !== '' && !isIpAddressOrCidr(value)) {
				problems.push({ path: [...path, net], value, problem: 'is not an IPv4/IPv6 address or CIDR block' });
			}
		}
		checkString(filter, 'Protocol', path, problems, true);
		if (typeof filter.Protocol === 'string' && filter.Protocol !== '' && !FILTER_PROTOCOLS.includes(filter.Protocol.toUpperCase())) {
			problems.push({ path: [...path, 'Protocol'], value: filter.Protocol, problem: `must be one of ALL, TCP, UDP, ICMP, ICMPv6` });
		}
		for (const port of ['SrcPort', 'DstPort']) {
			checkString(filter, port, path, problems);
			const value = filter[port];
			if (typeof value === 'string' && !isPortOrRange(value)) {
				problems.push({ path: [...path, port], value, problem: 'must be a port (1-65535) or a range like 1000-2000' });
			}
		}
	});
	return filters.length;
}

function checkTags(body: IDataObject, problems: BodyProblem[]) {
	const seen = new Set<string>();
	checkObjectList(body, 'Tags', [], problems).forEach((tag, index) => {
		const path = ['Tags', index];
		checkUnknownKeys(tag, TAG_FIELDS, path, problems);
		checkString(tag, 'Key', path, problems, true);
		checkString(tag, 'Value', path, problems);
		if (typeof tag.Key !== 'string') return;
		if (seen.has(tag.Key)) problems.push({ path: [...path, 'Key'], value: tag.Key, problem: 'is used by another tag too; tag keys must be unique' });
		seen.add(tag.Key);
	});
}

export function validateCreateTrafficMirrorBody(body: IDataObject): BodyProblem[] {
	const problems: BodyProblem[] = [];
	checkUnknownKeys(body, CREATE_TRAFFIC_MIRROR_FIELDS, [], problems);
	checkString(body, 'VpcId', [], problems, true);
	checkString(body, 'TrafficMirrorName', [], problems, true);
	for (const key of ['TrafficMirrorDescribe', 'State', 'Direction', 'NatId', 'SubnetId', 'Type']) checkString(body, key, [], problems);

	const isPublicIp = body.Type === 'PUBLICIP';
	if (isPublicIp && body.Direction !== undefined && body.Direction !== 'ALL') {
		problems.push({ path: ['Direction'], value: body.Direction, problem: 'must be ALL for a public IP mirror' });
	}
	if (isPublicIp && body.State !== undefined && body.State !== 'RUNNING') {
		problems.push({ path: ['State'], value: body.State, problem: 'must be RUNNING for a public IP mirror' });
	}

	const sources = checkStringList(body, 'CollectorSrcs', [], problems);
	if (sources.length > MAX_COLLECTOR_SOURCES) {
		problems.push({
			path: ['CollectorSrcs'],
			value: `${sources.length} sources`,
			problem: `takes at most ${MAX_COLLECTOR_SOURCES} sources`,
		});
	}
	if (isPublicIp) {
		sources.forEach((source, index) => {
			if (!isIpAddress(source)) {
				problems.push({ path: ['CollectorSrcs', index], value: source, problem: 'is not an IP address (a public IP mirror collects from IP addresses)' });
			}
		});
	}

	checkTarget(body, isPublicIp, problems);
	const filterCount = checkFilters(body, problems);
	if (typeof body.NatId === 'string' && body.NatId !== '' && filterCount > 0) {
		problems.push({
			path: ['NatId'],
			value: body.NatId,
			problem: 'cannot be combined with five-tuple filters (CollectorNormalFilters): choose one',
		});
	}
	checkTags(body, problems);
	return problems;
}
