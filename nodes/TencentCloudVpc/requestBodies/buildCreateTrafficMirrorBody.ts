import type { IDataObject } from 'n8n-workflow';

/** The create operation's parameters after n8n resolved them for one item. */
export interface CreateTrafficMirrorParameters {
	vpcId: string;
	trafficMirrorName: string;
	type?: string;
	state?: string;
	direction?: string;
	collectorSrcs?: unknown;
	collectorTarget?: {
		targetType?: string;
		targetIps?: unknown;
		algHash?: string;
		targetEndPoints?: unknown;
	};
	additionalFields?: {
		trafficMirrorDescribe?: string;
		natId?: string;
		subnetId?: string;
		collectorNormalFilters?: { filter?: FilterParameters[] };
		tags?: { tag?: Array<{ key?: string; value?: string }> };
	};
}

export interface FilterParameters {
	srcNet?: string;
	dstNet?: string;
	protocol?: string;
	srcPort?: string;
	dstPort?: string;
}

/** UI parameter → CreateTrafficMirror field, for the plain string fields. */
const CREATE_SCALAR_FIELDS = [
	['vpcId', 'VpcId'],
	['trafficMirrorName', 'TrafficMirrorName'],
	['type', 'Type'],
	['state', 'State'],
	['direction', 'Direction'],
] as const;

const ADDITIONAL_SCALAR_FIELDS = [
	['trafficMirrorDescribe', 'TrafficMirrorDescribe'],
	['natId', 'NatId'],
	['subnetId', 'SubnetId'],
] as const;

const COLLECTOR_TARGET_FIELDS = [
	['targetType', 'TargetType', 'string'],
	['targetIps', 'TargetIps', 'list'],
	['algHash', 'AlgHash', 'string'],
	['targetEndPoints', 'TargetEndPoints', 'list'],
] as const;

export const FILTER_FIELDS = [
	['srcNet', 'SrcNet'],
	['dstNet', 'DstNet'],
	['protocol', 'Protocol'],
	['srcPort', 'SrcPort'],
	['dstPort', 'DstPort'],
] as const;

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A list parameter typed as text ("a, b" or one per line) or supplied by an expression as an array.
 * Blank entries are dropped.
 */
export function toStringList(value: unknown): string[] {
	if (isBlank(value)) return [];
	const entries = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return entries.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

function copyScalars(
	source: Record<string, unknown>,
	table: ReadonlyArray<readonly [string, string, ...string[]]>,
	target: IDataObject,
): void {
	for (const [parameter, apiField] of table) {
		const value = source[parameter];
		if (!isBlank(value)) target[apiField] = String(value).trim();
	}
}

export function buildCollectorTarget(target: CreateTrafficMirrorParameters['collectorTarget']): IDataObject {
	const body: IDataObject = {};
	for (const [parameter, apiField, kind] of COLLECTOR_TARGET_FIELDS) {
		const value = target?.[parameter];
		if (kind === 'list') {
			const list = toStringList(value);
			if (list.length) body[apiField] = list;
		} else if (!isBlank(value)) {
			body[apiField] = String(value).trim();
		}
	}
	return body;
}

export function buildFilters(filters: FilterParameters[] | undefined): IDataObject[] {
	return (filters ?? [])
		.map((filter) => {
			const body: IDataObject = {};
			copyScalars(filter as Record<string, unknown>, FILTER_FIELDS, body);
			return body;
		})
		.filter((body) => Object.keys(body).length > 0);
}

/**
 * What Tencent allows a public IP mirror, one value each; the form hides these fields for it.
 * Values a workflow saved while they were visible are replaced too.
 */
export const PUBLIC_IP_FIXED = { State: 'RUNNING', Direction: 'ALL', AlgHash: 'FIVE_TUPLE_FLOW' } as const;

/** The CreateTrafficMirror request body for one item; every empty parameter is left out. */
export function buildCreateTrafficMirrorBody(parameters: CreateTrafficMirrorParameters): IDataObject {
	const body: IDataObject = {};
	copyScalars(parameters as unknown as Record<string, unknown>, CREATE_SCALAR_FIELDS, body);
	const isPublicIp = body.Type === 'PUBLICIP';
	if (isPublicIp) {
		body.State = PUBLIC_IP_FIXED.State;
		body.Direction = PUBLIC_IP_FIXED.Direction;
	}

	const collectorSrcs = toStringList(parameters.collectorSrcs);
	if (collectorSrcs.length) body.CollectorSrcs = collectorSrcs;

	const collectorTarget = buildCollectorTarget(parameters.collectorTarget);
	if (isPublicIp) collectorTarget.AlgHash = PUBLIC_IP_FIXED.AlgHash;
	if (Object.keys(collectorTarget).length) body.CollectorTarget = collectorTarget;

	const additional = parameters.additionalFields ?? {};
	copyScalars(additional as Record<string, unknown>, ADDITIONAL_SCALAR_FIELDS, body);

	const filters = buildFilters(additional.collectorNormalFilters?.filter);
	if (filters.length) body.CollectorNormalFilters = filters;

	const tags = (additional.tags?.tag ?? [])
		.filter((tag) => !isBlank(tag.key))
		.map((tag) => (isBlank(tag.value) ? { Key: String(tag.key).trim() } : { Key: String(tag.key).trim(), Value: String(tag.value) }));
	if (tags.length) body.Tags = tags;

	return body;
}
