import type { Emulator } from '../../dev/emulator';
import { startEmulator } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { clock, resetProcessState } from '../../nodes/TencentCloudVpc/processState';
import { skippingClock } from '../support/skippingClock';
import { createParameters, emulatorCredentials, NODE_NAME, singleNodeWorkflow } from '../support/workflows';

let emulator: Emulator;

beforeAll(async () => {
	// The emulator's rate window reads the node's clock, so pacing and backoff need not pass in real time.
	emulator = await startEmulator({ rateLimit: 20, now: clock.now });
});
afterAll(async () => {
	await emulator.stop();
	resetProcessState();
});
beforeEach(() => {
	// Each test starts unthrottled: what the limiter learnt in one must not slow the next.
	resetProcessState({ clock: skippingClock() });
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

	test('a far region is sent at the limit from the first second: the run does not wait for its first answers to size itself', async () => {
		// Real time: what is tested is that calls leave while the first answers are still on their way.
		resetProcessState();
		emulator.configure({ latencyMs: 2000 });
		const result = await runWorkflow(singleNodeWorkflow(fleetParameters()), {
			credentials: emulatorCredentials(emulator),
			triggerItems: fleetItems(25),
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		const arrivals = createAnswers()
			.map((entry) => entry.time)
			.sort((a, b) => a - b);
		// Paced at 20/s, 20 calls take a second; had the run waited for the 2 s answers before
		// sending more than its first few, the 20th would have left more than 2 s after the first.
		expect(arrivals[19] - arrivals[0]).toBeLessThan(1500);
		expect(emulator.mirrors()).toHaveLength(25);
	}, 20_000);

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

	test('throttling is retried for as long as the item\'s timeout allows, then the item fails saying so', async () => {
		emulator.failNext('CreateTrafficMirror', 'RequestLimitExceeded', 1000);
		const started = clock.now();
		const result = await runWorkflow(singleNodeWorkflow(fleetParameters({ timeout: 6 })), {
			credentials: emulatorCredentials(emulator),
			triggerItems: fleetItems(1),
		});
		const elapsed = clock.now() - started;
		const message = result.error(NODE_NAME)?.message ?? '';
		expect(message).toContain('kept throttling CreateTrafficMirror (RequestLimitExceeded) for 6 s');
		expect(message).toMatch(/time ran out/);
		// Retried for as long as the item's 6 s allow, not a fixed number of times, and stopped within them.
		expect(createAnswers().length).toBeGreaterThan(6);
		expect(createAnswers().every((entry) => entry.code === 'RequestLimitExceeded')).toBe(true);
		expect(elapsed).toBeGreaterThan(4000);
		expect(elapsed).toBeLessThan(9000);
		expect(emulator.mirrors()).toHaveLength(0);
	});

	test('a throttled key slows down: after a cut the next calls are spaced wider than 20/s', async () => {
		// Three throttling answers in a row, then the way is free.
		emulator.failNext('CreateTrafficMirror', 'RequestLimitExceeded', 3);
		const result = await runWorkflow(singleNodeWorkflow(fleetParameters()), {
			credentials: emulatorCredentials(emulator),
			triggerItems: fleetItems(12),
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(emulator.mirrors()).toHaveLength(12);
		const calls = createAnswers().map((entry) => entry.time);
		const gaps = calls.slice(1).map((time, i) => time - calls[i]);
		// Throttled in its first second, before Tencent accepted any of its calls, the key takes that
		// share: it drops to the floor rate (0.5/s, a call every 2 s), then climbs back along the cubic
		// curve. 20/s paces calls 52 ms apart; a cut to 93 % or 70 % of the rate keeps every gap, retry
		// backoff included, well under a second.
		expect(Math.max(...gaps)).toBeGreaterThan(1500);
		expect(gaps[gaps.length - 1]).toBeLessThan(Math.max(...gaps) / 2);
	});

	test('a Describe that fails with InternalError is retried: it changes nothing', async () => {
		emulator.failNext('DescribeTrafficMirrors', 'InternalError', 2);
		const result = await runWorkflow(singleNodeWorkflow(fleetParameters({ ifExists: 'fail' })), {
			credentials: emulatorCredentials(emulator),
			triggerItems: fleetItems(1),
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(emulator.log.filter((entry) => entry.action === 'DescribeTrafficMirrors').map((entry) => entry.code)).toEqual([
			'InternalError',
			'InternalError',
			'Success',
		]);
		expect(emulator.mirrors()).toHaveLength(1);
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
