/**
 * Runs tasks with the same key one after another, across every execution in the process:
 * two items creating a mirror of the same name must not both find none and both create one.
 */
const tails = new Map<string, Promise<unknown>>();

export async function withKeyLock<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	const run = previous.then(task, task);
	const tail = run.catch(() => undefined);
	tails.set(key, tail);
	try {
		return await run;
	} finally {
		// The last one out removes the key, so the map does not grow with every name ever used.
		if (tails.get(key) === tail) tails.delete(key);
	}
}
