import { simulateSharedKey } from '../support/sharedKeySimulation';

// The real AdaptiveRateLimiter of several simulated processes against one simulated Tencent
// (20 requests in any second per key and action, 100 ms latency): exact, and fast.
const perSecond = (result: { acceptedPerSecond: number[][] }) =>
	result.acceptedPerSecond[0].map((_, second) => result.acceptedPerSecond.reduce((sum, process) => sum + process[second], 0));

describe('processes sharing one key, each with its own limiter', () => {
	test('three converge on a fair share near the limit, with few throttled calls', async () => {
		const result = await simulateSharedKey({ processes: 3, seconds: 60, latencyMs: 100 });
		const shares = result.acceptedPerSecond.map((process) => process.reduce((sum, n) => sum + n, 0) / result.accepted);
		expect(result.accepted / 60).toBeGreaterThan(0.9 * 20);
		expect(result.throttled / (result.accepted + result.throttled)).toBeLessThan(0.11);
		// Fair: a third each, give or take; nobody below a quarter or above 42 %.
		for (const share of shares) expect(share).toBeGreaterThan(0.25);
		for (const share of shares) expect(share).toBeLessThan(0.42);
	});

	test('when one of three stops, the other two climb back to 90 % of the limit within 10 s', async () => {
		const result = await simulateSharedKey({ processes: 3, seconds: 30, latencyMs: 100, stopsAt: [undefined, undefined, 10] });
		const aggregate = perSecond(result);
		const recovered = aggregate.findIndex((_, second) => second >= 10 && aggregate.slice(second, second + 3).every((n) => n >= 18));
		expect(recovered).toBeGreaterThanOrEqual(10);
		expect(recovered).toBeLessThanOrEqual(20);
	});

	test('alone on the key, a process keeps the full pace and is never throttled', async () => {
		const result = await simulateSharedKey({ processes: 1, seconds: 10, latencyMs: 100 });
		expect(result.throttled).toBe(0);
		expect(result.accepted / 10).toBeGreaterThanOrEqual(0.95 * 20);
	});
});
