import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TrafficMirror } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { createMirrorDirectly, mirrorParameters, requestsOf, storedMirror } from '../support/trafficMirrors';
import { emulatorCredentials, NODE_NAME, type OnError, singleNodeWorkflow } from '../support/workflows';
import { emulatorForTests } from '../support/emulatorSuite';

const emulator = emulatorForTests();

const UNKNOWN_ID = 'imgf-zzzzzzzz';

async function run(parameters: INodeParameters, options: { items?: IDataObject[]; onError?: OnError } = {}) {
	return await runWorkflow(singleNodeWorkflow(parameters, options.onError), {
		credentials: emulatorCredentials(emulator),
		triggerItems: (options.items ?? [{}]).map((json) => ({ json })),
	});
}

/** A VPC mirror of vpc-emu00001 collecting eni-emu00001 into 10.0.2.20. */
async function mirror(body: Record<string, unknown> = {}): Promise<TrafficMirror> {
	return await createMirrorDirectly(emulator, { body: { CollectorSrcs: ['eni-emu00001'], ...body } });
}

/** Runs the operation once and returns the one request it sent and its output. */
async function runOnce(action: string, parameters: INodeParameters) {
	const result = await run(parameters);
	expect(result.error(NODE_NAME)).toBeUndefined();
	const requests = requestsOf(emulator, action);
	expect(requests).toHaveLength(1);
	expect(requests[0].signatureVerdict).toBe('ok');
	expect(requests[0].code).toBe('Success');
	return { request: requests[0], output: result.output(NODE_NAME) };
}

function successItem(trafficMirrorId: string, requestId: string) {
	return { json: { success: true, TrafficMirrorId: trafficMirrorId, RequestId: requestId }, pairedItem: { item: 0 } };
}

describe('Get', () => {
	test('outputs the TrafficMirror as Tencent returns it, with the RequestId', async () => {
		const created = await mirror({ TrafficMirrorName: 'incident-INC-1' });
		const { request, output } = await runOnce('DescribeTrafficMirrors', mirrorParameters('get', created.TrafficMirrorId));
		expect(request.body).toEqual({ TrafficMirrorIds: [created.TrafficMirrorId] });
		expect(output).toEqual([{ json: { ...created, RequestId: request.requestId }, pairedItem: { item: 0 } }]);
	});

	test('the mirror may come From List or from an expression', async () => {
		const created = await mirror();
		const fromList = await run(mirrorParameters('get', '', { trafficMirrorId: { __rl: true, mode: 'list', value: created.TrafficMirrorId } }));
		expect(fromList.output(NODE_NAME)[0].json.TrafficMirrorId).toBe(created.TrafficMirrorId);
		const fromItem = await run(mirrorParameters('get', '={{ $json.id }}'), { items: [{ id: created.TrafficMirrorId }] });
		expect(fromItem.output(NODE_NAME)[0].json.TrafficMirrorId).toBe(created.TrafficMirrorId);
	});

	test('an unknown ID is an error naming the ID and region, though Describe answers an empty set', async () => {
		const result = await run(mirrorParameters('get', UNKNOWN_ID));
		const [request] = requestsOf(emulator, 'DescribeTrafficMirrors');
		expect(request.code).toBe('Success');
		expect(result.error(NODE_NAME)?.message).toBe(
			`Traffic mirror ${UNKNOWN_ID} was not found in region ap-guangzhou (RequestId ${request.requestId})`,
		);
	});

	test('a mirror of another region is not found', async () => {
		const shanghai = await createMirrorDirectly(emulator, { region: 'ap-shanghai', body: { VpcId: 'vpc-emu00003' } });
		const result = await run(mirrorParameters('get', shanghai.TrafficMirrorId));
		expect(result.error(NODE_NAME)?.message).toContain(`Traffic mirror ${shanghai.TrafficMirrorId} was not found in region ap-guangzhou`);
	});

	test('Continue On Fail: the unknown ID yields an error item with code ResourceNotFound, paired; the rest still run', async () => {
		const created = await mirror();
		const result = await run(mirrorParameters('get', '={{ $json.id }}'), {
			items: [{ id: created.TrafficMirrorId }, { id: UNKNOWN_ID }, { id: created.TrafficMirrorId }],
			onError: 'continueRegularOutput',
		});
		const output = result.output(NODE_NAME);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.TrafficMirrorId).toBe(created.TrafficMirrorId);
		expect(output[2].json.TrafficMirrorId).toBe(created.TrafficMirrorId);
		const failed = requestsOf(emulator, 'DescribeTrafficMirrors').find(
			(entry) => (entry.body as { TrafficMirrorIds: string[] }).TrafficMirrorIds[0] === UNKNOWN_ID,
		);
		expect(output[1].json).toEqual({
			error: expect.stringContaining(`Traffic mirror ${UNKNOWN_ID} was not found`),
			code: 'ResourceNotFound',
			RequestId: failed?.requestId,
		});
	});
});

