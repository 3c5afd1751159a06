import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	buildCreateTrafficMirrorBody,
	type CreateTrafficMirrorParameters,
} from '../../requestBodies/buildCreateTrafficMirrorBody';
import { describeBodyProblem } from '../../requestBodies/describeBodyProblem';
import { createTrafficMirror, createTrafficMirrorOnce, type IfExists } from '../../exactlyOnce/createTrafficMirrorOnce';
import { parseJsonBody } from '../../requestBodies/parseJsonBody';
import { validateCreateTrafficMirrorBody } from '../../requestBodies/validateCreateTrafficMirrorBody';
import { COLLECTOR_SOURCES_RESOLVED_KINDS, instanceInterfacesOption } from '../../sourceResolution/descriptions';
import { resolveCreateTrafficMirrorSources, withResolvedSources } from '../../sourceResolution/resolveRequestSources';
import { vpcIdLocator } from '../common.descriptions';
import { runPerItem } from '../itemLoop/runPerItem';
import { readLooseOptionParameter } from '../optionParameters';
import {
	collectorNormalFiltersField,
	collectorTargetField,
	directionField,
	natGatewayPicker,
	subnetPicker,
} from './shared.descriptions';

const showInFieldsMode: IDisplayOptions = { show: { specifyBody: ['fields'] } };
/** Tencent fixes State, Direction and AlgHash for a public IP mirror (PUBLIC_IP_FIXED), so they show for VPC mirrors only. */
const showForVpcMirrors: IDisplayOptions = { show: { specifyBody: ['fields'], type: ['VPC'] } };

/** Create's Collector Target: Load Balancing is a choice for VPC mirrors only ('/type' is the node's Type). */
const createCollectorTargetField: INodeProperties = {
	...collectorTargetField,
	displayOptions: showInFieldsMode,
	options: (collectorTargetField.options as INodeProperties[]).map((option) =>
		option.name === 'algHash' ? { ...option, displayOptions: { show: { '/type': ['VPC'] } } } : option,
	),
};

const typeField: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: [
		{ name: 'VPC', value: 'VPC', description: 'Mirror ENIs or subnets inside a VPC' },
		{ name: 'Public IP', value: 'PUBLICIP', description: 'Mirror public IP addresses' },
	],
	default: 'VPC',
	description: 'What the mirror collects from (API field Type)',
};

