import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { concurrencyForItems, CONCURRENCY_CEILING, latency } from '../processState';
import { secretIdOf } from './tencentCloudClient';

/**
 * The one way to Tencent Cloud: a client bound to an item (or a picker) makes every call; the
 * rate limiter, retries and error mapping stay behind it. What callers need of those policies
 * is exported here and nowhere else.
 */

export {
	MONITOR_API,
	TencentCloudClient,
	VPC_API,
	type CallBody,
	type ClientSettings,
	type ItemClient,
	type TencentCloudApi,
	type TencentCloudContext,
	type TencentCloudResult,
} from './tencentCloudClient';
export { isResourceNotFound } from './policy/tencentCloudErrors';
export { collectPages, fetchOnePage, type FetchPage } from './paging';
export { backoffMs, hasTimeForRetry, mayHaveBeenApplied } from './policy/retryPolicy';
export { CONCURRENCY_CEILING, TENCENT_ACTION_RATE_LIMIT } from '../processState';

/** What a failed item throws without Continue On Fail: n8n's own error types, whatever went wrong. */
export function asNodeError(node: INode, error: unknown, itemIndex: number | undefined): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** With the rate limiter off nothing bounds the rate, so concurrency stays a fixed default. */
const DEFAULT_UNLIMITED_CONCURRENCY = 10;

/**
 * How many items may be in flight for this key: enough to keep `rateLimit` busy at the latency
 * this process observes and with items as this run's take them (`items()`: how long, and how
 * many requests of their busiest action; undefined before the first one finished), and at most
 * `maxConcurrency` when the user set one. Read again before each item starts, so it follows what
 * the calls observe.
 */
export async function itemConcurrency(
	context: IExecuteFunctions,
	rateLimit: number,
	maxConcurrency: number | undefined,
	items: () => { itemMs: number; requestsPerItem: number } | undefined,
): Promise<() => number> {
	const fixed = () => maxConcurrency ?? DEFAULT_UNLIMITED_CONCURRENCY;
	if (!(rateLimit > 0)) return fixed;
	let secretId: string;
	try {
		secretId = await secretIdOf(context);
	} catch {
		// A credential that cannot be read fails each item's call, where Continue On Fail sees it.
		return fixed;
	}
	const upperBound = maxConcurrency ?? CONCURRENCY_CEILING;
	return () =>
		concurrencyForItems(
			rateLimit,
			{ latencyMs: latency.hasObserved(secretId) ? latency.latencyMs(secretId) : undefined, ...items() },
			upperBound,
		);
}