describe('operations answered by a RequestId only', () => {
	test('Update renames and re-describes: TrafficMirrorDescription in the request, TrafficMirrorDescribe on the mirror', async () => {
		const created = await mirror({ TrafficMirrorDescribe: 'open' });
		const { request, output } = await runOnce(
			'ModifyTrafficMirrorAttribute',
			mirrorParameters('update', created.TrafficMirrorId, {
				updateFields: { trafficMirrorName: 'incident-INC-1-closed', trafficMirrorDescription: 'closed by {{ "n8n" }}' },
			}),
		);
		expect(request.body).toEqual({
			TrafficMirrorId: created.TrafficMirrorId,
			TrafficMirrorName: 'incident-INC-1-closed',
			TrafficMirrorDescription: 'closed by {{ "n8n" }}',
		});
		expect(output).toEqual([successItem(created.TrafficMirrorId, request.requestId)]);
		expect(storedMirror(emulator, created.TrafficMirrorId)).toMatchObject({
			TrafficMirrorName: 'incident-INC-1-closed',
			TrafficMirrorDescribe: 'closed by {{ "n8n" }}',
		});
	});

	test('Update with nothing to change stops before any request', async () => {
		const created = await mirror();
		const result = await run(mirrorParameters('update', created.TrafficMirrorId, { updateFields: {} }));
		expect(result.error(NODE_NAME)?.message).toBe('Nothing to update: add Name or Description under Update Fields');
		expect(requestsOf(emulator, 'ModifyTrafficMirrorAttribute')).toHaveLength(0);
	});

	test('Stop, then Start', async () => {
		const created = await mirror();
		const stopped = await runOnce('StopTrafficMirror', mirrorParameters('stop', created.TrafficMirrorId));
		expect(stopped.request.body).toEqual({ TrafficMirrorId: created.TrafficMirrorId });
		expect(stopped.output).toEqual([successItem(created.TrafficMirrorId, stopped.request.requestId)]);
		expect(storedMirror(emulator, created.TrafficMirrorId)?.State).toBe('STOPED');

		const started = await run(mirrorParameters('start', created.TrafficMirrorId));
		const [startRequest] = requestsOf(emulator, 'StartTrafficMirror');
		expect(startRequest.body).toEqual({ TrafficMirrorId: created.TrafficMirrorId });
		expect(started.output(NODE_NAME)).toEqual([successItem(created.TrafficMirrorId, startRequest.requestId)]);
		expect(storedMirror(emulator, created.TrafficMirrorId)?.State).toBe('RUNNING');
	});

	test('Delete', async () => {
		const created = await mirror();
		const other = await mirror({ CollectorSrcs: ['eni-emu00002'] });
		const { request, output } = await runOnce('DeleteTrafficMirror', mirrorParameters('delete', created.TrafficMirrorId));
		expect(request.body).toEqual({ TrafficMirrorId: created.TrafficMirrorId });
		expect(output).toEqual([successItem(created.TrafficMirrorId, request.requestId)]);
		expect(emulator.mirrors().map((m) => m.TrafficMirrorId)).toEqual([other.TrafficMirrorId]);
	});

	test('Update Direction', async () => {
		const created = await mirror({ Direction: 'ALL' });
		const { request, output } = await runOnce(
			'UpdateTrafficMirrorDirection',
			mirrorParameters('updateDirection', created.TrafficMirrorId, { direction: 'INGRESS' }),
		);
		expect(request.body).toEqual({ TrafficMirrorId: created.TrafficMirrorId, Direction: 'INGRESS' });
		expect(output).toEqual([successItem(created.TrafficMirrorId, request.requestId)]);
		expect(storedMirror(emulator, created.TrafficMirrorId)?.Direction).toBe('INGRESS');
	});

	test('Reset Sources replaces the list with the picked ENIs and subnets', async () => {
		const created = await mirror();
		const { request, output } = await runOnce(
			'ResetTrafficMirrorSrcs',
			mirrorParameters('resetSources', created.TrafficMirrorId, { collectorSrcs: ['eni-emu00002', 'subnet-emu00002'] }),
		);
		expect(request.body).toEqual({ TrafficMirrorId: created.TrafficMirrorId, CollectorSrcs: ['eni-emu00002', 'subnet-emu00002'] });
		expect(output).toEqual([successItem(created.TrafficMirrorId, request.requestId)]);
		expect(storedMirror(emulator, created.TrafficMirrorId)?.CollectorSrcs).toEqual(['eni-emu00002', 'subnet-emu00002']);
	});

	test('Reset Sources takes an expression\'s array or text', async () => {
		const created = await mirror();
		await run(mirrorParameters('resetSources', created.TrafficMirrorId, { collectorSrcs: '={{ $json.enis }}' }), {
			items: [{ enis: 'eni-emu00002, eni-emu00003' }],
		});
		expect(storedMirror(emulator, created.TrafficMirrorId)?.CollectorSrcs).toEqual(['eni-emu00002', 'eni-emu00003']);
	});

	test('Reset Target points the mirror at a receiver ENI, with the sender subnet', async () => {
		const created = await mirror();
		const { request, output } = await runOnce(
			'ResetTrafficMirrorTarget',
			mirrorParameters('resetTarget', created.TrafficMirrorId, {
				collectorTarget: { targetType: 'ENI', targetIps: 'eni-emu00004', algHash: 'FIVE_TUPLE_FLOW' },
				additionalFields: { subnetId: 'subnet-emu00002' },
			}),
		);
		expect(request.body).toEqual({
			TrafficMirrorId: created.TrafficMirrorId,
			CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-emu00004'], AlgHash: 'FIVE_TUPLE_FLOW' },
			SubnetId: 'subnet-emu00002',
		});
		expect(output).toEqual([successItem(created.TrafficMirrorId, request.requestId)]);
		expect(storedMirror(emulator, created.TrafficMirrorId)).toMatchObject({
			CollectorTarget: { TargetType: 'ENI', TargetIps: ['10.0.2.20'], AlgHash: 'FIVE_TUPLE_FLOW', TargetEndPoints: [] },
			TargetInfo: [{ TargetId: 'eni-emu00004', TargetName: 'packet-collector' }],
			SubnetId: 'subnet-emu00002',
		});
	});

	describe('Reset Filters', () => {
		const rule = { srcNet: '10.0.1.0/24', dstNet: '0.0.0.0/0', protocol: 'TCP', dstPort: '443' };

		test('to a NAT gateway', async () => {
			const created = await mirror({ CollectorNormalFilters: [{ SrcNet: '10.0.0.0/8', DstNet: '0.0.0.0/0', Protocol: 'ALL' }] });
			const { request, output } = await runOnce(
				'ResetTrafficMirrorFilter',
				mirrorParameters('resetFilters', created.TrafficMirrorId, { filterType: 'natGateway', natId: 'nat-emu00001' }),
			);
			expect(request.body).toEqual({ TrafficMirrorId: created.TrafficMirrorId, NatId: 'nat-emu00001' });
			expect(output).toEqual([successItem(created.TrafficMirrorId, request.requestId)]);
			expect(storedMirror(emulator, created.TrafficMirrorId)).toMatchObject({ NatId: 'nat-emu00001', CollectorNormalFilters: [] });
		});

		test('to five-tuple rules; a NAT gateway left in a hidden field is not sent', async () => {
			const created = await mirror({ NatId: 'nat-emu00001' });
			const { request } = await runOnce(
				'ResetTrafficMirrorFilter',
				mirrorParameters('resetFilters', created.TrafficMirrorId, {
					filterType: 'fiveTuple',
					natId: 'nat-emu00001',
					collectorNormalFilters: { filter: [rule] },
				}),
			);
			expect(request.body).toEqual({
				TrafficMirrorId: created.TrafficMirrorId,
				CollectorNormalFilters: [{ SrcNet: '10.0.1.0/24', DstNet: '0.0.0.0/0', Protocol: 'TCP', DstPort: '443' }],
			});
			expect(storedMirror(emulator, created.TrafficMirrorId)).toMatchObject({
				NatId: '',
				CollectorNormalFilters: [{ SrcNet: '10.0.1.0/24', DstNet: '0.0.0.0/0', Protocol: 'TCP', SrcPort: '', DstPort: '443' }],
			});
		});

		test('to none', async () => {
			const created = await mirror({ NatId: 'nat-emu00001' });
			const { request } = await runOnce('ResetTrafficMirrorFilter', mirrorParameters('resetFilters', created.TrafficMirrorId, { filterType: 'none' }));
			expect(request.body).toEqual({ TrafficMirrorId: created.TrafficMirrorId });
			expect(storedMirror(emulator, created.TrafficMirrorId)).toMatchObject({ NatId: '', CollectorNormalFilters: [] });
		});

		test('five-tuple chosen without a rule stops before any request', async () => {
			const created = await mirror();
			const result = await run(mirrorParameters('resetFilters', created.TrafficMirrorId, { filterType: 'fiveTuple' }));
			expect(result.error(NODE_NAME)?.message).toMatch(/Add at least one five-tuple rule/);
			expect(requestsOf(emulator, 'ResetTrafficMirrorFilter')).toHaveLength(0);
		});
	});

	describe('Update All Filters', () => {
		test('direction, sources and NAT gateway in one call', async () => {
			const created = await mirror({ Direction: 'ALL' });
			const { request, output } = await runOnce(
				'UpdateTrafficMirrorAllFilter',
				mirrorParameters('updateAllFilters', created.TrafficMirrorId, {
					direction: 'EGRESS',
					collectorSrcs: ['eni-emu00002', 'eni-emu00003'],
					filterType: 'natGateway',
					natId: 'nat-emu00001',
				}),
			);
			expect(request.body).toEqual({
				TrafficMirrorId: created.TrafficMirrorId,
				Direction: 'EGRESS',
				CollectorSrcs: ['eni-emu00002', 'eni-emu00003'],
				NatId: 'nat-emu00001',
			});
			expect(output).toEqual([successItem(created.TrafficMirrorId, request.requestId)]);
			expect(storedMirror(emulator, created.TrafficMirrorId)).toMatchObject({
				Direction: 'EGRESS',
				CollectorSrcs: ['eni-emu00002', 'eni-emu00003'],
				NatId: 'nat-emu00001',
			});
		});

		test('only the direction: empty sources and Keep Current Filter leave the rest', async () => {
			const created = await mirror({ NatId: 'nat-emu00001' });
			const { request } = await runOnce(
				'UpdateTrafficMirrorAllFilter',
				mirrorParameters('updateAllFilters', created.TrafficMirrorId, { direction: 'INGRESS', collectorSrcs: [], filterType: 'keep' }),
			);
			expect(request.body).toEqual({ TrafficMirrorId: created.TrafficMirrorId, Direction: 'INGRESS' });
			expect(storedMirror(emulator, created.TrafficMirrorId)).toMatchObject({
				Direction: 'INGRESS',
				CollectorSrcs: ['eni-emu00001'],
				NatId: 'nat-emu00001',
			});
		});
	});
});

