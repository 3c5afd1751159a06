import { runWorkflow } from '../../dev/harness/runWorkflow';
import { createParameters, emulatorCredentials, NODE_NAME, singleNodeWorkflow } from '../support/workflows';
import { emulatorForTests } from '../support/emulatorSuite';

const emulator = emulatorForTests();

const createLog = () => emulator.log.filter((entry) => entry.action === 'CreateTrafficMirror');
const failedRequestId = () => createLog().find((entry) => entry.code !== 'Success')?.requestId;

describe('Create Traffic Mirror through n8n\'s engine against the emulator', () => {
	test('sends every field under its API name and type and outputs the TrafficMirror with its RequestId', async () => {
		const parameters = createParameters({
			trafficMirrorName: '=incident-{{ $json.incident }}',
			type: 'VPC',
			state: 'STOPED',
			direction: 'EGRESS',
			collectorSrcs: '={{ $json.enis }}',
			collectorTarget: { targetType: 'IP', targetIps: '10.0.2.20, 10.0.2.21', algHash: 'FIVE_TUPLE_FLOW' },
			additionalFields: {
				trafficMirrorDescribe: '={{ $json.incident }} egress spike',
				subnetId: 'subnet-emu00001',
				collectorNormalFilters: {
					filter: [{ srcNet: '10.0.1.0/24', dstNet: '0.0.0.0/0', protocol: 'TCP', srcPort: '1-65535', dstPort: '443' }],
				},
				tags: { tag: [{ key: 'incident', value: '={{ $json.incident }}' }, { key: 'team', value: 'sre' }] },
			},
		});
		const result = await runWorkflow(singleNodeWorkflow(parameters), {
			credentials: emulatorCredentials(emulator),
			triggerItems: [{ json: { incident: 'INC-1', enis: ['eni-emu00001', 'eni-emu00002'] } }],
		});

		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(createLog()).toHaveLength(1);
		const [request] = createLog();
		expect(request.signatureVerdict).toBe('ok');
		expect(request.region).toBe('ap-guangzhou');
		expect(request.body).toEqual({
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'incident-INC-1',
			Type: 'VPC',
			State: 'STOPED',
			Direction: 'EGRESS',
			CollectorSrcs: ['eni-emu00001', 'eni-emu00002'],
			CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20', '10.0.2.21'], AlgHash: 'FIVE_TUPLE_FLOW' },
			TrafficMirrorDescribe: 'INC-1 egress spike',
			SubnetId: 'subnet-emu00001',
			CollectorNormalFilters: [
				{ SrcNet: '10.0.1.0/24', DstNet: '0.0.0.0/0', Protocol: 'TCP', SrcPort: '1-65535', DstPort: '443' },
			],
			Tags: [
				{ Key: 'incident', Value: 'INC-1' },
				{ Key: 'team', Value: 'sre' },
			],
		});

		const [item] = result.output(NODE_NAME);
		const [stored] = emulator.mirrors('ap-guangzhou');
		expect(item.json).toEqual({ ...stored, RequestId: request.requestId });
		expect(item.json.TrafficMirrorId).toMatch(/^imgf-[a-z0-9]{8}$/);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(emulator.tagsOf(String(item.json.TrafficMirrorId))).toEqual([
			{ Key: 'incident', Value: 'INC-1' },
			{ Key: 'team', Value: 'sre' },
		]);
	});

	test('JSON mode sends the body exactly as given', async () => {
		const body = {
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'json-mode 事件',
			Direction: 'INGRESS',
			CollectorSrcs: ['eni-emu00003'],
			NatId: 'nat-emu00001',
			CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'], AlgHash: 'ENI' },
		};
		const result = await runWorkflow(
			singleNodeWorkflow({ ...createParameters(), specifyBody: 'json', jsonBody: JSON.stringify(body, null, 2) }),
			{ credentials: emulatorCredentials(emulator) },
		);
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(createLog()[0].body).toEqual(body);
		expect(result.output(NODE_NAME)[0].json).toMatchObject({ TrafficMirrorName: 'json-mode 事件', NatId: 'nat-emu00001' });
	});

	test('one signed call per input item, each with that item\'s values, output paired in order', async () => {
		const items = [0, 1, 2].map((n) => ({ json: { n, eni: `eni-emu0000${n + 1}` } }));
		const result = await runWorkflow(singleNodeWorkflow(createParameters()), {
			credentials: emulatorCredentials(emulator),
			triggerItems: items,
		});
		const sentNames = createLog().map((entry) => (entry.body as { TrafficMirrorName: string }).TrafficMirrorName);
		expect(sentNames.sort()).toEqual(['mirror-0', 'mirror-1', 'mirror-2']);
		expect(createLog().every((entry) => entry.signatureVerdict === 'ok')).toBe(true);
		const output = result.output(NODE_NAME);
		expect(output.map((item) => [item.json.TrafficMirrorName, item.pairedItem])).toEqual([
			['mirror-0', { item: 0 }],
			['mirror-1', { item: 1 }],
			['mirror-2', { item: 2 }],
		]);
	});
});

