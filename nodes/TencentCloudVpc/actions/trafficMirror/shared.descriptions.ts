import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { FILTER_TYPES } from '../../requestBodies/buildTrafficMirrorFilters';

/**
 * UI fields the traffic-mirror operations share. Names and sub-field names are those of the
 * create operation (collectorSrcs, collectorTarget, natId, collectorNormalFilters, direction),
 * so a workflow reads the same whichever operation it uses.
 */

export const TRAFFIC_MIRROR_ID_PATTERN = '^imgf-[a-z0-9]{8}$';

/** API field TrafficMirrorId: From List searches the region's mirrors by name. */
export const trafficMirrorIdLocator: INodeProperties = {
	displayName: 'Traffic Mirror',
	name: 'trafficMirrorId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The traffic mirror to act on (API field TrafficMirrorId)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTrafficMirrors', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'imgf-cvfp7xo8',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: TRAFFIC_MIRROR_ID_PATTERN,
						errorMessage: 'A traffic mirror ID looks like imgf- followed by 8 lowercase letters or digits',
					},
				},
			],
		},
	],
};

export const directionField: INodeProperties = {
	displayName: 'Direction',
	name: 'direction',
	type: 'options',
	options: [
		{ name: 'All', value: 'ALL', description: 'Both directions' },
		{ name: 'Egress', value: 'EGRESS', description: 'Outbound traffic' },
		{ name: 'Ingress', value: 'INGRESS', description: 'Inbound traffic' },
	],
	default: 'ALL',
	description: 'Which traffic to collect (API field Direction; public IP mirrors must use All)',
};

/** The pickers read these to know which VPC to list; see methods/loadOptions.ts. */
const PICKER_DEPENDENCIES = ['region', 'trafficMirrorId.value', 'vpcId.value'];

/** CollectorSrcs from the mirror's VPC: its subnets and ENIs. */
export const collectorSourcesPicker: INodeProperties = {
	displayName: 'Collector Source Names or IDs',
	name: 'collectorSrcs',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getCollectorSources', loadOptionsDependsOn: PICKER_DEPENDENCIES },
	default: [],
	description:
		'Subnets and ENIs of the mirror\'s VPC whose traffic is mirrored (API field CollectorSrcs). An expression may also give CVM instance IDs (ins-…) and private IPv4s of the VPC, resolved to their ENIs. For a public IP mirror give the IP addresses with an expression (an array or comma-separated text). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const collectorTargetField: INodeProperties = {
	displayName: 'Collector Target',
	name: 'collectorTarget',
	type: 'collection',
	placeholder: 'Add Target Field',
	default: {},
	description: 'Where mirrored packets are sent (API field CollectorTarget)',
	options: [
		{
			displayName: 'Load Balancing (AlgHash)',
			name: 'algHash',
			type: 'options',
			options: [
				{ name: 'By ENI', value: 'ENI' },
				{ name: 'By Five-Tuple Flow', value: 'FIVE_TUPLE_FLOW' },
			],
			default: 'ENI',
			description: 'How traffic is spread over several receivers (CollectorTarget.AlgHash; public IP mirrors use five-tuple flow)',
		},
		{
			displayName: 'Target Endpoints',
			name: 'targetEndPoints',
			type: 'string',
			default: '',
			placeholder: '10.0.0.8:4789',
			description: 'Receiving endpoints of a public IP mirror, comma-separated or an array (CollectorTarget.TargetEndPoints)',
		},
		{
			displayName: 'Target IPs',
			name: 'targetIps',
			type: 'string',
			default: '',
			placeholder: '172.16.16.10',
			description: 'Receiving IP addresses (ENI or CLB IDs for those target types), comma-separated or an array (CollectorTarget.TargetIps)',
		},
		{
			displayName: 'Target Type',
			name: 'targetType',
			type: 'options',
			options: [
				{ name: 'IP', value: 'IP' },
				{ name: 'ENI', value: 'ENI' },
				{ name: 'CLB', value: 'CLB' },
			],
			default: 'IP',
			description: 'Kind of receiver (CollectorTarget.TargetType)',
		},
	],
};