describe('Check (public IP mirrors)', () => {
	const publicMirror = async () =>
		await createMirrorDirectly(emulator, {
			body: {
				Type: 'PUBLICIP',
				TrafficMirrorName: 'public',
				CollectorSrcs: ['203.0.113.50'],
				CollectorTarget: { TargetEndPoints: ['10.0.2.20:4789'], AlgHash: 'FIVE_TUPLE_FLOW' },
			},
		});
	const checkParameters = (overrides: INodeParameters = {}): INodeParameters => ({
		resource: 'trafficMirror',
		operation: 'check',
		region: 'ap-guangzhou',
		vpcId: { __rl: true, mode: 'id', value: 'vpc-emu00001' },
		trafficMirrorId: { __rl: true, mode: 'list', value: '' },
		collectorSrcs: '203.0.113.60',
		collectorTarget: { targetEndPoints: '10.0.2.21:4789', algHash: 'FIVE_TUPLE_FLOW' },
		additionalFields: { subnetId: 'subnet-emu00002' },
		...overrides,
	});

	test('free addresses and receivers pass; the request names the API\'s fields', async () => {
		const result = await run(checkParameters());
		expect(result.error(NODE_NAME)).toBeUndefined();
		const [request] = requestsOf(emulator, 'CheckTrafficMirror');
		expect(request.body).toEqual({
			VpcId: 'vpc-emu00001',
			CollectorSources: ['203.0.113.60'],
			SubnetId: 'subnet-emu00002',
			CollectorTarget: [{ TargetEndPoints: ['10.0.2.21:4789'], AlgHash: 'FIVE_TUPLE_FLOW' }],
		});
		expect(result.output(NODE_NAME)).toEqual([
			{ json: { success: true, VpcId: 'vpc-emu00001', RequestId: request.requestId }, pairedItem: { item: 0 } },
		]);
		expect(emulator.mirrors()).toHaveLength(0);
	});

	test('an address another mirror collects is reported, unless it is the mirror being changed', async () => {
		const existing = await publicMirror();
		const taken = await run(checkParameters({ collectorSrcs: '203.0.113.50' }));
		expect(taken.error(NODE_NAME)?.message).toContain('Tencent Cloud error InvalidParameterValue.DuplicatedLbTrafficMirrorCollectors');

		const own = await run(
			checkParameters({
				collectorSrcs: '203.0.113.50',
				trafficMirrorId: { __rl: true, mode: 'id', value: existing.TrafficMirrorId },
			}),
		);
		expect(own.error(NODE_NAME)).toBeUndefined();
		expect(requestsOf(emulator, 'CheckTrafficMirror')[1].body).toMatchObject({ TrafficMirrorId: existing.TrafficMirrorId });
		expect(own.output(NODE_NAME)[0].json).toMatchObject({ success: true, TrafficMirrorId: existing.TrafficMirrorId });
	});
});

