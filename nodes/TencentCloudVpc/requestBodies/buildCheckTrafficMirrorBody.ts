import type { IDataObject } from 'n8n-workflow';

import { buildCollectorTarget, type CreateTrafficMirrorParameters, toStringList } from './buildCreateTrafficMirrorBody';

export interface CheckTrafficMirrorParameters {
	vpcId: string;
	/** The mirror being changed, so its own sources and receivers are not reported as taken. */
	trafficMirrorId?: string;
	/** Public IP addresses to collect (API field CollectorSources). */
	collectorSrcs?: unknown;
	collectorTarget?: CreateTrafficMirrorParameters['collectorTarget'];
	subnetId?: unknown;
}

/**
 * The CheckTrafficMirror body (public IP mirrors). The API takes the receivers as a list of
 * targets; the node's one Collector Target becomes a list of one.
 */
export function buildCheckTrafficMirrorBody(parameters: CheckTrafficMirrorParameters): IDataObject {
	const vpcId = parameters.vpcId.trim();
	if (!vpcId) throw new Error('VPC is empty');
	const body: IDataObject = { VpcId: vpcId };
	const trafficMirrorId = parameters.trafficMirrorId?.trim();
	if (trafficMirrorId) body.TrafficMirrorId = trafficMirrorId;
	const sources = toStringList(parameters.collectorSrcs);
	if (sources.length) body.CollectorSources = sources;
	const subnetId = typeof parameters.subnetId === 'string' ? parameters.subnetId.trim() : '';
	if (subnetId) body.SubnetId = subnetId;
	const target = buildCollectorTarget(parameters.collectorTarget);
	if (Object.keys(target).length) body.CollectorTarget = [target];
	return body;
}