const stateField: INodeProperties = {
	displayName: 'State',
	name: 'state',
	type: 'options',
	options: [
		{ name: 'Running', value: 'RUNNING' },
		// Tencent's spelling.
		{ name: 'Stopped', value: 'STOPED' },
	],
	default: 'RUNNING',
	description: 'Whether the mirror starts collecting at once (API field State)',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Specify Body',
		name: 'specifyBody',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description: 'Whether to fill in the fields below or paste the CreateTrafficMirror body as Tencent documents it',
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default:
			'{\n  "VpcId": "vpc-39lpx32d",\n  "TrafficMirrorName": "incident-mirror",\n  "Direction": "ALL",\n  "CollectorSrcs": ["eni-39lpv32n"],\n  "CollectorTarget": { "TargetType": "IP", "TargetIps": ["172.16.16.10"], "AlgHash": "ENI" }\n}',
		required: true,
		displayOptions: { show: { specifyBody: ['json'] } },
		description: 'The whole CreateTrafficMirror request body, with the API\'s own field names (VpcId, TrafficMirrorName, CollectorSrcs, …)',
	},
	{ ...vpcIdLocator, displayOptions: showInFieldsMode },
	{
		displayName: 'Traffic Mirror Name',
		name: 'trafficMirrorName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'incident-4711',
		displayOptions: showInFieldsMode,
		description: 'Name of the mirror (API field TrafficMirrorName)',
	},
	{ ...typeField, displayOptions: showInFieldsMode },
	{
		displayName:
			'A public IP mirror always runs, collects both directions and balances by five-tuple flow: Tencent allows no other State, Direction or Load Balancing for it',
		name: 'publicIpNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { specifyBody: ['fields'], type: ['PUBLICIP'] } },
	},
	{ ...stateField, displayOptions: showForVpcMirrors },
	{ ...directionField, displayOptions: showForVpcMirrors },
	{
		displayName: 'Collector Sources',
		name: 'collectorSrcs',
		type: 'string',
		default: '',
		placeholder: 'eni-39lpv32n, eni-4qq71jmz',
		displayOptions: showInFieldsMode,
		description: `ENI or subnet IDs to mirror (IP addresses for a public IP mirror), comma-separated; ${COLLECTOR_SOURCES_RESOLVED_KINDS}; an expression may return an array (API field CollectorSrcs)`,
	},
	createCollectorTargetField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showInFieldsMode,
		options: [
			{
				...collectorNormalFiltersField,
				description:
					'Five-tuple rules: only matching traffic is mirrored (API field CollectorNormalFilters; not with a NAT gateway)',
			},
			{
				displayName: 'Description',
				name: 'trafficMirrorDescribe',
				type: 'string',
				default: '',
				description: 'Free text (API field TrafficMirrorDescribe)',
			},
			{
				...natGatewayPicker,
				description:
					'Mirror only traffic through this NAT gateway of the VPC (API field NatId; not with five-tuple filters). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				...subnetPicker,
				description:
					'Subnet of the sender of mirrored traffic (API field SubnetId). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Tag',
				default: {},
				description: 'Tags bound to the mirror, e.g. the incident ID (API field Tags)',
				options: [
					{
						displayName: 'Tag',
						name: 'tag',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		],
	},
];

/** Options → If a Mirror With This Name Exists: what exactly-once does (exactlyOnce/). */
const ifExistsOption: INodeProperties = {
	displayName: 'If a Mirror With This Name Exists',
	name: 'ifExists',
	type: 'options',
	options: [
		{
			name: 'Create Another',
			value: 'createAnother',
			description: 'Always create; Tencent allows several mirrors with one name',
		},
		{
			name: 'Fail',
			value: 'fail',
			description: 'Stop with an error naming the existing mirror',
		},
		{
			name: 'Return the Existing Mirror',
			value: 'returnExisting',
			description:
				'Look the name up in this VPC first and return that mirror instead of creating a second; settles lost answers and keeps one mirror per name across n8n workers (see the README, Exactly once)',
		},
	],
	default: 'createAnother',
	description:
		'What to do when this VPC already has a traffic mirror with this name, e.g. when an incident trigger fires twice',
};

/** Create's own entries in the Options collection every operation has. */
export const extraOptions: INodeProperties[] = [ifExistsOption, instanceInterfacesOption];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The CreateTrafficMirror body of item `itemIndex`, from the fields or the JSON body, checked
 * against what Tencent documents before anything is sent.
 */
function getCreateTrafficMirrorBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const mode = this.getNodeParameter('specifyBody', itemIndex) === 'json' ? 'json' : 'fields';
	const body =
		mode === 'json'
			? parseJsonBody(this.getNode(), this.getNodeParameter('jsonBody', itemIndex), itemIndex)
			: buildCreateTrafficMirrorBody({
					vpcId: this.getNodeParameter('vpcId', itemIndex, '', { extractValue: true }) as string,
					trafficMirrorName: this.getNodeParameter('trafficMirrorName', itemIndex) as string,
					// $fromAI may write an option in another case or by its name ("Public IP").
					type: readLooseOptionParameter.call(this, typeField, itemIndex, 'VPC') as string,
					// Hidden (so absent) for a public IP mirror, whose values the body builder fixes.
					state: readLooseOptionParameter.call(this, stateField, itemIndex, '') as string,
					direction: readLooseOptionParameter.call(this, directionField, itemIndex, '') as string,
					collectorSrcs: this.getNodeParameter('collectorSrcs', itemIndex, ''),
					collectorTarget: this.getNodeParameter('collectorTarget', itemIndex, {}) as CreateTrafficMirrorParameters['collectorTarget'],
					additionalFields: this.getNodeParameter('additionalFields', itemIndex, {}) as CreateTrafficMirrorParameters['additionalFields'],
				});
	const problems = validateCreateTrafficMirrorBody(body);
	if (problems.length) {
		const messages = problems.map((problem) => describeBodyProblem(problem, itemIndex, mode));
		throw new NodeOperationError(this.getNode(), messages[0], {
			itemIndex,
			description: messages.length > 1 ? `All problems:\n${messages.join('\n')}` : undefined,
		});
	}
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (client) => {
		const { itemIndex } = client;
		// Instance IDs and private IPs in CollectorSrcs become ENI IDs before anything is created.
		const { body, resolved } = await resolveCreateTrafficMirrorSources.call(this, client, getCreateTrafficMirrorBody.call(this, itemIndex));
		const ifExists = this.getNodeParameter('options.ifExists', itemIndex, 'createAnother') as IfExists;
		if (ifExists === 'createAnother') return [withResolvedSources(await createTrafficMirror(client, body), resolved)];
		return [withResolvedSources(await createTrafficMirrorOnce(client, body, ifExists), resolved)];
	});
}
