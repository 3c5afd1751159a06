import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchOnePage } from '../transport';
import { searchTrafficMirrorsPage } from '../trafficMirrors/describeTrafficMirrors';
import { describePage, pickerClient, PICKER_PAGE_SIZE } from './accountLookup';
import { trafficMirrorSearchItem, vpcOption } from './pickerLabels';

/** The account's VPCs in the chosen region, searchable by name (DescribeVpcs, filter vpc-name). */
export async function searchVpcs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = pickerClient(this);
	const filters = filter ? [{ Name: 'vpc-name', Values: [filter] }] : undefined;
	const { items, nextToken } = await fetchOnePage(
		describePage(client, { action: 'DescribeVpcs', setKey: 'VpcSet', filters }),
		paginationToken,
		PICKER_PAGE_SIZE,
	);
	return { results: items.map(vpcOption), paginationToken: nextToken };
}

/** The region's traffic mirrors, searchable by name. */
export async function searchTrafficMirrors(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { items, nextToken } = await searchTrafficMirrorsPage(pickerClient(this), filter, paginationToken);
	return { results: items.map(trafficMirrorSearchItem), paginationToken: nextToken };
}
