/**
 * Which failed calls are tried again, and when. Throttling is always retried: Tencent refused
 * the request, so nothing was applied. Transient failures are retried only for actions that
 * change nothing; for the others a failure may have been applied and is the caller's to settle.
 */
const THROTTLING_CODES = [
	'RequestLimitExceeded',
	'RequestLimitExceeded.IPLimitExceeded',
	'RequestLimitExceeded.UinLimitExceeded',
];

const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2000;

export function isThrottlingCode(code: string): boolean {
	return THROTTLING_CODES.includes(code);
}

/** Exponential backoff with "equal jitter": half the step fixed, half random. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.round(step / 2 + (step / 2) * random());
}

/** Tencent's read actions: repeating one cannot change anything. */
export function isReadOnlyAction(action: string): boolean {
	return /^(Describe|Inquir|Check|Get|List)/.test(action);
}

/** Socket errors that happen before a request is sent: it cannot have been applied. */
const NOT_SENT_NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT'];

/** Errors that say nothing about the request itself: the same request may well succeed later. */
export function isTransientFailure(failure: { tencentCode?: unknown; networkErrorCode?: unknown }): boolean {
	if (typeof failure.networkErrorCode === 'string') {
		return !['ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT'].includes(failure.networkErrorCode);
	}
	return typeof failure.tencentCode === 'string' && /^(InternalError|ServiceUnavailable)(\.|$)/.test(failure.tencentCode);
}

/**
 * Whether a failed change may nonetheless have been applied: the answer was lost (timeout,
 * reset, dropped connection) or Tencent failed internally. Such a failure is never retried
 * blindly; `ifExists: returnExisting` settles it by looking the name up.
 */
export function mayHaveBeenApplied(failure: { tencentCode?: unknown; networkErrorCode?: unknown }): boolean {
	if (typeof failure.networkErrorCode === 'string') return !NOT_SENT_NETWORK_CODES.includes(failure.networkErrorCode);
	return isTransientFailure(failure);
}

/**
 * Whether another attempt fits in the time left: its backoff plus a minimal attempt. A call's
 * budget is the item's Timeout option, counted from its first attempt.
 */
export function hasTimeForRetry(now: number, deadline: number, backoff: number, minimumAttemptMs = 200): boolean {
	return now + backoff + minimumAttemptMs <= deadline;
}
