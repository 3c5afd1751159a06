import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import {
	concurrencyForRate,
	CONCURRENCY_CEILING,
	sharedLatency,
	sharedRateLimiter,
	TENCENT_ACTION_RATE_LIMIT,
} from './policy/adaptiveRateLimiter';
import { backoffMs, hasTimeForRetry, isReadOnlyAction, isThrottlingCode, isTransientFailure } from './policy/retryPolicy';
import { describeTencentCloudError, extractTencentCloudError } from './policy/tencentCloudErrors';
import { resolveRegion } from '../network/regions';
import { TC_HEADERS } from '../../../credentials/common/tencentCloudHeaders';

/** The API this node calls, named to the credential like any caller names its own. */
const VPC_API = { service: 'vpc', version: '2017-03-12' } as const;

export const CREDENTIAL_TYPE = 'tencentCloudApi';

type TencentCloudContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface TencentCloudRequest {
	action: string;
	region: string;
	body: IDataObject;
	itemIndex?: number;
	/** Milliseconds the call may take, throttling retries included, before it is abandoned. */
	timeout?: number;
	/** Most requests per second for this key and action from this n8n process; 0 = no limit. */
	rateLimit?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Tencent's `Response` object of a successful call, including its RequestId. */
export type TencentCloudResult = IDataObject & { RequestId: string };

const secretIds = new WeakMap<object, Promise<string>>();

/** The limiter's key: the SecretId (an identifier, not the secret), read once per execution. */
async function secretIdOf(context: TencentCloudContext): Promise<string> {
	let secretId = secretIds.get(context);
	if (!secretId) {
		secretId = context.getCredentials(CREDENTIAL_TYPE).then((credentials) => String(credentials.secretId ?? '').trim());
		secretIds.set(context, secretId);
	}
	return await secretId;
}

async function send(
	this: TencentCloudContext,
	{ action, region, body, itemIndex, timeout }: TencentCloudRequest,
): Promise<unknown> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: '/',
		headers: {
			[TC_HEADERS.service]: VPC_API.service,
			[TC_HEADERS.version]: VPC_API.version,
			[TC_HEADERS.action]: action,
			[TC_HEADERS.region]: resolveRegion(region),
		},
		body,
		json: true,
		...(timeout ? { timeout } : {}),
	};
	try {
		return await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options);
	} catch (error) {
		// Rebuilt from the message and code alone: the original carries the signed request's headers.
		const code = networkErrorCode(error);
		// The HTTP client's own words ("timeout of 1000ms exceeded"), not n8n's generic rewording.
		const reason = ((error as { cause?: Error }).cause ?? (error as Error)).message;
		const transportError = withExactMessage(
			new NodeApiError(this.getNode(), { message: reason } as JsonObject, { itemIndex }),
			`Could not complete ${action}: ${reason}${code ? ` (${code})` : ''}`,
		);
		transportError.context.networkErrorCode = code ?? 'UNKNOWN';
		throw transportError;
	}
}

/** The socket-level code (ECONNRESET, ECONNABORTED, …) of a failed request, if any. */
function networkErrorCode(error: unknown): string | undefined {
	const cause = (error as { cause?: { code?: unknown } }).cause;
	const code = cause?.code ?? (error as { code?: unknown }).code;
	return typeof code === 'string' ? code : undefined;
}

/**
 * NodeApiError swaps a message for a stock one when it merely contains a Node error code, and
 * Tencent's codes trip that ("ResourceNotFound" contains ENOTFOUND): keep ours.
 */
function withExactMessage(error: NodeApiError, message: string): NodeApiError {
	error.message = message;
	return error;
}

/** A throttled call whose time ran out: says so, with Tencent's code. */
function throttledTooLong(context: TencentCloudContext, request: TencentCloudRequest, attempts: number, answer: unknown): NodeApiError {
	const tencentError = extractTencentCloudError(answer)!;
	const seconds = Math.round((request.timeout ?? DEFAULT_TIMEOUT_MS) / 1000);
	const message = `Tencent Cloud kept throttling ${request.action} (${tencentError.code}) for ${seconds} s, ${attempts} attempts: the item's time ran out`;
	const error = withExactMessage(
		new NodeApiError(context.getNode(), { Code: tencentError.code, Message: tencentError.message, RequestId: tencentError.requestId ?? '' }, {
			message,
			itemIndex: request.itemIndex,
		}),
		message,
	);
	error.description =
		'Several workflows or n8n processes share this key\'s 20 requests per second per action. Raise Options → Timeout to wait longer, or send fewer items at once.';
	error.context.tencentCode = tencentError.code;
	error.context.requestId = tencentError.requestId;
	return error;
}

