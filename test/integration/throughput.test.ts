import type { Emulator } from '../../emulator';
import { startEmulator } from '../../emulator';
import { runWorkflow } from '../../harness/runWorkflow';
import { MAX_THROTTLE_RETRIES } from '../../nodes/TencentCloudVpc/helpers/retryPolicy';
import { createParameters, emulatorCredentials, NODE_NAME, singleNodeWorkflow } from '../support/workflows';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ rateLimit: 20 });
});
afterAll(async () => {
	await emulator.stop();
});
beforeEach(() => {
	emulator.reset();
	emulator.configure({ latencyMs: 0 });
});

const fleetItems = (count: number) =>
	Array.from({ length: count }, (_, n) => ({ json: { n, eni: `eni-flt${String(n).padStart(5, '0')}` } }));
const fleetParameters = (options = {}) =>
	createParameters({
		vpcId: { __rl: true, mode: 'id', value: 'vpc-emu00009' },
		collectorTarget: { targetType: 'IP', targetIps: '10.9.200.10', algHash: 'ENI' },
		options,
	});
const createAnswers = () => emulator.log.filter((entry) => entry.action === 'CreateTrafficMirror');

describe('throughput at Tencent\'s 20 requests per second', () => {
	test('more items than the limit allows in a second all succeed, in order and paired, none throttled to the user', async () => {
		const items = fleetItems(45);
		const result = await runWorkflow(singleNodeWorkflow(fleetParameters()), {
			credentials: emulatorCredentials(emulator),
			triggerItems: items,
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		const output = result.output(NODE_NAME);
		expect(output.map((item) => [item.json.TrafficMirrorName, item.pairedItem])).toEqual(
			items.map((_, n) => [`mirror-${n}`, { item: n }]),
		);
		expect(output.every((item) => /^imgf-/.test(String(item.json.TrafficMirrorId)))).toBe(true);
		expect(emulator.mirrors()).toHaveLength(45);
	});

	test('order and pairing hold when answers come back out of order', async () => {
		let call = 0;
		// Every third answer is slow, so later items finish before earlier ones.
		emulator.configure({ latencyMs: () => (call++ % 3 === 0 ? 60 : 0) });
		const items = fleetItems(15);
		const result = await runWorkflow(singleNodeWorkflow(fleetParameters({ maxConcurrency: 5 })), {
			credentials: emulatorCredentials(emulator),
			triggerItems: items,
		});
		const sentOrder = createAnswers().map((entry) => (entry.body as { TrafficMirrorName: string }).TrafficMirrorName);
		const output = result.output(NODE_NAME);
		expect(output.map((item) => item.json.TrafficMirrorName)).toEqual(items.map((_, n) => `mirror-${n}`));
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, n) => ({ item: n })));
		// The emulator logs on answer; had the calls been one by one, that order would match.
		expect(sentOrder).not.toEqual(items.map((_, n) => `mirror-${n}`));
	});

	test('a throttled create is retried and then succeeds once', async () => {
		emulator.failNext('CreateTrafficMirror', 'RequestLimitExceeded', 2);
		const result = await runWorkflow(singleNodeWorkflow(fleetParameters()), {
			credentials: emulatorCredentials(emulator),
			triggerItems: fleetItems(1),
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(createAnswers().map((entry) => entry.code)).toEqual(['RequestLimitExceeded', 'RequestLimitExceeded', 'Success']);
		expect(emulator.mirrors()).toHaveLength(1);
	});

	test(`throttling retries stop after ${MAX_THROTTLE_RETRIES} and the error reaches the user`, async () => {
		emulator.failNext('CreateTrafficMirror', 'RequestLimitExceeded', 100);
		const result = await runWorkflow(singleNodeWorkflow(fleetParameters()), {
			credentials: emulatorCredentials(emulator),
			triggerItems: fleetItems(1),
		});
		expect(result.error(NODE_NAME)?.message).toContain('RequestLimitExceeded');
		expect(createAnswers()).toHaveLength(1 + MAX_THROTTLE_RETRIES);
		expect(emulator.mirrors()).toHaveLength(0);
	});

	test('InternalError is not retried for create: one call, one error', async () => {
		emulator.failNext('CreateTrafficMirror', 'InternalError', 1);
		const result = await runWorkflow(singleNodeWorkflow(fleetParameters()), {
			credentials: emulatorCredentials(emulator),
			triggerItems: fleetItems(1),
		});
		expect(result.error(NODE_NAME)?.message).toContain('InternalError');
		expect(createAnswers()).toHaveLength(1);
	});
});
