import { sleep } from 'n8n-workflow';

/** Tencent allows each action 20 requests per second per account key. */
export const TENCENT_ACTION_RATE_LIMIT = 20;

/**
 * Requests are granted a little under a full window apart: the server counts arrivals, and
 * arrival jitter would otherwise let 21 land in one of its windows.
 */
export const WINDOW_MS = 1000;
export const WINDOW_SAFETY_MS = 25;

/**
 * A sliding-window limiter: at most `limit` grants per key in any window. Grants are
 * decided synchronously, so concurrent callers in one process never overshoot.
 */
export class SlidingWindowRateLimiter {
	private readonly grants = new Map<string, number[]>();

	constructor(
		private readonly now: () => number = () => Date.now(),
		private readonly wait: (ms: number) => Promise<void> = async (ms) => await sleep(ms),
		private readonly windowMs: number = WINDOW_MS + WINDOW_SAFETY_MS,
	) {}

	/** Resolves when the caller may send one request for `key`. */
	async acquire(key: string, limit: number): Promise<void> {
		if (!(limit > 0)) return;
		for (;;) {
			const now = this.now();
			const recent = (this.grants.get(key) ?? []).filter((time) => time > now - this.windowMs);
			if (recent.length < limit) {
				recent.push(now);
				this.grants.set(key, recent);
				return;
			}
			this.grants.set(key, recent);
			// The slot frees when the oldest grant of the full window leaves it.
			await this.wait(recent[recent.length - limit] + this.windowMs - now);
		}
	}
}

/** One limiter for the whole n8n process, so every execution with the same key shares the budget. */
export const sharedRateLimiter = new SlidingWindowRateLimiter();
