import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { tencentCloudApiRequest } from '../transport';

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
