// The HTTP front: request pipeline in Tencent's check order, faults, logging.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ActionHandler } from './actionContext';
import { AlarmNoticeState, MONITOR_SERVICE, MONITOR_VERSION, TCOP_ACTIONS, type UrlToCheck } from './alarmNotices';
import { ApiError, apiError } from './apiError';
import { authenticateRequest, MAX_CLOCK_DIFFERENCE_S } from './authenticateRequest';
import { type FaultDecision, FaultInjector } from './faults';
import { INVENTORY_ACTIONS } from './inventoryActions';
import { MirrorStore } from './mirrorStore';
import { randomSeed, resourceId, seededRandom, uuidFrom } from './random';
import { SlidingWindowRateLimiter } from './rateLimiter';
import { API_VERSION, SERVICE, SUPPORTED_REGIONS } from './regions';
import { SCHEMA } from './schema';
import { scopeService, serveGenericService } from './genericService';
import { handleSideDoor, SIDE_DOOR_PREFIX } from './sideDoor';
import { TcopPusher, type TcopFireRequest, type PushRecord, type UrlCheckRecord, type TcopPushSettings } from './tcopPushes';
import { TRAFFIC_MIRROR_ACTIONS } from './trafficMirrorActions';
import type {
	AlarmNotice,
	AlarmPolicySummary,
	Emulator,
	EmulatorKey,
	EmulatorOptions,
	FaultOptions,
	ForcedFault,
	RequestLogEntry,
	Tag,
	TrafficMirror,
} from './types';
import { validateRequest } from './validateRequest';

/** Public, fake credentials for local use only. NOT a Tencent Cloud key. */
export const DEMO_KEY: EmulatorKey = Object.freeze({
	secretId: 'AKIDemulatorDEMOKEY0000000000000000',
	secretKey: 'EmulatorDemoSecretKeyNOTREAL0000',
});

export const DEFAULT_RATE_LIMIT = 20;
export { MAX_CLOCK_DIFFERENCE_S };
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const ACTIONS: Record<string, ActionHandler> = { ...TRAFFIC_MIRROR_ACTIONS, ...INVENTORY_ACTIONS };
for (const name of Object.keys(SCHEMA.actions)) {
	if (!ACTIONS[name]) throw new Error(`emulator has no handler for ${name}`);
}

/** `after` runs once the answer is sent (or the connection dropped after the action applied). */
type Outcome = { kind: 'answer'; payload: Record<string, unknown>; after?: () => void } | { kind: 'drop' };

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		out[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

function readBody(req: http.IncomingMessage): Promise<{ raw: Buffer; tooLarge: boolean }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve({ raw: Buffer.concat(chunks), tooLarge }));
		req.on('error', reject);
	});
}

export class EmulatorServer implements Emulator {
	readonly log: RequestLogEntry[] = [];
	private readonly server: http.Server;
	private readonly keys = new Map<string, EmulatorKey>();
	private readonly store = new MirrorStore();
	private readonly tcop: AlarmNoticeState;
	private readonly pusher: TcopPusher;
	private readonly limiter: SlidingWindowRateLimiter;
	private readonly faults: FaultInjector;
	private readonly idRand: () => number;
	private readonly baseNow: () => number;
	private readonly pendingSleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	private boundPort = 0;
	private stopped = false;