describe('authentication failures surface as the node\'s error with Tencent\'s code', () => {
	afterEach(() => emulator.configure({ clockSkewMs: 0 }));

	test.each([
		['an unknown Secret ID', { secretId: 'AKIDnobodyHasThisKey000000000000000' }, {}, 'AuthFailure.SecretIdNotFound'],
		['a wrong Secret Key', { secretKey: 'not-the-secret' }, {}, 'AuthFailure.SignatureFailure'],
		['a session token the key does not have', { sessionToken: 'stale-token' }, {}, 'AuthFailure.TokenFailure'],
		['a clock 10 minutes off', {}, { clockSkewMs: 600_000 }, 'AuthFailure.SignatureExpire'],
	])('%s', async (_case, credentialOverrides, faults, code) => {
		emulator.configure(faults);
		const result = await runWorkflow(singleNodeWorkflow(createParameters()), {
			credentials: emulatorCredentials(emulator, credentialOverrides),
			triggerItems: [{ json: { n: 1, eni: 'eni-emu00001' } }],
		});
		const error = result.error(NODE_NAME) as (Error & { description?: string }) | undefined;
		expect(error?.message).toContain(`Tencent Cloud error ${code}`);
		// The hint says what to check.
		expect(error?.description).toMatch(/Secret|Session Token|clock/);
		expect(emulator.mirrors()).toHaveLength(0);
	});
});

describe('what only Tencent can know surfaces as the node\'s error with Tencent\'s code', () => {
	test.each([
		['an unknown VPC', { vpcId: { __rl: true, mode: 'id', value: 'vpc-unknown1' } }, 'ResourceNotFound'],
		['a source ENI of another VPC', { collectorSrcs: 'eni-emu00005' }, 'InvalidParameterValue.ObjectVpcNotCurrentVpc'],
		[
			'the collector also being a source',
			{ collectorSrcs: 'eni-emu00004' },
			'UnsupportedOperation.TrafficMirrorNotSupportSameSrcTarget',
		],
		['a region without traffic mirroring', { region: 'eu-moscow' }, 'UnsupportedRegion'],
	])('%s', async (_case, overrides, code) => {
		const result = await runWorkflow(singleNodeWorkflow(createParameters(overrides)), {
			credentials: emulatorCredentials(emulator),
			triggerItems: [{ json: { n: 1, eni: 'eni-emu00001' } }],
		});
		expect(result.error(NODE_NAME)?.message).toContain(`Tencent Cloud error ${code}`);
	});

	test('a source already mirrored is refused the second time', async () => {
		const run = () =>
			runWorkflow(singleNodeWorkflow(createParameters()), {
				credentials: emulatorCredentials(emulator),
				triggerItems: [{ json: { n: 1, eni: 'eni-emu00001' } }],
			});
		expect((await run()).error(NODE_NAME)).toBeUndefined();
		expect((await run()).error(NODE_NAME)?.message).toContain('InvalidParameterValue.ObjectUseInTrafficMirror');
	});
});

describe('Continue On Fail', () => {
	const items = [
		{ json: { n: 0, eni: 'eni-emu00001' } },
		{ json: { n: 1, eni: 'eni-emu00005' } },
		{ json: { n: 2, eni: 'eni-emu00002' } },
	];

	test('the failing item becomes an error item paired to it, with code and RequestId; the others still run', async () => {
		const result = await runWorkflow(singleNodeWorkflow(createParameters(), 'continueRegularOutput'), {
			credentials: emulatorCredentials(emulator),
			triggerItems: items,
		});
		const output = result.output(NODE_NAME);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.TrafficMirrorName).toBe('mirror-0');
		expect(output[2].json.TrafficMirrorName).toBe('mirror-2');
		expect(output[1].json).toEqual({
			error: expect.stringContaining('InvalidParameterValue.ObjectVpcNotCurrentVpc'),
			code: 'InvalidParameterValue.ObjectVpcNotCurrentVpc',
			RequestId: failedRequestId(),
		});
		expect(emulator.mirrors()).toHaveLength(2);
	});

	test('with the error output, the failing item goes to the second output, paired', async () => {
		const result = await runWorkflow(singleNodeWorkflow(createParameters(), 'continueErrorOutput'), {
			credentials: emulatorCredentials(emulator),
			triggerItems: items,
		});
		expect(result.output(NODE_NAME, 0).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		const errors = result.output(NODE_NAME, 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		// n8n keeps only the message here (merged into the input item's fields when the node has a
		// parent); the message names the code and the RequestId.
		expect(errors[0].json).toEqual({
			error: expect.stringMatching(
				new RegExp(`^Tencent Cloud error InvalidParameterValue\\.ObjectVpcNotCurrentVpc: .*\\(RequestId ${failedRequestId()}\\)$`),
			),
		});
	});
});
