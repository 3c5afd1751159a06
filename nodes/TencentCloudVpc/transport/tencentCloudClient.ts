import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { TC_HEADERS } from '../../../credentials/common/tencentCloudHeaders';
import { resolveRegion } from '../network/regions';
import { clock, latency, rateLimiter, TENCENT_ACTION_RATE_LIMIT } from '../processState';
import { backoffMs, hasTimeForRetry, isReadOnlyAction, isThrottlingCode, isTransientFailure } from './policy/retryPolicy';
import { describeTencentCloudError, extractTencentCloudError } from './policy/tencentCloudErrors';

/**
 * A Tencent Cloud API a client calls, named to the credential (X-TC-Service, X-TC-Version) like
 * any caller names its own. A regional API's calls name their region (X-TC-Region); an
 * account-wide one's (Monitor's alarm notices and policies) name none.
 */
export interface TencentCloudApi {
	service: string;
	version: string;
	regional: boolean;
}

/** The VPC node's API, and every client's unless it names another. */
export const VPC_API: TencentCloudApi = { service: 'vpc', version: '2017-03-12', regional: true };

/** Cloud Monitor (TCOP): alarm policies and notification templates, account-wide. */
export const MONITOR_API: TencentCloudApi = { service: 'monitor', version: '2018-07-24', regional: false };

const CREDENTIAL_TYPE = 'tencentCloudApi';

const DEFAULT_TIMEOUT_MS = 30_000;

export type TencentCloudContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

/** Tencent's `Response` object of a successful call, including its RequestId. */
export type TencentCloudResult = IDataObject & { RequestId: string };

/** What one client is bound to: an item of an execution, or a picker. */
export interface ClientSettings {
	/** The API the calls go to; VPC unless named. */
	api?: TencentCloudApi;
	/** The Region parameter's value: a region ID or a short code (gz), resolved once; unused by an account-wide API. */
	region: unknown;
	/** The item the calls are for; none for a picker. */
	itemIndex?: number;
	/** Milliseconds a call may take, throttling retries included, before it is abandoned. */
	timeout?: number;
	/** Most requests per second for this key and action from this n8n process; 0 = no limit. */
	rateLimit?: number;
}

/** A client bound to an item of an execution (the VPC node's: always regional). */
export type ItemClient = TencentCloudClient & { readonly itemIndex: number; readonly region: string };

const secretIds = new WeakMap<object, Promise<string>>();

/** The limiter's key: the SecretId (an identifier, not the secret), read once per execution. */
export async function secretIdOf(context: TencentCloudContext): Promise<string> {
	let secretId = secretIds.get(context);
	if (!secretId) {
		secretId = context.getCredentials(CREDENTIAL_TYPE).then((credentials) => String(credentials.secretId ?? '').trim());
		secretIds.set(context, secretId);
	}
	return await secretId;
}

const accountScopes = new WeakMap<object, Promise<string>>();

/**
 * Where a call lands for whom: the SecretId with the site and endpoint it is sent to, read once
 * per execution. Calls of one account scope may share answers; a test emulator with the demo key
 * is a scope of its own.
 */
async function accountScopeOf(context: TencentCloudContext): Promise<string> {
	let scope = accountScopes.get(context);
	if (!scope) {
		scope = context
			.getCredentials(CREDENTIAL_TYPE)
			.then((credentials) => [credentials.secretId, credentials.site, credentials.endpoint].map((part) => String(part ?? '').trim()).join('\u0000'));
		accountScopes.set(context, scope);
	}
	return await scope;
}

/** A request body, or how to build it once the call's turn has come (so it can gather until then). */
export type CallBody = IDataObject | (() => IDataObject);

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
 * Calls a Tencent Cloud API (VPC unless `api` names another) for one item, one picker or one
 * webhook registration: the credential, the API, the region
 * resolved once, the item, its timeout and its rate limit are bound here, so whoever holds the
 * client says only which action and body. The credential signs each call (TC3-HMAC-SHA256)
 * and routes it by the X-TC-* headers. Calls wait for the process-wide adaptive rate
 * limiter. Throttling answers slow the key down and are retried with backoff for as long as
 * the timeout allows; a read action is also retried after a transient failure. A change that
 * may have been applied is never repeated here.
 */
