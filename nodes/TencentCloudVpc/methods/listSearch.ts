import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { trafficMirrorSearchItem } from './pickerLabels';
import { tencentCloudApiRequest } from '../transport';
import { pickerRegion } from './accountLookup';

const PAGE_SIZE = 100;

/** The account's VPCs in the chosen region, searchable by name (DescribeVpcs, filter vpc-name). */
export async function searchVpcs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const region = this.getCurrentNodeParameter('region') as string;
	const offset = Number(paginationToken ?? 0);
	// DescribeVpcs takes Offset and Limit as strings.
	const body: IDataObject = { Offset: String(offset), Limit: String(PAGE_SIZE) };
	if (filter) body.Filters = [{ Name: 'vpc-name', Values: [filter] }];

	const response = await tencentCloudApiRequest.call(this, { action: 'DescribeVpcs', region, body });
	const vpcs = (response.VpcSet as IDataObject[] | undefined) ?? [];
	const total = Number(response.TotalCount ?? vpcs.length);
	return {
		results: vpcs.map((vpc) => ({
			name: `${String(vpc.VpcName ?? '')} (${String(vpc.VpcId)}, ${String(vpc.CidrBlock ?? '')})`,
			value: String(vpc.VpcId),
		})),
		paginationToken: offset + vpcs.length < total ? String(offset + vpcs.length) : undefined,
	};
}

/**
 * The region's traffic mirrors, searchable by name (DescribeTrafficMirrors with the
 * traffic-mirror-name filter, which Tencent matches fuzzily). The answer has no TotalCount:
 * a full page means there may be more.
 */
export async function searchTrafficMirrors(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const region = pickerRegion(this);
	const offset = Number(paginationToken ?? 0);
	// DescribeTrafficMirrors takes Offset and Limit as numbers and one Filters object, not a list.
	const body: IDataObject = { Offset: offset, Limit: PAGE_SIZE };
	if (filter?.trim()) body.Filters = { Name: 'traffic-mirror-name', Values: [filter.trim()] };

	const response = await tencentCloudApiRequest.call(this, { action: 'DescribeTrafficMirrors', region, body });
	const mirrors = (response.TrafficMirrorSet as IDataObject[] | undefined) ?? [];
	return {
		results: mirrors.map(trafficMirrorSearchItem),
		paginationToken: mirrors.length === PAGE_SIZE ? String(offset + mirrors.length) : undefined,
	};
}
