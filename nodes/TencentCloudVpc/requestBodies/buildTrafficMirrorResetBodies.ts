import type { IDataObject } from 'n8n-workflow';

import { buildCollectorTarget, type CreateTrafficMirrorParameters, toStringList } from './buildCreateTrafficMirrorBody';
import { buildTrafficMirrorFilters, type TrafficMirrorFilterParameters } from './buildTrafficMirrorFilters';

/** Request bodies of the operations that change an existing mirror's sources, target, filter or direction. */

function requiredText(value: unknown, what: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw new Error(`${what} is empty`);
	return text;
}

/** UpdateTrafficMirrorDirection. */
export function buildUpdateDirectionBody(trafficMirrorId: string, direction: unknown): IDataObject {
	return { TrafficMirrorId: trafficMirrorId, Direction: requiredText(direction, 'Direction') };
}

/** ResetTrafficMirrorSrcs: the new, complete list of collected ENIs/subnets (or IPs of a public IP mirror). */
export function buildResetSrcsBody(trafficMirrorId: string, collectorSrcs: unknown): IDataObject {
	const sources = toStringList(collectorSrcs);
	if (!sources.length) throw new Error('Collector Sources is empty: choose the ENIs or subnets to mirror');
	return { TrafficMirrorId: trafficMirrorId, CollectorSrcs: sources };
}

/** ResetTrafficMirrorTarget: the new receiver, and for public IP mirrors the sender's subnet. */
export function buildResetTargetBody(
	trafficMirrorId: string,
	collectorTarget: CreateTrafficMirrorParameters['collectorTarget'],
	subnetId?: unknown,
): IDataObject {
	const target = buildCollectorTarget(collectorTarget);
	if (!target.TargetIps && !target.TargetEndPoints) {
		throw new Error('Collector Target needs Target IPs (or Target Endpoints for a public IP mirror)');
	}
	const body: IDataObject = { TrafficMirrorId: trafficMirrorId, CollectorTarget: target };
	const subnet = typeof subnetId === 'string' ? subnetId.trim() : '';
	if (subnet) body.SubnetId = subnet;
	return body;
}

/** ResetTrafficMirrorFilter: replaces the whole filter (none clears it). */
export function buildResetFilterBody(trafficMirrorId: string, filter: TrafficMirrorFilterParameters): IDataObject {
	return { TrafficMirrorId: trafficMirrorId, ...buildTrafficMirrorFilters(filter) };
}

export interface UpdateAllFilterParameters extends TrafficMirrorFilterParameters {
	direction?: unknown;
	collectorSrcs?: unknown;
}

/**
 * UpdateTrafficMirrorAllFilter: the direction always; the sources when given (empty keeps them);
 * the NAT gateway or five-tuple rules when a filter type other than keep is chosen.
 */
export function buildUpdateAllFilterBody(trafficMirrorId: string, parameters: UpdateAllFilterParameters): IDataObject {
	const body: IDataObject = { TrafficMirrorId: trafficMirrorId, Direction: requiredText(parameters.direction, 'Direction') };
	const sources = toStringList(parameters.collectorSrcs);
	if (sources.length) body.CollectorSrcs = sources;
	return { ...body, ...buildTrafficMirrorFilters(parameters) };
}
