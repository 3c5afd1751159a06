import type { Emulator, ForcedFault } from '../../dev/emulator';
import { startEmulator } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { createParameters, emulatorCredentials, NODE_NAME, singleNodeWorkflow } from '../support/workflows';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.stop();
});
beforeEach(() => {
	emulator.reset();
	emulator.configure({ clockSkewMs: 0 });
});

type IfExists = 'createAnother' | 'returnExisting' | 'fail';
const items = [
	{ json: { n: 0, eni: 'eni-emu00001' } },
	{ json: { n: 1, eni: 'eni-emu00002' } },
];
const run = async (ifExists: IfExists, extraItems = items) =>
	await runWorkflow(
		singleNodeWorkflow(createParameters({ options: { ifExists, timeout: 1 } }), 'continueRegularOutput'),
		{ credentials: emulatorCredentials(emulator), triggerItems: extraItems },
	);
const creates = () => emulator.log.filter((entry) => entry.action === 'CreateTrafficMirror');
/** A slow answer outlives the client's timeout; wait for it so it cannot land in the next test. */
async function settled(expectedCreates: number) {
	for (let waited = 0; creates().length < expectedCreates && waited < 5000; waited += 50) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
const mirrorsNamed = (name: string) => emulator.mirrors().filter((mirror) => mirror.TrafficMirrorName === name);

// The first create answer suffers the fault; item 1 is a healthy control.
const FAULTS: Array<[string, ForcedFault, { applied: boolean; createAnother: RegExp }]> = [
	['an answer slower than the timeout', { latencyMs: 2500 }, { applied: true, createAnother: /timeout of 1000ms exceeded/ }],
	['InternalError', 'InternalError', { applied: false, createAnother: /InternalError/ }],
	['ServiceUnavailable', 'ServiceUnavailable', { applied: false, createAnother: /ServiceUnavailable/ }],
	['a connection dropped before Tencent applied the create', 'drop', { applied: false, createAnother: /socket hang up|ECONNRESET/ }],
	['a connection dropped after Tencent applied the create', 'dropAfterApply', { applied: true, createAnother: /socket hang up|ECONNRESET/ }],
	['InternalError after Tencent applied the create', 'internalErrorAfterApply', { applied: true, createAnother: /InternalError/ }],
];

describe.each(FAULTS)('%s', (_fault, fault, expected) => {
	test('createAnother: the item gets an error, nothing is retried, no mirror is made twice', async () => {
		emulator.failNext('CreateTrafficMirror', fault, 1);
		const output = (await run('createAnother')).output(NODE_NAME);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const failed = output.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(1);
		expect(String(failed[0].json.error)).toMatch(expected.createAnother);
		await settled(2);
		expect(creates()).toHaveLength(2);
		expect(emulator.mirrors()).toHaveLength(expected.applied ? 2 : 1);
	});

	test(`returnExisting: a lookup settles what happened, ${expected.applied ? 'finds the mirror' : 'creates again'}; each item ends with its one mirror`, async () => {
		emulator.failNext('CreateTrafficMirror', fault, 1);
		const output = (await run('returnExisting')).output(NODE_NAME);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		await settled(2);
		// Applied: the lookup finds it, no second create. Not applied: created once more.
		expect(creates()).toHaveLength(expected.applied ? 2 : 3);
		expect(output.map((item) => item.json.error)).toEqual([undefined, undefined]);
		for (const [n, item] of output.entries()) {
			const named = mirrorsNamed(`mirror-${n}`);
			expect(named).toHaveLength(1);
			expect(item.json.TrafficMirrorId).toBe(named[0].TrafficMirrorId);
		}
		expect(emulator.mirrors()).toHaveLength(2);
	});
});

describe('a clock more than five minutes off', () => {
	test('every item gets the signature-expired error and nothing is created', async () => {
		emulator.configure({ clockSkewMs: 400_000 });
		const output = (await run('createAnother')).output(NODE_NAME);
		expect(output).toHaveLength(2);
		for (const item of output) expect(String(item.json.error)).toContain('AuthFailure.SignatureExpire');
		expect(emulator.mirrors()).toHaveLength(0);
	});
});

describe('If a Mirror With This Name Exists', () => {
	test('returnExisting returns the mirror a previous run created, without creating', async () => {
		const first = (await run('returnExisting', items.slice(0, 1))).output(NODE_NAME)[0];
		emulator.log.length = 0;
		const second = (await run('returnExisting', items.slice(0, 1))).output(NODE_NAME)[0];
		expect(second.json.TrafficMirrorId).toBe(first.json.TrafficMirrorId);
		expect(creates()).toHaveLength(0);
		expect(emulator.mirrors()).toHaveLength(1);
	});

	test('fail stops the item with an error naming the existing mirror', async () => {
		const first = (await run('createAnother', items.slice(0, 1))).output(NODE_NAME)[0];
		const [failed] = (await run('fail', items.slice(0, 1))).output(NODE_NAME);
		expect(failed.json.error).toBe(
			`Item 0: VPC vpc-emu00001 already has a traffic mirror named "mirror-0" (${String(first.json.TrafficMirrorId)})`,
		);
		expect(emulator.mirrors()).toHaveLength(1);
	});

	test('two items with one name in one run make one mirror with returnExisting, even concurrently', async () => {
		const twins = [
			{ json: { n: 7, eni: 'eni-emu00001' } },
			{ json: { n: 7, eni: 'eni-emu00001' } },
		];
		const output = (await run('returnExisting', twins)).output(NODE_NAME);
		expect(output.map((item) => item.json.TrafficMirrorId)).toEqual([output[0].json.TrafficMirrorId, output[0].json.TrafficMirrorId]);
		expect(output[0].json.TrafficMirrorId).toMatch(/^imgf-/);
		expect(mirrorsNamed('mirror-7')).toHaveLength(1);
	});

	test('the name lookup pages through more than 100 mirrors and matches name and VPC exactly', async () => {
		// 120 mirrors whose names contain "mirror-5" (the emulator's name filter is fuzzy), none equal to it.
		const fleet = Array.from({ length: 120 }, (_, n) => ({ json: { n: `5-${n}`, eni: `eni-flt${String(n).padStart(5, '0')}` } }));
		emulator.configure({ rateLimit: 0 });
		await runWorkflow(
			singleNodeWorkflow(
				createParameters({
					vpcId: { __rl: true, mode: 'id', value: 'vpc-emu00009' },
					collectorTarget: { targetIps: '10.9.200.10' },
					options: { rateLimit: 0 },
				}),
			),
			{ credentials: emulatorCredentials(emulator), triggerItems: fleet },
		);
		emulator.configure({ rateLimit: 20 });
		emulator.log.length = 0;
		const [item] = (await run('returnExisting', [{ json: { n: 5, eni: 'eni-emu00001' } }])).output(NODE_NAME);
		expect(item.json.TrafficMirrorName).toBe('mirror-5');
		const describes = emulator.log.filter((entry) => entry.action === 'DescribeTrafficMirrors');
		// The lookup before creating, then the one after it that checks no other process made one too.
		expect(describes.map((entry) => (entry.body as { Offset: number }).Offset)).toEqual([0, 100, 0, 100]);
		expect(creates()).toHaveLength(1);
	});
});
