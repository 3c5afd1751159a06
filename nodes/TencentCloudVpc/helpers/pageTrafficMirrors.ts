import type { TrafficMirror } from '../trafficMirrors/trafficMirror';

/** DescribeTrafficMirrors' largest Limit. */
export const DESCRIBE_TRAFFIC_MIRRORS_MAX_LIMIT = 100;

export interface PageTrafficMirrorsOptions {
	/** Every matching mirror; otherwise at most `limit`. */
	returnAll: boolean;
	limit: number;
	/** Filters applied to the answer (see planTrafficMirrorListQuery); default: keep all. */
	matches?: (mirror: TrafficMirror) => boolean;
	/** Whether `matches` can drop mirrors; then pages are always full size. */
	filtersLocally?: boolean;
}

/** One DescribeTrafficMirrors call: the mirrors from `offset`, at most `limit` of them. */
export type FetchTrafficMirrorPage = (offset: number, limit: number) => Promise<TrafficMirror[]>;

/**
 * Pages through DescribeTrafficMirrors, which answers without TotalCount: a page shorter than
 * asked for is the last. With a limit and no filtering of the answer, only as many mirrors as
 * still needed are asked for. A page that brings no mirror not seen before also ends the
 * paging, so an API that ignored Offset could not loop forever.
 */
export async function pageTrafficMirrors(fetchPage: FetchTrafficMirrorPage, options: PageTrafficMirrorsOptions): Promise<TrafficMirror[]> {
	const { returnAll, matches = () => true, filtersLocally = false } = options;
	const limit = Math.max(0, Math.floor(options.limit));
	const found: TrafficMirror[] = [];
	if (!returnAll && limit === 0) return found;
	const seen = new Set<string>();

	for (let offset = 0; ; ) {
		const pageSize =
			returnAll || filtersLocally
				? DESCRIBE_TRAFFIC_MIRRORS_MAX_LIMIT
				: Math.min(DESCRIBE_TRAFFIC_MIRRORS_MAX_LIMIT, limit - found.length);
		const page = await fetchPage(offset, pageSize);
		let fresh = 0;
		for (const mirror of page) {
			if (seen.has(mirror.TrafficMirrorId)) continue;
			seen.add(mirror.TrafficMirrorId);
			fresh++;
			if (!matches(mirror)) continue;
			found.push(mirror);
			if (!returnAll && found.length >= limit) return found;
		}
		if (page.length < pageSize || fresh === 0) return found;
		offset += page.length;
	}
}
