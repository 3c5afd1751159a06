import { ApiError } from '../../dev/emulator/apiError';
import { validateRequest } from '../../dev/emulator/validateRequest';

function errorOf(action: string, body: unknown): { code: string; message: string } | undefined {
	let failure: unknown;
	try {
		validateRequest(action, body);
		return undefined;
	} catch (e) {
		failure = e;
	}
	// Anything but the emulator's own API error is a bug in the validator: let it fail the test.
	if (!(failure instanceof ApiError)) throw failure;
	return { code: failure.code, message: failure.message };
}

const MINIMAL = { VpcId: 'vpc-emu00001', TrafficMirrorName: 'm' };

describe('required and unknown members', () => {
	it('accepts a minimal and a full CreateTrafficMirror body', () => {
		expect(errorOf('CreateTrafficMirror', MINIMAL)).toBeUndefined();
		expect(
			errorOf('CreateTrafficMirror', {
				...MINIMAL,
				TrafficMirrorDescribe: 'd',
				State: 'STOPED',
				Direction: 'EGRESS',
				CollectorSrcs: ['eni-emu00001'],
				NatId: 'nat-emu00001',
				CollectorNormalFilters: [{ SrcNet: '10.0.0.0/8', DstNet: '0.0.0.0/0', Protocol: 'ICMPv6', SrcPort: '1-2', DstPort: '3' }],
				CollectorTarget: { TargetIps: ['10.0.2.20'], AlgHash: 'FIVE_TUPLE_FLOW', TargetEndPoints: [], TargetType: 'IP' },
				SubnetId: 'subnet-emu00001',
				Type: 'VPC',
				Tags: [{ Key: 'k', Value: 'v' }, { Key: 'k2' }],
			}),
		).toBeUndefined();
	});

	it.each([
		['VpcId', { TrafficMirrorName: 'm' }],
		['TrafficMirrorName', { VpcId: 'vpc-emu00001' }],
	])('missing %s → MissingParameter naming it', (field, body) => {
		expect(errorOf('CreateTrafficMirror', body)).toEqual({ code: 'MissingParameter', message: expect.stringContaining(`\`${field}\``) });
	});

	it('nested required members are required: Tags.0.Key, CollectorNormalFilters.0.Protocol, Filters.Values', () => {
		expect(errorOf('CreateTrafficMirror', { ...MINIMAL, Tags: [{ Value: 'v' }] })?.message).toContain('`Tags.0.Key`');
		expect(errorOf('CreateTrafficMirror', { ...MINIMAL, CollectorNormalFilters: [{ SrcNet: '1.1.1.1', DstNet: '2.2.2.2' }] })).toEqual({
			code: 'MissingParameter',
			message: expect.stringContaining('`CollectorNormalFilters.0.Protocol`'),
		});
		expect(errorOf('DescribeTrafficMirrors', { Filters: { Name: 'vpc-id' } })?.code).toBe('MissingParameter');
	});

	it('unknown top-level and nested members → UnknownParameter naming the path', () => {
		expect(errorOf('CreateTrafficMirror', { ...MINIMAL, TrafficMirrorDescription: 'x' })).toEqual({
			code: 'UnknownParameter',
			message: expect.stringContaining('`TrafficMirrorDescription`'),
		});
		expect(errorOf('CreateTrafficMirror', { ...MINIMAL, CollectorTarget: { TargetIp: ['1.1.1.1'] } })?.message).toContain(
			'`CollectorTarget.TargetIp`',
		);
		expect(errorOf('ModifyTrafficMirrorAttribute', { TrafficMirrorId: 'imgf-x', TrafficMirrorDescribe: 'x' })?.code).toBe(
			'UnknownParameter',
		);
		expect(errorOf('DescribeVpcs', { Filters: [{ Name: 'vpc-id', Values: [], Op: 'eq' }] })?.message).toContain('`Filters.0.Op`');
	});
});

