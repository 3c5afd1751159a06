import { sleep } from 'n8n-workflow';

/** Tencent allows each action 20 requests per second per account key. */
export const TENCENT_ACTION_RATE_LIMIT = 20;

const WINDOW_MS = 1000;
/**
 * The server counts arrivals, which jitter around our send times: pacing over a slightly
 * longer window keeps 21 from landing in one of its seconds.
 */
const WINDOW_SAFETY_MS = 40;
/**
 * No window of this length ever holds more than the rate: a timer that fired late catches up
 * (pacing runs on a longer window), but never so fast that a second could hold one too many.
 */
const CAP_WINDOW_MS = WINDOW_MS + 10;

/**
 * How the rate follows Tencent's answers. Tencent counts a key's calls over a sliding second and
 * refuses the ones over its limit; each process sees only its own answers. Values tuned with
 * test/support/sharedKeySimulation.ts, then checked with `npm run bench`.
 *
 * - Throttled at the ceiling while sending all it may, a process learns its share: the calls
 *   Tencent accepted from it in the last second. Processes that start together each take about
 *   their share at once, instead of cutting step by step while the window stays full.
 * - If that share is most of the limit, the process is alone on its key and the throttle was
 *   jitter (a busy host): it returns to the ceiling in RETURN_SECONDS.
 * - Below the ceiling a throttle cuts the rate to DECREASE times what it was, once per cut.
 * - After a cut the rate grows back by CUBIC_GROWTH × t³ requests/s, t seconds after the cut:
 *   hardly at all near the level that was just throttled, fast once nothing has been throttled
 *   for a few seconds (the others have gone). Every process grows by the same curve, so shares even
 *   out over a minute; over a few seconds which process a throttle hits is luck, and they drift.
 */
export const DECREASE = 0.93;
export const CUBIC_GROWTH = 0.04;
export const RETURN_SECONDS = 2;
/** Accepted calls in the last second, as a part of the ceiling, that say a process is alone. */
const ALONE_SHARE = 0.75;

/** From `from` back to `ceiling` in RETURN_SECONDS along a cubic: fast at first, flat as it arrives. */
function quickReturn(from: number, ceiling: number, seconds: number): number {
	return ceiling - (ceiling - from) * Math.max(0, 1 - seconds / RETURN_SECONDS) ** 3;
}

/** The rate never drops below this, so a throttled key still probes. */
export const MIN_RATE = 0.5;

interface KeyState {
	/** The ceiling of the latest caller: the option Rate Limit, at most Tencent's limit. */
	ceiling: number;
	/** When the rate was last cut, to what, and whether it returns quickly (alone at the ceiling). */
	throttledAt?: number;
	cutTo?: number;
	alone?: boolean;
	/** When this key's first request was granted: its first second says nothing about sharing. */
	firstGrantAt?: number;
	/** When the previous grant was due on the pacing schedule. */
	lastDue?: number;
	/** When the pending timer is due to fire. */
	wakeAt?: number;
	/** Grant times inside the current window, oldest first, less the ones Tencent refused. */
	grants: number[];
	/** When Tencent's accepting answers arrived, inside the last window. */
	accepted: number[];
	waiters: Array<(grantedAt: number) => void>;
	timerPending: boolean;
}

/**
 * Paces requests per key (SecretId and action) at a rate that adapts to throttling. Waiters
 * queue in order; each grant is due one spacing (window / rate) after the previous one, at the
 * rate in force when it is due, so a cut applies at once to everyone waiting. A log of actual
 * grant times also caps any window at the rate: when a busy event loop wakes a timer late, the
 * schedule catches up without putting one request too many into a second.
 */
export class AdaptiveRateLimiter {
	private readonly states = new Map<string, KeyState>();

	constructor(
		private readonly now: () => number = () => Date.now(),
		private readonly wait: (ms: number) => Promise<void> = async (ms) => await sleep(ms),
		private readonly windowMs: number = WINDOW_MS + WINDOW_SAFETY_MS,
		private readonly capWindowMs: number = Math.min(windowMs, CAP_WINDOW_MS),
	) {}

