import type { TrafficMirror } from './trafficMirror';

/** Get Many's Filters collection after n8n resolved it for one item. */
export interface TrafficMirrorListFilters {
	vpcId?: unknown;
	trafficMirrorName?: unknown;
	tagKey?: unknown;
}

/** DescribeTrafficMirrors takes one filter per call: a single {Name, Values} object, not a list. */
export interface DescribeTrafficMirrorsFilter {
	Name: 'tag-key' | 'traffic-mirror-name' | 'vpc-id';
	Values: string[];
}

export interface TrafficMirrorListQuery {
	/** Sent as Filters; undefined lists every mirror of the region. */
	apiFilter?: DescribeTrafficMirrorsFilter;
	/** Applied to every mirror of the answer: the filters the API was not sent, and the exact name. */
	matches: (mirror: TrafficMirror) => boolean;
	/** Whether `matches` can drop mirrors, i.e. whether a page of N mirrors may yield fewer than N. */
	filtersLocally: boolean;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/**
 * Which filter goes to the API and which are applied to its answer. The tag key must be sent:
 * a TrafficMirror carries no tags, so it cannot be checked afterwards. Otherwise the name goes
 * (usually the most selective), else the VPC. The name always matches exactly and
 * case-sensitively: the API's traffic-mirror-name filter is fuzzy, so its answer is re-checked.
 */
export function planTrafficMirrorListQuery(filters: TrafficMirrorListFilters): TrafficMirrorListQuery {
	const vpcId = text(filters.vpcId);
	const name = text(filters.trafficMirrorName);
	const tagKey = text(filters.tagKey);

	let apiFilter: DescribeTrafficMirrorsFilter | undefined;
	if (tagKey) apiFilter = { Name: 'tag-key', Values: [tagKey] };
	else if (name) apiFilter = { Name: 'traffic-mirror-name', Values: [name] };
	else if (vpcId) apiFilter = { Name: 'vpc-id', Values: [vpcId] };

	const checkVpc = vpcId !== '' && apiFilter?.Name !== 'vpc-id';
	const checkName = name !== '';
	return {
		apiFilter,
		matches: (mirror) => (!checkVpc || mirror.VpcId === vpcId) && (!checkName || mirror.TrafficMirrorName === name),
		filtersLocally: checkVpc || checkName,
	};
}
