/**
 * Runs `task` for indexes 0..count-1 with at most `limit()` in flight and returns the results
 * in index order. The limit is read before each task starts, so it may follow what the calls
 * observe. After a task throws no new task starts; the in-flight ones finish, then the error of
 * the lowest index is thrown, as a one-by-one loop would have thrown it.
 */
export async function runWithConcurrency<T>(
	count: number,
	limit: number | (() => number),
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const limitNow = typeof limit === 'function' ? limit : () => limit;
	const results = new Array<T>(count);
	const failures = new Map<number, unknown>();
	const inFlight = new Set<Promise<void>>();

	for (let index = 0; index < count && failures.size === 0; index++) {
		while (inFlight.size >= Math.max(1, Math.floor(limitNow()) || 1)) await Promise.race(inFlight);
		if (failures.size) break;
		const running: Promise<void> = task(index).then(
			(result) => void (results[index] = result),
			(error: unknown) => void failures.set(index, error),
		);
		inFlight.add(running);
		void running.finally(() => inFlight.delete(running));
	}
	await Promise.all(inFlight);

	if (failures.size) throw failures.get(Math.min(...failures.keys()));
	return results;
}
