import { REGION_OPTIONS, resolveRegion, SHORT_REGION_CODES, TRAFFIC_MIRROR_REGIONS } from '../../nodes/TencentCloudVpc/network/regions';

describe('resolveRegion', () => {
	test.each([
		['gz', 'ap-guangzhou'],
		['sh', 'ap-shanghai'],
		['bj', 'ap-beijing'],
		['th', 'ap-bangkok'],
		['kr', 'ap-seoul'],
		['jp', 'ap-tokyo'],
		['de', 'eu-frankfurt'],
		['use', 'na-ashburn'],
		['usw', 'na-siliconvalley'],
		['shjr', 'ap-shanghai-fsi'],
		['szjr', 'ap-shenzhen-fsi'],
		['sao', 'sa-saopaulo'],
	])('maps the short code %s, as TCOP alarms send it, to %s', (code, region) => {
		expect(resolveRegion(code)).toBe(region);
	});

	test('tolerates case and surrounding blanks in a code', () => {
		expect(resolveRegion(' GZ ')).toBe('ap-guangzhou');
	});

	test('every region of the Region list passes unchanged and has a short code', () => {
		const codes = new Set(Object.values(SHORT_REGION_CODES));
		for (const { value } of TRAFFIC_MIRROR_REGIONS) {
			expect(resolveRegion(value)).toBe(value);
			expect(codes.has(value)).toBe(true);
		}
		expect(REGION_OPTIONS).toHaveLength(TRAFFIC_MIRROR_REGIONS.length);
	});

	test('a region ID the list does not know is sent as it is, for Tencent to accept or refuse', () => {
		expect(resolveRegion('ap-hangzhou-ec')).toBe('ap-hangzhou-ec');
		expect(resolveRegion('eu-moscow')).toBe('eu-moscow');
	});

	test.each(['bk', 'tokyo', 'seoul', 'szx', 'guangzhou', 'ap_guangzhou', 'ap-', 'constructor', '__proto__', 'toString'])(
		'an unknown code or region (%s) is an error naming it',
		(value) => {
			expect(() => resolveRegion(value)).toThrow(`Unknown region "${value}"`);
		},
	);

	test('an empty or missing region is an error saying so', () => {
		expect(() => resolveRegion('')).toThrow(/^Region is empty/);
		expect(() => resolveRegion(undefined)).toThrow(/^Region is empty/);
		expect(() => resolveRegion(42)).toThrow(/^Region is empty \(42\)/);
	});
});
