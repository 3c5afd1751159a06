import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nameLookups } from '../processState';
import { collectPages, fetchOnePage, type FetchPage, type TencentCloudClient } from '../transport';
import type { DescribeTrafficMirrorsFilter, TrafficMirrorListQuery } from './listQuery';
import type { TrafficMirror } from './trafficMirror';

/** Every read of traffic mirrors: DescribeTrafficMirrors by ID, as a list, and by name. */

/** DescribeTrafficMirrors' largest Limit. */
export const DESCRIBE_TRAFFIC_MIRRORS_MAX_LIMIT = 100;

/** How DescribeTrafficMirrors pages: it answers without TotalCount, so a repeated page ends the list. */
export const TRAFFIC_MIRROR_PAGING = {
	pageSize: DESCRIBE_TRAFFIC_MIRRORS_MAX_LIMIT,
	idOf: (mirror: TrafficMirror) => mirror.TrafficMirrorId,
};

/**
 * Describe answers an unknown ID with an empty set, not an error. This error names the ID and
 * region; with Continue On Fail its item carries code ResourceNotFound (the code Tencent gives
 * the other actions for an unknown mirror) and the Describe call's RequestId.
 */
function trafficMirrorNotFound(client: TencentCloudClient, trafficMirrorId: string, requestId: string): NodeOperationError {
	const error = new NodeOperationError(
		client.node,
		`Traffic mirror ${trafficMirrorId} was not found in region ${client.region}${requestId ? ` (RequestId ${requestId})` : ''}`,
		{
			itemIndex: client.itemIndex,
			description: 'Check the ID and the Region: a mirror exists in one region only, and a deleted mirror is gone.',
		},
	);
	error.context.tencentCode = 'ResourceNotFound';
	if (requestId) error.context.requestId = requestId;
	return error;
}

/** The mirror `trafficMirrorId` of the client's region, and the RequestId of the answer; not found is an error. */
export async function getTrafficMirror(
	client: TencentCloudClient,
	trafficMirrorId: string,
): Promise<{ trafficMirror: TrafficMirror; requestId: string }> {
	const response = await client.call('DescribeTrafficMirrors', { TrafficMirrorIds: [trafficMirrorId] });
	const trafficMirror = ((response.TrafficMirrorSet as TrafficMirror[] | undefined) ?? []).find(
		(candidate) => candidate.TrafficMirrorId === trafficMirrorId,
	);
	if (!trafficMirror) throw trafficMirrorNotFound(client, trafficMirrorId, response.RequestId);
	return { trafficMirror, requestId: response.RequestId };
}

/** One page of DescribeTrafficMirrors with the filter given, if any, and the RequestId of each answer. */
function mirrorPages(
	client: TencentCloudClient,
	filter: DescribeTrafficMirrorsFilter | undefined,
	onAnswer?: (requestId: string) => void,
): FetchPage<TrafficMirror> {
	return async (offset, limit) => {
		const body: IDataObject = { Offset: offset, Limit: limit };
		if (filter) body.Filters = { ...filter };
		const response = await client.call('DescribeTrafficMirrors', body);
		onAnswer?.(response.RequestId);
		return { items: (response.TrafficMirrorSet as TrafficMirror[] | undefined) ?? [] };
	};
}

/** The mirrors of the region that `query` selects: every one, or the first `limit`. */
export async function listTrafficMirrors(
	client: TencentCloudClient,
	query: TrafficMirrorListQuery,
	limit: number | undefined,
): Promise<TrafficMirror[]> {
	return await collectPages(mirrorPages(client, query.apiFilter), {
		...TRAFFIC_MIRROR_PAGING,
		limit,
		matches: query.matches,
		filtersLocally: query.filtersLocally,
	});
}

/**
 * Values one filter may carry. DescribeTrafficMirrors documents no cap (its Filters member in
 * Tencent's API schema says nothing of one); its sibling VPC actions (DescribeVpnConnections,
 * DescribeNatGateways) and CVM DescribeInstances state at most 5 values per filter, so no call
 * sends more.
 */
