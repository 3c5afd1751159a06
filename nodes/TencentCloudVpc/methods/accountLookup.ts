import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectAllPages } from '../helpers/collectAllPages';
import { fixedParameterValue } from './fixedParameterValue';
import type { TrafficMirror } from '../trafficMirrors/trafficMirror';
import { tencentCloudApiRequest } from '../transport';

/** What the pickers share: the region and VPC they list, and paging through Describe* actions. */

const PAGE_SIZE = 100;

/** The region the pickers list, from the node's Region parameter. */
export function pickerRegion(context: ILoadOptionsFunctions): string {
	const region = fixedParameterValue(context.getCurrentNodeParameter('region'));
	if (!region) {
		throw new NodeOperationError(context.getNode(), 'Choose a Region (a fixed value, not an expression) to list its resources');
	}
	return region;
}

/** The VPC of a mirror, looked up with DescribeTrafficMirrors. */
export async function vpcOfTrafficMirror(context: ILoadOptionsFunctions, region: string, trafficMirrorId: string): Promise<string> {
	const response = await tencentCloudApiRequest.call(context, {
		action: 'DescribeTrafficMirrors',
		region,
		body: { TrafficMirrorIds: [trafficMirrorId] },
	});
	const mirror = ((response.TrafficMirrorSet as TrafficMirror[] | undefined) ?? []).find(
		(candidate) => candidate.TrafficMirrorId === trafficMirrorId,
	);
	if (!mirror) {
		throw new NodeOperationError(context.getNode(), `Traffic mirror ${trafficMirrorId} was not found in region ${region}`);
	}
	return mirror.VpcId;
}

/**
 * The VPC whose resources the pickers list: the node's VPC parameter where the operation has
 * one (Create, Check), otherwise the VPC of the chosen Traffic Mirror.
 */
export async function pickerVpcId(context: ILoadOptionsFunctions, region: string): Promise<string> {
	const vpcId = fixedParameterValue(context.getCurrentNodeParameter('vpcId'));
	if (vpcId) return vpcId;
	const trafficMirrorId = fixedParameterValue(context.getCurrentNodeParameter('trafficMirrorId'));
	if (trafficMirrorId) return await vpcOfTrafficMirror(context, region, trafficMirrorId);
	throw new NodeOperationError(
		context.getNode(),
		'Choose the Traffic Mirror (or VPC) first: the list shows the resources of its VPC. With an expression there, enter IDs with an expression here too.',
	);
}

export interface DescribeAllRequest {
	action: 'DescribeVpcs' | 'DescribeSubnets' | 'DescribeNetworkInterfaces' | 'DescribeNatGateways';
	/** The answer's list member, e.g. SubnetSet. */
	setKey: string;
	region: string;
	filters?: Array<{ Name: string; Values: string[] }>;
}

/** DescribeVpcs and DescribeSubnets take Offset and Limit as strings; the other Describe* actions as numbers. */
const STRING_PAGING = new Set(['DescribeVpcs', 'DescribeSubnets']);

/** Every item a Describe* action lists in a region, page by page. */
export async function describeAll(context: ILoadOptionsFunctions, request: DescribeAllRequest): Promise<IDataObject[]> {
	const asParameter = STRING_PAGING.has(request.action) ? String : Number;
	return await collectAllPages(async (offset, limit) => {
		const body: IDataObject = { Offset: asParameter(offset), Limit: asParameter(limit) };
		if (request.filters?.length) body.Filters = request.filters;
		const response = await tencentCloudApiRequest.call(context, { action: request.action, region: request.region, body });
		const items = (response[request.setKey] as IDataObject[] | undefined) ?? [];
		const total = response.TotalCount === undefined ? undefined : Number(response.TotalCount);
		return { items, total };
	}, PAGE_SIZE);
}

export function vpcFilter(vpcId: string): Array<{ Name: string; Values: string[] }> {
	return [{ Name: 'vpc-id', Values: [vpcId] }];
}
