// What TCOP sends out: alarm and recovery pushes to the callback URLs of the templates bound to a
// policy (5 s timeout, up to 3 more tries when the answer is not HTTP 200 with retCode 0), and the
// one check call a newly saved callback URL gets. Everything sent is logged for the side door.
import * as http from 'node:http';
import * as https from 'node:https';
import { randomBytes } from 'node:crypto';

import type { AlarmNoticeState, NoticeType } from './alarmNotices';
import { callbackBody } from './alarmPolicies';

export const PUSH_TIMEOUT_MS = 5000;
export const PUSH_RETRIES = 3;
export const DEFAULT_RETRY_DELAY_MS = 200;

export interface TcopFireRequest {
	policyId: string;
	status?: 'alarm' | 'recovery';
	/** The alarmed object (default: the policy's seeded one). */
	instanceId?: string;
	/** Region short code, e.g. gz (default: the policy's). */
	region?: string;
}

export interface PushAttempt {
	status?: number;
	body?: string;
	error?: string;
	ms: number;
}

export interface PushRecord {
	url: string;
	noticeId: string;
	policyId: string;
	status: 'alarm' | 'recovery';
	/** One per attempt: every attempt is a push of its own with a fresh sessionId. */
	sessionIds: string[];
	/** The body of the first attempt (later ones differ only in sessionId). */
	payload: Record<string, unknown>;
	attempts: PushAttempt[];
	delivered: boolean;
}

export interface UrlCheckRecord {
	url: string;
	noticeId: string;
	status?: number;
	error?: string;
}

export interface TcopPushSettings {
	/** Wait between a failed push and the next try (default 200 ms; Tencent does not say). */
	tcopRetryDelayMs?: number;
	/** Per push and per URL check (default 5000 ms, Tencent's). */
	tcopPushTimeoutMs?: number;
}

export class TcopFireError extends Error {}

/** Which template NoticeTypes hear an alarm or a recovery. */
function hears(noticeType: NoticeType, status: 'alarm' | 'recovery'): boolean {
	return noticeType === 'ALL' || (status === 'alarm' ? noticeType === 'ALARM' : noticeType === 'OK');
}

function sessionId(): string {
	return randomBytes(18).toString('base64url');
}