export const DESCRIBE_TRAFFIC_MIRRORS_MAX_FILTER_VALUES = 5;

/** The mirrors of each name in `names` that are in `vpcId` and named exactly so, from one answer for all of them. */
export function trafficMirrorsByName(trafficMirrors: TrafficMirror[], names: string[], vpcId: string): Map<string, TrafficMirror[]> {
	const byName = new Map(names.map((name) => [name, [] as TrafficMirror[]]));
	for (const mirror of trafficMirrors) {
		if (mirror.VpcId === vpcId) byName.get(mirror.TrafficMirrorName)?.push(mirror);
	}
	return byName;
}

/**
 * The mirrors named exactly as each of `names` in `vpcId`, from one DescribeTrafficMirrors
 * filter with every name as a value (values in one filter are OR'ed), every page read. Tencent
 * matches names loosely, so each mirror goes to the name it has exactly and the VPC is checked.
 * Given as a function, the names are read when the first page's turn has come.
 */
export async function findTrafficMirrorsByNames(
	client: TencentCloudClient,
	vpcId: string,
	names: string[] | (() => string[]),
): Promise<{ byName: Map<string, TrafficMirror[]>; requestId: string }> {
	let values: string[] | undefined;
	const namesToSend = () => {
		values ??= [...new Set(typeof names === 'function' ? names() : names)];
		if (values.length > DESCRIBE_TRAFFIC_MIRRORS_MAX_FILTER_VALUES) {
			throw new Error(`At most ${DESCRIBE_TRAFFIC_MIRRORS_MAX_FILTER_VALUES} names per DescribeTrafficMirrors filter, not ${values.length}`);
		}
		return values;
	};
	let requestId = '';
	const pages: FetchPage<TrafficMirror> = async (offset, limit) => {
		const response = await client.call('DescribeTrafficMirrors', () => ({
			Offset: offset,
			Limit: limit,
			Filters: { Name: 'traffic-mirror-name', Values: [...namesToSend()] },
		}));
		requestId = response.RequestId;
		return { items: (response.TrafficMirrorSet as TrafficMirror[] | undefined) ?? [] };
	};
	const found = await collectPages(pages, {
		...TRAFFIC_MIRROR_PAGING,
		matches: (mirror) => mirror.VpcId === vpcId && namesToSend().includes(mirror.TrafficMirrorName),
		filtersLocally: true,
	});
	return { byName: trafficMirrorsByName(found, namesToSend(), vpcId), requestId };
}

/**
 * The mirrors named exactly `name` in `vpcId`, and the RequestId of the answer. Lookups of the
 * same account, region and VPC that run at the same time share DescribeTrafficMirrors calls,
 * several names to a call; each gets the mirrors of its own name.
 */
export async function findTrafficMirrorsByName(
	client: TencentCloudClient,
	vpcId: string,
	name: string,
): Promise<{ trafficMirrors: TrafficMirror[]; requestId: string }> {
	const scope = `${await client.scope()}\u0000${vpcId}`;
	return await nameLookups.lookup(scope, name, DESCRIBE_TRAFFIC_MIRRORS_MAX_FILTER_VALUES, async (takeNames) => {
		const { byName, requestId } = await findTrafficMirrorsByNames(client, vpcId, takeNames);
		return (own) => ({ trafficMirrors: byName.get(own) ?? [], requestId });
	});
}

/**
 * One page of the region's mirrors for the Traffic Mirror picker, searched by name (Tencent
 * matches the traffic-mirror-name filter fuzzily).
 */
export async function searchTrafficMirrorsPage(
	client: TencentCloudClient,
	search: string | undefined,
	paginationToken: string | undefined,
): Promise<{ items: TrafficMirror[]; nextToken?: string }> {
	const filter: DescribeTrafficMirrorsFilter | undefined = search?.trim()
		? { Name: 'traffic-mirror-name', Values: [search.trim()] }
		: undefined;
	return await fetchOnePage(mirrorPages(client, filter), paginationToken, DESCRIBE_TRAFFIC_MIRRORS_MAX_LIMIT);
}
