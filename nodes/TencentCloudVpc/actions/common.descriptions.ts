import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CONCURRENCY_CEILING, TENCENT_ACTION_RATE_LIMIT } from '../transport';
import { REGION_OPTIONS } from '../network/regions';

/** Sent as X-TC-Region; an expression may name a region that is not listed, or a short code (network/regions.ts). */
export const regionField: INodeProperties = {
	displayName: 'Region',
	name: 'region',
	type: 'options',
	options: REGION_OPTIONS,
	default: 'ap-guangzhou',
	required: true,
	description:
		'Tencent Cloud region of the VPC (sent as X-TC-Region). An expression may give a region ID or a short code as TCOP alarms send it (gz → ap-guangzhou). Finance regions (ap-shanghai-fsi, ap-shenzhen-fsi) use their own regional host.',
};

const VPC_ID_PATTERN = '^vpc-[a-z0-9]{8}$';

/** API field VpcId. */
export const vpcIdLocator: INodeProperties = {
	displayName: 'VPC',
	name: 'vpcId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The VPC of the mirror (API field VpcId)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchVpcs', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'vpc-39lpx32d',
			validation: [
				{
					type: 'regex',
					properties: { regex: VPC_ID_PATTERN, errorMessage: 'A VPC ID looks like vpc- followed by 8 letters or digits' },
				},
			],
		},
	],
};

/** How calls are made: concurrency, the adaptive rate limit and a per-call time budget. */
export const callOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Concurrency',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: CONCURRENCY_CEILING,
			description:
				'Most items sent at once. Without this option the node sizes it from the rate limit and the time its items take (up to 50), so far regions and Return Existing reach the limit too. Output order and pairing stay those of the input.',
		},
		{
			displayName: 'Rate Limit (Requests per Second)',
			name: 'rateLimit',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: TENCENT_ACTION_RATE_LIMIT,
			description:
				'Most requests per second per Secret ID and action from this n8n process, shared by all its workflows. Tencent allows 20 per account; when several n8n processes or workers share a key, each slows down on Tencent\'s throttling answers and they settle on a fair share, so leave it at 20 unless you want to reserve room for other tools. 0 turns the limiter off.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description:
				'How long one call may take before it is abandoned, including waiting out Tencent\'s throttling (retried with backoff until this runs out)',
		},
	],
};

export interface CallOptions {
	/** Set by the user, or undefined: sized from the rate and latency. */
	maxConcurrency?: number;
	rateLimit: number;
	/** Milliseconds. */
	timeout: number;
}

export function readCallOptions(this: IExecuteFunctions, itemIndex: number): CallOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		maxConcurrency: options.maxConcurrency === undefined ? undefined : Number(options.maxConcurrency),
		rateLimit: Number(options.rateLimit ?? TENCENT_ACTION_RATE_LIMIT),
		timeout: Number(options.timeout ?? 30) * 1000,
	};
}
