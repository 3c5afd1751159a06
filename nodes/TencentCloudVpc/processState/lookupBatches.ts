/**
 * Sends one call for the names `takeNames()` returns and says what each of them answered.
 * `takeNames` is called once, when the call's turn has come: names keep joining until then.
 */
export type SendBatch<A> = (takeNames: () => string[]) => Promise<(name: string) => A>;

interface Waiter<A> {
	resolve: (answer: A) => void;
	reject: (error: unknown) => void;
	/** The waiter's own way to ask, used alone when the shared call failed. */
	send: SendBatch<A>;
}

interface Batch<A> {
	waiters: Map<string, Array<Waiter<A>>>;
	/** Sent by the first waiter's means: its client, its item, its timeout. */
	send: SendBatch<A>;
	/** Its names were taken for the call, or it is full: no name joins any more. */
	closed: boolean;
	sent: boolean;
}

interface Scope {
	open?: Batch<unknown>;
	lastSentAt?: number;
}

/**
 * Gathers lookups by name that run at the same time into shared calls: a batch per scope
 * (key, region, VPC) takes up to `maxNames` names (what one call may carry, given by the
 * caller) and goes when it is full, or once
 * `gatherMs` have passed since the scope's previous call. A lookup with no call of its scope
 * in the last `gatherMs` goes at once; names that arrive while a call waits for its turn on the
 * rate limiter still join it. Timing runs on the process's clock (no timer of its own).
 *
 * Each waiter gets the answer for its own name. When the shared call fails, its sender gets
 * the error and every other waiter asks again alone, so its failure is its own (its item, its
 * timeout).
 */
export class LookupBatches {
	/** One entry per key, region and VPC ever looked up in: a handful per process. */
	private readonly scopes = new Map<string, Scope>();

	constructor(
		private readonly now: () => number,
		private readonly sleep: (ms: number) => Promise<void>,
		readonly gatherMs: number,
	) {}

	async lookup<A>(scopeKey: string, name: string, maxNames: number, send: SendBatch<A>): Promise<A> {
		let scope = this.scopes.get(scopeKey);
		if (!scope) {
			scope = {};
			this.scopes.set(scopeKey, scope);
		}
		const joinable = scope.open as Batch<A> | undefined;
		const batch: Batch<A> = joinable ?? { waiters: new Map(), send, closed: false, sent: false };
		if (!joinable) scope.open = batch as Batch<unknown>;

		const answer = new Promise<A>((resolve, reject) => {
			const waiters = batch.waiters.get(name) ?? [];
			waiters.push({ resolve, reject, send });
			batch.waiters.set(name, waiters);
		});
		if (batch.waiters.size >= maxNames) {
			this.close(scope, batch);
			if (!batch.sent) this.dispatch(scope, batch);
		} else if (!joinable) {
			void this.dispatchWhenDue(scope, batch);
		}
		return await answer;
	}

	/** Forgets every scope (for tests that must start from a clean slate). */
	clear(): void {
		this.scopes.clear();
	}

	private async dispatchWhenDue<A>(scope: Scope, batch: Batch<A>): Promise<void> {
		const due = (scope.lastSentAt ?? -Infinity) + this.gatherMs;
		const now = this.now();
		if (due > now) await this.sleep(due - now);
		if (!batch.sent) this.dispatch(scope, batch);
	}

	private close<A>(scope: Scope, batch: Batch<A>): void {
		batch.closed = true;
		if (scope.open === batch) scope.open = undefined;
	}

	private dispatch<A>(scope: Scope, batch: Batch<A>): void {
		batch.sent = true;
		scope.lastSentAt = this.now();
		const takeNames = () => {
			this.close(scope, batch);
			return [...batch.waiters.keys()];
		};
		batch.send(takeNames).then(
			(answerFor) => {
				for (const [name, waiters] of batch.waiters) for (const waiter of waiters) waiter.resolve(answerFor(name));
			},
			(error: unknown) => {
				this.close(scope, batch);
				for (const [name, waiters] of batch.waiters) {
					for (const waiter of waiters) {
						if (waiter.send === batch.send) waiter.reject(error);
						else waiter.send(() => [name]).then((answerFor) => waiter.resolve(answerFor(name)), waiter.reject);
					}
				}
			},
		);
	}
}
