import { buildCheckTrafficMirrorBody } from '../../nodes/TencentCloudVpc/requestBodies/buildCheckTrafficMirrorBody';
import {
	buildModifyTrafficMirrorAttributeBody,
	hasAttributeChanges,
} from '../../nodes/TencentCloudVpc/requestBodies/buildModifyTrafficMirrorAttributeBody';
import { buildTrafficMirrorFilters, FILTER_TYPES } from '../../nodes/TencentCloudVpc/requestBodies/buildTrafficMirrorFilters';
import {
	buildResetFilterBody,
	buildResetSrcsBody,
	buildResetTargetBody,
	buildUpdateAllFilterBody,
	buildUpdateDirectionBody,
} from '../../nodes/TencentCloudVpc/requestBodies/buildTrafficMirrorResetBodies';

const ID = 'imgf-abcd1234';
const RULE = { srcNet: '10.0.1.0/24', dstNet: '0.0.0.0/0', protocol: 'TCP', srcPort: '', dstPort: ' 443 ' };
const API_RULE = { SrcNet: '10.0.1.0/24', DstNet: '0.0.0.0/0', Protocol: 'TCP', DstPort: '443' };

describe('buildTrafficMirrorFilters', () => {
	test('a NAT gateway becomes NatId, trimmed', () => {
		expect(buildTrafficMirrorFilters({ filterType: 'natGateway', natId: ' nat-emu00001 ' })).toEqual({ NatId: 'nat-emu00001' });
	});

	test('five-tuple rules become CollectorNormalFilters with empty fields left out', () => {
		expect(buildTrafficMirrorFilters({ filterType: 'fiveTuple', collectorNormalFilters: { filter: [RULE, {}] } })).toEqual({
			CollectorNormalFilters: [API_RULE],
		});
	});

	test('only the chosen kind is sent, whatever else is filled in', () => {
		const both = { natId: 'nat-emu00001', collectorNormalFilters: { filter: [RULE] } };
		expect(Object.keys(buildTrafficMirrorFilters({ filterType: 'natGateway', ...both }))).toEqual(['NatId']);
		expect(Object.keys(buildTrafficMirrorFilters({ filterType: 'fiveTuple', ...both }))).toEqual(['CollectorNormalFilters']);
	});

	test.each([FILTER_TYPES.none, FILTER_TYPES.keep])('%s sends no filter member', (filterType) => {
		expect(buildTrafficMirrorFilters({ filterType, natId: 'nat-emu00001', collectorNormalFilters: { filter: [RULE] } })).toEqual({});
	});

	test('the chosen kind left empty is an error that says what to fill in', () => {
		expect(() => buildTrafficMirrorFilters({ filterType: 'natGateway', natId: '  ' })).toThrow(/NAT gateway/);
		expect(() => buildTrafficMirrorFilters({ filterType: 'fiveTuple', collectorNormalFilters: { filter: [{}] } })).toThrow(
			/at least one five-tuple rule/,
		);
		expect(() => buildTrafficMirrorFilters({ filterType: 'fiveTuple' })).toThrow(/at least one five-tuple rule/);
		expect(() => buildTrafficMirrorFilters({ filterType: 'both' })).toThrow(/Unknown filter type "both"/);
	});
});

describe('buildModifyTrafficMirrorAttributeBody', () => {
	test('sends the description as TrafficMirrorDescription (not Create\'s TrafficMirrorDescribe)', () => {
		const body = buildModifyTrafficMirrorAttributeBody(ID, { trafficMirrorName: ' renamed ', trafficMirrorDescription: 'closed' });
		expect(body).toEqual({ TrafficMirrorId: ID, TrafficMirrorName: 'renamed', TrafficMirrorDescription: 'closed' });
		expect(hasAttributeChanges(body)).toBe(true);
	});

	test('an added but empty description is sent empty, which clears it; a blank name is left out', () => {
		const body = buildModifyTrafficMirrorAttributeBody(ID, { trafficMirrorName: '  ', trafficMirrorDescription: '' });
		expect(body).toEqual({ TrafficMirrorId: ID, TrafficMirrorDescription: '' });
		expect(hasAttributeChanges(body)).toBe(true);
	});

	test('nothing to change is recognisable', () => {
		const body = buildModifyTrafficMirrorAttributeBody(ID, {});
		expect(body).toEqual({ TrafficMirrorId: ID });
		expect(hasAttributeChanges(body)).toBe(false);
	});
});

