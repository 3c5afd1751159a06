import { sleep } from 'n8n-workflow';

/** Tencent allows each action 20 requests per second per account key. */
export const TENCENT_ACTION_RATE_LIMIT = 20;

export const WINDOW_MS = 1000;
/**
 * The server counts arrivals, which jitter around our send times: pacing over a slightly
 * longer window keeps 21 from landing in one of its seconds.
 */
export const WINDOW_SAFETY_MS = 40;

/**
 * Paces requests per key: each gets the next free slot, `window / limit` after the previous
 * one, so no window ever holds more than `limit` and no burst lands at once (a burst of
 * concurrent sends is what makes arrivals jitter). Slots are reserved synchronously, so
 * concurrent callers in one process never share one.
 */
export class PacingRateLimiter {
	private readonly nextSlot = new Map<string, number>();

	constructor(
		private readonly now: () => number = () => Date.now(),
		private readonly wait: (ms: number) => Promise<void> = async (ms) => await sleep(ms),
		private readonly windowMs: number = WINDOW_MS + WINDOW_SAFETY_MS,
	) {}

	/** Resolves when the caller may send one request for `key`; a limit of 0 means no limit. */
	async acquire(key: string, limit: number): Promise<void> {
		if (!(limit > 0)) return;
		const now = this.now();
		const slot = Math.max(now, this.nextSlot.get(key) ?? now);
		this.nextSlot.set(key, slot + this.windowMs / limit);
		if (slot > now) await this.wait(slot - now);
	}
}

/** One limiter for the whole n8n process, so every execution with the same key shares the budget. */
export const sharedRateLimiter = new PacingRateLimiter();
