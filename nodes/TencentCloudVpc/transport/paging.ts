/**
 * Paging through Tencent's Offset/Limit Describe* actions, for every list the node reads
 * (mirrors, VPCs, subnets, ENIs, NAT gateways): one rule for when a list has more.
 */

/** One Describe* call: the items from `offset` (at most `limit`) and the TotalCount, when the action gives one. */
export type FetchPage<T> = (offset: number, limit: number) => Promise<{ items: T[]; total?: number }>;

export interface PagingOptions<T> {
	/** The most items one call asks for. */
	pageSize: number;
	/** At most this many matching items; undefined for every one. */
	limit?: number;
	/** Items to keep, checked on each answer; default: all. */
	matches?: (item: T) => boolean;
	/** Whether `matches` can drop items; then pages are always full size. */
	filtersLocally?: boolean;
	/** For actions without TotalCount: a page that brings no item not seen before ends the paging. */
	idOf?: (item: T) => string;
}

/** Whether the list goes on after a page of `received` items asked for with `asked`, ending at `end`. */
function hasMore(received: number, asked: number, end: number, total: number | undefined): boolean {
	return received >= asked && received > 0 && (total === undefined || end < total);
}

/**
 * Every item of the list, or the first `limit` that match. Pages until TotalCount is reached or
 * a page comes back short (or empty, so a wrong TotalCount cannot make it loop); with a limit and
 * no filtering of the answer, only as many items as still needed are asked for.
 */
export async function collectPages<T>(fetchPage: FetchPage<T>, options: PagingOptions<T>): Promise<T[]> {
	const { pageSize, matches = () => true, filtersLocally = false, idOf } = options;
	const limit = options.limit === undefined ? undefined : Math.max(0, Math.floor(options.limit));
	const found: T[] = [];
	if (limit === 0) return found;
	const seen = new Set<string>();

	for (let offset = 0; ; ) {
		const asked = limit === undefined || filtersLocally ? pageSize : Math.min(pageSize, limit - found.length);
		const { items, total } = await fetchPage(offset, asked);
		let fresh = 0;
		for (const item of items) {
			if (idOf) {
				const id = idOf(item);
				if (seen.has(id)) continue;
				seen.add(id);
			}
			fresh++;
			if (!matches(item)) continue;
			found.push(item);
			if (limit !== undefined && found.length >= limit) return found;
		}
		offset += items.length;
		if (fresh === 0 || !hasMore(items.length, asked, offset, total)) return found;
	}
}

/**
 * One page of a list a picker shows (n8n asks for the next with the token it was given): the
 * items from the token's offset and the token of the next page, if the list goes on.
 */
export async function fetchOnePage<T>(
	fetchPage: FetchPage<T>,
	paginationToken: string | undefined,
	pageSize: number,
): Promise<{ items: T[]; nextToken?: string }> {
	const offset = Number(paginationToken ?? 0);
	const { items, total } = await fetchPage(offset, pageSize);
	const end = offset + items.length;
	return { items, nextToken: hasMore(items.length, pageSize, end, total) ? String(end) : undefined };
}
