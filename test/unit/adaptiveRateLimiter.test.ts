import {
	AdaptiveRateLimiter,
	concurrencyForItems,
	concurrencyForRate,
	CUBIC_GROWTH,
	DECREASE,
	LatencyTracker,
	MIN_RATE,
	RETURN_SECONDS,
} from '../../nodes/TencentCloudVpc/processState/adaptiveRateLimiter';

/** A clock that only moves when someone waits on it, so the test measures logic, not timing. */
function fakeClock() {
	let now = 0;
	const sleepers: Array<{ until: number; wake: () => void }> = [];
	return {
		now: () => now,
		skip: (ms: number) => void (now += ms),
		wait: async (ms: number) => await new Promise<void>((wake) => sleepers.push({ until: now + Math.max(0, ms), wake })),
		/** Advance to the next sleeper's time and wake everyone due. */
		async advance(): Promise<boolean> {
			if (!sleepers.length) return false;
			sleepers.sort((a, b) => a.until - b.until);
			now = Math.max(now, sleepers[0].until);
			for (const sleeper of sleepers.splice(0).filter((s) => (s.until <= now ? (s.wake(), false) : true))) {
				sleepers.push(sleeper);
			}
			await new Promise((resolve) => setImmediate(resolve));
			return true;
		},
	};
}

const WINDOW = 1000;

function maxInAnyWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let max = 0;
	for (let start = 0, end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= windowMs) start++;
		max = Math.max(max, end - start + 1);
	}
	return max;
}

async function grantAll(limiter: AdaptiveRateLimiter, clock: ReturnType<typeof fakeClock>, requests: Array<{ key: string; limit: number }>) {
	const grants: Array<{ key: string; time: number }> = [];
	const pending = requests.map(({ key, limit }) =>
		limiter.acquire(key, limit).then(() => grants.push({ key, time: clock.now() })),
	);
	let settled = false;
	void Promise.all(pending).then(() => (settled = true));
	await new Promise((resolve) => setImmediate(resolve));
	while (!settled && (await clock.advance()));
	await Promise.all(pending);
	return grants;
}

/**
 * A process with more items than its rate: callers always wait on key 'k' (limit 20) until
 * `untilMs`, and Tencent accepts the calls `accepts` picks (by their order).
 */
async function sendWhileWaiting(limiter: AdaptiveRateLimiter, clock: ReturnType<typeof fakeClock>, untilMs: number, accepts: (index: number) => boolean) {
	let sent = 0;
	const caller = async () => {
		for (;;) {
			await limiter.acquire('k', 20);
			if (accepts(sent++)) limiter.onAccepted('k');
		}
	};
	for (let i = 0; i < 5; i++) void caller();
	await new Promise((resolve) => setImmediate(resolve));
	while (clock.now() < untilMs && (await clock.advance()));
}

describe('AdaptiveRateLimiter pacing', () => {
	test('never grants more than the limit in any one-second window', async () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		const grants = await grantAll(limiter, clock, Array.from({ length: 250 }, () => ({ key: 'AKID\0CreateTrafficMirror', limit: 20 })));
		expect(grants).toHaveLength(250);
		expect(maxInAnyWindow(grants.map((g) => g.time), WINDOW)).toBe(20);
		// Paced, not bursty, and never idle: one grant every 50 ms.
		expect(grants.map((g) => g.time)).toEqual(Array.from({ length: 250 }, (_, i) => i * 50));
	});

	test('keeps separate budgets per key (SecretId and action)', async () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		const keys = ['A\0Create', 'A\0Describe', 'B\0Create'];
		const grants = await grantAll(limiter, clock, keys.flatMap((key) => Array.from({ length: 20 }, () => ({ key, limit: 20 }))));
		for (const key of keys) {
			expect(grants.filter((grant) => grant.key === key).map((grant) => grant.time)).toEqual(
				Array.from({ length: 20 }, (_, i) => i * 50),
			);
		}
	});

	test('a caller arriving after a quiet spell goes at once', async () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		await grantAll(limiter, clock, [{ key: 'k', limit: 20 }]);
		clock.skip(5000);
		const grants = await grantAll(limiter, clock, [{ key: 'k', limit: 20 }, { key: 'k', limit: 20 }]);
		expect(grants.map((grant) => grant.time)).toEqual([5000, 5050]);
	});

	test('a lower limit is honoured', async () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		const grants = await grantAll(limiter, clock, Array.from({ length: 30 }, () => ({ key: 'k', limit: 5 })));
		expect(maxInAnyWindow(grants.map((g) => g.time), WINDOW)).toBe(5);
	});

	test('limit 0 means no limit', async () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		const grants = await grantAll(limiter, clock, Array.from({ length: 100 }, () => ({ key: 'k', limit: 0 })));
		expect(grants.every((grant) => grant.time === 0)).toBe(true);
	});
});