export const collectorNormalFiltersField: INodeProperties = {
	displayName: 'Collector Normal Filters',
	name: 'collectorNormalFilters',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Filter',
	default: {},
	description: 'Five-tuple rules: only matching traffic is mirrored (API field CollectorNormalFilters; not with a NAT gateway)',
	options: [
		{
			displayName: 'Filter',
			name: 'filter',
			values: [
				{
					displayName: 'Destination Network',
					name: 'dstNet',
					type: 'string',
					default: '',
					placeholder: '192.168.0.0/24',
					description: 'Destination CIDR (DstNet)',
				},
				{
					displayName: 'Destination Port',
					name: 'dstPort',
					type: 'string',
					default: '',
					placeholder: '443 or 1-65535',
					description: 'Destination port or range; empty means all (DstPort)',
				},
				{
					displayName: 'Protocol',
					name: 'protocol',
					type: 'options',
					options: [
						{ name: 'All', value: 'ALL' },
						{ name: 'TCP', value: 'TCP' },
						{ name: 'UDP', value: 'UDP' },
						{ name: 'ICMP', value: 'ICMP' },
					],
					default: 'ALL',
					description: 'Protocol (Protocol)',
				},
				{
					displayName: 'Source Network',
					name: 'srcNet',
					type: 'string',
					default: '',
					placeholder: '10.0.0.0/24',
					description: 'Source CIDR (SrcNet)',
				},
				{
					displayName: 'Source Port',
					name: 'srcPort',
					type: 'string',
					default: '',
					placeholder: '5000 or 1-65535',
					description: 'Source port or range; empty means all (SrcPort)',
				},
			],
		},
	],
};

/** NatId: a NAT gateway of the mirror's VPC. */
export const natGatewayPicker: INodeProperties = {
	displayName: 'NAT Gateway Name or ID',
	name: 'natId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getNatGateways', loadOptionsDependsOn: PICKER_DEPENDENCIES },
	default: '',
	description:
		'Mirror only traffic through this NAT gateway of the mirror\'s VPC (API field NatId). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** SubnetId: a subnet of the mirror's VPC. */
export const subnetPicker: INodeProperties = {
	displayName: 'Subnet Name or ID',
	name: 'subnetId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getSubnets', loadOptionsDependsOn: PICKER_DEPENDENCIES },
	default: '',
	description:
		'Subnet of the sender of mirrored traffic, for public IP mirrors (API field SubnetId). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const fiveTupleFilterOption: INodePropertyOptions = {
	name: 'Five-Tuple Rules',
	value: FILTER_TYPES.fiveTuple,
	description: 'Mirror only traffic matching the rules (CollectorNormalFilters)',
};
const natGatewayFilterOption: INodePropertyOptions = {
	name: 'NAT Gateway',
	value: FILTER_TYPES.natGateway,
	description: 'Mirror only traffic through a NAT gateway (NatId)',
};

/**
 * The filter fields of Reset Filters and Update All Filters: Filter Type (five-tuple rules, a
 * NAT gateway, and the kind the operation adds: none or keep), then the NAT gateway or the
 * rules, shown for the kind chosen.
 */
export function filterFields(filterType: Pick<INodeProperties, 'default' | 'description'> & { addedKind: INodePropertyOptions }): INodeProperties[] {
	const { addedKind, default: defaultKind, description } = filterType;
	const kinds = [fiveTupleFilterOption, natGatewayFilterOption, addedKind];
	return [
		{
			displayName: 'Filter Type',
			name: 'filterType',
			type: 'options',
			options: kinds.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultKind,
			description,
		},
		{ ...natGatewayPicker, required: true, displayOptions: { show: { filterType: [FILTER_TYPES.natGateway] } } },
		{ ...collectorNormalFiltersField, displayOptions: { show: { filterType: [FILTER_TYPES.fiveTuple] } } },
	];
}

/** Check and Reset Target take the receiving subnet as their only additional field. */
export const subnetAdditionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [subnetPicker],
};