/**
 * The one place a VPC API call leaves the node. The credential signs it (TC3-HMAC-SHA256)
 * and routes it by the X-TC-Action and X-TC-Region headers. Calls wait for the process-wide
 * adaptive rate limiter. Throttling answers slow the key down and are retried with backoff
 * for as long as the call's timeout allows; a read action is also retried after a transient
 * failure. A change that may have been applied is never repeated here.
 */
export async function tencentCloudApiRequest(
	this: TencentCloudContext,
	request: TencentCloudRequest,
): Promise<TencentCloudResult> {
	const { action, itemIndex } = request;
	const rateLimit = request.rateLimit ?? TENCENT_ACTION_RATE_LIMIT;
	const timeout = request.timeout ?? DEFAULT_TIMEOUT_MS;
	const secretId = await secretIdOf(this);
	const limiterKey = `${secretId}\u0000${action}`;
	const deadline = Date.now() + timeout;
	const readOnly = isReadOnlyAction(action);

	let answer: unknown;
	for (let attempt = 0; ; attempt++) {
		const grantedAt = await sharedRateLimiter.acquire(limiterKey, rateLimit);
		const sentAt = Date.now();
		// The first attempt has the whole timeout; a retry what is left of it.
		const attemptTimeout = attempt === 0 ? timeout : Math.max(1, Math.min(timeout, deadline - sentAt));
		try {
			answer = await send.call(this, { ...request, timeout: attemptTimeout });
		} catch (error) {
			// send() throws only NodeApiErrors that carry the socket-level code.
			const transportError = error as NodeApiError;
			const pause = backoffMs(attempt);
			if (readOnly && isTransientFailure(transportError.context) && hasTimeForRetry(Date.now(), deadline, pause)) {
				await sleep(pause);
				continue;
			}
			throw transportError;
		}
		sharedLatency.observe(secretId, Date.now() - sentAt);

		const code = extractTencentCloudError(answer)?.code;
		// Any answer but a throttle took a place in Tencent's window for this key.
		if (!code || !isThrottlingCode(code)) sharedRateLimiter.onAccepted(limiterKey);
		if (!code) break;
		const pause = backoffMs(attempt);
		if (isThrottlingCode(code)) {
			sharedRateLimiter.onThrottled(limiterKey, grantedAt);
			if (!hasTimeForRetry(Date.now(), deadline, pause)) throw throttledTooLong(this, request, attempt + 1, answer);
		} else if (!(readOnly && isTransientFailure({ tencentCode: code }) && hasTimeForRetry(Date.now(), deadline, pause))) {
			break;
		}
		await sleep(pause);
	}

	const tencentError = extractTencentCloudError(answer);
	if (tencentError) {
		const { message, description } = describeTencentCloudError(tencentError);
		const apiError = withExactMessage(
			new NodeApiError(
				this.getNode(),
				{ Code: tencentError.code, Message: tencentError.message, RequestId: tencentError.requestId ?? '' },
				{ message, description, itemIndex },
			),
			message,
		);
		// Without a message of its own NodeApiError promotes the description to the message and
		// drops it; set the hint after construction so it survives whatever the version does.
		apiError.description = description || null;
		apiError.context.tencentCode = tencentError.code;
		apiError.context.requestId = tencentError.requestId;
		throw apiError;
	}
	const response = (answer as { Response?: TencentCloudResult })?.Response;
	if (!response || typeof response !== 'object') {
		throw new NodeApiError(this.getNode(), { message: 'Unexpected answer' } as JsonObject, {
			message: `Tencent Cloud returned an answer without "Response" to ${action}`,
			itemIndex,
		});
	}
	return response;
}

/** With the rate limiter off nothing bounds the rate, so concurrency stays a fixed default. */
const DEFAULT_UNLIMITED_CONCURRENCY = 10;

/**
 * How many items may be in flight for this key: enough to keep `rateLimit` busy at the
 * latency this process observes, and at most `maxConcurrency` when the user set one. Read
 * again before each item starts, so it follows the latency as answers come in.
 */
export async function itemConcurrency(
	this: IExecuteFunctions,
	rateLimit: number,
	maxConcurrency: number | undefined,
): Promise<() => number> {
	const fixed = () => maxConcurrency ?? DEFAULT_UNLIMITED_CONCURRENCY;
	if (!(rateLimit > 0)) return fixed;
	let secretId: string;
	try {
		secretId = await secretIdOf(this);
	} catch {
		// A credential that cannot be read fails each item's call, where Continue On Fail sees it.
		return fixed;
	}
	const upperBound = maxConcurrency ?? CONCURRENCY_CEILING;
	return () => concurrencyForRate(rateLimit, sharedLatency.latencyMs(secretId), upperBound);
}
