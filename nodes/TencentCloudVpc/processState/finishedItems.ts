import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * What one run of the node remembers of its finished items, so that n8n's Retry On Fail (which
 * runs the whole node again, in the same execution and run index, with the same input) does not
 * repeat an item that already succeeded: a second mirror, or a Delete that fails because the
 * first try deleted. Only runs that had a failing item are remembered (a run without one is
 * never retried), each for a limited time, and a retry takes its run's memory out.
 */
export interface FinishedItem {
	/** Of the item's input, so a different input at the same index is never answered from memory. */
	fingerprint: string;
	output: INodeExecutionData[];
}

const REMEMBER_FOR_MS = 15 * 60 * 1000;
const MAX_REMEMBERED_RUNS = 1000;

export class FinishedItems {
	private readonly runs = new Map<string, { expiresAt: number; items: Map<number, FinishedItem> }>();

	constructor(
		private readonly now: () => number = () => Date.now(),
		private readonly rememberForMs = REMEMBER_FOR_MS,
		private readonly maxRuns = MAX_REMEMBERED_RUNS,
	) {}

	/** Keeps `items` for a retry of `runKey`. */
	remember(runKey: string, items: Map<number, FinishedItem>): void {
		this.dropExpired();
		this.runs.delete(runKey);
		if (items.size === 0) return;
		this.runs.set(runKey, { expiresAt: this.now() + this.rememberForMs, items });
		// Oldest first: a Map iterates in insertion order.
		for (const oldest of this.runs.keys()) {
			if (this.runs.size <= this.maxRuns) break;
			this.runs.delete(oldest);
		}
	}

	/** The finished items of an earlier try of `runKey`, taken out of memory. */
	take(runKey: string): Map<number, FinishedItem> | undefined {
		this.dropExpired();
		const run = this.runs.get(runKey);
		this.runs.delete(runKey);
		return run?.items;
	}

	/** Forgets every run (for tests that must start from a clean slate). */
	clear(): void {
		this.runs.clear();
	}

	get size(): number {
		return this.runs.size;
	}

	private dropExpired(): void {
		const now = this.now();
		for (const [key, run] of this.runs) if (run.expiresAt <= now) this.runs.delete(key);
	}
}

/** FNV-1a over the operation and the item's JSON: cheap, and enough to tell inputs apart. */
export function itemFingerprint(operation: string, json: IDataObject): string {
	const text = `${operation}\u0000${JSON.stringify(json)}`;
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return `${text.length}:${hash.toString(16)}`;
}