	/**
	 * Resolves with the grant time when the caller may send one request for `key`; `ceiling`
	 * is the most requests per second this process may send for it (0 = no limit at all).
	 */
	async acquire(key: string, ceiling: number): Promise<number> {
		if (!(ceiling > 0)) return this.now();
		const state = this.stateOf(key);
		state.ceiling = ceiling;
		const granted = new Promise<number>((resolve) => state.waiters.push(resolve));
		this.pump(state);
		return await granted;
	}

	/** Tencent throttled a request granted at `grantedAt`: slow this key down, once per cut. */
	onThrottled(key: string, grantedAt: number): void {
		const state = this.states.get(key);
		if (!state) return;
		// A refused call used none of Tencent's window, so it holds no place in ours.
		const refused = state.grants.indexOf(grantedAt);
		if (refused >= 0) state.grants.splice(refused, 1);
		// Requests granted before the last cut were sent at the old rate; they say nothing new.
		if (state.throttledAt !== undefined && grantedAt < state.throttledAt) return;
		const now = this.now();
		const rate = this.rateOf(state, now);
		let cutTo = rate * DECREASE;
		state.alone = false;
		// Waiting callers mean the process sends all it may: what Tencent accepted from it in the
		// last second is its share of the key.
		if (rate >= state.ceiling && state.waiters.length > 0) {
			const share = this.acceptedInWindow(state, now);
			const settled = state.firstGrantAt !== undefined && now - state.firstGrantAt >= WINDOW_MS;
			if (settled && share >= ALONE_SHARE * state.ceiling) state.alone = true;
			else cutTo = Math.min(cutTo, share);
		}
		state.cutTo = Math.max(MIN_RATE, cutTo);
		state.throttledAt = now;
	}

	/** Tencent accepted a request for `key`. */
	onAccepted(key: string): void {
		const state = this.states.get(key);
		if (!state) return;
		const now = this.now();
		state.accepted.push(now);
		this.acceptedInWindow(state, now); // keeps only the last window's
	}

	/** Forgets what every key learnt (for tests that must start from a clean slate). */
	reset(): void {
		this.states.clear();
	}

	/** The requests per second `key` may send now. */
	currentRate(key: string, ceiling = TENCENT_ACTION_RATE_LIMIT): number {
		const state = this.states.get(key);
		return state ? this.rateOf(state, this.now()) : ceiling;
	}

	private stateOf(key: string): KeyState {
		let state = this.states.get(key);
		if (!state) {
			state = { ceiling: TENCENT_ACTION_RATE_LIMIT, grants: [], accepted: [], waiters: [], timerPending: false };
			this.states.set(key, state);
		}
		return state;
	}

	private rateOf(state: KeyState, now: number): number {
		if (state.throttledAt === undefined || state.cutTo === undefined) return state.ceiling;
		const seconds = (now - state.throttledAt) / 1000;
		const rate = state.alone ? quickReturn(state.cutTo, state.ceiling, seconds) : state.cutTo + CUBIC_GROWTH * seconds ** 3;
		return Math.min(state.ceiling, Math.max(MIN_RATE, rate));
	}

	private acceptedInWindow(state: KeyState, now: number): number {
		while (state.accepted.length && state.accepted[0] <= now - WINDOW_MS) state.accepted.shift();
		return state.accepted.length;
	}

	/** Grants every waiter that is due, then sleeps until the next one is. */
	private pump(state: KeyState): void {
		if (state.timerPending) return;
		while (state.waiters.length) {
			const now = this.now();
			const rate = this.rateOf(state, now);
			const spacing = this.windowMs / rate;
			const perWindow = Math.max(1, Math.floor((rate * this.capWindowMs) / WINDOW_MS + 1e-9));
			while (state.grants.length && state.grants[0] <= now - this.capWindowMs) state.grants.shift();

			// Woken by a timer, nothing could have gone before it fired, even if the rate has grown
			// since it was set: only the timer's own lateness is made up, or a rising rate would burst.
			const scheduled = Math.max(state.lastDue === undefined ? now : state.lastDue + spacing, state.wakeAt ?? -Infinity);
			const windowFree =
				state.grants.length >= perWindow ? state.grants[state.grants.length - perWindow] + this.capWindowMs : -Infinity;
			const due = Math.max(scheduled, windowFree);
			if (due > now) {
				state.timerPending = true;
				state.wakeAt = due;
				void this.wait(due - now).then(() => {
					state.timerPending = false;
					this.pump(state);
				});
				return;
			}
			// Late (a timer woken late by a busy event loop) keeps the schedule, so the lost time is
			// made up within the window cap; idle for a whole window starts it afresh.
			state.lastDue = now - due < this.capWindowMs ? due : now;
			state.wakeAt = undefined;
			state.firstGrantAt ??= now;
			state.grants.push(now);
			state.waiters.shift()!(now);
		}
	}
}

