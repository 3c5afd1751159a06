import type { INodeProperties } from 'n8n-workflow';

import { REGION_OPTIONS } from '../helpers/regions';

/** Sent as X-TC-Region; an expression may name a region that is not listed. */
export const regionField: INodeProperties = {
	displayName: 'Region',
	name: 'region',
	type: 'options',
	options: REGION_OPTIONS,
	default: 'ap-guangzhou',
	required: true,
	description:
		'Tencent Cloud region of the VPC (sent as X-TC-Region). Finance regions (ap-shanghai-fsi, ap-shenzhen-fsi) use their own regional host.',
};

export const VPC_ID_PATTERN = '^vpc-[a-z0-9]{8}$';

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
