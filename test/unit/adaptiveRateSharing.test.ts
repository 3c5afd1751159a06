import { achievedRate, recoveryTime } from '../../dev/bench/benchStats';
import { simulateSharedKey, type SharedKeyResult } from '../support/sharedKeySimulation';

// The real AdaptiveRateLimiter of several simulated processes against one simulated Tencent
// (20 requests in any second per key and action, 100 ms latency): exact, and fast.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const throttledPart = (result: { accepted: number; throttled: number }) => result.throttled / (result.accepted + result.throttled);

/** A minute of sharing: the key near the limit, few calls throttled, and a third each, give or take (a quarter to 42 %). */
function expectFairMinute(result: SharedKeyResult) {
	const shares = result.acceptedPerSecond.map((process) => process.reduce((sum, n) => sum + n, 0) / result.accepted);
	expect(result.accepted / 60).toBeGreaterThan(0.9 * 20);
	expect(throttledPart(result)).toBeLessThan(0.1);
	for (const share of shares) expect(share).toBeGreaterThan(0.25);
	for (const share of shares) expect(share).toBeLessThan(0.42);
}

describe('processes sharing one key, each with its own limiter', () => {
	test('three with 100 items each, as in the benchmark: every item accepted, under 10 % of calls throttled, the aggregate near the limit', async () => {
		const aggregates: number[] = [];
		for (const seed of SEEDS) {
			const result = await simulateSharedKey({ processes: 3, seconds: 60, latencyMs: 100, itemsPerProcess: 100, seed });
			expect(result.accepted).toBe(300);
			expect(throttledPart(result)).toBeLessThan(0.1);
			aggregates.push(achievedRate(result.acceptedAt) / 20);
		}
		// Which process Tencent throttles is luck, and the last to finish runs alone for a while:
		// single runs vary (0.77 to 0.93 with these seeds); the mean is the design's.
		expect(aggregates.reduce((sum, x) => sum + x, 0) / aggregates.length).toBeGreaterThan(0.85);
	});

	test('three for a minute converge on a fair share near the limit, with few throttled calls', async () => {
		expectFairMinute(await simulateSharedKey({ processes: 3, seconds: 60, latencyMs: 100 }));
	});

	test('a worker three times as far from Tencent as the others still gets a fair share over a minute', async () => {
		// 100 ms more each way: it learns of each throttle later and keeps more calls in flight.
		for (const seed of SEEDS) {
			expectFairMinute(await simulateSharedKey({ processes: 3, seconds: 60, latencyMs: 100, extraDelayMs: [0, 100, 0], seed }));
		}
	});

	test('when one of three stops, the other two are back at 90 % of the limit within 10 s', async () => {
		for (const seed of SEEDS) {
			const result = await simulateSharedKey({ processes: 3, seconds: 30, latencyMs: 100, stopsAt: [undefined, undefined, 10], seed });
			expect(recoveryTime(result.acceptedAt, 10_000, 0.9 * 20)).toBeLessThanOrEqual(10);
		}
	});

	test('alone on the key, a process keeps the full pace and is never throttled', async () => {
		const result = await simulateSharedKey({ processes: 1, seconds: 10, latencyMs: 100 });
		expect(result.throttled).toBe(0);
		expect(result.accepted / 10).toBeGreaterThanOrEqual(0.95 * 20);
	});
});