export class TencentCloudClient {
	readonly api: TencentCloudApi;
	/** The region ID every call goes to (ap-guangzhou, never gz); undefined for an account-wide API. */
	readonly region: string | undefined;
	readonly itemIndex: number | undefined;
	/** Milliseconds each call may take, throttling retries included. */
	readonly timeout: number;
	private readonly rateLimit: number;
	/**
	 * Time this client's calls spent waiting for their turn on the key (the limiter and the
	 * backoff after throttling): how long an item waited for the key, not what the item takes.
	 */
	private waitedForKeyMs = 0;
	/** Requests this client sent, by action (retries included): its share of each action's limit. */
	private readonly sentByAction = new Map<string, number>();

	constructor(
		private readonly context: TencentCloudContext,
		settings: ClientSettings,
	) {
		this.api = settings.api ?? VPC_API;
		this.region = this.api.regional ? resolveRegion(settings.region) : undefined;
		this.itemIndex = settings.itemIndex;
		this.timeout = settings.timeout ?? DEFAULT_TIMEOUT_MS;
		this.rateLimit = settings.rateLimit ?? TENCENT_ACTION_RATE_LIMIT;
	}

	/** A client for item `settings.itemIndex` of an execution. */
	static forItem(context: IExecuteFunctions, settings: Omit<ClientSettings, 'api'> & { itemIndex: number }): ItemClient {
		return new TencentCloudClient(context, settings) as ItemClient;
	}

	/** The node the calls are made for, for the errors they raise. */
	get node(): INode {
		return this.context.getNode();
	}

	/** Milliseconds this client's calls waited for the key: the limiter's pacing and throttling backoff. */
	get keyWaitMs(): number {
		return this.waitedForKeyMs;
	}

	/** Requests this client sent so far, by action, retries included. */
	get requestsByAction(): ReadonlyMap<string, number> {
		return this.sentByAction;
	}

	/** The account (SecretId, site, endpoint) and region these calls go to. */
	async scope(): Promise<string> {
		return `${await accountScopeOf(this.context)}\u0000${this.region}`;
	}

	/**
	 * One call of `action`; Tencent's `Response` on success, a NodeApiError naming the item
	 * otherwise. A body given as a function is built when the first attempt's turn has come and
	 * sent unchanged on every retry.
	 */
	async call(action: string, body: CallBody): Promise<TencentCloudResult> {
		const secretId = await secretIdOf(this.context);
		const limiterKey = `${secretId}\u0000${action}`;
		const deadline = clock.now() + this.timeout;
		const readOnly = isReadOnlyAction(action);

		let answer: unknown;
		let requestBody: IDataObject | undefined;
		for (let attempt = 0; ; attempt++) {
			const askedAt = clock.now();
			const grantedAt = await rateLimiter.acquire(limiterKey, this.rateLimit);
			const sentAt = clock.now();
			this.waitedForKeyMs += sentAt - askedAt;
			this.sentByAction.set(action, (this.sentByAction.get(action) ?? 0) + 1);
			requestBody ??= typeof body === 'function' ? body() : body;
			// The first attempt has the whole timeout; a retry what is left of it.
			const attemptTimeout = attempt === 0 ? this.timeout : Math.max(1, Math.min(this.timeout, deadline - sentAt));
			try {
				answer = await this.send(action, requestBody, attemptTimeout);
			} catch (error) {
				// send() throws only NodeApiErrors that carry the socket-level code.
				const transportError = error as NodeApiError;
				const pause = backoffMs(attempt);
				if (readOnly && isTransientFailure(transportError.context) && hasTimeForRetry(clock.now(), deadline, pause)) {
					await clock.sleep(pause);
					continue;
				}
				throw transportError;
			}
			latency.observe(secretId, clock.now() - sentAt);

			const code = extractTencentCloudError(answer)?.code;
			// Any answer but a throttle took a place in Tencent's window for this key.
			if (!code || !isThrottlingCode(code)) rateLimiter.onAccepted(limiterKey);
			if (!code) break;
			const pause = backoffMs(attempt);
			if (isThrottlingCode(code)) {
				rateLimiter.onThrottled(limiterKey, grantedAt);
				if (!hasTimeForRetry(clock.now(), deadline, pause)) throw this.throttledTooLong(action, attempt + 1, answer);
				this.waitedForKeyMs += pause;
			} else if (!(readOnly && isTransientFailure({ tencentCode: code }) && hasTimeForRetry(clock.now(), deadline, pause))) {
				break;
			}
			await clock.sleep(pause);
		}
		return this.responseOf(action, answer);
	}