describe('types', () => {
	it.each([
		['string where list', 'CreateTrafficMirror', { ...MINIMAL, CollectorSrcs: 'eni-emu00001' }, 'CollectorSrcs'],
		['number where string', 'CreateTrafficMirror', { ...MINIMAL, TrafficMirrorName: 7 }, 'TrafficMirrorName'],
		['number in a string list', 'CreateTrafficMirror', { ...MINIMAL, CollectorSrcs: [1] }, 'CollectorSrcs.0'],
		['list where object', 'CreateTrafficMirror', { ...MINIMAL, CollectorTarget: [] }, 'CollectorTarget'],
		['string where object item', 'CreateTrafficMirror', { ...MINIMAL, Tags: ['k'] }, 'Tags.0'],
		['null', 'CreateTrafficMirror', { ...MINIMAL, NatId: null }, 'NatId'],
		['string where int', 'DescribeTrafficMirrors', { Limit: '10' }, 'Limit'],
		['fraction where int', 'DescribeTrafficMirrors', { Offset: 1.5 }, 'Offset'],
		['list where Filter object (DescribeTrafficMirrors)', 'DescribeTrafficMirrors', { Filters: [{ Name: 'vpc-id', Values: ['v'] }] }, 'Filters'],
		['object where Filter list (DescribeVpcs)', 'DescribeVpcs', { Filters: { Name: 'vpc-id', Values: ['v'] } }, 'Filters'],
		['number where the reference says string (DescribeVpcs.Limit)', 'DescribeVpcs', { Limit: 10 }, 'Limit'],
		['number where the reference says string (DescribeSubnets.Offset)', 'DescribeSubnets', { Offset: 0 }, 'Offset'],
	])('%s → InvalidParameter', (_name, action, body, field) => {
		expect(errorOf(action, body)).toEqual({ code: 'InvalidParameter', message: expect.stringContaining(`\`${field}\``) });
	});

	it('accepts the reference types: int as JSON number, DescribeVpcs/DescribeSubnets paging as strings', () => {
		expect(errorOf('DescribeTrafficMirrors', { Offset: 0, Limit: 100 })).toBeUndefined();
		expect(errorOf('DescribeNetworkInterfaces', { Offset: 0, Limit: 5 })).toBeUndefined();
		expect(errorOf('DescribeVpcs', { Offset: '0', Limit: '2' })).toBeUndefined();
		expect(errorOf('DescribeSubnets', { Offset: '0', Limit: '2' })).toBeUndefined();
	});

	it('a negative uint64 → InvalidParameterValue', () => {
		expect(errorOf('DescribeTrafficMirrors', { Offset: -1 })?.code).toBe('InvalidParameterValue');
	});

	it('a body that is not an object → InvalidParameter', () => {
		expect(errorOf('DescribeVpcs', [])?.code).toBe('InvalidParameter');
		expect(errorOf('DescribeVpcs', 'x')?.code).toBe('InvalidParameter');
	});
});

describe('enumerations', () => {
	it.each([
		['Type', { ...MINIMAL, Type: 'vpc' }],
		['State', { ...MINIMAL, State: 'STOPPED' }],
		['Direction', { ...MINIMAL, Direction: 'BOTH' }],
		['CollectorTarget.TargetType', { ...MINIMAL, CollectorTarget: { TargetType: 'NAT' } }],
		['CollectorTarget.AlgHash', { ...MINIMAL, CollectorTarget: { AlgHash: 'ROUND_ROBIN' } }],
		['CollectorNormalFilters.0.Protocol', { ...MINIMAL, CollectorNormalFilters: [{ SrcNet: '1.1.1.1', DstNet: '2.2.2.2', Protocol: 'tcp' }] }],
	])('CreateTrafficMirror %s → InvalidParameterValue naming the field', (field, body) => {
		expect(errorOf('CreateTrafficMirror', body)).toEqual({ code: 'InvalidParameterValue', message: expect.stringContaining(`\`${field}\``) });
	});

	it('Direction of the update actions, and every documented value is accepted', () => {
		expect(errorOf('UpdateTrafficMirrorDirection', { TrafficMirrorId: 'imgf-x', Direction: 'ingress' })?.code).toBe('InvalidParameterValue');
		expect(errorOf('UpdateTrafficMirrorAllFilter', { TrafficMirrorId: 'imgf-x', Direction: '' })?.code).toBe('InvalidParameterValue');
		for (const d of ['EGRESS', 'INGRESS', 'ALL']) expect(errorOf('UpdateTrafficMirrorDirection', { TrafficMirrorId: 'i', Direction: d })).toBeUndefined();
		for (const p of ['ALL', 'TCP', 'UDP', 'ICMP', 'ICMPv6']) {
			expect(errorOf('ResetTrafficMirrorFilter', { TrafficMirrorId: 'i', CollectorNormalFilters: [{ SrcNet: '1.1.1.1', DstNet: '2.2.2.2', Protocol: p }] })).toBeUndefined();
		}
		for (const t of ['IP', 'ENI', 'CLB']) expect(errorOf('ResetTrafficMirrorTarget', { TrafficMirrorId: 'i', CollectorTarget: { TargetType: t } })).toBeUndefined();
	});

	it('CheckTrafficMirror takes CollectorTarget as a list (per the reference)', () => {
		expect(errorOf('CheckTrafficMirror', { VpcId: 'v', CollectorTarget: [{ TargetType: 'IP' }] })).toBeUndefined();
		expect(errorOf('CheckTrafficMirror', { VpcId: 'v', CollectorTarget: { TargetType: 'IP' } })?.code).toBe('InvalidParameter');
	});
});
