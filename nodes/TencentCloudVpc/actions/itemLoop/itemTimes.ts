/**
 * What this run's items take: how long, besides waiting for their turn on the key (the limiter
 * and throttling backoff), and how many requests of each action, as moving averages. An item's
 * time counts its calls, lookups shared with other items and any wait of its own, such as the
 * exactly-once settle wait. Items that send no request of the busiest action (a name that exists
 * needs no create) let more items through per second, so the requests per item matter as much.
 */
export class ItemTimes {
	private averageMs: number | undefined;
	private readonly averageRequests = new Map<string, number>();

	/** Weight of the newest item in the moving averages. */
	constructor(private readonly weight = 0.2) {}

	observe(ms: number, requestsByAction: ReadonlyMap<string, number> = new Map()): void {
		const first = this.averageMs === undefined;
		this.averageMs = this.average(this.averageMs, Math.max(0, ms));
		const actions = new Set([...this.averageRequests.keys(), ...requestsByAction.keys()]);
		for (const action of actions) {
			// An action new to this run counted 0 for every item before.
			const previous = this.averageRequests.get(action) ?? (first ? undefined : 0);
			this.averageRequests.set(action, this.average(previous, requestsByAction.get(action) ?? 0));
		}
	}

	/** Undefined until an item has finished. */
	get ms(): number | undefined {
		return this.averageMs;
	}

	/** Requests an item sends of the action it sends most of; undefined until an item has finished. */
	get busiestActionRequests(): number | undefined {
		if (this.averageMs === undefined) return undefined;
		return Math.max(0, ...this.averageRequests.values());
	}

	private average(previous: number | undefined, sample: number): number {
		return previous === undefined ? sample : previous + this.weight * (sample - previous);
	}
}