	private async send(action: string, body: IDataObject, timeout: number): Promise<unknown> {
		const options: IHttpRequestOptions = {
			method: 'POST',
			url: '/',
			headers: {
				[TC_HEADERS.service]: this.api.service,
				[TC_HEADERS.version]: this.api.version,
				[TC_HEADERS.action]: action,
				...(this.region ? { [TC_HEADERS.region]: this.region } : {}),
			},
			body,
			json: true,
			...(timeout ? { timeout } : {}),
		};
		try {
			return await this.context.helpers.httpRequestWithAuthentication.call(this.context, CREDENTIAL_TYPE, options);
		} catch (error) {
			// Rebuilt from the message and code alone: the original carries the signed request's headers.
			const code = networkErrorCode(error);
			// The HTTP client's own words ("timeout of 1000ms exceeded"), not n8n's generic rewording.
			const reason = ((error as { cause?: Error }).cause ?? (error as Error)).message;
			const transportError = withExactMessage(
				new NodeApiError(this.node, { message: reason } as JsonObject, { itemIndex: this.itemIndex }),
				`Could not complete ${action}: ${reason}${code ? ` (${code})` : ''}`,
			);
			transportError.context.networkErrorCode = code ?? 'UNKNOWN';
			throw transportError;
		}
	}

	/** Tencent's `Response`, or the error it holds as the node's error. */
	private responseOf(action: string, answer: unknown): TencentCloudResult {
		const tencentError = extractTencentCloudError(answer);
		if (tencentError) {
			const { message, description } = describeTencentCloudError(tencentError, this.api.service);
			const apiError = withExactMessage(
				new NodeApiError(
					this.node,
					{ Code: tencentError.code, Message: tencentError.message, RequestId: tencentError.requestId ?? '' },
					{ message, description, itemIndex: this.itemIndex },
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
			throw new NodeApiError(this.node, { message: 'Unexpected answer' } as JsonObject, {
				message: `Tencent Cloud returned an answer without "Response" to ${action}`,
				itemIndex: this.itemIndex,
			});
		}
		return response;
	}

	/** A throttled call whose time ran out: says so, with Tencent's code. */
	private throttledTooLong(action: string, attempts: number, answer: unknown): NodeApiError {
		const tencentError = extractTencentCloudError(answer)!;
		const seconds = Math.round(this.timeout / 1000);
		const message = `Tencent Cloud kept throttling ${action} (${tencentError.code}) for ${seconds} s, ${attempts} attempts: the item's time ran out`;
		const error = withExactMessage(
			new NodeApiError(this.node, { Code: tencentError.code, Message: tencentError.message, RequestId: tencentError.requestId ?? '' }, {
				message,
				itemIndex: this.itemIndex,
			}),
			message,
		);
		error.description =
			'Several workflows or n8n processes share this key\'s 20 requests per second per action. Raise Options → Timeout to wait longer, or send fewer items at once.';
		error.context.tencentCode = tencentError.code;
		error.context.requestId = tencentError.requestId;
		return error;
	}
}
