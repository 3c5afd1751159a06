/**
 * How long this run's items take besides waiting for their turn on the key (the limiter and
 * throttling backoff): their calls, shared lookups and any wait of their own, such as the
 * exactly-once settle wait. A moving average, so concurrency follows it as items finish.
 */
export class ItemTimes {
	private average: number | undefined;

	/** Weight of the newest item in the moving average. */
	constructor(private readonly weight = 0.2) {}

	observe(ms: number): void {
		const sample = Math.max(0, ms);
		this.average = this.average === undefined ? sample : this.average + this.weight * (sample - this.average);
	}

	/** Undefined until an item has finished. */
	get ms(): number | undefined {
		return this.average;
	}
}
