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

/**
 * Tencent's short region codes, as TCOP alarm callbacks send them in `alarmObjInfo.region`
 * (`"gz"`), and the region IDs they stand for. Only pairs that Tencent's own sources confirm are
 * listed, plus `sao`, whose region is certain but whose code only third parties use.
 */
export const SHORT_REGION_CODES: Readonly<Record<string, string>> = {
	gz: 'ap-guangzhou',
	sh: 'ap-shanghai',
	bj: 'ap-beijing',
	cd: 'ap-chengdu',
	cq: 'ap-chongqing',
	nj: 'ap-nanjing',
	hk: 'ap-hongkong',
	sg: 'ap-singapore',
	th: 'ap-bangkok',
	jkt: 'ap-jakarta',
	kr: 'ap-seoul',
	jp: 'ap-tokyo',
	de: 'eu-frankfurt',
	use: 'na-ashburn',
	usw: 'na-siliconvalley',
	sao: 'sa-saopaulo',
	shjr: 'ap-shanghai-fsi',
	szjr: 'ap-shenzhen-fsi',
	bjjr: 'ap-beijing-fsi',
	ca: 'na-toronto',
	in: 'ap-mumbai',
	tpe: 'ap-taipei',
	ru: 'eu-moscow',
};

/**
 * A region ID's shape (ap-guangzhou, ap-shanghai-fsi, na-siliconvalley). Such a value is sent
 * as it is even when this list does not know it: Tencent opens regions between releases of
 * this package, and for a region it does not serve it answers UnsupportedRegion itself.
 */
const REGION_ID_SHAPE = /^[a-z]{2}-[a-z]+(?:-[a-z0-9]+)*$/;

/** The region ID a short code (`gz`) stands for, or a region ID as it is; undefined for anything else. */
export function regionIdFor(value: string): string | undefined {
	const text = value.trim().toLowerCase();
	if (Object.prototype.hasOwnProperty.call(SHORT_REGION_CODES, text)) return SHORT_REGION_CODES[text];
	return REGION_ID_SHAPE.test(text) ? text : undefined;
}

/**
 * The region ID for a Region parameter's value: a region ID as it is, a short code (`gz`)
 * mapped to its ID. Anything else is an error naming the value, thrown before any call.
 */
export function resolveRegion(value: unknown): string {
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (text === '') {
		throw new Error(
			`Region is empty${value === undefined || typeof value === 'string' ? '' : ` (${JSON.stringify(value)})`}: choose a region such as ap-guangzhou, or give a short code such as gz`,
		);
	}
	const regionId = regionIdFor(text);
	if (regionId) return regionId;
	throw new Error(
		`Unknown region "${String(value)}": give a region ID such as ap-guangzhou, or one of Tencent's short region codes (${Object.keys(SHORT_REGION_CODES).join(', ')})`,
	);
}
