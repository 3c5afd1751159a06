import type { INodeProperties } from 'n8n-workflow';

import type { TencentCloudVpcType } from '../node.type';

type TrafficMirrorOperation = Extract<TencentCloudVpcType, { resource: 'trafficMirror' }>['operation'];

/**
 * What an AI Agent reads about the tool, per operation: what it does, what it needs, what it
 * returns. Whether it changes or deletes something comes first, so a model weighs it before use.
 */
export const TOOL_DESCRIPTIONS: Record<TrafficMirrorOperation, string> = {
	check:
		'Read-only. Checks whether the collectors and receivers of a public IP traffic mirror in Tencent Cloud VPC are free to use. Needs the region and the traffic mirror ID (imgf-…). Returns the check result per source.',
	create:
		'Creates a traffic mirror in Tencent Cloud VPC that copies the network traffic of servers to a packet collector. Needs the region, a name, the sources to mirror (CVM instance IDs ins-…, private IPs, ENI IDs eni-… or subnet IDs subnet-…) and the collector. Returns the new mirror with its TrafficMirrorId (imgf-…) and the ENIs the sources resolved to. On a refusal returns error and whatToDo instead; nothing was created then.',
	delete:
		'Deletes a traffic mirror in Tencent Cloud VPC; this cannot be undone. Needs the region and the traffic mirror ID (imgf-…). Returns success with the TrafficMirrorId.',
	get: 'Read-only. Gets one traffic mirror of Tencent Cloud VPC. Needs the region and the traffic mirror ID (imgf-…). Returns the mirror: name, state, sources, collector target, filters and tags.',
	getMany:
		'Read-only. Lists traffic mirrors of Tencent Cloud VPC in one region, optionally only those with a given name, tag key or VPC. Needs the region. Returns at most 20 mirrors (TrafficMirrorId, name, state, sources, target); a last entry with moreMirrorsMatch says when more exist.',
	resetFilters:
		'Changes a traffic mirror of Tencent Cloud VPC: replaces its filter (a NAT gateway, five-tuple rules, or none). Needs the region and the traffic mirror ID (imgf-…). Returns success with the TrafficMirrorId.',
	resetSources:
		'Changes a traffic mirror of Tencent Cloud VPC: replaces the ENIs or subnets whose traffic it copies. Needs the region, the traffic mirror ID (imgf-…) and the new sources. Returns success with the TrafficMirrorId.',
	resetTarget:
		'Changes a traffic mirror of Tencent Cloud VPC: replaces the collector that receives the traffic. Needs the region, the traffic mirror ID (imgf-…) and the new collector. Returns success with the TrafficMirrorId.',
	start:
		'Changes a traffic mirror of Tencent Cloud VPC: starts copying traffic. Needs the region and the traffic mirror ID (imgf-…). Returns success with the TrafficMirrorId.',
	stop: 'Changes a traffic mirror of Tencent Cloud VPC: stops copying traffic; the mirror is kept. Needs the region and the traffic mirror ID (imgf-…). Returns success with the TrafficMirrorId.',
	update:
		'Changes a traffic mirror of Tencent Cloud VPC: its name or description. Needs the region and the traffic mirror ID (imgf-…). Returns success with the TrafficMirrorId.',
	updateAllFilters:
		'Changes a traffic mirror of Tencent Cloud VPC: its direction, sources and filter in one call. Needs the region and the traffic mirror ID (imgf-…). Returns success with the TrafficMirrorId.',
	updateDirection:
		'Changes a traffic mirror of Tencent Cloud VPC: which direction of traffic it copies (ALL, EGRESS or INGRESS). Needs the region, the traffic mirror ID (imgf-…) and the direction. Returns success with the TrafficMirrorId.',
};

/**
 * The tool variant's Description, one field per operation with that operation's text as its
 * default, shown only where n8n runs the node as a tool ('@tool'). A node that declares
 * `toolDescription` gets no automatic one from n8n (which would be the bare action name), and
 * n8n hands this field's value to the model as the tool's description.
 */
export function toolDescriptionFields(): INodeProperties[] {
	return (Object.entries(TOOL_DESCRIPTIONS) as Array<[TrafficMirrorOperation, string]>).map(([operation, text]) => ({
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: text,
		displayOptions: { show: { '@tool': [true], resource: ['trafficMirror'], operation: [operation] } },
		description: 'What the AI Agent reads about this tool: what it does, what it needs and what it returns',
	}));
}

/**
 * The other operation whose default text `toolDescription` is, if any. n8n's editor keeps a
 * parameter's value when the operation changes and a field of the same name shows, so a tool
 * switched from Create to Delete would still tell the model it creates.
 */
export function staleToolDescriptionOf(operation: string, toolDescription: unknown): TrafficMirrorOperation | undefined {
	if (typeof toolDescription !== 'string') return undefined;
	const text = toolDescription.trim();
	return (Object.keys(TOOL_DESCRIPTIONS) as TrafficMirrorOperation[]).find(
		(other) => other !== operation && TOOL_DESCRIPTIONS[other] === text,
	);
}