describe('an unknown mirror ID: Tencent\'s ResourceNotFound, naming the ID', () => {
	test.each([
		['update', 'ModifyTrafficMirrorAttribute', { updateFields: { trafficMirrorName: 'x' } }],
		['start', 'StartTrafficMirror', {}],
		['stop', 'StopTrafficMirror', {}],
		['delete', 'DeleteTrafficMirror', {}],
		['updateDirection', 'UpdateTrafficMirrorDirection', { direction: 'EGRESS' }],
		['resetSources', 'ResetTrafficMirrorSrcs', { collectorSrcs: ['eni-emu00002'] }],
		['resetTarget', 'ResetTrafficMirrorTarget', { collectorTarget: { targetIps: '10.0.2.21' } }],
		['resetFilters', 'ResetTrafficMirrorFilter', { filterType: 'none' }],
		['updateAllFilters', 'UpdateTrafficMirrorAllFilter', { direction: 'ALL', filterType: 'keep' }],
	])('%s', async (operation, action, overrides) => {
		const result = await run(mirrorParameters(operation, UNKNOWN_ID, overrides as INodeParameters));
		const [request] = requestsOf(emulator, action);
		expect(request.code).toBe('ResourceNotFound');
		expect(result.error(NODE_NAME)?.message).toBe(
			`Tencent Cloud error ResourceNotFound: The traffic mirror \`${UNKNOWN_ID}\` does not exist. (RequestId ${request.requestId})`,
		);
	});

	test('an empty Traffic Mirror stops before any request', async () => {
		const result = await run(mirrorParameters('stop', '={{ $json.missing }}'));
		expect(result.error(NODE_NAME)?.message).toMatch(/^Traffic Mirror is empty/);
		expect(requestsOf(emulator, 'StopTrafficMirror')).toHaveLength(0);
	});
});

