import type { TrafficMirror } from '../../nodes/TencentCloudVpc/trafficMirrors/trafficMirror';
import { fixedParameterValue } from '../../nodes/TencentCloudVpc/methods/fixedParameterValue';
import { collectPages } from '../../nodes/TencentCloudVpc/transport';
import {
	DESCRIBE_TRAFFIC_MIRRORS_MAX_LIMIT,
	TRAFFIC_MIRROR_PAGING,
	trafficMirrorsByName,
} from '../../nodes/TencentCloudVpc/trafficMirrors/describeTrafficMirrors';
import { planTrafficMirrorListQuery } from '../../nodes/TencentCloudVpc/trafficMirrors/listQuery';

function mirror(n: number, overrides: Partial<TrafficMirror> = {}): TrafficMirror {
	return {
		TrafficMirrorId: `imgf-${String(n).padStart(8, '0')}`,
		TrafficMirrorName: `m-${n}`,
		VpcId: 'vpc-emu00001',
		State: 'RUNNING',
		...overrides,
	};
}

/** A DescribeTrafficMirrors stand-in over `all` that records every (offset, limit) asked for. */
function fakeApi(all: TrafficMirror[]) {
	const calls: Array<[number, number]> = [];
	const fetchPage = async (offset: number, limit: number) => {
		calls.push([offset, limit]);
		return all.slice(offset, offset + limit);
	};
	return { calls, fetchPage };
}

interface MirrorPagingOptions {
	returnAll: boolean;
	limit: number;
	matches?: (mirror: TrafficMirror) => boolean;
	filtersLocally?: boolean;
}

/** The one paging helper as it pages DescribeTrafficMirrors (no TotalCount), with Get Many's Return All and Limit. */
async function pageTrafficMirrors(fetchPage: (offset: number, limit: number) => Promise<TrafficMirror[]>, options: MirrorPagingOptions) {
	const { returnAll, limit, ...rest } = options;
	return await collectPages(async (offset, pageLimit) => ({ items: await fetchPage(offset, pageLimit) }), {
		...TRAFFIC_MIRROR_PAGING,
		...rest,
		limit: returnAll ? undefined : limit,
	});
}

/** The one paging helper as it pages an action with TotalCount. */
async function collectAllPages<T>(fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; total?: number }>, pageSize: number) {
	return await collectPages(fetchPage, { pageSize });
}

describe('planTrafficMirrorListQuery', () => {
	test('no filter: nothing sent, everything kept', () => {
		const query = planTrafficMirrorListQuery({});
		expect(query.apiFilter).toBeUndefined();
		expect(query.filtersLocally).toBe(false);
		expect(query.matches(mirror(1))).toBe(true);
	});

	test('the tag key is always the filter sent: a TrafficMirror carries no tags to check afterwards', () => {
		const query = planTrafficMirrorListQuery({ tagKey: ' incident ', trafficMirrorName: 'm-1', vpcId: 'vpc-emu00001' });
		expect(query.apiFilter).toEqual({ Name: 'tag-key', Values: ['incident'] });
		expect(query.filtersLocally).toBe(true);
		expect(query.matches(mirror(1))).toBe(true);
		expect(query.matches(mirror(2))).toBe(false);
		expect(query.matches(mirror(1, { VpcId: 'vpc-emu00002' }))).toBe(false);
	});

	test('without a tag key the name is sent, and the VPC checked on the answer', () => {
		const query = planTrafficMirrorListQuery({ trafficMirrorName: 'm-1', vpcId: 'vpc-emu00002' });
		expect(query.apiFilter).toEqual({ Name: 'traffic-mirror-name', Values: ['m-1'] });
		expect(query.matches(mirror(1, { VpcId: 'vpc-emu00002' }))).toBe(true);
		expect(query.matches(mirror(1))).toBe(false);
	});

	test('the name matches exactly and case-sensitively, though the API\'s name filter is fuzzy', () => {
		const query = planTrafficMirrorListQuery({ trafficMirrorName: 'incident-INC-1' });
		expect(query.filtersLocally).toBe(true);
		expect(query.matches(mirror(1, { TrafficMirrorName: 'incident-INC-1' }))).toBe(true);
		expect(query.matches(mirror(2, { TrafficMirrorName: 'incident-INC-10' }))).toBe(false);
		expect(query.matches(mirror(3, { TrafficMirrorName: 'Incident-INC-1' }))).toBe(false);
		expect(query.matches(mirror(4, { TrafficMirrorName: 'old-incident-INC-1' }))).toBe(false);
	});

	test('the VPC alone is sent and needs no check afterwards', () => {
		const query = planTrafficMirrorListQuery({ vpcId: 'vpc-emu00009', trafficMirrorName: '', tagKey: '' });
		expect(query.apiFilter).toEqual({ Name: 'vpc-id', Values: ['vpc-emu00009'] });
		expect(query.filtersLocally).toBe(false);
	});
});

