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
