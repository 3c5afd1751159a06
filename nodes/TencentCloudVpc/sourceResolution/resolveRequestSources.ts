import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_COLLECTOR_SOURCES } from '../requestBodies/validateCreateTrafficMirrorBody';
import type { ItemClient } from '../transport';
import { getTrafficMirror } from '../trafficMirrors/describeTrafficMirrors';
import { needsResolution } from './classifyCollectorSources';
import type { InstanceInterfaces } from './describeNetworkInterfacesQueries';
import type { ResolvedCollectorSources } from './mapNetworkInterfaces';
import { resolveCollectorSources } from './resolveCollectorSources';

/**
 * How the operations use resolution: Create resolves its body's CollectorSrcs in the body's VPC;
 * Reset Sources and Update All Filters look the mirror's VPC up first. A body without instance
 * IDs or private IPs is returned untouched, without any call.
 */

/** The output field that shows which input value resolved to which ENIs. */
const RESOLVED_SOURCES_FIELD = 'resolvedCollectorSrcs';

export interface BodyWithSources {
	body: IDataObject;
	/** Present when something was resolved. */
	resolved?: ResolvedCollectorSources;
}

function collectorSourcesOf(body: IDataObject): string[] {
	return Array.isArray(body.CollectorSrcs) ? body.CollectorSrcs.map(String) : [];
}

/** Options → Instance Interfaces of one item. */
function readInstanceInterfaces(this: IExecuteFunctions, itemIndex: number): InstanceInterfaces {
	const value = this.getNodeParameter('options.instanceInterfaces', itemIndex, 'all');
	if (value === 'all' || value === 'primary') return value;
	throw new NodeOperationError(this.getNode(), `Options → Instance Interfaces of item ${itemIndex}: ${JSON.stringify(value)} is not "all" or "primary"`, {
		itemIndex,
	});
}

async function resolveInVpc(this: IExecuteFunctions, client: ItemClient, body: IDataObject, vpcId: string): Promise<BodyWithSources> {
	const instanceInterfaces = readInstanceInterfaces.call(this, client.itemIndex);
	const resolution = await resolveCollectorSources(client, vpcId, collectorSourcesOf(body), instanceInterfaces);
	return { body: { ...body, CollectorSrcs: resolution.collectorSrcs }, resolved: resolution.resolved };
}

/** CreateTrafficMirror: instance IDs and private IPs of a VPC mirror's CollectorSrcs, resolved in its VpcId. */
export async function resolveCreateTrafficMirrorSources(
	this: IExecuteFunctions,
	client: ItemClient,
	body: IDataObject,
): Promise<BodyWithSources> {
	// A public IP mirror collects from IP addresses as they are.
	if (body.Type === 'PUBLICIP' || !needsResolution(collectorSourcesOf(body))) return { body };
	const result = await resolveInVpc.call(this, client, body, String(body.VpcId));
	const count = collectorSourcesOf(result.body).length;
	if (count > MAX_COLLECTOR_SOURCES) {
		const expanded = Object.entries(result.resolved ?? {}).map(([value, enis]) => `${value}: ${enis.length}`);
		throw new NodeOperationError(
			client.node,
			`Collector Sources (collectorSrcs) of item ${client.itemIndex}: resolve to ${count} ENIs and subnets (${expanded.join(', ')}); a mirror takes at most ${MAX_COLLECTOR_SOURCES} sources`,
			{ itemIndex: client.itemIndex, description: 'Options → Instance Interfaces: Primary Only mirrors one ENI per instance. Nothing was created.' },
		);
	}
	return result;
}

/**
 * ResetTrafficMirrorSrcs and UpdateTrafficMirrorAllFilter: instance IDs and private IPs resolved
 * in the VPC of mirror `trafficMirrorId` (DescribeTrafficMirrors); a public IP mirror's IPs stay.
 */
export async function resolveTrafficMirrorSources(
	this: IExecuteFunctions,
	client: ItemClient,
	trafficMirrorId: string,
	body: IDataObject,
): Promise<BodyWithSources> {
	if (!needsResolution(collectorSourcesOf(body))) return { body };
	const { trafficMirror } = await getTrafficMirror(client, trafficMirrorId);
	if (trafficMirror.Type === 'PUBLICIP') return { body };
	return await resolveInVpc.call(this, client, body, trafficMirror.VpcId);
}

/** An operation's output item with the resolution added, when there was one. */
export function withResolvedSources(item: INodeExecutionData, resolved: ResolvedCollectorSources | undefined): INodeExecutionData {
	return resolved ? { ...item, json: { ...item.json, [RESOLVED_SOURCES_FIELD]: resolved } } : item;
}
