import type { INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import type { Emulator } from '../../dev/emulator';
import { DEMO_KEY, startEmulator } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { clock, resetProcessState } from '../../nodes/TencentCloudVpc/processState';
import { ok, nowSeconds } from '../emulator/signForTest';
import { skippingClock } from '../support/skippingClock';
import { createParameters, emulatorCredentials, NODE_NAME, type OnError, singleNodeWorkflow } from '../support/workflows';

let emulator: Emulator;
beforeAll(async () => {
	// CreateTime and the emulator's rate window read the node's clock: the settle wait need not pass in real time.
	emulator = await startEmulator({ seed: 12, now: clock.now });
});
afterAll(async () => {
	await emulator.stop();
	resetProcessState();
});
beforeEach(() => {
	resetProcessState({ clock: skippingClock() });
	emulator.reset();
	emulator.configure({ clockSkewMs: 0, internalErrorRate: 0, dropConnectionRate: 0, internalErrorAfterApplyRate: 0, dropAfterApply: false, faultActions: undefined });
});

type IfExists = 'createAnother' | 'returnExisting' | 'fail';

const calls = (action: string) => emulator.log.filter((entry) => entry.action === action);
const mirrorsNamed = (name: string) => emulator.mirrors().filter((mirror) => mirror.TrafficMirrorName === name);

/**
 * The node with n8n's Retry On Fail: three tries in all, 10 ms apart (n8n's engine waits between
 * tries in real time; what is tested is what a try remembers, not how long it waited).
 */
function withRetryOnFail(workflow: IWorkflowBase): IWorkflowBase {
	workflow.nodes[0] = { ...workflow.nodes[0], retryOnFail: true, maxTries: 3, waitBetweenTries: 10 };
	return workflow;
}

/** Three items that succeed and one that always fails at Tencent (a VPC that does not exist). */
const goodAndBadItems = (badFirst: boolean) => {
	const good = [1, 2, 3].map((n) => ({ json: { n, eni: `eni-emu0000${n}`, vpc: 'vpc-emu00001' } }));
	const bad = { json: { n: 9, eni: 'eni-emu00004', vpc: 'vpc-unknown1' } };
	return badFirst ? [bad, ...good] : [...good, bad];
};

const createWithVpcFromItem = (ifExists: IfExists) =>
	createParameters({ vpcId: { __rl: true, mode: 'id', value: '={{ $json.vpc }}' }, options: { ifExists } });

describe("n8n's Retry On Fail never repeats a finished item", () => {
	test.each<IfExists>(['createAnother', 'returnExisting', 'fail'])(
		'%s: the node fails three times on one bad item, and each good name still has exactly one mirror',
		async (ifExists) => {
			const run = await runWorkflow(withRetryOnFail(singleNodeWorkflow(createWithVpcFromItem(ifExists))), {
				credentials: emulatorCredentials(emulator),
				triggerItems: goodAndBadItems(false),
			});
			expect(run.error(NODE_NAME)?.message).toContain('vpc-unknown1');
			// The bad item was tried three times, so n8n did run the node three times.
			const badCreates = calls('CreateTrafficMirror').filter((entry) => (entry.body as { VpcId: string }).VpcId === 'vpc-unknown1');
			expect(badCreates).toHaveLength(3);
			for (const n of [1, 2, 3]) expect(mirrorsNamed(`mirror-${n}`)).toHaveLength(1);
			expect(calls('CreateTrafficMirror').filter((entry) => entry.code === 'Success')).toHaveLength(3);
		},
	);

	test.each<IfExists>(['createAnother', 'returnExisting', 'fail'])(
		'%s with Continue On Fail: n8n retries because the first item failed; the good items output their own mirrors, created once',
		async (ifExists) => {
			const run = await runWorkflow(
				withRetryOnFail(singleNodeWorkflow(createWithVpcFromItem(ifExists), 'continueRegularOutput' as OnError)),
				{ credentials: emulatorCredentials(emulator), triggerItems: goodAndBadItems(true) },
			);
			const output = run.output(NODE_NAME);
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
			expect(String(output[0].json.error)).toContain('vpc-unknown1');
			const badCreates = calls('CreateTrafficMirror').filter((entry) => (entry.body as { VpcId: string }).VpcId === 'vpc-unknown1');
			expect(badCreates).toHaveLength(3);
			for (const [index, n] of [1, 2, 3].entries()) {
				const [mirror, ...more] = mirrorsNamed(`mirror-${n}`);
				expect(more).toHaveLength(0);
				expect(output[index + 1].json.TrafficMirrorId).toBe(mirror.TrafficMirrorId);
			}
		},
	);

	test('a Delete retried by n8n does not fail on the mirror its first try deleted', async () => {
		const { TrafficMirror } = await ok(emulator.url, 'CreateTrafficMirror', {
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'to-delete',
			CollectorSrcs: ['eni-emu00001'],
			CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'], AlgHash: 'ENI' },
		});
		const run = await runWorkflow(
			withRetryOnFail(
				singleNodeWorkflow({
					resource: 'trafficMirror',
					operation: 'delete',
					region: 'ap-guangzhou',
					trafficMirrorId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				}),
			),
			{
				credentials: emulatorCredentials(emulator),
				triggerItems: [{ json: { id: TrafficMirror.TrafficMirrorId } }, { json: { id: 'imgf-zzzzzzzz' } }],
			},
		);
		// The unknown ID fails every try; the real one was deleted on the first and never sent again.
		expect(run.error(NODE_NAME)?.message).toContain('imgf-zzzzzzzz');
		const deletes = calls('DeleteTrafficMirror').map((entry) => [(entry.body as { TrafficMirrorId: string }).TrafficMirrorId, entry.code]);
		expect(deletes.filter(([id]) => id === TrafficMirror.TrafficMirrorId)).toEqual([[TrafficMirror.TrafficMirrorId, 'Success']]);
		expect(deletes.filter(([id]) => id === 'imgf-zzzzzzzz')).toHaveLength(3);
		expect(emulator.mirrors()).toHaveLength(0);
	});

	test('a new execution with the same input is not answered from memory', async () => {
		const parameters = createWithVpcFromItem('createAnother');
		const items = goodAndBadItems(false).slice(0, 1);
		await runWorkflow(singleNodeWorkflow(parameters), { credentials: emulatorCredentials(emulator), triggerItems: items });
		// Same items, new execution: createAnother means another mirror (its sources are taken, so Tencent refuses it).
		const second = await runWorkflow(singleNodeWorkflow(parameters, 'continueRegularOutput'), {
			credentials: emulatorCredentials(emulator),
			triggerItems: items,
		});
		expect(String(second.output(NODE_NAME)[0].json.error)).toContain('ObjectUseInTrafficMirror');
		expect(calls('CreateTrafficMirror')).toHaveLength(2);
	});
});

describe('returnExisting settles every answer it did not get', () => {
	test('30 % InternalError before applying, 10 % applied with the answer lost: 20 of 20 items end with their one mirror', async () => {
		emulator.configure({
			faultActions: ['CreateTrafficMirror'],
			internalErrorRate: 0.3,
			// Half of the lost answers as a dropped connection, half as InternalError after applying.
			dropConnectionRate: 0.05,
			dropAfterApply: true,
			internalErrorAfterApplyRate: 0.05,
		});
		const items = Array.from({ length: 20 }, (_, n) => ({ json: { n, eni: `eni-flt${String(n).padStart(5, '0')}` } }));
		const run = await runWorkflow(
			singleNodeWorkflow(
				createParameters({
					vpcId: { __rl: true, mode: 'id', value: 'vpc-emu00009' },
					collectorTarget: { targetType: 'IP', targetIps: '10.9.200.10', algHash: 'ENI' },
					options: { ifExists: 'returnExisting' },
				}),
				'continueRegularOutput',
			),
			{ credentials: emulatorCredentials(emulator), triggerItems: items },
		);
		const output = run.output(NODE_NAME);
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		for (const [n, item] of output.entries()) {
			const named = mirrorsNamed(`mirror-${n}`);
			expect(named).toHaveLength(1);
			expect(item.json.TrafficMirrorId).toBe(named[0].TrafficMirrorId);
		}
		expect(emulator.mirrors()).toHaveLength(20);
		// The faults really happened, each kind at least once.
		const faults = calls('CreateTrafficMirror').map((entry) => entry.fault);
		const count = (fault: string) => faults.filter((f) => f === fault).length;
		console.log(`fault mix: ${count('InternalError')} InternalError, ${count('dropAfterApply')} dropped after applying, ${count('internalErrorAfterApply')} InternalError after applying, ${faults.length} creates for 20 items`);
		expect(count('InternalError')).toBeGreaterThan(0);
		expect(count('dropAfterApply')).toBeGreaterThan(0);
		expect(count('internalErrorAfterApply')).toBeGreaterThan(0);
	}, 60_000);

	test('a refused create (InvalidParameterValue) is never tried again', async () => {
		const run = await runWorkflow(
			singleNodeWorkflow(createParameters({ collectorSrcs: 'eni-emu00005', options: { ifExists: 'returnExisting' } }), 'continueRegularOutput'),
			{ credentials: emulatorCredentials(emulator), triggerItems: [{ json: { n: 0 } }] },
		);
		expect(String(run.output(NODE_NAME)[0].json.error)).toContain('InvalidParameterValue.ObjectVpcNotCurrentVpc');
		expect(calls('CreateTrafficMirror')).toHaveLength(1);
	});
});

describe('one mirror per name across processes (returnExisting)', () => {
	// Another process creates while this node waits: these races need the settle wait in real time.
	beforeEach(() => resetProcessState());
	const createBody = (eni: string) => ({
		VpcId: 'vpc-emu00001',
		TrafficMirrorName: 'mirror-0',
		CollectorSrcs: [eni],
		CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'], AlgHash: 'ENI' },
	});
	/** Another process's create, while this node's lookup is still on its way back. */
	async function raceWithAnotherProcess(eni: string, secondsOlder: number) {
		emulator.failNext('DescribeTrafficMirrors', { latencyMs: 400 }, 1);
		const run = runWorkflow(
			singleNodeWorkflow(createParameters({ options: { ifExists: 'returnExisting' } }), 'continueRegularOutput'),
			{ credentials: emulatorCredentials(emulator), triggerItems: [{ json: { n: 0, eni: 'eni-emu00001' } }] },
		);
		await new Promise((resolve) => setTimeout(resolve, 150));
		emulator.configure({ clockSkewMs: -secondsOlder * 1000 });
		const other = await ok(emulator.url, 'CreateTrafficMirror', createBody(eni), {
			key: DEMO_KEY,
			timestamp: nowSeconds() - secondsOlder,
		});
		emulator.configure({ clockSkewMs: 0 });
		return { output: (await run).output(NODE_NAME), otherId: String(other.TrafficMirror.TrafficMirrorId) };
	}

	test('an older mirror of the name appears while creating: the item deletes its own and returns the older one', async () => {
		const { output, otherId } = await raceWithAnotherProcess('eni-emu00002', 10);
		expect(output[0].json.TrafficMirrorId).toBe(otherId);
		expect(mirrorsNamed('mirror-0').map((mirror) => mirror.TrafficMirrorId)).toEqual([otherId]);
		const [ownCreate] = calls('CreateTrafficMirror').filter((entry) => entry.code === 'Success' && (entry.body as { CollectorSrcs: string[] }).CollectorSrcs[0] === 'eni-emu00001');
		expect(ownCreate).toBeDefined();
		expect(calls('DeleteTrafficMirror').map((entry) => entry.code)).toEqual(['Success']);
	});

	test('a newer mirror of the name appears: the item keeps its own, which is the one the other process keeps too', async () => {
		const run = runWorkflow(
			singleNodeWorkflow(createParameters({ options: { ifExists: 'returnExisting' } }), 'continueRegularOutput'),
			{ credentials: emulatorCredentials(emulator), triggerItems: [{ json: { n: 0, eni: 'eni-emu00001' } }] },
		);
		// While the node waits to list again, another process creates the name a few seconds later.
		await new Promise((resolve) => setTimeout(resolve, 300));
		emulator.configure({ clockSkewMs: 5000 });
		const other = await ok(emulator.url, 'CreateTrafficMirror', createBody('eni-emu00002'), { key: DEMO_KEY, timestamp: nowSeconds() + 5 });
		emulator.configure({ clockSkewMs: 0 });
		const output = (await run).output(NODE_NAME);
		const own = mirrorsNamed('mirror-0').find((mirror) => mirror.TrafficMirrorId !== other.TrafficMirror.TrafficMirrorId);
		expect(output[0].json.TrafficMirrorId).toBe(own?.TrafficMirrorId);
		expect(calls('DeleteTrafficMirror')).toHaveLength(0);
	});

	test('an older mirror of the name that becomes visible just after the create answered is still seen: the item waits before it lists', async () => {
		const run = runWorkflow(
			singleNodeWorkflow(createParameters({ options: { ifExists: 'returnExisting' } }), 'continueRegularOutput'),
			{ credentials: emulatorCredentials(emulator), triggerItems: [{ json: { n: 0, eni: 'eni-emu00001' } }] },
		);
		// 300 ms after this node's create was answered, another process's older create shows up.
		const ownCreated = () => calls('CreateTrafficMirror').some((entry) => entry.code === 'Success');
		for (let waited = 0; !ownCreated() && waited < 5000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
		await new Promise((resolve) => setTimeout(resolve, 300));
		emulator.configure({ clockSkewMs: -10_000 });
		const other = await ok(emulator.url, 'CreateTrafficMirror', createBody('eni-emu00002'), { key: DEMO_KEY, timestamp: nowSeconds() - 10 });
		emulator.configure({ clockSkewMs: 0 });
		const output = (await run).output(NODE_NAME);
		expect(output[0].json.TrafficMirrorId).toBe(other.TrafficMirror.TrafficMirrorId);
		expect(mirrorsNamed('mirror-0').map((mirror) => mirror.TrafficMirrorId)).toEqual([other.TrafficMirror.TrafficMirrorId]);
	});

	test('the same alert on another process first (same sources): Tencent refuses ours, and the item returns theirs', async () => {
		const { output, otherId } = await raceWithAnotherProcess('eni-emu00001', 0);
		expect(output[0].json.error).toBeUndefined();
		expect(output[0].json.TrafficMirrorId).toBe(otherId);
		expect(calls('CreateTrafficMirror').map((entry) => entry.code)).toContain('InvalidParameterValue.ObjectUseInTrafficMirror');
		expect(mirrorsNamed('mirror-0')).toHaveLength(1);
	});
});

describe('returnExisting lookups of items in flight share calls', () => {
	const fleetItem = (n: number, name = `mirror-${n}`) => ({ json: { n, name, eni: `eni-flt${String(n).padStart(5, '0')}` } });
	const fleetCreate = (ifExists: IfExists) =>
		createParameters({
			vpcId: { __rl: true, mode: 'id', value: 'vpc-emu00009' },
			trafficMirrorName: '={{ $json.name }}',
			collectorTarget: { targetType: 'IP', targetIps: '10.9.200.10', algHash: 'ENI' },
			options: { ifExists },
		});
	const run = async (ifExists: IfExists, items: INodeExecutionData[]) =>
		await runWorkflow(singleNodeWorkflow(fleetCreate(ifExists), 'continueRegularOutput'), {
			credentials: emulatorCredentials(emulator),
			triggerItems: items,
		});
	type DescribeBody = { Offset: number; Filters: { Name: string; Values: string[] } };
	const describeBodies = () => calls('DescribeTrafficMirrors').map((entry) => entry.body as DescribeBody);

	test('20 new names: several names to a call, at most 5, each name looked up before and after its create, and each item gets its own mirror', async () => {
		// Lookups gather over time, and a skipping clock would move it past every gather: real time here.
		resetProcessState();
		const items = Array.from({ length: 20 }, (_, n) => fleetItem(n));
		const output = (await run('returnExisting', items)).output(NODE_NAME);

		for (const [n, item] of output.entries()) {
			const named = mirrorsNamed(`mirror-${n}`);
			expect(named).toHaveLength(1);
			expect(item.json.TrafficMirrorId).toBe(named[0].TrafficMirrorId);
		}
		// "mirror-1" loosely matches mirror-10 … mirror-19: had an item taken another name's mirror
		// as an older one of its own, it would have deleted its own.
		expect(calls('DeleteTrafficMirror')).toHaveLength(0);

		const bodies = describeBodies();
		expect(bodies.every((body) => body.Filters.Name === 'traffic-mirror-name' && body.Filters.Values.length <= 5)).toBe(true);
		const firstPages = bodies.filter((body) => body.Offset === 0);
		for (const item of items) {
			expect(firstPages.filter((body) => body.Filters.Values.includes(item.json.name))).toHaveLength(2);
		}
		// One call per lookup would be 40.
		console.log(`20 creates, ${bodies.length} DescribeTrafficMirrors calls: ${firstPages.map((body) => body.Filters.Values.length).join(', ')} names`);
		expect(bodies.length).toBeLessThanOrEqual(14);
	});

	test('half the names exist: those items return the existing mirror and create nothing, the others create theirs once', async () => {
		const items = Array.from({ length: 20 }, (_, n) => fleetItem(n));
		const existing = (await run('createAnother', items.filter((_, n) => n % 2 === 0))).output(NODE_NAME);
		const existingIds = new Map(existing.map((item) => [item.json.TrafficMirrorName, item.json.TrafficMirrorId]));
		emulator.log.length = 0;

		const output = (await run('returnExisting', items)).output(NODE_NAME);
		expect(calls('CreateTrafficMirror').map((entry) => (entry.body as { TrafficMirrorName: string }).TrafficMirrorName).sort()).toEqual(
			items.filter((_, n) => n % 2 === 1).map((item) => item.json.name).sort(),
		);
		for (const [n, item] of output.entries()) {
			const named = mirrorsNamed(`mirror-${n}`);
			expect(named).toHaveLength(1);
			expect(item.json.TrafficMirrorId).toBe(named[0].TrafficMirrorId);
			if (n % 2 === 0) expect(item.json.TrafficMirrorId).toBe(existingIds.get(`mirror-${n}`));
		}
		expect(calls('DeleteTrafficMirror')).toHaveLength(0);
		expect(describeBodies().every((body) => body.Filters.Values.length <= 5)).toBe(true);
	});

	test('a shared lookup reads every page: a name that Tencent answers on the second page is still found', async () => {
		// 120 mirrors named x-0 … x-119, then one named "x": the loose filter on "x" answers all 121,
		// and "x" comes last, on the second page of 100.
		await run('createAnother', Array.from({ length: 120 }, (_, n) => fleetItem(n, `x-${n}`)));
		const [x] = (await run('createAnother', [fleetItem(120, 'x')])).output(NODE_NAME);
		emulator.log.length = 0;

		const output = (await run('returnExisting', [fleetItem(200, 'x'), fleetItem(201, 'x-5'), fleetItem(202, 'x-new')])).output(NODE_NAME);
		expect(output[0].json.TrafficMirrorId).toBe(x.json.TrafficMirrorId);
		expect(output[1].json.TrafficMirrorId).toBe(mirrorsNamed('x-5')[0].TrafficMirrorId);
		expect(output[2].json.TrafficMirrorId).toBe(mirrorsNamed('x-new')[0].TrafficMirrorId);
		expect(calls('CreateTrafficMirror').map((entry) => (entry.body as { TrafficMirrorName: string }).TrafficMirrorName)).toEqual(['x-new']);
		expect(describeBodies().some((body) => body.Offset === 100 && body.Filters.Values.includes('x'))).toBe(true);
	});
});
