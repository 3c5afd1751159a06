// Traffic-mirror lifecycle and business rules over HTTP.
import { type Emulator, startEmulator } from '../../dev/emulator';
import { SCHEMA } from '../../dev/emulator/schema';
import { call, codeOf, ok, type CallOptions, type Loose } from './signForTest';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ rateLimit: 0, seed: 7 });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const BASE = {
	VpcId: 'vpc-emu00001',
	TrafficMirrorName: 'incident-1234',
	CollectorSrcs: ['eni-emu00001'],
	CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-emu00004'], AlgHash: 'ENI' },
};

async function create(overrides: Record<string, unknown> = {}, opts: CallOptions = {}): Promise<Record<string, Loose>> {
	const res = await ok(emu.url, 'CreateTrafficMirror', { ...BASE, ...overrides }, opts);
	return res.TrafficMirror;
}

async function codeFor(action: string, body: unknown, opts: CallOptions = {}): Promise<string> {
	return codeOf(await call(emu.url, action, body, opts));
}

async function describe_(body: Record<string, unknown> = {}, opts: CallOptions = {}): Promise<Loose[]> {
	const res = await ok(emu.url, 'DescribeTrafficMirrors', body, opts);
	return res.TrafficMirrorSet;
}

describe('CreateTrafficMirror', () => {
	it('returns exactly the members of the reference TrafficMirror, with defaults', async () => {
		const m = await create({ Tags: [{ Key: 'incident', Value: '1234' }] });
		expect(Object.keys(m)).toEqual(SCHEMA.objects.TrafficMirror.map((x) => x.name));
		expect(Object.keys(m.CollectorTarget)).toEqual(SCHEMA.objects.TrafficMirrorTarget.map((x) => x.name));
		expect(m).toEqual({
			VpcId: 'vpc-emu00001',
			TrafficMirrorId: expect.stringMatching(/^imgf-[a-z0-9]{8}$/),
			TrafficMirrorName: 'incident-1234',
			TrafficMirrorDescribe: '',
			State: 'RUNNING',
			Direction: 'ALL',
			CollectorSrcs: ['eni-emu00001'],
			NatId: '',
			CollectorNormalFilters: [],
			CollectorTarget: { TargetIps: ['10.0.2.20'], AlgHash: 'ENI', TargetEndPoints: [], TargetType: 'ENI' },
			CreateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			Type: 'VPC',
			SubnetId: '',
			TargetInfo: [{ TargetId: 'eni-emu00004', TargetName: 'packet-collector' }],
		});
		expect(emu.mirrors('ap-guangzhou')).toEqual([m]);
		expect(emu.tagsOf(m.TrafficMirrorId)).toEqual([{ Key: 'incident', Value: '1234' }]);
	});

	it('stores filters with defaults, a subnet source and an IP receiver', async () => {
		const m = await create({
			TrafficMirrorDescribe: 'why',
			State: 'STOPED',
			Direction: 'INGRESS',
			CollectorSrcs: ['subnet-emu00001'],
			CollectorNormalFilters: [{ SrcNet: '10.0.1.0/24', DstNet: '0.0.0.0/0', Protocol: 'TCP', DstPort: '443' }],
			CollectorTarget: { TargetIps: ['10.0.2.20', '192.168.9.9'], AlgHash: 'FIVE_TUPLE_FLOW' },
		});
		expect(m).toMatchObject({
			TrafficMirrorDescribe: 'why',
			State: 'STOPED',
			Direction: 'INGRESS',
			CollectorSrcs: ['subnet-emu00001'],
			CollectorNormalFilters: [{ SrcNet: '10.0.1.0/24', DstNet: '0.0.0.0/0', Protocol: 'TCP', SrcPort: '', DstPort: '443' }],
			CollectorTarget: { TargetIps: ['10.0.2.20', '192.168.9.9'], AlgHash: 'FIVE_TUPLE_FLOW', TargetEndPoints: [], TargetType: 'IP' },
			TargetInfo: [],
		});
	});

	it('accepts an ENI receiver given by IP and a CLB receiver', async () => {
		const a = await create({ CollectorTarget: { TargetType: 'ENI', TargetIps: ['10.0.2.20'] } });
		expect(a.TargetInfo).toEqual([{ TargetId: 'eni-emu00004', TargetName: 'packet-collector' }]);
		const b = await create({ CollectorSrcs: ['eni-emu00002'], CollectorTarget: { TargetType: 'CLB', TargetIps: ['lb-emu00001'] } });
		expect(b.CollectorTarget.TargetIps).toEqual(['10.0.2.100']);
		expect(b.TargetInfo).toEqual([{ TargetId: 'lb-emu00001', TargetName: 'collector-clb' }]);
	});

	it('with a NAT gateway filter', async () => {
		const m = await create({ NatId: 'nat-emu00001' });
		expect(m.NatId).toBe('nat-emu00001');
	});

	it('a failed create changes nothing', async () => {
		expect(await codeFor('CreateTrafficMirror', { ...BASE, CollectorSrcs: ['eni-emu00001', 'eni-nothere0'] })).toBe('ResourceNotFound');
		expect(emu.mirrors()).toEqual([]);
	});
});

