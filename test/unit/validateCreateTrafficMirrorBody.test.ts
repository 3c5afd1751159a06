import { describeBodyProblem } from '../../nodes/TencentCloudVpc/requestBodies/describeBodyProblem';
import { validateCreateTrafficMirrorBody } from '../../nodes/TencentCloudVpc/requestBodies/validateCreateTrafficMirrorBody';

const valid = { VpcId: 'vpc-emu00001', TrafficMirrorName: 'm' };

describe('validateCreateTrafficMirrorBody', () => {
	test('accepts a body with every documented field set well', () => {
		expect(
			validateCreateTrafficMirrorBody({
				...valid,
				TrafficMirrorDescribe: 'd',
				State: 'RUNNING',
				Direction: 'EGRESS',
				CollectorSrcs: ['eni-emu00001'],
				SubnetId: 'subnet-emu00001',
				Type: 'VPC',
				CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'], AlgHash: 'ENI', TargetEndPoints: [] },
				CollectorNormalFilters: [{ SrcNet: '10.0.0.0/8', DstNet: '::/0', Protocol: 'tcp', SrcPort: '1-65535', DstPort: '443' }],
				Tags: [{ Key: 'a', Value: '1' }, { Key: 'b' }],
			}),
		).toEqual([]);
	});

	test('locates each problem by its path in the body', () => {
		const problems = validateCreateTrafficMirrorBody({
			...valid,
			Direction: 'BOTH',
			CollectorTarget: { TargetIps: ['1.2.3.4', 'nope'] },
			Tags: [{ Key: 'x' }, { Key: 'x' }],
		});
		expect(problems.map((problem) => problem.path)).toEqual([['Direction'], ['CollectorTarget', 'TargetIps', 1], ['Tags', 1, 'Key']]);
	});

	test('suggests the documented spelling of a misspelt field', () => {
		const [problem] = validateCreateTrafficMirrorBody({ VpcID: 'vpc-1', TrafficMirrorName: 'm', VpcId: 'vpc-1' });
		expect(problem.problem).toContain('did you mean "VpcId"');
	});

	test('allows 20 sources and refuses 21', () => {
		const sources = (n: number) => Array.from({ length: n }, (_, i) => `eni-${i}`);
		expect(validateCreateTrafficMirrorBody({ ...valid, CollectorSrcs: sources(20) })).toEqual([]);
		expect(validateCreateTrafficMirrorBody({ ...valid, CollectorSrcs: sources(21) })).toHaveLength(1);
	});

	test('NAT without filters, and filters without NAT, are both fine', () => {
		expect(validateCreateTrafficMirrorBody({ ...valid, NatId: 'nat-1' })).toEqual([]);
		expect(validateCreateTrafficMirrorBody({ ...valid, NatId: '', CollectorNormalFilters: [{ SrcNet: '0.0.0.0/0', DstNet: '0.0.0.0/0', Protocol: 'ALL' }] })).toEqual([]);
	});
});

describe('describeBodyProblem', () => {
	const problem = { path: ['CollectorNormalFilters', 1, 'DstPort'], value: '0', problem: 'must be a port' };

	test('names the UI parameter, its entry and the item in fields mode', () => {
		expect(describeBodyProblem(problem, 3, 'fields')).toBe(
			'Additional Fields → Collector Normal Filters → Destination Port (dstPort), entry 2 of item 3: "0" must be a port',
		);
	});

	test('names the JSON path in JSON mode', () => {
		expect(describeBodyProblem(problem, 0, 'json')).toBe('JSON Body field CollectorNormalFilters[1].DstPort of item 0: "0" must be a port');
	});
});
