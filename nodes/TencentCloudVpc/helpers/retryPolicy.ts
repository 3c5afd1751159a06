/**
 * Only throttling is retried: Tencent refused the request, so nothing was created.
 * Anything else may have been applied and is the caller's to resolve.
 */
export const THROTTLING_CODES = [
	'RequestLimitExceeded',
	'RequestLimitExceeded.IPLimitExceeded',
	'RequestLimitExceeded.UinLimitExceeded',
];

export const MAX_THROTTLE_RETRIES = 5;
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2000;

export function isThrottlingCode(code: string): boolean {
	return THROTTLING_CODES.includes(code);
}

/** Exponential backoff with "equal jitter": half the step fixed, half random. */
export function throttleBackoffMs(attempt: number, random: () => number = Math.random): number {
	const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.round(step / 2 + (step / 2) * random());
}

/** Socket errors that happen before a request is sent: it cannot have been applied. */
const NOT_SENT_NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT'];

/**
 * Whether a failed create may nonetheless have created the mirror: the answer was lost
 * (timeout, reset, dropped connection) or Tencent failed internally. Such a failure is
 * never retried blindly; `ifExists: returnExisting` resolves it by looking the name up.
 */
export function mayHaveBeenApplied(failure: { tencentCode?: unknown; networkErrorCode?: unknown }): boolean {
	if (typeof failure.networkErrorCode === 'string') return !NOT_SENT_NETWORK_CODES.includes(failure.networkErrorCode);
	if (typeof failure.tencentCode !== 'string') return false;
	return /^(InternalError|ServiceUnavailable)(\.|$)/.test(failure.tencentCode);
}
