import { sleep } from 'n8n-workflow';

import { AdaptiveRateLimiter, LatencyTracker } from './adaptiveRateLimiter';
import { FinishedItems } from './finishedItems';
import { KeyedLock } from './keyedLock';

export { concurrencyForRate, CONCURRENCY_CEILING, TENCENT_ACTION_RATE_LIMIT } from './adaptiveRateLimiter';
export { type FinishedItem, itemFingerprint } from './finishedItems';

/**
 * What the node keeps for the whole n8n process, shared by every execution and workflow: the
 * rate limiter and latency record per key (Tencent counts calls per key, not per execution),
 * the finished items a Retry On Fail try answers from, and the name locks of exactly-once.
 * Everything that waits or reads the time goes through `clock`, so a test can run it on a
 * clock of its own.
 */

export interface Clock {
	/** Milliseconds, as Date.now() counts them. */
	now(): number;
	sleep(ms: number): Promise<void>;
}

const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

let currentClock = systemClock;

/** The process's clock: the system's unless a test installed another (resetProcessState). */
export const clock: Clock = {
	now: () => currentClock.now(),
	sleep: async (ms) => await currentClock.sleep(ms),
};

export const rateLimiter = new AdaptiveRateLimiter(clock.now, clock.sleep);
export const latency = new LatencyTracker();
export const finishedItems = new FinishedItems(clock.now);
export const nameLocks = new KeyedLock();
/** One read-modify-write of an alarm policy's templates at a time (ModifyAlarmPolicyNotice sets the whole list). */
export const policyNoticeLocks = new KeyedLock();

/** Forgets everything the process learnt, and runs it on `options.clock` (the system's by default). For tests. */
export function resetProcessState(options: { clock?: Clock } = {}): void {
	currentClock = options.clock ?? systemClock;
	rateLimiter.reset();
	latency.reset();
	finishedItems.clear();
	nameLocks.clear();
	policyNoticeLocks.clear();
}
