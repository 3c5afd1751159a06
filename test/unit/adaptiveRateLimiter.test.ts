import {
	AdaptiveRateLimiter,
	concurrencyForRate,
	DECREASE,
	INCREASE_PER_SECOND,
	LatencyTracker,
	MIN_RATE,
	QUIET_SPELL_MS,
	RETURN_SECONDS,
} from '../../nodes/TencentCloudVpc/transport/policy/adaptiveRateLimiter';

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

	test('alone at the ceiling after a quiet spell, a throttle costs little: back at the ceiling in two seconds, fast, then flat', () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		void limiter.acquire('k', 20);
		limiter.onThrottled('k', 0);
		const rateAt = (seconds: number) => {
			clock.skip(seconds * 1000 - clock.now());
			return limiter.currentRate('k');
		};
		const curve = [0, 0.5, 1, 1.5, 2, 3].map(rateAt);
		expect(curve[0]).toBeCloseTo(20 * DECREASE, 5);
		for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeGreaterThan(curve[i - 1] - 1e-9);
		expect(curve[1] - curve[0]).toBeGreaterThan(curve[3] - curve[2]);
		expect(curve[4]).toBe(20);
		expect(curve[5]).toBe(20);
	});

	test('throttled again soon after (the key is shared), it grows back additively, the same for every process', () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		void limiter.acquire('k', 20);
		limiter.onThrottled('k', 0);
		clock.skip(2500); // back at 20, and throttled again within the quiet spell
		limiter.onThrottled('k', 2500);
		expect(limiter.currentRate('k')).toBeCloseTo(16, 5);
		clock.skip(2000);
		expect(limiter.currentRate('k')).toBeCloseTo(16 + 2 * INCREASE_PER_SECOND, 5);
		clock.skip(2000);
		expect(limiter.currentRate('k')).toBeCloseTo(16 + 4 * INCREASE_PER_SECOND, 5);
	});

	test('sharing, a whole quiet spell without a throttle means the others left: back at the ceiling within two more seconds', () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		void limiter.acquire('k', 20);
		limiter.onThrottled('k', 0);
		clock.skip(2500);
		limiter.onThrottled('k', 2500); // shared: 16, growing additively
		clock.skip(QUIET_SPELL_MS);
		const atQuiet = limiter.currentRate('k');
		expect(atQuiet).toBeCloseTo(16 + (QUIET_SPELL_MS / 1000) * INCREASE_PER_SECOND, 5);
		clock.skip(500);
		// Faster than the additive 0.25 in half a second.
		expect(limiter.currentRate('k')).toBeGreaterThan(atQuiet + 0.5);
		clock.skip(RETURN_SECONDS * 1000);
		expect(limiter.currentRate('k')).toBe(20);
	});

	test('after a quiet spell, a throttle at the ceiling is taken for jitter again', () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		void limiter.acquire('k', 20);
		limiter.onThrottled('k', 0);
		clock.skip(QUIET_SPELL_MS + 1000);
		limiter.onThrottled('k', clock.now());
		clock.skip(RETURN_SECONDS * 1000);
		expect(limiter.currentRate('k')).toBe(20);
	});

	test('never slower than the minimum rate', () => {
		const clock = fakeClock();
		const limiter = new AdaptiveRateLimiter(clock.now, clock.wait, WINDOW);
		void limiter.acquire('k', 20);
		for (let i = 0; i < 30; i++) {
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
		limiter.onThrottled('k', 0); // the first grant, at 0
		let settled = false;
		void Promise.all(pending).then(() => (settled = true));
		while (!settled && (await clock.advance()));
		const gaps = times.slice(1).map((t, i) => t - times[i]);
		// 20/s would be 50 ms apart; after the cut every gap is wider, the first one about 1/16 s.
		expect(gaps[0]).toBeGreaterThan(60);
		expect(Math.min(...gaps)).toBeGreaterThan(50);
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