describe('AdaptiveRateLimiter adapting to throttling', () => {
	test('a throttling answer cuts the rate, once for all requests sent before the cut', () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		limiter.onThrottled('k', 0); // unknown key: nothing to slow down
		void limiter.acquire('k', 20);
		clock.skip(100);
		limiter.onThrottled('k', 0);
		expect(limiter.currentRate('k')).toBeCloseTo(20 * DECREASE, 5);
		// Three more answers to requests granted before the cut: still one cut.
		limiter.onThrottled('k', 0);
		limiter.onThrottled('k', 50);
		limiter.onThrottled('k', 99);
		expect(limiter.currentRate('k')).toBeCloseTo(20 * DECREASE, 5);
		// A request granted after the cut and throttled too cuts again.
		clock.skip(10);
		limiter.onThrottled('k', 105);
		expect(limiter.currentRate('k')).toBeLessThan(20 * DECREASE * DECREASE + 0.05);
	});

	test.each([
		// Two seconds at 20/s of which Tencent accepted one call in three: 20 grants in the last
		// second, 7 of them accepted (answers older than a second do not count).
		['throttled at the ceiling while others share the key, it cuts to the share Tencent gave it in the last second', 2000, (index: number) => index % 3 === 0, 7],
		// 400 ms, all accepted: 9 calls, which alone or shared look the same so early.
		['in its first second a key cannot tell sharing from jitter: it takes the share it got', 400, () => true, 9],
	])('%s', async (_, untilMs, accepts, share) => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		await sendWhileWaiting(limiter, clock, untilMs, accepts);
		limiter.onThrottled('k', clock.now());
		expect(limiter.currentRate('k')).toBe(share);
	});

	test('alone at the ceiling (most of the last second accepted), a throttle is jitter: back at the ceiling in two seconds, fast, then flat', async () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		await sendWhileWaiting(limiter, clock, 2000, () => true);
		const throttledAt = clock.now();
		limiter.onThrottled('k', throttledAt);
		const rateAt = (seconds: number) => {
			clock.skip(throttledAt + seconds * 1000 - clock.now());
			return limiter.currentRate('k');
		};
		const curve = [0, 0.5, 1, 1.5, RETURN_SECONDS, 3].map(rateAt);
		expect(curve[0]).toBeCloseTo(20 * DECREASE, 5);
		for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeGreaterThan(curve[i - 1] - 1e-9);
		expect(curve[1] - curve[0]).toBeGreaterThan(curve[3] - curve[2]);
		expect(curve[4]).toBe(20);
		expect(curve[5]).toBe(20);
	});

	test('below the ceiling a throttle cuts by DECREASE; the rate then grows by CUBIC_GROWTH × t³: slowly near the cut, fast after a few quiet seconds', async () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		await sendWhileWaiting(limiter, clock, 2000, (index) => index % 2 === 0);
		limiter.onThrottled('k', clock.now());
		expect(limiter.currentRate('k')).toBe(10);
		clock.skip(500);
		limiter.onThrottled('k', clock.now());
		const cutTo = (10 + CUBIC_GROWTH * 0.5 ** 3) * DECREASE;
		expect(limiter.currentRate('k')).toBeCloseTo(cutTo, 5);
		const growth = [1, 2, 3, 4].map(() => {
			clock.skip(1000);
			return limiter.currentRate('k') - cutTo;
		});
		expect(growth.map((g) => Number(g.toFixed(5)))).toEqual([1, 8, 27, 64].map((cube) => Number((CUBIC_GROWTH * cube).toFixed(5))));
		clock.skip(10_000);
		expect(limiter.currentRate('k')).toBe(20);
	});

	test('never slower than the minimum rate', () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		void limiter.acquire('k', 20);
		for (let i = 0; i < 100; i++) {
			clock.skip(1);
			limiter.onThrottled('k', clock.now());
		}
		expect(limiter.currentRate('k')).toBe(MIN_RATE);
	});

	test('a cut applies at once to requests already waiting', async () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		const times: number[] = [];
		const pending = Array.from({ length: 10 }, () => limiter.acquire('k', 20).then((t) => times.push(t)));
		await new Promise((resolve) => setImmediate(resolve));
		for (let i = 0; i < 5; i++) limiter.onAccepted('k'); // Tencent's share for this process: 5 a second
		limiter.onThrottled('k', 0); // the first grant, at 0
		let settled = false;
		void Promise.all(pending).then(() => (settled = true));
		while (!settled && (await clock.advance()));
		const gaps = times.slice(1).map((t, i) => t - times[i]);
		// 20/s would be 50 ms apart; after the cut to 5/s about a fifth of the window (the rate grows back slowly).
		expect(gaps[0]).toBeGreaterThan(195);
		expect(Math.min(...gaps)).toBeGreaterThan(180);
	});

	test('a refused call frees its place in the window at once', async () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		const first = await grantAll(limiter, clock, Array.from({ length: 20 }, () => ({ key: 'k', limit: 20 })));
		expect(first.map((grant) => grant.time)).toEqual(Array.from({ length: 20 }, (_, i) => i * 50));
		// Tencent refused the last two (granted at 900 and 950); it accepted the other 18.
		for (let i = 0; i < 18; i++) limiter.onAccepted('k');
		limiter.onThrottled('k', 900);
		limiter.onThrottled('k', 950);
		const [next] = await grantAll(limiter, clock, [{ key: 'k', limit: 20 }]);
		// Still held by the refused calls the window would not free a place before 1100 (the third grant + 1000).
		expect(next.time).toBeLessThan(1100);
	});

	test('a faster caller joining a slow key is paced from the pending timer, not granted in a burst', async () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		const slow = grantAll(limiter, clock, Array.from({ length: 3 }, () => ({ key: 'k', limit: 2 })));
		await new Promise((resolve) => setImmediate(resolve));
		clock.skip(10);
		const fast = await grantAll(limiter, clock, Array.from({ length: 10 }, () => ({ key: 'k', limit: 20 })));
		await slow;
		const times = fast.map((grant) => grant.time).sort((a, b) => a - b);
		const gaps = times.slice(1).map((t, i) => t - times[i]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
	});

	test('a timer that fires late catches up, without ever putting more than the limit in a second', async () => {
		const clock = fakeClock();
		// A busy event loop: one wait in twenty overruns by 25 ms.
		let waits = 0;
		const lateWait = async (ms: number) => await clock.wait(ms + (++waits % 20 === 0 ? 25 : 0));
		const grantTimes = async (limiter: AdaptiveRateLimiter) =>
			(await grantAll(limiter, clock, Array.from({ length: 200 }, () => ({ key: 'k', limit: 20 })))).map((g) => g.time);
		const perSecond = (times: number[]) => (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);

		// Default windows: paced over 1040 ms, capped over 1010 ms.
		const times = await grantTimes(new AdaptiveRateLimiter(clock.now, lateWait));
		expect(maxInAnyWindow(times, 1010)).toBeLessThanOrEqual(20);
		expect(perSecond(times)).toBeGreaterThan(19.1);
	});
});