describe('bodies of the reset and update operations', () => {
	test('UpdateTrafficMirrorDirection', () => {
		expect(buildUpdateDirectionBody(ID, 'INGRESS')).toEqual({ TrafficMirrorId: ID, Direction: 'INGRESS' });
		expect(() => buildUpdateDirectionBody(ID, '')).toThrow(/Direction is empty/);
	});

	test('ResetTrafficMirrorSrcs takes a picker array or text from an expression', () => {
		expect(buildResetSrcsBody(ID, ['eni-emu00001', 'subnet-emu00002'])).toEqual({
			TrafficMirrorId: ID,
			CollectorSrcs: ['eni-emu00001', 'subnet-emu00002'],
		});
		expect(buildResetSrcsBody(ID, 'eni-emu00001,\n eni-emu00002')).toEqual({
			TrafficMirrorId: ID,
			CollectorSrcs: ['eni-emu00001', 'eni-emu00002'],
		});
		expect(() => buildResetSrcsBody(ID, [])).toThrow(/Collector Sources is empty/);
	});

	test('ResetTrafficMirrorTarget maps the target like Create and adds the subnet when chosen', () => {
		expect(
			buildResetTargetBody(ID, { targetType: 'ENI', targetIps: 'eni-emu00004', algHash: 'FIVE_TUPLE_FLOW' }, 'subnet-emu00002'),
		).toEqual({
			TrafficMirrorId: ID,
			CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-emu00004'], AlgHash: 'FIVE_TUPLE_FLOW' },
			SubnetId: 'subnet-emu00002',
		});
		expect(buildResetTargetBody(ID, { targetEndPoints: ['10.0.0.8:4789'] }, '')).toEqual({
			TrafficMirrorId: ID,
			CollectorTarget: { TargetEndPoints: ['10.0.0.8:4789'] },
		});
		expect(() => buildResetTargetBody(ID, { targetType: 'IP' })).toThrow(/needs Target IPs/);
	});

	test('ResetTrafficMirrorFilter: the chosen filter, or none at all', () => {
		expect(buildResetFilterBody(ID, { filterType: 'natGateway', natId: 'nat-emu00001' })).toEqual({
			TrafficMirrorId: ID,
			NatId: 'nat-emu00001',
		});
		expect(buildResetFilterBody(ID, { filterType: 'none' })).toEqual({ TrafficMirrorId: ID });
	});

	test('UpdateTrafficMirrorAllFilter: direction always, sources when given, the filter unless kept', () => {
		expect(
			buildUpdateAllFilterBody(ID, {
				direction: 'EGRESS',
				collectorSrcs: ['eni-emu00002'],
				filterType: 'fiveTuple',
				collectorNormalFilters: { filter: [RULE] },
			}),
		).toEqual({ TrafficMirrorId: ID, Direction: 'EGRESS', CollectorSrcs: ['eni-emu00002'], CollectorNormalFilters: [API_RULE] });
		expect(buildUpdateAllFilterBody(ID, { direction: 'ALL', collectorSrcs: [], filterType: 'keep' })).toEqual({
			TrafficMirrorId: ID,
			Direction: 'ALL',
		});
	});
});

describe('buildCheckTrafficMirrorBody', () => {
	test('names the API\'s fields: CollectorSources, and CollectorTarget as a list of one', () => {
		expect(
			buildCheckTrafficMirrorBody({
				vpcId: ' vpc-emu00001 ',
				trafficMirrorId: ID,
				collectorSrcs: '203.0.113.10, 203.0.113.11',
				collectorTarget: { targetEndPoints: '10.0.2.20:4789', algHash: 'FIVE_TUPLE_FLOW' },
				subnetId: 'subnet-emu00002',
			}),
		).toEqual({
			VpcId: 'vpc-emu00001',
			TrafficMirrorId: ID,
			CollectorSources: ['203.0.113.10', '203.0.113.11'],
			SubnetId: 'subnet-emu00002',
			CollectorTarget: [{ TargetEndPoints: ['10.0.2.20:4789'], AlgHash: 'FIVE_TUPLE_FLOW' }],
		});
	});

	test('leaves out what is empty; the VPC is required', () => {
		expect(buildCheckTrafficMirrorBody({ vpcId: 'vpc-emu00001', trafficMirrorId: '', collectorSrcs: '', collectorTarget: {} })).toEqual({
			VpcId: 'vpc-emu00001',
		});
		expect(() => buildCheckTrafficMirrorBody({ vpcId: ' ' })).toThrow(/VPC is empty/);
	});
});