/**
 * What a process learns about a key's answers: how long calls take. Concurrency only has to
 * cover rate × latency (Little's law), so it is sized from this rather than fixed.
 */
export class LatencyTracker {
	private readonly averages = new Map<string, number>();

	constructor(
		/** Assumed before the first answer: a nearby region. */
		private readonly initialMs = 250,
		/** Weight of the newest sample in the moving average. */
		private readonly weight = 0.2,
	) {}

	observe(key: string, ms: number): void {
		const previous = this.averages.get(key);
		this.averages.set(key, previous === undefined ? ms : previous + this.weight * (ms - previous));
	}

	latencyMs(key: string): number {
		return this.averages.get(key) ?? this.initialMs;
	}

	/** Whether any answer for `key` was timed yet. */
	hasObserved(key: string): boolean {
		return this.averages.has(key);
	}

	reset(): void {
		this.averages.clear();
	}
}

/** The most items in flight without a setting: enough for 20/s at 1.2 s per call. */
export const CONCURRENCY_CEILING = 50;

/** Never fewer items in flight than this, however short the calls. */
const CONCURRENCY_FLOOR = 10;

/**
 * Items in flight needed to send `rate` per second when a call takes `latencyMs`, with room for
 * an item that makes two calls in a row (a lookup, then the create) and for latency spikes. The
 * floor covers what the call latency does not show: the engine's own time per item on a busy host.
 */
export function concurrencyForRate(rate: number, latencyMs: number, upperBound: number): number {
	const needed = Math.max(CONCURRENCY_FLOOR, Math.ceil((2 * rate * latencyMs) / 1000) + 2);
	return Math.max(1, Math.min(upperBound, needed));
}

/** Room over what an item's own time needs: its time varies from item to item. */
const ITEM_TIME_HEADROOM = 1.25;

/** Below this many requests of any action per item, concurrency is bounded by the upper bound alone. */
const MIN_REQUESTS_PER_ITEM = 0.1;

/**
 * Items in flight needed to send `rate` per second, from what is known so far: the latency of
 * one call (`latencyMs`), how long an item of this run takes besides waiting for its turn on the
 * key (`itemMs`: its calls, lookups shared with other items, the exactly-once settle wait), and
 * how many requests an item sends of the action it sends most of (`requestsPerItem`, default 1).
 * Items that wait without calling still hold their place, so items that wait a second need rate ×
 * that second more; items that skip the busiest action (a name that exists needs no create) let
 * more items through a second, so as many more must be in flight. Until the run's first item has
 * finished, what an item takes is unknown and the run starts at `upperBound`: the limiter paces
 * the calls anyway, and neither a far region nor a long item is starved while the first answers
 * are on their way.
 */
export function concurrencyForItems(
	rate: number,
	known: { latencyMs?: number; itemMs?: number; requestsPerItem?: number },
	upperBound: number,
): number {
	const { latencyMs, itemMs, requestsPerItem = 1 } = known;
	if (itemMs === undefined) return Math.max(1, upperBound);
	const forCalls = latencyMs === undefined ? 1 : concurrencyForRate(rate, latencyMs, upperBound);
	// Items that send (almost) nothing do not use the limiter, whatever their number.
	const itemsPerSecond = rate / Math.max(requestsPerItem, MIN_REQUESTS_PER_ITEM);
	const forItems = Math.ceil((ITEM_TIME_HEADROOM * itemsPerSecond * itemMs) / 1000) + 2;
	return Math.max(1, Math.min(upperBound, Math.max(forCalls, forItems)));
}