/** TCOP takes `domain-or-IP[:port][/path]`; without a scheme it is plain http. */
function targetUrl(url: string): URL {
	return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`);
}

/** The emulator sends only to this machine: a URL elsewhere is logged as an error, never called. */
export function isLoopback(target: URL): boolean {
	const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function delivered(attempt: PushAttempt): boolean {
	if (attempt.status !== 200 || attempt.body === undefined) return false;
	try {
		const answer = JSON.parse(attempt.body) as { retCode?: unknown };
		return answer !== null && typeof answer === 'object' && answer.retCode === 0;
	} catch {
		return false;
	}
}

export class TcopPusher {
	readonly pushes: PushRecord[] = [];
	readonly checks: UrlCheckRecord[] = [];
	private retryDelayMs = DEFAULT_RETRY_DELAY_MS;
	private timeoutMs = PUSH_TIMEOUT_MS;
	/** The first occurrence of each alarm still firing, by policy and object. */
	private readonly firing = new Map<string, number>();
	private readonly inFlight = new Set<Promise<unknown>>();
	private readonly aborts = new Set<AbortController>();
	private closed = false;

	constructor(
		private readonly now: () => number,
		settings: TcopPushSettings = {},
	) {
		this.configure(settings);
	}

	configure(settings: TcopPushSettings): void {
		const { tcopRetryDelayMs, tcopPushTimeoutMs } = settings;
		if (tcopRetryDelayMs !== undefined) {
			if (!Number.isFinite(tcopRetryDelayMs) || tcopRetryDelayMs < 0) throw new RangeError('tcopRetryDelayMs must be a non-negative number');
			this.retryDelayMs = tcopRetryDelayMs;
		}
		if (tcopPushTimeoutMs !== undefined) {
			if (!Number.isFinite(tcopPushTimeoutMs) || tcopPushTimeoutMs <= 0) throw new RangeError('tcopPushTimeoutMs must be a positive number');
			this.timeoutMs = tcopPushTimeoutMs;
		}
	}

	reset(): void {
		this.pushes.length = 0;
		this.checks.length = 0;
		this.firing.clear();
		this.retryDelayMs = DEFAULT_RETRY_DELAY_MS;
		this.timeoutMs = PUSH_TIMEOUT_MS;
	}

	/** Resolves once every push and URL check started so far has finished. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	close(): void {
		this.closed = true;
		for (const abort of this.aborts) abort.abort();
	}

	/** Pushes an alarm or recovery of a policy; answers once every push and retry is done. */
	async fire(request: TcopFireRequest, state: AlarmNoticeState): Promise<PushRecord[]> {
		const policy = state.policy(request.policyId);
		if (!policy) throw new TcopFireError(`no alarm policy ${request.policyId}`);
		const status = request.status ?? 'alarm';
		if (status !== 'alarm' && status !== 'recovery') throw new TcopFireError('status must be "alarm" or "recovery"');
		const instanceId = request.instanceId ?? policy.instanceId;
		const regionCode = request.region ?? policy.regionCode;
		const nowMs = this.now();
		const key = `${policy.PolicyId}\u0000${instanceId}`;
		// A recovery without a known alarm still needs a first occurrence: five minutes ago.
		const firstOccurMs = this.firing.get(key) ?? (status === 'alarm' ? nowMs : nowMs - 5 * 60 * 1000);
		if (status === 'alarm') this.firing.set(key, firstOccurMs);
		else this.firing.delete(key);
		const body = callbackBody(policy, { status, regionCode, instanceId, firstOccurMs, nowMs });

		const targets = state
			.noticeIdsOf(policy.PolicyId)
			.map((noticeId) => state.notice(noticeId))
			.filter((notice) => notice !== undefined && hears(notice.NoticeType, status))
			.flatMap((notice) => notice!.URLNotices.map((u) => ({ noticeId: notice!.Id, url: u.URL })));
		const records = targets.map(({ noticeId, url }) => {
			const record: PushRecord = { url, noticeId, policyId: policy.PolicyId, status, sessionIds: [], payload: body, attempts: [], delivered: false };
			this.pushes.push(record);
			return record;
		});
		await Promise.all(records.map((record) => this.track(this.deliver(record, body))));
		return records;
	}

	/** The check call for a URL just saved in a template: POST {}, HTTP 200 means valid. */
	checkUrl(noticeId: string, url: string, state: AlarmNoticeState): void {
		if (this.closed) return;
		const record: UrlCheckRecord = { url, noticeId };
		this.checks.push(record);
		void this.track(
			this.post(url, '{}').then((answer) => {
				if (answer.status !== undefined) record.status = answer.status;
				if (answer.error !== undefined) record.error = answer.error;
				state.markUrlChecked(noticeId, url, answer.status === 200);
			}),
		);
	}

	private async deliver(record: PushRecord, body: Record<string, unknown>): Promise<void> {
		for (let attempt = 0; attempt <= PUSH_RETRIES && !this.closed; attempt++) {
			if (attempt > 0) await this.pause(this.retryDelayMs);
			if (this.closed) return;
			const id = sessionId();
			record.sessionIds.push(id);
			const result = await this.post(record.url, JSON.stringify({ sessionId: id, ...body }));
			record.attempts.push(result);
			if (delivered(result)) {
				record.delivered = true;
				return;
			}
		}
	}

	private track<T>(work: Promise<T>): Promise<T> {
		this.inFlight.add(work);
		void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
		return work;
	}

	private pause(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		const abort = new AbortController();
		this.aborts.add(abort);
		return new Promise<void>((resolve) => {
			const timer = setTimeout(done, ms);
			function done() {
				clearTimeout(timer);
				resolve();
			}
			abort.signal.addEventListener('abort', done);
		}).finally(() => this.aborts.delete(abort));
	}

	/** One POST; never rejects: a failure is reported as `error`. */
	private post(url: string, payload: string): Promise<PushAttempt> {
		const started = Date.now();
		const abort = new AbortController();
		this.aborts.add(abort);
		return new Promise<PushAttempt>((resolve) => {
			let settled = false;
			const finish = (result: Omit<PushAttempt, 'ms'>) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				resolve({ ...result, ms: Date.now() - started });
			};
			const timer = setTimeout(() => {
				finish({ error: `timeout after ${this.timeoutMs} ms` });
				abort.abort();
			}, this.timeoutMs);
			let target: URL;
			try {
				target = targetUrl(url);
			} catch {
				finish({ error: `not a URL: ${url}` });
				return;
			}
			if (!isLoopback(target)) {
				finish({ error: `not sent: ${target.hostname} is not a loopback address (the emulator sends only to this machine)` });
				return;
			}
			const client = target.protocol === 'https:' ? https : http;
			const req = client.request(
				target,
				{
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
					signal: abort.signal,
					agent: false,
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => finish({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
					res.on('error', (e) => finish({ status: res.statusCode, error: e.message }));
				},
			);
			req.on('error', (e) => finish({ error: this.closed ? 'emulator stopped' : e.message }));
			req.end(payload);
		}).finally(() => this.aborts.delete(abort));
	}
}
