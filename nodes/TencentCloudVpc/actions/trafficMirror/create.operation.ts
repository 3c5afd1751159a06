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
} from '../../helpers/buildCreateTrafficMirrorBody';
import { describeBodyProblem } from '../../helpers/describeBodyProblem';
import { asNodeError } from '../../helpers/errorItem';
import { withKeyLock } from '../../helpers/keyedLock';
import { parseJsonBody } from '../../helpers/parseJsonBody';
import { mayHaveBeenApplied } from '../../helpers/retryPolicy';
import { validateCreateTrafficMirrorBody } from '../../helpers/validateCreateTrafficMirrorBody';
import type { TrafficMirror } from '../../helpers/interfaces';
import { tencentCloudApiRequest } from '../../transport';
import { callOptionsField, regionField, vpcIdLocator } from '../common.descriptions';
import { runPerItem } from '../runPerItem';
import { findTrafficMirrorByName } from './findTrafficMirrorByName';
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

const properties: INodeProperties[] = [
	regionField,
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
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'VPC', value: 'VPC', description: 'Mirror ENIs or subnets inside a VPC' },
			{ name: 'Public IP', value: 'PUBLICIP', description: 'Mirror public IP addresses' },
		],
		default: 'VPC',
		displayOptions: showInFieldsMode,
		description: 'What the mirror collects from (API field Type)',
	},
	{
		displayName:
			'A public IP mirror always runs, collects both directions and balances by five-tuple flow: Tencent allows no other State, Direction or Load Balancing for it',
		name: 'publicIpNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { specifyBody: ['fields'], type: ['PUBLICIP'] } },
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		options: [
			{ name: 'Running', value: 'RUNNING' },
			// Tencent's spelling.
			{ name: 'Stopped', value: 'STOPED' },
		],
		default: 'RUNNING',
		displayOptions: showForVpcMirrors,
		description: 'Whether the mirror starts collecting at once (API field State)',
	},
	{ ...directionField, displayOptions: showForVpcMirrors },
	{
		displayName: 'Collector Sources',
		name: 'collectorSrcs',
		type: 'string',
		default: '',
		placeholder: 'eni-39lpv32n, eni-4qq71jmz',
		displayOptions: showInFieldsMode,
		description:
			'ENI or subnet IDs to mirror (IP addresses for a public IP mirror), comma-separated; an expression may return an array (API field CollectorSrcs)',
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
	{
		...callOptionsField,
		options: [
			{
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
							'Look the name up in this VPC first and return that mirror instead of creating a second; also resolves a create whose answer was lost',
					},
				],
				default: 'createAnother',
				description:
					'What to do when this VPC already has a traffic mirror with this name, e.g. when an incident trigger fires twice',
			},
			...(callOptionsField.options ?? []),
		],
	},
];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

type IfExists = 'createAnother' | 'returnExisting' | 'fail';

/**
 * The CreateTrafficMirror body of item `itemIndex`, from the fields or the JSON body, checked
 * against what Tencent documents before anything is sent.
 */
export function getCreateTrafficMirrorBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const mode = this.getNodeParameter('specifyBody', itemIndex) === 'json' ? 'json' : 'fields';
	const body =
		mode === 'json'
			? parseJsonBody(this.getNode(), this.getNodeParameter('jsonBody', itemIndex), itemIndex)
			: buildCreateTrafficMirrorBody({
					vpcId: this.getNodeParameter('vpcId', itemIndex, '', { extractValue: true }) as string,
					trafficMirrorName: this.getNodeParameter('trafficMirrorName', itemIndex) as string,
					type: this.getNodeParameter('type', itemIndex) as string,
					// Hidden (so absent) for a public IP mirror, whose values the body builder fixes.
					state: this.getNodeParameter('state', itemIndex, '') as string,
					direction: this.getNodeParameter('direction', itemIndex, '') as string,
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

interface CreateCall {
	region: string;
	body: IDataObject;
	itemIndex: number;
	rateLimit: number;
	timeout: number;
}

async function create(this: IExecuteFunctions, call: CreateCall): Promise<INodeExecutionData> {
	const response = await tencentCloudApiRequest.call(this, { action: 'CreateTrafficMirror', ...call });
	const trafficMirror = response.TrafficMirror as TrafficMirror;
	return { json: { ...trafficMirror, RequestId: response.RequestId } };
}

/** Create only when no mirror of that name is in the VPC, or resolve a lost answer by lookup. */
async function createUnlessExists(this: IExecuteFunctions, call: CreateCall, ifExists: IfExists): Promise<INodeExecutionData> {
	const lookup = {
		...call,
		vpcId: String(call.body.VpcId),
		name: String(call.body.TrafficMirrorName),
	};
	const existing = await findTrafficMirrorByName.call(this, lookup);
	if (existing && ifExists === 'fail') {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${call.itemIndex}: VPC ${lookup.vpcId} already has a traffic mirror named "${lookup.name}" (${existing.trafficMirror.TrafficMirrorId})`,
			{ itemIndex: call.itemIndex, description: 'Options → If a Mirror With This Name Exists is set to Fail.' },
		);
	}
	if (existing) return { json: { ...existing.trafficMirror, RequestId: existing.requestId } };

	try {
		return await create.call(this, call);
	} catch (error) {
		const failure = asNodeError(this.getNode(), error, call.itemIndex);
		if (ifExists !== 'returnExisting' || !mayHaveBeenApplied(failure.context)) throw failure;
		const created = await findTrafficMirrorByName.call(this, lookup);
		if (created) return { json: { ...created.trafficMirror, RequestId: created.requestId } };
		failure.description = `No mirror named "${lookup.name}" exists after this failure, so none was created. It was not retried automatically; running the item again is safe.`;
		throw failure;
	}
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (itemIndex, { rateLimit, timeout }) => {
		const body = getCreateTrafficMirrorBody.call(this, itemIndex);
		const call: CreateCall = {
			region: this.getNodeParameter('region', itemIndex) as string,
			body,
			itemIndex,
			rateLimit,
			timeout,
		};
		const ifExists = this.getNodeParameter('options.ifExists', itemIndex, 'createAnother') as IfExists;
		if (ifExists === 'createAnother') return [await create.call(this, call)];
		// Items (and executions) creating the same name queue up, so the second finds the first.
		const key = [call.region, String(body.VpcId), String(body.TrafficMirrorName)].join('\u0000');
		return [await withKeyLock(key, async () => await createUnlessExists.call(this, call, ifExists))];
	});
}
