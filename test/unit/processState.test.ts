import {
	clock,
	finishedItems,
	latency,
	nameLocks,
	rateLimiter,
	resetProcessState,
} from '../../nodes/TencentCloudVpc/processState';

/** A clock whose sleeps return at once and move its time forward by what was asked. */
function steppingClock(start = 1_000_000) {
	let now = start;
	const slept: number[] = [];
	return {
		slept,
		now: () => now,
		sleep: async (ms: number) => {
			slept.push(ms);
			now += ms;
		},
	};
}

afterEach(() => resetProcessState());

describe('process-wide state', () => {
	test('the rate limiter paces on the clock a test installs: the second call of a 1/s key waits a second there', async () => {
		const testClock = steppingClock();
		resetProcessState({ clock: testClock });
		const first = await rateLimiter.acquire('key', 1);
		const second = await rateLimiter.acquire('key', 1);
		expect(second - first).toBeGreaterThanOrEqual(1000);
		expect(testClock.slept.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(1000);
		expect(clock.now()).toBe(testClock.now());
	});

	test('finished items expire on the installed clock', async () => {
		const testClock = steppingClock();
		resetProcessState({ clock: testClock });
		finishedItems.remember('run', new Map([[0, { fingerprint: 'f', output: [] }]]));
		await clock.sleep(16 * 60 * 1000);
		expect(finishedItems.take('run')).toBeUndefined();
	});

	test('one reset forgets the limiter, the latency, the finished items and the name locks, and restores the system clock', async () => {
		resetProcessState({ clock: steppingClock(0) });
		latency.observe('key', 5000);
		finishedItems.remember('run', new Map([[0, { fingerprint: 'f', output: [] }]]));
		let release!: () => void;
		const held = nameLocks.run('name', async () => await new Promise<void>((resolve) => (release = resolve)));

		resetProcessState();
		expect(latency.latencyMs('key')).toBe(latency.latencyMs('a key never seen'));
		expect(finishedItems.size).toBe(0);
		// A lock taken after the reset does not queue behind the one still held.
		await expect(nameLocks.run('name', async () => 'ran')).resolves.toBe('ran');
		expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
		release();
		await held;
	});
});