describe('paging DescribeTrafficMirrors', () => {
	const fleet = Array.from({ length: 250 }, (_, n) => mirror(n));

	test('Return All pages by 100 until a short page (no TotalCount)', async () => {
		const api = fakeApi(fleet);
		const mirrors = await pageTrafficMirrors(api.fetchPage, { returnAll: true, limit: 0 });
		expect(mirrors).toEqual(fleet);
		expect(api.calls).toEqual([
			[0, 100],
			[100, 100],
			[200, 100],
		]);
	});

	test('an exact multiple of 100 costs one more, empty, page', async () => {
		const api = fakeApi(fleet.slice(0, 200));
		expect(await pageTrafficMirrors(api.fetchPage, { returnAll: true, limit: 0 })).toHaveLength(200);
		expect(api.calls).toEqual([
			[0, 100],
			[100, 100],
			[200, 100],
		]);
	});

	test('a limit asks only for what is still needed', async () => {
		const api = fakeApi(fleet);
		const mirrors = await pageTrafficMirrors(api.fetchPage, { returnAll: false, limit: 150 });
		expect(mirrors).toEqual(fleet.slice(0, 150));
		expect(api.calls).toEqual([
			[0, 100],
			[100, 50],
		]);
		const small = fakeApi(fleet);
		expect(await pageTrafficMirrors(small.fetchPage, { returnAll: false, limit: 5 })).toEqual(fleet.slice(0, 5));
		expect(small.calls).toEqual([[0, 5]]);
	});

	test('a limit above what exists returns what exists', async () => {
		const api = fakeApi(fleet.slice(0, 7));
		expect(await pageTrafficMirrors(api.fetchPage, { returnAll: false, limit: 50 })).toHaveLength(7);
		expect(api.calls).toEqual([[0, 50]]);
	});

	test('filtering the answer reads full pages until the limit is met by matching mirrors', async () => {
		const api = fakeApi(fleet);
		const even = (m: TrafficMirror) => Number(m.TrafficMirrorName.slice(2)) % 2 === 0;
		const mirrors = await pageTrafficMirrors(api.fetchPage, { returnAll: false, limit: 60, matches: even, filtersLocally: true });
		expect(mirrors.map((m) => m.TrafficMirrorName)).toEqual(Array.from({ length: 60 }, (_, i) => `m-${2 * i}`));
		expect(api.calls).toEqual([
			[0, DESCRIBE_TRAFFIC_MIRRORS_MAX_LIMIT],
			[100, DESCRIBE_TRAFFIC_MIRRORS_MAX_LIMIT],
		]);
	});

	test('an API that ignores Offset cannot make it loop forever', async () => {
		let calls = 0;
		const stuck = async () => {
			calls++;
			return fleet.slice(0, 100);
		};
		expect(await pageTrafficMirrors(stuck, { returnAll: true, limit: 0 })).toHaveLength(100);
		expect(calls).toBe(2);
	});

	test('a limit of 0 asks nothing', async () => {
		const api = fakeApi(fleet);
		expect(await pageTrafficMirrors(api.fetchPage, { returnAll: false, limit: 0 })).toEqual([]);
		expect(api.calls).toEqual([]);
	});
});

describe('paging a list with TotalCount', () => {
	test('pages until TotalCount is reached', async () => {
		const calls: number[] = [];
		const items = Array.from({ length: 200 }, (_, i) => i);
		const all = await collectAllPages(async (offset, limit) => {
			calls.push(offset);
			return { items: items.slice(offset, offset + limit), total: 200 };
		}, 100);
		expect(all).toEqual(items);
		expect(calls).toEqual([0, 100]);
	});

	test('without TotalCount, until a short page; an empty page always ends it', async () => {
		const items = Array.from({ length: 130 }, (_, i) => i);
		expect(await collectAllPages(async (offset, limit) => ({ items: items.slice(offset, offset + limit) }), 100)).toEqual(items);
		let calls = 0;
		const wrongTotal = await collectAllPages(async () => {
			calls++;
			return { items: calls === 1 ? items.slice(0, 100) : [], total: 9999 };
		}, 100);
		expect(wrongTotal).toHaveLength(100);
		expect(calls).toBe(2);
	});
});

describe('fixedParameterValue', () => {
	test.each([
		['vpc-emu00001', 'vpc-emu00001'],
		['  vpc-emu00001 ', 'vpc-emu00001'],
		[{ __rl: true, mode: 'list', value: 'imgf-abcd1234' }, 'imgf-abcd1234'],
		[{ __rl: true, mode: 'id', value: '' }, undefined],
		['={{ $json.vpcId }}', undefined],
		[{ __rl: true, mode: 'id', value: '={{ $json.id }}' }, undefined],
		['', undefined],
		[undefined, undefined],
		[42, undefined],
	])('%j → %j', (value, expected) => {
		expect(fixedParameterValue(value)).toBe(expected);
	});
});

describe('one answer for several names, split by name', () => {
	test('each name gets exactly the mirrors named so in its VPC, not the ones the loose filter matched too', () => {
		const answer = [
			mirror(1, { TrafficMirrorName: 'incident-1' }),
			mirror(2, { TrafficMirrorName: 'incident-10' }),
			mirror(3, { TrafficMirrorName: 'incident-1', VpcId: 'vpc-emu00002' }),
			mirror(4, { TrafficMirrorName: 'incident-1' }),
			mirror(5, { TrafficMirrorName: 'other' }),
		];
		const byName = trafficMirrorsByName(answer, ['incident-1', 'incident-10', 'incident-2'], 'vpc-emu00001');
		expect(byName.get('incident-1')!.map((m) => m.TrafficMirrorId)).toEqual(['imgf-00000001', 'imgf-00000004']);
		expect(byName.get('incident-10')!.map((m) => m.TrafficMirrorId)).toEqual(['imgf-00000002']);
		expect(byName.get('incident-2')).toEqual([]);
		expect(byName.has('other')).toBe(false);
	});
});
