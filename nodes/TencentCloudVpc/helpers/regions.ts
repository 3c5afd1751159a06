import type { INodePropertyOptions } from 'n8n-workflow';

/** The regions CreateTrafficMirror's API documentation lists; an expression may name any other. */
export const TRAFFIC_MIRROR_REGIONS: ReadonlyArray<{ value: string; location: string }> = [
	{ value: 'ap-bangkok', location: 'Bangkok' },
	{ value: 'ap-beijing', location: 'Beijing' },
	{ value: 'ap-chengdu', location: 'Chengdu' },
	{ value: 'ap-chongqing', location: 'Chongqing' },
	{ value: 'ap-guangzhou', location: 'Guangzhou' },
	{ value: 'ap-hongkong', location: 'Hong Kong' },
	{ value: 'ap-jakarta', location: 'Jakarta' },
	{ value: 'ap-nanjing', location: 'Nanjing' },
	{ value: 'ap-seoul', location: 'Seoul' },
	{ value: 'ap-shanghai', location: 'Shanghai' },
	{ value: 'ap-shanghai-fsi', location: 'Shanghai Finance' },
	{ value: 'ap-shenzhen-fsi', location: 'Shenzhen Finance' },
	{ value: 'ap-singapore', location: 'Singapore' },
	{ value: 'ap-tokyo', location: 'Tokyo' },
	{ value: 'eu-frankfurt', location: 'Frankfurt' },
	{ value: 'na-ashburn', location: 'Virginia (Ashburn)' },
	{ value: 'na-siliconvalley', location: 'Silicon Valley' },
	{ value: 'sa-saopaulo', location: 'São Paulo' },
];

export const REGION_OPTIONS: INodePropertyOptions[] = TRAFFIC_MIRROR_REGIONS.map(({ value, location }) => ({
	name: `${location} (${value})`,
	value,
}));
