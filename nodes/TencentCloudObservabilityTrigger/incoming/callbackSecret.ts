import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The secret the callback URL carries: 24 random bytes, URL-safe (32 characters). */
export function newCallbackSecret(): string {
	return randomBytes(24).toString('base64url');
}

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Whether an incoming call's `secret` is the registered one, compared in constant time. Both
 * sides are hashed first so that neither their content nor their length shows in the timing.
 */
export function callbackSecretMatches(received: unknown, expected: string | undefined): boolean {
	if (typeof received !== 'string' || typeof expected !== 'string' || expected === '') return false;
	return timingSafeEqual(digest(received), digest(expected));
}
