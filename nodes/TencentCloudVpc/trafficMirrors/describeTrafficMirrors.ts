import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
 * The mirrors named exactly `name` in `vpcId` (the first one only, unless `all`).
 * DescribeTrafficMirrors takes one filter and matches names loosely, so this filters by name,
 * pages through the answer and checks name and VPC itself.
 */
export async function findTrafficMirrorsByName(
	client: TencentCloudClient,
	vpcId: string,
	name: string,
	all = false,
): Promise<{ trafficMirrors: TrafficMirror[]; requestId: string }> {
	let requestId = '';
	const filter: DescribeTrafficMirrorsFilter = { Name: 'traffic-mirror-name', Values: [name] };
	const trafficMirrors = await collectPages(
		mirrorPages(client, filter, (id) => (requestId = id)),
		{
			...TRAFFIC_MIRROR_PAGING,
			limit: all ? undefined : 1,
			matches: (mirror) => mirror.TrafficMirrorName === name && mirror.VpcId === vpcId,
			filtersLocally: true,
		},
	);
	return { trafficMirrors, requestId };
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
