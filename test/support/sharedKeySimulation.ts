import { SlidingWindowRateLimiter } from '../../dev/emulator/rateLimiter';
import { AdaptiveRateLimiter, concurrencyForRate } from '../../nodes/TencentCloudVpc/processState/adaptiveRateLimiter';
import { backoffMs } from '../../nodes/TencentCloudVpc/transport';

/**
 * Several n8n processes sharing one key, in simulated time: each has its own AdaptiveRateLimiter
 * (as each process has its own module state) and keeps as many items going as the node would
 * (rate × latency); a throttled item waits its backoff and tries again, as the node does; one simulated
 * Tencent accepts at most `limit` requests in any sliding 1000 ms and throttles the rest. The
 * limiters run their real code; only the clock and the network are simulated, so the run is
 * exact and takes milliseconds.
 */
export interface SharedKeySimulation {
	processes: number;
	seconds: number;
	latencyMs: number;
	limit?: number;
	/** Seconds after which a process stops sending (e.g. a worker that goes away). */
	stopsAt?: Array<number | undefined>;
	/** Random network jitter added to each direction, at most this many ms. */
	jitterMs?: number;
	/**
	 * Items each process creates, as in the benchmark: a process stops once all of its items are
	 * accepted. Without it a process sends until it stops or the simulation ends.
	 */
	itemsPerProcess?: number;
	/** Seeds the simulated network jitter, and so which calls Tencent throttles. */
	seed?: number;
	/** Extra delay per process, each way (ms): a worker farther from Tencent than the others. */
	extraDelayMs?: number[];
}

export interface SharedKeyResult {
	/** Accepted requests per process, per whole second. */
	acceptedPerSecond: number[][];
	accepted: number;
	throttled: number;
	throttledPerSecond: number[];
	/** When each accepted answer arrived (ms), every process together, in order. */
	acceptedAt: number[];
}

export async function simulateSharedKey(options: SharedKeySimulation): Promise<SharedKeyResult> {
	const { processes, seconds, latencyMs, limit = 20, stopsAt = [], jitterMs = 20, itemsPerProcess = Infinity, extraDelayMs = [] } = options;
	const inFlight = concurrencyForRate(limit, latencyMs, 50);
	let now = 0;
	let seed = options.seed ?? 42;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
	const timers: Array<{ at: number; order: number; run: () => void }> = [];
	let order = 0;
	const at = (time: number, run: () => void) => timers.push({ at: time, order: order++, run });
	const wait = async (ms: number) => await new Promise<void>((resolve) => at(now + Math.max(0, ms), resolve));

	const acceptedAt: number[] = [];
	const acceptedPerSecond = Array.from({ length: processes }, () => new Array<number>(seconds).fill(0));
	let throttled = 0;
	const throttledPerSecond = new Array<number>(seconds).fill(0);
	const endMs = seconds * 1000;

	/** Tencent: the emulator's own sliding window per key and action. */
	const tencent = new SlidingWindowRateLimiter(limit);
	const arrive = (): boolean => tencent.tryAcquire('AKID\u0000CreateTrafficMirror', now);

	for (let p = 0; p < processes; p++) {
		const limiter = new AdaptiveRateLimiter(() => now, wait);
		const stopMs = stopsAt[p] === undefined ? endMs : stopsAt[p]! * 1000;
		let itemsLeft = itemsPerProcess;
		const oneWayMs = () => latencyMs / 2 + (extraDelayMs[p] ?? 0) + random() * jitterMs;
		const loop = async () => {
			let attempt = 0;
			while (now < stopMs) {
				if (attempt === 0) {
					if (itemsLeft <= 0) return;
					itemsLeft--;
				}
				const grantedAt = await limiter.acquire('AKID\u0000CreateTrafficMirror', limit);
				if (now >= stopMs) return;
				await wait(oneWayMs());
				const accepted = arrive();
				await wait(oneWayMs());
				if (accepted) {
					attempt = 0;
					acceptedAt.push(now);
					limiter.onAccepted('AKID\u0000CreateTrafficMirror');
					const second = Math.floor(now / 1000);
					if (second < seconds) acceptedPerSecond[p][second]++;
				} else {
					throttled++;
					if (now < endMs) throttledPerSecond[Math.floor(now / 1000)]++;
					limiter.onThrottled('AKID\u0000CreateTrafficMirror', grantedAt);
					await wait(backoffMs(attempt++, random));
				}
			}
		};
		for (let i = 0; i < inFlight; i++) void loop();
	}

	// Run the timers in time order until the end (promise callbacks settle between them).
	for (;;) {
		await new Promise((resolve) => setImmediate(resolve));
		timers.sort((a, b) => a.at - b.at || a.order - b.order);
		const next = timers.shift();
		if (!next || next.at > endMs + 5000) break;
		now = Math.max(now, next.at);
		next.run();
	}
	const accepted = acceptedPerSecond.flat().reduce((sum, n) => sum + n, 0);
	return { acceptedPerSecond, accepted, throttled, throttledPerSecond, acceptedAt };
}
