/**
 * Runs tasks with the same key one after another, across every execution in the process:
 * two items creating a mirror of the same name must not both find none and both create one.
 */
export class KeyedLock {
	private readonly tails = new Map<string, Promise<unknown>>();

	async run<T>(key: string, task: () => Promise<T>): Promise<T> {
		const previous = this.tails.get(key) ?? Promise.resolve();
		const run = previous.then(task, task);
		const tail = run.catch(() => undefined);
		this.tails.set(key, tail);
		try {
			return await run;
		} finally {
			// The last one out removes the key, so the map does not grow with every name ever used.
			if (this.tails.get(key) === tail) this.tails.delete(key);
		}
	}

	/** Forgets every queue (for tests that must start from a clean slate). */
	clear(): void {
		this.tails.clear();
	}
}