describe('CreateTrafficMirror business rules', () => {
	it.each([
		['unknown VpcId', 'ResourceNotFound', { VpcId: 'vpc-nothere0' }],
		['VpcId of another region', 'ResourceNotFound', { VpcId: 'vpc-emu00003' }],
		['unknown ENI source', 'ResourceNotFound', { CollectorSrcs: ['eni-nothere0'] }],
		['unknown subnet source', 'ResourceNotFound', { CollectorSrcs: ['subnet-nothere0'] }],
		['ENI source of another region', 'ResourceNotFound', { CollectorSrcs: ['eni-emu00006'] }],
		['a source that is neither ENI nor subnet', 'InvalidParameterValue', { CollectorSrcs: ['ins-emu00001'] }],
		['the same source twice', 'InvalidParameterValue', { CollectorSrcs: ['eni-emu00001', 'eni-emu00001'] }],
		['ENI of another VPC', 'InvalidParameterValue.ObjectVpcNotCurrentVpc', { CollectorSrcs: ['eni-emu00005'] }],
		['subnet of another VPC', 'InvalidParameterValue.ObjectVpcNotCurrentVpc', { CollectorSrcs: ['subnet-emu00003'] }],
		['receiver ENI equal to a source ENI', 'UnsupportedOperation.TrafficMirrorNotSupportSameSrcTarget', { CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-emu00001'] } }],
		['receiver IP equal to a source ENI IP', 'UnsupportedOperation.TrafficMirrorNotSupportSameSrcTarget', { CollectorTarget: { TargetIps: ['10.0.1.10'] } }],
		['NatId with five-tuple rules', 'InvalidParameter.Coexist', { NatId: 'nat-emu00001', CollectorNormalFilters: [{ SrcNet: '10.0.0.0/8', DstNet: '0.0.0.0/0', Protocol: 'ALL' }] }],
		['unknown NatId', 'ResourceNotFound', { NatId: 'nat-nothere0' }],
		['NAT gateway of another VPC', 'InvalidParameterValue.ObjectVpcNotCurrentVpc', { NatId: 'nat-emu00002' }],
		['duplicate tag keys', 'InvalidParameterValue.TagDuplicateKey', { Tags: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] }],
		['an empty name', 'InvalidParameterValue', { TrafficMirrorName: '' }],
		['a malformed filter network', 'InvalidParameterValue', { CollectorNormalFilters: [{ SrcNet: '10.0.0.0/33', DstNet: '0.0.0.0/0', Protocol: 'ALL' }] }],
		['a malformed filter port', 'InvalidParameterValue', { CollectorNormalFilters: [{ SrcNet: '10.0.0.0/8', DstNet: '0.0.0.0/0', Protocol: 'TCP', DstPort: '70000' }] }],
		['a malformed receiver IP', 'InvalidParameterValue', { CollectorTarget: { TargetIps: ['10.0.2'] } }],
		['unknown receiver ENI', 'ResourceNotFound', { CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-nothere0'] } }],
		['receiver ENI of another VPC', 'InvalidParameterValue.ObjectVpcNotCurrentVpc', { CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-emu00005'] } }],
		['unknown SubnetId', 'ResourceNotFound', { SubnetId: 'subnet-nothere0' }],
		['PUBLICIP with Direction EGRESS', 'InvalidParameterValue', { Type: 'PUBLICIP', CollectorSrcs: ['203.0.113.5'], CollectorTarget: {}, Direction: 'EGRESS' }],
		['PUBLICIP with State STOPED', 'InvalidParameterValue', { Type: 'PUBLICIP', CollectorSrcs: ['203.0.113.5'], CollectorTarget: {}, State: 'STOPED' }],
	])('%s → %s', async (_name, expected, overrides) => {
		const res = await call(emu.url, 'CreateTrafficMirror', { ...BASE, ...overrides });
		expect(codeOf(res)).toBe(expected);
		expect(res.Response.Error!.Message.length).toBeGreaterThan(0);
		expect(emu.mirrors()).toEqual([]);
	});

	it('an ENI already collected by another mirror → InvalidParameterValue.ObjectUseInTrafficMirror (same region only)', async () => {
		const first = await create();
		const res = await call(emu.url, 'CreateTrafficMirror', { ...BASE, TrafficMirrorName: 'second' });
		expect(codeOf(res)).toBe('InvalidParameterValue.ObjectUseInTrafficMirror');
		expect(res.Response.Error!.Message).toContain(first.TrafficMirrorId);
		// Receivers may be shared; other sources are free.
		await create({ TrafficMirrorName: 'second', CollectorSrcs: ['eni-emu00002'] });
		expect(emu.mirrors()).toHaveLength(2);
	});

	it('a PUBLICIP mirror with defaults ALL/RUNNING/FIVE_TUPLE_FLOW and endpoint receivers', async () => {
		const m = await create({
			Type: 'PUBLICIP',
			CollectorSrcs: ['203.0.113.5'],
			SubnetId: 'subnet-emu00001',
			CollectorTarget: { TargetEndPoints: ['10.0.2.20:4789'] },
		});
		expect(m).toMatchObject({ Type: 'PUBLICIP', Direction: 'ALL', State: 'RUNNING', SubnetId: 'subnet-emu00001' });
		expect(m.CollectorTarget).toEqual({ TargetIps: [], AlgHash: 'FIVE_TUPLE_FLOW', TargetEndPoints: ['10.0.2.20:4789'], TargetType: 'IP' });
		expect(await codeFor('StopTrafficMirror', { TrafficMirrorId: m.TrafficMirrorId })).toBe('UnsupportedOperation');
		expect(await codeFor('CreateTrafficMirror', { ...BASE, Type: 'PUBLICIP', CollectorSrcs: ['203.0.113.5'], CollectorTarget: {} })).toBe(
			'InvalidParameterValue.DuplicatedLbTrafficMirrorCollectors',
		);
	});
});

describe('DescribeTrafficMirrors', () => {
	async function seed(): Promise<Loose[]> {
		const a = await create({ TrafficMirrorName: 'alpha-incident', CollectorSrcs: ['eni-emu00001'], Tags: [{ Key: 'incident', Value: '1' }] });
		const b = await create({ TrafficMirrorName: 'beta', CollectorSrcs: ['eni-emu00002'], Tags: [{ Key: 'owner', Value: 'x' }] });
		const c = await create({
			VpcId: 'vpc-emu00002',
			TrafficMirrorName: 'gamma-incident',
			CollectorSrcs: ['eni-emu00005'],
			CollectorTarget: { TargetIps: ['172.16.1.99'] },
		});
		return [a, b, c];
	}

	it('lists all of the region in creation order, as created; no TotalCount member', async () => {
		const all = await seed();
		const res = await ok(emu.url, 'DescribeTrafficMirrors', {});
		expect(res.TrafficMirrorSet).toEqual(all);
		expect(Object.keys(res).sort()).toEqual(['RequestId', 'TrafficMirrorSet']);
	});

	it('by TrafficMirrorIds (unknown ids simply match nothing)', async () => {
		const [a, , c] = await seed();
		expect(await describe_({ TrafficMirrorIds: [c.TrafficMirrorId, a.TrafficMirrorId] })).toEqual([a, c]);
		expect(await describe_({ TrafficMirrorIds: ['imgf-00000000'] })).toEqual([]);
	});

	it.each([
		['vpc-id', ['vpc-emu00002'], ['gamma-incident']],
		['traffic-mirror-name', ['incident'], ['alpha-incident', 'gamma-incident']],
		['Traffic-Mirror-Name', ['beta'], ['beta']],
		['tag-key', ['incident', 'owner'], ['alpha-incident', 'beta']],
		['tag-key', ['nobody'], []],
	])('by filter %s %j', async (name, values, expectedNames) => {
		await seed();
		const set = await describe_({ Filters: { Name: name, Values: values } });
		expect(set.map((m) => m.TrafficMirrorName)).toEqual(expectedNames);
	});

	it('by filter traffic-mirror-id, combined with TrafficMirrorIds', async () => {
		const [a, b] = await seed();
		expect(await describe_({ Filters: { Name: 'traffic-mirror-id', Values: [b.TrafficMirrorId] } })).toEqual([b]);
		expect(await describe_({ TrafficMirrorIds: [a.TrafficMirrorId], Filters: { Name: 'traffic-mirror-id', Values: [b.TrafficMirrorId] } })).toEqual([]);
	});

	it('an unknown filter name → InvalidParameterValue; Limit over 100 → InvalidParameterValue', async () => {
		expect(await codeFor('DescribeTrafficMirrors', { Filters: { Name: 'state', Values: ['RUNNING'] } })).toBe('InvalidParameterValue');
		expect(await codeFor('DescribeTrafficMirrors', { Limit: 101 })).toBe('InvalidParameterValue');
		expect(await codeFor('DescribeTrafficMirrors', { Limit: 100 })).toBe('Success');
	});

	it('a filter takes at most 5 values, OR\'ed (the limit its sibling actions state)', async () => {
		await seed();
		const five = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
		const set = await describe_({ Filters: { Name: 'traffic-mirror-name', Values: five } });
		expect(set.map((m) => m.TrafficMirrorName)).toEqual(['alpha-incident', 'beta', 'gamma-incident']);
		expect(await codeFor('DescribeTrafficMirrors', { Filters: { Name: 'traffic-mirror-name', Values: [...five, 'zeta'] } })).toBe(
			'InvalidParameterValue.LimitExceeded',
		);
	});

	it('pages with Offset/Limit (default Limit 20)', async () => {
		const all = await seed();
		expect(await describe_({ Offset: 1, Limit: 1 })).toEqual([all[1]]);
		expect(await describe_({ Offset: 2 })).toEqual([all[2]]);
		expect(await describe_({ Offset: 3 })).toEqual([]);
	});

	it('60 mirrors from the fleet VPC page as 20/20/20 by default and 25/25/10 with Limit 25', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 60; i++) {
			const m = await create({
				VpcId: 'vpc-emu00009',
				TrafficMirrorName: `fleet-${i}`,
				CollectorSrcs: [`eni-flt${String(i).padStart(5, '0')}`],
				CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-fltrecv1'] },
			});
			ids.push(m.TrafficMirrorId);
		}
		expect(new Set(ids).size).toBe(60);
		expect(await describe_()).toHaveLength(20);
		const pages = [];
		for (let offset = 0; ; offset += 25) {
			const page = await describe_({ Offset: offset, Limit: 25, Filters: { Name: 'vpc-id', Values: ['vpc-emu00009'] } });
			pages.push(page.length);
			if (page.length < 25) break;
		}
		expect(pages).toEqual([25, 25, 10]);
	});
});

describe('lifecycle', () => {
	it('modify → stop/start → reset/update → delete', async () => {
		const m = await create({ TrafficMirrorDescribe: 'first' });
		const id = m.TrafficMirrorId;
		const get = async () => (await describe_({ TrafficMirrorIds: [id] }))[0];

		await ok(emu.url, 'ModifyTrafficMirrorAttribute', { TrafficMirrorId: id, TrafficMirrorName: 'renamed', TrafficMirrorDescription: 'second' });
		expect(await get()).toMatchObject({ TrafficMirrorName: 'renamed', TrafficMirrorDescribe: 'second' });
		await ok(emu.url, 'ModifyTrafficMirrorAttribute', { TrafficMirrorId: id, TrafficMirrorDescription: '' });
		expect(await get()).toMatchObject({ TrafficMirrorName: 'renamed', TrafficMirrorDescribe: '' });
		expect(await codeFor('ModifyTrafficMirrorAttribute', { TrafficMirrorId: id, TrafficMirrorName: '' })).toBe('InvalidParameterValue');

		await ok(emu.url, 'StopTrafficMirror', { TrafficMirrorId: id });
		expect((await get()).State).toBe('STOPED');
		await ok(emu.url, 'StartTrafficMirror', { TrafficMirrorId: id });
		expect((await get()).State).toBe('RUNNING');

		await ok(emu.url, 'ResetTrafficMirrorSrcs', { TrafficMirrorId: id, CollectorSrcs: ['eni-emu00002', 'eni-emu00003'] });
		expect((await get()).CollectorSrcs).toEqual(['eni-emu00002', 'eni-emu00003']);

		await ok(emu.url, 'ResetTrafficMirrorTarget', { TrafficMirrorId: id, CollectorTarget: { TargetIps: ['10.0.1.10'], AlgHash: 'FIVE_TUPLE_FLOW' } });
		expect(await get()).toMatchObject({
			CollectorTarget: { TargetIps: ['10.0.1.10'], AlgHash: 'FIVE_TUPLE_FLOW', TargetEndPoints: [], TargetType: 'IP' },
			TargetInfo: [],
		});

		const rule = { SrcNet: '10.0.0.0/16', DstNet: '0.0.0.0/0', Protocol: 'UDP', SrcPort: '53', DstPort: '1-65535' };
		await ok(emu.url, 'ResetTrafficMirrorFilter', { TrafficMirrorId: id, CollectorNormalFilters: [rule] });
		expect(await get()).toMatchObject({ NatId: '', CollectorNormalFilters: [rule] });
		await ok(emu.url, 'ResetTrafficMirrorFilter', { TrafficMirrorId: id, NatId: 'nat-emu00001' });
		expect(await get()).toMatchObject({ NatId: 'nat-emu00001', CollectorNormalFilters: [] });

		await ok(emu.url, 'UpdateTrafficMirrorDirection', { TrafficMirrorId: id, Direction: 'EGRESS' });
		expect((await get()).Direction).toBe('EGRESS');

		await ok(emu.url, 'UpdateTrafficMirrorAllFilter', { TrafficMirrorId: id, Direction: 'INGRESS', CollectorSrcs: ['subnet-emu00002'], CollectorNormalFilters: [rule] });
		expect(await get()).toMatchObject({ Direction: 'INGRESS', CollectorSrcs: ['subnet-emu00002'], NatId: '', CollectorNormalFilters: [rule] });
		await ok(emu.url, 'UpdateTrafficMirrorAllFilter', { TrafficMirrorId: id, Direction: 'ALL' });
		expect(await get()).toMatchObject({ Direction: 'ALL', CollectorSrcs: ['subnet-emu00002'], CollectorNormalFilters: [rule] });

		await ok(emu.url, 'DeleteTrafficMirror', { TrafficMirrorId: id });
		expect(await describe_()).toEqual([]);
		expect(emu.tagsOf(id)).toEqual([]);
		expect(await codeFor('DeleteTrafficMirror', { TrafficMirrorId: id })).toBe('ResourceNotFound');
	});

	it.each([
		['DeleteTrafficMirror', {}],
		['StartTrafficMirror', {}],
		['StopTrafficMirror', {}],
		['ModifyTrafficMirrorAttribute', { TrafficMirrorName: 'x' }],
		['ResetTrafficMirrorSrcs', { CollectorSrcs: [] }],
		['ResetTrafficMirrorTarget', { CollectorTarget: {} }],
		['ResetTrafficMirrorFilter', {}],
		['UpdateTrafficMirrorAllFilter', { Direction: 'ALL' }],
		['UpdateTrafficMirrorDirection', { Direction: 'ALL' }],
	])('%s of an unknown TrafficMirrorId → ResourceNotFound', async (action, extra) => {
		expect(await codeFor(action, { TrafficMirrorId: 'imgf-nothere0', ...extra })).toBe('ResourceNotFound');
	});

	it('business rules of the reset/update actions', async () => {
		const a = await create();
		const b = await create({ TrafficMirrorName: 'b', CollectorSrcs: ['eni-emu00002'] });
		const id = b.TrafficMirrorId;
		const before = emu.mirrors();
		expect(await codeFor('ResetTrafficMirrorSrcs', { TrafficMirrorId: id, CollectorSrcs: ['eni-emu00001'] })).toBe('InvalidParameterValue.ObjectUseInTrafficMirror');
		expect(await codeFor('ResetTrafficMirrorSrcs', { TrafficMirrorId: id, CollectorSrcs: ['eni-emu00004'] })).toBe('UnsupportedOperation.TrafficMirrorNotSupportSameSrcTarget');
		expect(await codeFor('ResetTrafficMirrorSrcs', { TrafficMirrorId: id, CollectorSrcs: ['eni-emu00005'] })).toBe('InvalidParameterValue.ObjectVpcNotCurrentVpc');
		expect(await codeFor('ResetTrafficMirrorTarget', { TrafficMirrorId: id, CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-emu00002'] } })).toBe('UnsupportedOperation.TrafficMirrorNotSupportSameSrcTarget');
		expect(await codeFor('ResetTrafficMirrorFilter', { TrafficMirrorId: id, NatId: 'nat-emu00001', CollectorNormalFilters: [{ SrcNet: '1.1.1.1', DstNet: '2.2.2.2', Protocol: 'ALL' }] })).toBe('InvalidParameter.Coexist');
		expect(await codeFor('ResetTrafficMirrorFilter', { TrafficMirrorId: id, NatId: 'nat-emu00002' })).toBe('InvalidParameterValue.ObjectVpcNotCurrentVpc');
		expect(await codeFor('UpdateTrafficMirrorAllFilter', { TrafficMirrorId: id, Direction: 'ALL', CollectorSrcs: ['eni-emu00001'] })).toBe('InvalidParameterValue.ObjectUseInTrafficMirror');
		expect(await codeFor('UpdateTrafficMirrorAllFilter', { TrafficMirrorId: id, Direction: 'ALL', NatId: 'nat-nothere0' })).toBe('ResourceNotFound');
		expect(emu.mirrors()).toEqual(before);
		// Resetting a mirror's sources to what it already has is not a conflict with itself.
		await ok(emu.url, 'ResetTrafficMirrorSrcs', { TrafficMirrorId: a.TrafficMirrorId, CollectorSrcs: ['eni-emu00001', 'eni-emu00003'] });
	});
});

describe('regions', () => {
	const SH: CallOptions = { region: 'ap-shanghai' };

	it('mirrors are per region', async () => {
		const sh = await create({ VpcId: 'vpc-emu00003', CollectorSrcs: ['eni-emu00006'], CollectorTarget: { TargetIps: ['10.1.1.99'] } }, SH);
		const gz = await create();
		expect(await describe_({}, SH)).toEqual([sh]);
		expect(await describe_()).toEqual([gz]);
		expect(await describe_({ TrafficMirrorIds: [sh.TrafficMirrorId] })).toEqual([]);
		expect(await codeFor('DeleteTrafficMirror', { TrafficMirrorId: sh.TrafficMirrorId })).toBe('ResourceNotFound');
		expect(await codeFor('StopTrafficMirror', { TrafficMirrorId: gz.TrafficMirrorId }, SH)).toBe('ResourceNotFound');
		expect(emu.mirrors('ap-shanghai')).toEqual([sh]);
		expect(emu.mirrors()).toHaveLength(2);
		expect(await describe_({}, { region: 'ap-tokyo' })).toEqual([]);
	});

	it('inventory of another region does not exist here', async () => {
		expect(await codeFor('CreateTrafficMirror', { ...BASE, VpcId: 'vpc-emu00001' }, SH)).toBe('ResourceNotFound');
		expect(await codeFor('CreateTrafficMirror', { ...BASE, VpcId: 'vpc-emu00003', CollectorSrcs: ['eni-emu00001'], CollectorTarget: {} }, SH)).toBe('ResourceNotFound');
	});
});

describe('CheckTrafficMirror', () => {
	it('passes for free collectors and flags used ones, changing nothing', async () => {
		expect(await codeFor('CheckTrafficMirror', { VpcId: 'vpc-emu00001', CollectorSources: ['203.0.113.7'], CollectorTarget: [{ TargetEndPoints: ['10.0.2.20:4789'] }] })).toBe('Success');
		await create({ Type: 'PUBLICIP', CollectorSrcs: ['203.0.113.7'], CollectorTarget: { TargetEndPoints: ['10.0.2.20:4789'] } });
		const before = emu.mirrors();
		expect(await codeFor('CheckTrafficMirror', { VpcId: 'vpc-emu00001', CollectorSources: ['203.0.113.7'] })).toBe('InvalidParameterValue.DuplicatedLbTrafficMirrorCollectors');
		expect(await codeFor('CheckTrafficMirror', { VpcId: 'vpc-emu00001', CollectorTarget: [{ TargetEndPoints: ['10.0.2.20:4789'] }] })).toBe('InvalidParameterValue.DuplicatedLbTrafficMirrorReciverEndpoint');
		expect(await codeFor('CheckTrafficMirror', { VpcId: 'vpc-emu00001', TrafficMirrorId: before[0].TrafficMirrorId, CollectorSources: ['203.0.113.7'] })).toBe('Success');
		expect(await codeFor('CheckTrafficMirror', { VpcId: 'vpc-nothere0' })).toBe('ResourceNotFound');
		expect(emu.mirrors()).toEqual(before);
	});
});

describe('ids', () => {
	it('the same seed gives the same TrafficMirrorIds', async () => {
		const other = await startEmulator({ rateLimit: 0, seed: 99 });
		const third = await startEmulator({ rateLimit: 0, seed: 99 });
		try {
			const a = await ok(other.url, 'CreateTrafficMirror', BASE);
			const b = await ok(third.url, 'CreateTrafficMirror', BASE);
			expect(a.TrafficMirror.TrafficMirrorId).toBe(b.TrafficMirror.TrafficMirrorId);
			expect(a.RequestId).toBe(b.RequestId);
		} finally {
			await other.stop();
			await third.stop();
		}
	});
});