	private constructor(private readonly options: EmulatorOptions) {
		for (const key of options.keys ?? [DEMO_KEY]) {
			if (this.keys.has(key.secretId)) throw new Error(`duplicate emulator key ${key.secretId}`);
			this.keys.set(key.secretId, { ...key });
		}
		const seed = options.seed ?? randomSeed();
		this.faults = new FaultInjector(options, seededRandom(seed));
		this.idRand = seededRandom(seed ^ 0x5bd1e995);
		this.limiter = new SlidingWindowRateLimiter(checkRateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT));
		this.baseNow = options.now ?? Date.now;
		this.tcop = new AlarmNoticeState(() => this.newNoticeId());
		this.pusher = new TcopPusher(() => this.now(), options);
		this.server = http.createServer((req, res) => this.onRequest(req, res));
	}

	static async start(options: EmulatorOptions = {}): Promise<EmulatorServer> {
		const emulator = new EmulatorServer(options);
		await new Promise<void>((resolve, reject) => {
			emulator.server.once('error', reject);
			emulator.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
				emulator.server.off('error', reject);
				resolve();
			});
		});
		emulator.boundPort = (emulator.server.address() as AddressInfo).port;
		return emulator;
	}

	get port(): number {
		return this.boundPort;
	}

	get url(): string {
		const host = this.options.host ?? '127.0.0.1';
		return `http://${host.includes(':') ? `[${host}]` : host}:${this.boundPort}`;
	}

	/** Emulator clock in epoch ms. */
	now(): number {
		return this.baseNow() + this.faults.clockSkewMs;
	}

	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		this.pusher.close();
		for (const s of this.pendingSleeps) {
			clearTimeout(s.timer);
			s.resolve();
		}
		this.pendingSleeps.clear();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	reset(): void {
		this.store.clear();
		this.log.length = 0;
		this.limiter.reset();
		this.faults.clearForced();
		this.tcop.reset();
		this.pusher.reset();
		this.pusher.configure(this.options);
	}

	configure(settings: FaultOptions & TcopPushSettings & { rateLimit?: number }): void {
		const { rateLimit, tcopRetryDelayMs, tcopPushTimeoutMs, ...rest } = settings;
		if (rateLimit !== undefined) this.limiter.setLimit(checkRateLimit(rateLimit));
		this.pusher.configure({ tcopRetryDelayMs, tcopPushTimeoutMs });
		this.faults.configure(rest);
	}

	fireTcopAlarm(request: TcopFireRequest): Promise<PushRecord[]> {
		return this.pusher.fire(request, this.tcop);
	}

	tcopPushes(): PushRecord[] {
		return structuredClone(this.pusher.pushes);
	}

	tcopChecks(): UrlCheckRecord[] {
		return structuredClone(this.pusher.checks);
	}

	alarmNotices(): AlarmNotice[] {
		return this.tcop.allNotices();
	}

	alarmPolicies(): AlarmPolicySummary[] {
		return this.tcop.allPolicies();
	}

	deleteAlarmNoticeInConsole(noticeId: string): boolean {
		return this.tcop.deleteNotice(noticeId);
	}

	tcopIdle(): Promise<void> {
		return this.pusher.idle();
	}

	failNext(action: string, fault: ForcedFault, count = 1): void {
		this.faults.failNext(action, fault, count);
	}

	mirrors(region?: string): TrafficMirror[] {
		return this.store.snapshot(region);
	}

	tagsOf(trafficMirrorId: string): Tag[] {
		return this.store.tagsOf(trafficMirrorId);
	}

	private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
		res.on('error', () => undefined);
		const pathname = (req.url ?? '/').split('?')[0];
		if (this.options.sideDoor !== false && pathname.startsWith(SIDE_DOOR_PREFIX)) {
			void handleSideDoor(this, req, res);
			return;
		}
		readBody(req)
			.then(({ raw, tooLarge }) => this.serveApi(req, res, raw, tooLarge))
			.catch(() => res.destroy());
	}

	private sleep(ms: number): Promise<void> {
		if (ms <= 0 || this.stopped) return Promise.resolve();
		return new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					this.pendingSleeps.delete(entry);
					resolve();
				}, ms),
				resolve,
			};
			this.pendingSleeps.add(entry);
		});
	}

	private async serveApi(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer, tooLarge: boolean): Promise<void> {
		const headers = flattenHeaders(req.headers);
		const entry: RequestLogEntry = {
			time: this.now(),
			action: headers['x-tc-action'] || undefined,
			region: headers['x-tc-region'] || undefined,
			headers,
			rawBody: raw.toString('utf8'),
			signatureVerdict: 'unchecked',
			code: '',
			requestId: uuidFrom(this.idRand),
			status: 'answered',
		};
		const fault: { decision: FaultDecision } = { decision: { outcome: 'none', extraLatencyMs: 0 } };
		let outcome: Outcome;
		try {
			outcome = this.process(req, raw, tooLarge, entry, fault);
			if (outcome.kind === 'answer') entry.code = 'Success';
		} catch (e) {
			const err = e instanceof ApiError ? e : apiError('InternalError', 'An internal error occurred in the emulator.');
			if (!(e instanceof ApiError)) process.stderr.write(`emulator: unexpected error: ${e instanceof Error ? e.stack : String(e)}\n`);
			entry.code = err.code;
			outcome = { kind: 'answer', payload: { Error: { Code: err.code, Message: err.message } } };
		}
		if (fault.decision.outcome !== 'none') entry.fault = fault.decision.outcome;
		if (fault.decision.outcome === 'drop') entry.code = 'Dropped';
		const dropping = fault.decision.outcome === 'drop' || fault.decision.outcome === 'dropAfterApply';

		await this.sleep(this.faults.baseLatencyMs(entry.action) + fault.decision.extraLatencyMs);

		if (dropping) entry.status = 'dropped';
		entry.answeredAt = this.now();
		this.record(entry);
		const after = outcome.kind === 'answer' ? outcome.after : undefined;
		if (dropping) {
			req.socket.destroy();
			after?.();
			return;
		}
		if (res.destroyed || res.writableEnded || outcome.kind !== 'answer') return;
		const body = JSON.stringify({ Response: { ...outcome.payload, RequestId: entry.requestId } });
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
		res.end(body, () => after?.());
	}

	private record(entry: RequestLogEntry): void {
		this.log.push(entry);
		try {
			this.options.onLog?.(entry);
		} catch {
			// A failing log sink must not break the API.
		}
	}

	/** Steps in Tencent's order; throws ApiError for the first failing check. */
	private process(
		req: http.IncomingMessage,
		raw: Buffer,
		tooLarge: boolean,
		entry: RequestLogEntry,
		fault: { decision: FaultDecision },
	): Outcome {
		const h = entry.headers;
		const service = scopeService(h);
		// Monitor's alarm-notice actions are served in every mode; its other actions only by the generic mode.
		if (service === MONITOR_SERVICE && (!this.options.genericServices || Object.prototype.hasOwnProperty.call(TCOP_ACTIONS, h['x-tc-action'] ?? ''))) {
			return this.processMonitor(req, raw, tooLarge, entry, fault);
		}
		if (this.options.genericServices) {
			if (service !== undefined && service !== SERVICE) {
				const payload = serveGenericService(
					{ method: req.method ?? '', url: req.url ?? '/', headers: h, raw, tooLarge, maxBodyBytes: MAX_BODY_BYTES },
					entry,
					{ keys: this.keys, nowMs: this.now() },
				);
				return { kind: 'answer', payload };
			}
		}
		if (req.method !== 'POST') {
			throw apiError('UnsupportedProtocol', `The emulator accepts POST requests only, not ${req.method ?? '?'}.`);
		}
		if (tooLarge) throw apiError('RequestSizeLimitExceeded', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);

		const { key } = authenticateRequest({ method: req.method, url: req.url ?? '/', headers: h, raw }, entry, {
			keys: this.keys,
			nowMs: this.now(),
			acceptsService: (service) =>
				service === SERVICE ? undefined : `The credential scope service \`${service}\` is not \`${SERVICE}\`.`,
		});

		const version = h['x-tc-version'];
		if (version !== API_VERSION) throw apiError('NoSuchVersion', `The API version \`${version}\` does not exist; use ${API_VERSION}.`);
		const action = h['x-tc-action'];
		const handler = Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action] : undefined;
		if (!handler) throw apiError('InvalidAction', `The action \`${action}\` does not exist.`);
		if (key.allowedActions && !key.allowedActions.includes(action)) {
			throw apiError('UnauthorizedOperation', `The key \`${key.secretId}\` is not authorized to perform vpc:${action}.`);
		}
		const region = h['x-tc-region'];
		if (!region) throw apiError('MissingParameter', 'The request is missing a required header `X-TC-Region`.');
		if (!SUPPORTED_REGIONS.includes(region)) throw apiError('UnsupportedRegion', `The region \`${region}\` is not supported by ${action}.`);

		if (this.limitAndFault(key, action, fault) === 'drop') return { kind: 'drop' };
		const body = this.jsonBody(h, raw, entry);
		validateRequest(action, body);
		const payload = handler({
			region,
			body: body as Record<string, unknown>,
			nowMs: this.now(),
			store: this.store,
			newId: (prefix) => this.newId(prefix),
		});
		if (fault.decision.outcome === 'internalErrorAfterApply') {
			throw apiError('InternalError', 'An internal error occurred after the change was applied (injected by the emulator).');
		}
		return { kind: 'answer', payload };
	}

	/** RequestLimitExceeded, then the injected fault: 'drop' when the request is to be dropped unapplied. */
	private limitAndFault(key: EmulatorKey, action: string, fault: { decision: FaultDecision }): 'drop' | undefined {
		if (!this.limiter.tryAcquire(`${key.secretId}\u0000${action}`, this.now())) {
			throw apiError('RequestLimitExceeded', `The request rate of ${action} exceeds the limit.`);
		}
		fault.decision = this.faults.decide(action);
		switch (fault.decision.outcome) {
			case 'drop':
				return 'drop';
			case 'InternalError':
				throw apiError('InternalError', 'An internal error occurred (injected by the emulator).');
			case 'ServiceUnavailable':
				throw apiError('ServiceUnavailable', 'The service is temporarily unavailable (injected by the emulator).');
			case 'RequestLimitExceeded':
				throw apiError('RequestLimitExceeded', `The request rate of ${action} exceeds the limit (injected by the emulator).`);
			default:
				return undefined;
		}
	}

	/** InvalidParameter for another content type or a body that is not JSON; records the body on the entry. */
	private jsonBody(h: Record<string, string>, raw: Buffer, entry: RequestLogEntry): unknown {
		const mediaType = (h['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		if (mediaType !== 'application/json') {
			throw apiError('InvalidParameter', `The emulator accepts Content-Type application/json only, not \`${h['content-type'] ?? ''}\`.`);
		}
		let body: unknown = {};
		if (raw.length > 0) {
			try {
				body = JSON.parse(entry.rawBody);
			} catch {
				throw apiError('InvalidParameter', 'The request body is not valid JSON.');
			}
		}
		entry.body = body;
		return body;
	}

	/**
	 * Monitor 2018-07-24's alarm-notice actions, in the VPC pipeline's order; the region header is
	 * optional (the actions are account-wide) and every body names `"Module": "monitor"`.
	 */
	private processMonitor(
		req: http.IncomingMessage,
		raw: Buffer,
		tooLarge: boolean,
		entry: RequestLogEntry,
		fault: { decision: FaultDecision },
	): Outcome {
		const h = entry.headers;
		if (req.method !== 'POST') {
			throw apiError('UnsupportedProtocol', `The emulator accepts POST requests only, not ${req.method ?? '?'}.`);
		}
		if (tooLarge) throw apiError('RequestSizeLimitExceeded', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
		const { key } = authenticateRequest({ method: req.method, url: req.url ?? '/', headers: h, raw }, entry, {
			keys: this.keys,
			nowMs: this.now(),
			acceptsService: () => undefined,
		});
		entry.service = MONITOR_SERVICE;
		const version = h['x-tc-version'];
		entry.version = version;
		if (version !== MONITOR_VERSION) throw apiError('NoSuchVersion', `The API version \`${version}\` does not exist for these actions; use ${MONITOR_VERSION}.`);
		const action = h['x-tc-action'];
		const handler = Object.prototype.hasOwnProperty.call(TCOP_ACTIONS, action) ? TCOP_ACTIONS[action] : undefined;
		if (!handler) throw apiError('InvalidAction', `The action \`${action}\` does not exist in ${MONITOR_SERVICE} ${MONITOR_VERSION} (or the emulator does not answer it).`);
		if (key.allowedActions && !key.allowedActions.includes(action)) {
			throw apiError('UnauthorizedOperation', `The key \`${key.secretId}\` is not authorized to perform monitor:${action}.`);
		}
		if (this.limitAndFault(key, action, fault) === 'drop') return { kind: 'drop' };
		const body = this.jsonBody(h, raw, entry);
		if (typeof body !== 'object' || body === null || Array.isArray(body)) throw apiError('InvalidParameter', 'The request body must be a JSON object.');
		const params = body as Record<string, unknown>;
		if (params.Module === undefined) throw apiError('InvalidParameter', 'The parameter `Module` is required and must be "monitor".');
		if (params.Module !== 'monitor') throw apiError('InvalidParameter', `The parameter \`Module\` must be "monitor", not ${JSON.stringify(params.Module)}.`);
		const checks: UrlToCheck[] = [];
		const payload = handler({ body: params, nowMs: this.now(), state: this.tcop, checkUrl: (check) => checks.push(check) });
		const after = () => {
			for (const check of checks) this.pusher.checkUrl(check.noticeId, check.url, this.tcop);
		};
		if (fault.decision.outcome === 'internalErrorAfterApply') {
			// The template was saved, so TCOP still checks its URLs.
			setImmediate(after);
			throw apiError('InternalError', 'An internal error occurred after the change was applied (injected by the emulator).');
		}
		return { kind: 'answer', payload, after };
	}

	private newNoticeId(): string {
		for (;;) {
			const id = resourceId('notice', this.idRand);
			if (!this.tcop.hasNotice(id)) return id;
		}
	}

	private newId(prefix: string): string {
		for (;;) {
			const id = resourceId(prefix, this.idRand);
			if (!this.store.idExists(id)) return id;
		}
	}
}

function checkRateLimit(value: number): number {
	if (!Number.isInteger(value) || value < 0) throw new RangeError('rateLimit must be a non-negative integer');
	return value;
}
