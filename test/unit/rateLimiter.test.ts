import { PacingRateLimiter } from '../../nodes/TencentCloudVpc/helpers/rateLimiter';

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

async function grantAll(limiter: PacingRateLimiter, clock: ReturnType<typeof fakeClock>, requests: Array<{ key: string; limit: number }>) {
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

describe('PacingRateLimiter', () => {
	test('never grants more than the limit in any one-second window', async () => {
		const clock = fakeClock();
		const limiter = new PacingRateLimiter(clock.now, clock.wait, WINDOW);
		const grants = await grantAll(limiter, clock, Array.from({ length: 250 }, () => ({ key: 'AKID\0CreateTrafficMirror', limit: 20 })));
		expect(grants).toHaveLength(250);
		expect(maxInAnyWindow(grants.map((g) => g.time), WINDOW)).toBe(20);
		// Paced, not bursty, and never idle: one grant every 50 ms.
		expect(grants.map((g) => g.time)).toEqual(Array.from({ length: 250 }, (_, i) => i * 50));
	});

	test('keeps separate budgets per key (SecretId and action)', async () => {
		const clock = fakeClock();
		const limiter = new PacingRateLimiter(clock.now, clock.wait, WINDOW);
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
		const limiter = new PacingRateLimiter(clock.now, clock.wait, WINDOW);
		await grantAll(limiter, clock, [{ key: 'k', limit: 20 }]);
		clock.skip(5000);
		const grants = await grantAll(limiter, clock, [{ key: 'k', limit: 20 }, { key: 'k', limit: 20 }]);
		expect(grants.map((grant) => grant.time)).toEqual([5000, 5050]);
	});

	test('a lower limit is honoured', async () => {
		const clock = fakeClock();
		const limiter = new PacingRateLimiter(clock.now, clock.wait, WINDOW);
		const grants = await grantAll(limiter, clock, Array.from({ length: 30 }, () => ({ key: 'k', limit: 5 })));
		expect(maxInAnyWindow(grants.map((g) => g.time), WINDOW)).toBe(5);
	});

	test('limit 0 means no limit', async () => {
		const clock = fakeClock();
		const limiter = new PacingRateLimiter(clock.now, clock.wait, WINDOW);
		const grants = await grantAll(limiter, clock, Array.from({ length: 100 }, () => ({ key: 'k', limit: 0 })));
		expect(grants.every((grant) => grant.time === 0)).toBe(true);
	});
});
