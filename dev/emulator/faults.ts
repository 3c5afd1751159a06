import type { FaultOptions, ForcedFault, LatencySetting } from './types';

export type FaultOutcome =
	| 'none'
	| 'InternalError'
	| 'ServiceUnavailable'
	| 'RequestLimitExceeded'
	| 'drop'
	| 'dropAfterApply'
	| 'internalErrorAfterApply';

export interface FaultDecision {
	outcome: FaultOutcome;
	/** Extra latency from a forced { latencyMs } fault. */
	extraLatencyMs: number;
}

interface ForcedEntry {
	action: string;
	fault: ForcedFault;
	remaining: number;
}

function rate(value: number | undefined): number {
	if (value === undefined || !Number.isFinite(value)) return 0;
	return Math.min(1, Math.max(0, value));
}

/** Forced faults (failNext) first, then random draws from the configured rates. */
export class FaultInjector {
	private options: FaultOptions;
	private forced: ForcedEntry[] = [];

	constructor(
		options: FaultOptions,
		private readonly rand: () => number,
	) {
		this.options = { ...options };
	}

	configure(options: FaultOptions): void {
		this.options = { ...this.options, ...options };
	}

	get clockSkewMs(): number {
		return this.options.clockSkewMs ?? 0;
	}

	/** Queue `count` faults for the next requests of `action` ('*' matches any action). */
	failNext(action: string, fault: ForcedFault, count = 1): void {
		if (!Number.isInteger(count) || count < 1) throw new RangeError('failNext count must be a positive integer');
		this.forced.push({ action, fault, remaining: count });
	}

	clearForced(): void {
		this.forced = [];
	}

	/** Latency added before every answer (also for requests rejected before authentication). */
	baseLatencyMs(action: string | undefined): number {
		const setting: LatencySetting | undefined = this.options.latencyMs;
		const value = typeof setting === 'function' ? setting(action) : setting;
		return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
	}

	/** Called once per authenticated, rate-accepted request. */
	decide(action: string): FaultDecision {
		const index = this.forced.findIndex((f) => f.action === action || f.action === '*');
		if (index !== -1) {
			const entry = this.forced[index];
			entry.remaining -= 1;
			if (entry.remaining <= 0) this.forced.splice(index, 1);
			if (typeof entry.fault === 'object') {
				return { outcome: 'none', extraLatencyMs: Math.max(0, entry.fault.latencyMs) };
			}
			return { outcome: entry.fault, extraLatencyMs: 0 };
		}
		if (this.options.faultActions && !this.options.faultActions.includes(action)) return { outcome: 'none', extraLatencyMs: 0 };
		// Independent draws in a fixed order; a draw is only made for a non-zero rate.
		const draw = (r: number) => r > 0 && this.rand() < r;
		if (draw(rate(this.options.internalErrorRate))) return { outcome: 'InternalError', extraLatencyMs: 0 };
		if (draw(rate(this.options.serviceUnavailableRate))) return { outcome: 'ServiceUnavailable', extraLatencyMs: 0 };
		if (draw(rate(this.options.dropConnectionRate))) {
			return { outcome: this.options.dropAfterApply ? 'dropAfterApply' : 'drop', extraLatencyMs: 0 };
		}
		if (draw(rate(this.options.internalErrorAfterApplyRate))) return { outcome: 'internalErrorAfterApply', extraLatencyMs: 0 };
		return { outcome: 'none', extraLatencyMs: 0 };
	}
}