describe('concurrency sized from latency', () => {
	test('covers rate × latency for two calls per item, within the bound', () => {
		expect(concurrencyForRate(20, 100, 50)).toBe(10);
		expect(concurrencyForRate(20, 300, 50)).toBe(14);
		expect(concurrencyForRate(20, 800, 50)).toBe(34);
		expect(concurrencyForRate(20, 5000, 50)).toBe(50);
		expect(concurrencyForRate(20, 800, 10)).toBe(10);
		expect(concurrencyForRate(0.5, 10, 50)).toBe(10);
		expect(concurrencyForRate(20, 100, 4)).toBe(4);
	});

	test('latency is a moving average per key, with a default before the first answer', () => {
		const latency = new LatencyTracker(250, 0.5);
		expect(latency.latencyMs('k')).toBe(250);
		latency.observe('k', 800);
		expect(latency.latencyMs('k')).toBe(800);
		latency.observe('k', 400);
		expect(latency.latencyMs('k')).toBe(600);
		expect(latency.latencyMs('other')).toBe(250);
	});
});

describe('concurrency sized from what an item takes', () => {
	test('before the run\'s first item has finished it starts at the upper bound, whatever the latency', () => {
		expect(concurrencyForItems(20, {}, 50)).toBe(50);
		expect(concurrencyForItems(20, { latencyMs: 100 }, 50)).toBe(50);
		expect(concurrencyForItems(20, { latencyMs: 800 }, 12)).toBe(12);
	});

	test('items that wait without calling (the 1.1 s settle wait) hold their place: rate × item time, with room', () => {
		// A lookup, the create, the settle wait and a second lookup at 100 ms: about 1.5 s an item.
		expect(concurrencyForItems(20, { latencyMs: 100, itemMs: 1500 }, 50)).toBe(40);
		// The same at 800 ms needs more than the default bound allows.
		expect(concurrencyForItems(20, { latencyMs: 800, itemMs: 3600 }, 50)).toBe(50);
		expect(concurrencyForItems(20, { latencyMs: 100, itemMs: 1500 }, 25)).toBe(25);
	});

	test('items that skip the busiest action (half the names exist: half the items create) need as many more in flight', () => {
		expect(concurrencyForItems(20, { latencyMs: 100, itemMs: 850, requestsPerItem: 0.5 }, 50)).toBe(45);
		expect(concurrencyForItems(20, { latencyMs: 100, itemMs: 850, requestsPerItem: 1 }, 50)).toBe(24);
		// Items that send next to nothing are bounded by the upper bound alone.
		expect(concurrencyForItems(20, { latencyMs: 100, itemMs: 50, requestsPerItem: 0 }, 50)).toBe(15);
		expect(concurrencyForItems(20, { latencyMs: 100, itemMs: 1000, requestsPerItem: 0 }, 50)).toBe(50);
	});

	test('items of one call keep the sizing from latency (two calls\' worth, at least 10)', () => {
		expect(concurrencyForItems(20, { latencyMs: 100, itemMs: 100 }, 50)).toBe(concurrencyForRate(20, 100, 50));
		expect(concurrencyForItems(20, { latencyMs: 800, itemMs: 800 }, 50)).toBe(concurrencyForRate(20, 800, 50));
		expect(concurrencyForItems(20, { itemMs: 100 }, 50)).toBe(5);
	});

	test('knows whether a key\'s latency was observed yet', () => {
		const latency = new LatencyTracker();
		expect(latency.hasObserved('k')).toBe(false);
		latency.observe('k', 100);
		expect(latency.hasObserved('k')).toBe(true);
	});
});
