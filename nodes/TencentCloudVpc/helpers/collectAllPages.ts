/** One Describe* call: the items from `offset` (at most `limit`) and the TotalCount, when the API gives one. */
export type FetchPage<T> = (offset: number, limit: number) => Promise<{ items: T[]; total?: number }>;

/**
 * Every item of an Offset/Limit Describe* action: pages until TotalCount is reached or a page
 * comes back short (or empty, so a wrong TotalCount cannot make it loop).
 */
export async function collectAllPages<T>(fetchPage: FetchPage<T>, pageSize = 100): Promise<T[]> {
	const all: T[] = [];
	for (;;) {
		const { items, total } = await fetchPage(all.length, pageSize);
		all.push(...items);
		if (items.length === 0 || items.length < pageSize) return all;
		if (total !== undefined && all.length >= total) return all;
	}
}
