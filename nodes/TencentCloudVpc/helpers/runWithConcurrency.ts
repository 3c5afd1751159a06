/**
 * Runs `task` for indexes 0..count-1 with at most `limit` in flight and returns the results in
 * index order. After a task throws no new task starts; the in-flight ones finish, then the
 * error of the lowest index is thrown, as a one-by-one loop would have thrown it.
 */
export async function runWithConcurrency<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const results = new Array<T>(count);
	const failures = new Map<number, unknown>();
	let next = 0;

	const worker = async () => {
		while (next < count && failures.size === 0) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				failures.set(index, error);
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.size) throw failures.get(Math.min(...failures.keys()));
	return results;
}
