import type { BodyProblem } from './validateCreateTrafficMirrorBody';

/** API field → the create operation's UI parameter, as the user sees and names it. */
const UI_PARAMETERS: Record<string, string> = {
	VpcId: 'VPC (vpcId)',
	TrafficMirrorName: 'Traffic Mirror Name (trafficMirrorName)',
	Type: 'Type (type)',
	State: 'State (state)',
	Direction: 'Direction (direction)',
	CollectorSrcs: 'Collector Sources (collectorSrcs)',
	CollectorTarget: 'Collector Target (collectorTarget)',
	'CollectorTarget.TargetType': 'Collector Target → Target Type (targetType)',
	'CollectorTarget.TargetIps': 'Collector Target → Target IPs (targetIps)',
	'CollectorTarget.AlgHash': 'Collector Target → Load Balancing (algHash)',
	'CollectorTarget.TargetEndPoints': 'Collector Target → Target Endpoints (targetEndPoints)',
	TrafficMirrorDescribe: 'Additional Fields → Description (trafficMirrorDescribe)',
	NatId: 'Additional Fields → NAT Gateway Name or ID (natId)',
	SubnetId: 'Additional Fields → Subnet Name or ID (subnetId)',
	CollectorNormalFilters: 'Additional Fields → Collector Normal Filters (collectorNormalFilters)',
	'CollectorNormalFilters.SrcNet': 'Additional Fields → Collector Normal Filters → Source Network (srcNet)',
	'CollectorNormalFilters.DstNet': 'Additional Fields → Collector Normal Filters → Destination Network (dstNet)',
	'CollectorNormalFilters.Protocol': 'Additional Fields → Collector Normal Filters → Protocol (protocol)',
	'CollectorNormalFilters.SrcPort': 'Additional Fields → Collector Normal Filters → Source Port (srcPort)',
	'CollectorNormalFilters.DstPort': 'Additional Fields → Collector Normal Filters → Destination Port (dstPort)',
	Tags: 'Additional Fields → Tags (tags)',
	'Tags.Key': 'Additional Fields → Tags → Key (key)',
	'Tags.Value': 'Additional Fields → Tags → Value (value)',
};

/** `CollectorTarget.TargetIps[0]`: the path as it reads in a JSON body. */
function jsonPath(path: Array<string | number>): string {
	return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

function uiParameter(path: Array<string | number>): string | undefined {
	const key = path.filter((part) => typeof part === 'string').join('.');
	const label = UI_PARAMETERS[key];
	if (!label) return undefined;
	// The n-th filter or tag, counted as the UI lists them.
	const entry = path.length > 1 && typeof path[1] === 'number' && (path[0] === 'CollectorNormalFilters' || path[0] === 'Tags');
	return entry ? `${label}, entry ${(path[1] as number) + 1}` : label;
}

function show(value: unknown): string {
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
	return text === undefined ? 'nothing' : text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * One line naming the parameter (or JSON field), the item and the bad value, e.g.
 * `Collector Target → Target IPs (targetIps) of item 2: "10.0.0.300" is not an IPv4 or IPv6 address`.
 */
export function describeBodyProblem(problem: BodyProblem, itemIndex: number, mode: 'fields' | 'json'): string {
	const where = (mode === 'fields' && uiParameter(problem.path)) || `JSON Body field ${jsonPath(problem.path)}`;
	const what = problem.problem === 'is required' ? 'is required but empty' : `${show(problem.value)} ${problem.problem}`;
	return `${where} of item ${itemIndex}: ${what}`;
}