describe('Continue On Fail, concurrency and pairing', () => {
	const items = (ids: string[]) => ids.map((id) => ({ id }));

	test('regular output: the failed item is an error item paired to it; the others are applied', async () => {
		const [a, b] = [await mirror(), await mirror({ CollectorSrcs: ['eni-emu00002'] })];
		const result = await run(mirrorParameters('stop', '={{ $json.id }}'), {
			items: items([a.TrafficMirrorId, UNKNOWN_ID, b.TrafficMirrorId]),
			onError: 'continueRegularOutput',
		});
		const failed = requestsOf(emulator, 'StopTrafficMirror').find((entry) => entry.code !== 'Success');
		expect(result.output(NODE_NAME)).toEqual([
			{ json: { success: true, TrafficMirrorId: a.TrafficMirrorId, RequestId: expect.any(String) }, pairedItem: { item: 0 } },
			{
				json: { error: expect.stringContaining('ResourceNotFound'), code: 'ResourceNotFound', RequestId: failed?.requestId },
				pairedItem: { item: 1 },
			},
			{ json: { success: true, TrafficMirrorId: b.TrafficMirrorId, RequestId: expect.any(String) }, pairedItem: { item: 2 } },
		]);
		expect(emulator.mirrors().map((m) => m.State)).toEqual(['STOPED', 'STOPED']);
	});

	test('error output: the failed item goes to the second output, paired', async () => {
		const a = await mirror();
		const result = await run(mirrorParameters('delete', '={{ $json.id }}'), {
			items: items([UNKNOWN_ID, a.TrafficMirrorId]),
			onError: 'continueErrorOutput',
		});
		expect(result.output(NODE_NAME, 0).map((item) => [item.json.TrafficMirrorId, item.pairedItem])).toEqual([
			[a.TrafficMirrorId, { item: 1 }],
		]);
		const errors = result.output(NODE_NAME, 1);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(String(errors[0].json.error)).toMatch(/^Tencent Cloud error ResourceNotFound: .*imgf-zzzzzzzz/);
		expect(emulator.mirrors()).toHaveLength(0);
	});

	test('many items run concurrently, output in input order', async () => {
		const mirrors: TrafficMirror[] = [];
		for (let n = 0; n < 12; n++) {
			const source = `eni-flt${String(n).padStart(5, '0')}`;
			mirrors.push(await createMirrorDirectly(emulator, { body: { VpcId: 'vpc-emu00009', CollectorSrcs: [source], CollectorTarget: { TargetIps: ['10.9.200.10'] } } }));
		}
		// Answers slower than the limiter's 52 ms pacing, so consecutive stops overlap for sure.
		emulator.configure({ latencyMs: (action) => (action === 'StopTrafficMirror' ? 150 + Math.round(Math.random() * 50) : 0) });
		try {
			const result = await run(mirrorParameters('stop', '={{ $json.id }}', { options: { maxConcurrency: 6 } }), {
				items: items(mirrors.map((m) => m.TrafficMirrorId)),
			});
			expect(result.output(NODE_NAME).map((item) => [item.json.TrafficMirrorId, item.pairedItem])).toEqual(
				mirrors.map((m, i) => [m.TrafficMirrorId, { item: i }]),
			);
			// Several stops were in flight at once.
			const stops = requestsOf(emulator, 'StopTrafficMirror');
			const mostInFlight = Math.max(
				...stops.map((stop) => stops.filter((other) => other.time <= stop.time && (other.answeredAt ?? 0) > stop.time).length),
			);
			expect(mostInFlight).toBeGreaterThan(1);
			expect(mostInFlight).toBeLessThanOrEqual(6);
		} finally {
			emulator.configure({ latencyMs: 0 });
		}
	});
});
