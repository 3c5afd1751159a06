import type { INodeProperties } from 'n8n-workflow';

/** Options → Instance Interfaces: which ENIs of a CVM instance named in Collector Sources are mirrored. */
export const instanceInterfacesOption: INodeProperties = {
	displayName: 'Instance Interfaces',
	name: 'instanceInterfaces',
	type: 'options',
	options: [
		{ name: 'All', value: 'all', description: 'Every ENI bound to the instance' },
		{ name: 'Primary Only', value: 'primary', description: "Only the instance's primary ENI" },
	],
	default: 'all',
	description:
		'For CVM instance IDs (ins-…) in Collector Sources: which of the instance\'s network interfaces to mirror. They are looked up with DescribeNetworkInterfaces in the mirror\'s VPC.',
};

/** What Collector Sources accepts besides ENI and subnet IDs, for the fields' descriptions. */
export const COLLECTOR_SOURCES_RESOLVED_KINDS =
	'CVM instance IDs (ins-…, resolved to their ENIs) and private IPv4 addresses (resolved to the ENI holding them) of the mirror\'s VPC may be mixed in';
