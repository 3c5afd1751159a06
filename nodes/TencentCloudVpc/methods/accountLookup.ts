import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectPages, TencentCloudClient } from '../transport';
import { getTrafficMirror } from '../trafficMirrors/describeTrafficMirrors';
import { fixedParameterValue } from './fixedParameterValue';

/** What the pickers share: the region and VPC they list, and paging through Describe* actions. */

/** The pickers ask for 100 entries a page, the most Tencent's Describe* actions return. */
export const PICKER_PAGE_SIZE = 100;

/** A client for the region the pickers list, from the node's Region parameter. */
export function pickerClient(context: ILoadOptionsFunctions): TencentCloudClient {
	const region = fixedParameterValue(context.getCurrentNodeParameter('region'));
	if (!region) {
		throw new NodeOperationError(context.getNode(), 'Choose a Region (a fixed value, not an expression) to list its resources');
	}
	return new TencentCloudClient(context, { region });
}

/**
 * The VPC whose resources the pickers list: the node's VPC parameter where the operation has
 * one (Create, Check), otherwise the VPC of the chosen Traffic Mirror.
 */
export async function pickerVpcId(context: ILoadOptionsFunctions, client: TencentCloudClient): Promise<string> {
	const vpcId = fixedParameterValue(context.getCurrentNodeParameter('vpcId'));
	if (vpcId) return vpcId;
	const trafficMirrorId = fixedParameterValue(context.getCurrentNodeParameter('trafficMirrorId'));
	if (trafficMirrorId) return (await getTrafficMirror(client, trafficMirrorId)).trafficMirror.VpcId;
	throw new NodeOperationError(
		context.getNode(),
		'Choose the Traffic Mirror (or VPC) first: the list shows the resources of its VPC. With an expression there, enter IDs with an expression here too.',
	);
}

export interface DescribeAllRequest {
	action: 'DescribeVpcs' | 'DescribeSubnets' | 'DescribeNetworkInterfaces' | 'DescribeNatGateways';
	/** The answer's list member, e.g. SubnetSet. */
	setKey: string;
	filters?: Array<{ Name: string; Values: string[] }>;
}

/** DescribeVpcs and DescribeSubnets take Offset and Limit as strings; the other Describe* actions as numbers. */
const STRING_PAGING = new Set(['DescribeVpcs', 'DescribeSubnets']);

/** One page of a Describe* action: the body it takes and the items and TotalCount of its answer. */
export function describePage(client: TencentCloudClient, request: DescribeAllRequest) {
	const asParameter = STRING_PAGING.has(request.action) ? String : Number;
	return async (offset: number, limit: number) => {
		const body: IDataObject = { Offset: asParameter(offset), Limit: asParameter(limit) };
		if (request.filters?.length) body.Filters = request.filters;
		const response = await client.call(request.action, body);
		const items = (response[request.setKey] as IDataObject[] | undefined) ?? [];
		const total = response.TotalCount === undefined ? undefined : Number(response.TotalCount);
		return { items, total };
	};
}

/** Every item a Describe* action lists in the client's region, page by page. */
export async function describeAll(client: TencentCloudClient, request: DescribeAllRequest): Promise<IDataObject[]> {
	return await collectPages(describePage(client, request), { pageSize: PICKER_PAGE_SIZE });
}

export function vpcFilter(vpcId: string): Array<{ Name: string; Values: string[] }> {
	return [{ Name: 'vpc-id', Values: [vpcId] }];
}
