import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { sharedRateLimiter, TENCENT_ACTION_RATE_LIMIT } from '../helpers/rateLimiter';
import { resolveRegion } from '../helpers/regions';
import { isThrottlingCode, MAX_THROTTLE_RETRIES, throttleBackoffMs } from '../helpers/retryPolicy';
import { describeTencentCloudError, extractTencentCloudError } from '../helpers/tencentCloudErrors';

export const CREDENTIAL_TYPE = 'tencentCloudApi';

type TencentCloudContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface TencentCloudRequest {
	action: string;
	region: string;
	body: IDataObject;
	itemIndex?: number;
	/** Milliseconds before the call is abandoned. */
	timeout?: number;
	/** Requests per second for this key and action, shared by the whole n8n process; 0 = no limit. */
	rateLimit?: number;
}

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
		headers: { 'X-TC-Action': action, 'X-TC-Region': resolveRegion(region) },
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

/**
 * The one place a VPC API call leaves the node. The credential signs it (TC3-HMAC-SHA256)
 * and routes it by the X-TC-Action and X-TC-Region headers. Calls wait for the process-wide
 * rate limiter; throttling answers are retried with backoff, nothing else is.
 */
export async function tencentCloudApiRequest(
	this: TencentCloudContext,
	request: TencentCloudRequest,
): Promise<TencentCloudResult> {
	const { action, itemIndex } = request;
	const rateLimit = request.rateLimit ?? TENCENT_ACTION_RATE_LIMIT;
	const limiterKey = `${await secretIdOf(this)}\u0000${action}`;

	let answer: unknown;
	for (let attempt = 0; ; attempt++) {
		await sharedRateLimiter.acquire(limiterKey, rateLimit);
		answer = await send.call(this, request);
		const code = extractTencentCloudError(answer)?.code;
		if (!code || !isThrottlingCode(code) || attempt >= MAX_THROTTLE_RETRIES) break;
		await sleep(throttleBackoffMs(attempt));
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
