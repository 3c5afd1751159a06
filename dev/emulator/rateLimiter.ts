/**
 * Sliding-window limiter: at most `limit` accepted requests per key in any 1000 ms window.
 * Refused requests are not recorded, so a refusal never extends the throttling.
 */
export class SlidingWindowRateLimiter {
	private readonly accepted = new Map<string, number[]>();

	constructor(
		private limit: number,
		private readonly windowMs = 1000,
	) {}

	setLimit(limit: number): void {
		this.limit = limit;
	}

	/** Records and returns true when accepted; limit 0 means unlimited. */
	tryAcquire(key: string, nowMs: number): boolean {
		if (this.limit <= 0) return true;
		const times = (this.accepted.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
		if (times.length >= this.limit) {
			this.accepted.set(key, times);
			return false;
		}
		times.push(nowMs);
		this.accepted.set(key, times);
		return true;
	}

	reset(): void {
		this.accepted.clear();
	}
}
