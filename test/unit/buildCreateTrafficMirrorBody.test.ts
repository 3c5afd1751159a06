import {
	buildCreateTrafficMirrorBody,
	toStringList,
} from '../../nodes/TencentCloudVpc/requestBodies/buildCreateTrafficMirrorBody';

describe('buildCreateTrafficMirrorBody', () => {
	test('maps every parameter to its CreateTrafficMirror field and type', () => {
		const body = buildCreateTrafficMirrorBody({
			vpcId: 'vpc-emu00001',
			trafficMirrorName: 'incident-4711',
			type: 'VPC',
			state: 'STOPED',
			direction: 'EGRESS',
			collectorSrcs: 'eni-emu00001, eni-emu00002',
			collectorTarget: {
				targetType: 'IP',
				targetIps: ['10.0.2.20', '10.0.2.21'],
				algHash: 'FIVE_TUPLE_FLOW',
				targetEndPoints: '10.0.2.20:4789',
			},
			additionalFields: {
				trafficMirrorDescribe: 'INC-4711 suspicious egress',
				natId: 'nat-emu00001',
				subnetId: 'subnet-emu00002',
				collectorNormalFilters: {
					filter: [{ srcNet: '10.0.1.0/24', dstNet: '0.0.0.0/0', protocol: 'TCP', srcPort: '1-65535', dstPort: '443' }],
				},
				tags: { tag: [{ key: 'incident', value: 'INC-4711' }, { key: 'team', value: 'sre' }] },
			},
		});
		expect(body).toEqual({
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'incident-4711',
			Type: 'VPC',
			State: 'STOPED',
			Direction: 'EGRESS',
			CollectorSrcs: ['eni-emu00001', 'eni-emu00002'],
			CollectorTarget: {
				TargetType: 'IP',
				TargetIps: ['10.0.2.20', '10.0.2.21'],
				AlgHash: 'FIVE_TUPLE_FLOW',
				TargetEndPoints: ['10.0.2.20:4789'],
			},
			TrafficMirrorDescribe: 'INC-4711 suspicious egress',
			NatId: 'nat-emu00001',
			SubnetId: 'subnet-emu00002',
			CollectorNormalFilters: [
				{ SrcNet: '10.0.1.0/24', DstNet: '0.0.0.0/0', Protocol: 'TCP', SrcPort: '1-65535', DstPort: '443' },
			],
			Tags: [
				{ Key: 'incident', Value: 'INC-4711' },
				{ Key: 'team', Value: 'sre' },
			],
		});
	});

	test('a public IP mirror gets the only State, Direction and AlgHash Tencent allows it, whatever was saved', () => {
		const body = buildCreateTrafficMirrorBody({
			vpcId: 'vpc-emu00001',
			trafficMirrorName: 'edge',
			type: 'PUBLICIP',
			state: 'STOPED',
			direction: 'EGRESS',
			collectorSrcs: '203.0.113.7',
			collectorTarget: { targetType: 'IP', algHash: 'ENI', targetEndPoints: '10.0.2.21:4789' },
		});
		expect(body).toEqual({
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'edge',
			Type: 'PUBLICIP',
			State: 'RUNNING',
			Direction: 'ALL',
			CollectorSrcs: ['203.0.113.7'],
			CollectorTarget: { TargetType: 'IP', AlgHash: 'FIVE_TUPLE_FLOW', TargetEndPoints: ['10.0.2.21:4789'] },
		});
		// With the fields hidden (absent), the same values.
		expect(buildCreateTrafficMirrorBody({ vpcId: 'vpc-emu00001', trafficMirrorName: 'edge', type: 'PUBLICIP', state: '', direction: '' })).toEqual({
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'edge',
			Type: 'PUBLICIP',
			State: 'RUNNING',
			Direction: 'ALL',
			CollectorTarget: { AlgHash: 'FIVE_TUPLE_FLOW' },
		});
	});

	test('leaves every empty field out instead of sending "" or null', () => {
		const body = buildCreateTrafficMirrorBody({
			vpcId: 'vpc-emu00001',
			trafficMirrorName: 'm',
			type: '',
			state: '  ',
			collectorSrcs: ' , ',
			collectorTarget: { targetType: '', targetIps: '', targetEndPoints: [] },
			additionalFields: {
				trafficMirrorDescribe: '',
				natId: '',
				collectorNormalFilters: { filter: [{ srcNet: '', dstNet: '', srcPort: '', dstPort: '' }] },
				tags: { tag: [{ key: '', value: 'orphan value' }, { key: 'only-key', value: '' }] },
			},
		});
		expect(body).toEqual({ VpcId: 'vpc-emu00001', TrafficMirrorName: 'm', Tags: [{ Key: 'only-key' }] });
	});

	test('keeps a filter\'s own empty ports out but the rest of the filter in', () => {
		const body = buildCreateTrafficMirrorBody({
			vpcId: 'vpc-emu00001',
			trafficMirrorName: 'm',
			additionalFields: { collectorNormalFilters: { filter: [{ srcNet: '10.0.0.0/8', dstNet: '10.0.0.0/8', protocol: 'ALL' }] } },
		});
		expect(body.CollectorNormalFilters).toEqual([{ SrcNet: '10.0.0.0/8', DstNet: '10.0.0.0/8', Protocol: 'ALL' }]);
	});
});

describe('toStringList', () => {
	test('splits text on commas and new lines and trims', () => {
		expect(toStringList(' eni-a,eni-b\neni-c ,')).toEqual(['eni-a', 'eni-b', 'eni-c']);
	});
	test('takes an array from an expression as it is, minus blanks', () => {
		expect(toStringList(['eni-a', ' ', 'eni-b '])).toEqual(['eni-a', 'eni-b']);
	});
	test('is empty for nothing', () => {
		expect(toStringList(undefined)).toEqual([]);
		expect(toStringList('')).toEqual([]);
	});
});
