// Test-only control endpoints under /_emulator/, for tests that run the emulator as a separate
// process. Never reached by API requests: the API is served on every other path.
import type * as http from 'node:http';

import { TcopFireError } from './tcopPushes';
import type { Emulator, FaultOptions, ForcedFault, TcopFireRequest, TcopPushSettings } from './types';

export const SIDE_DOOR_PREFIX = '/_emulator/';

const FAULT_NAMES = new Set(['InternalError', 'ServiceUnavailable', 'RequestLimitExceeded', 'drop', 'dropAfterApply', 'internalErrorAfterApply']);

function send(res: http.ServerResponse, status: number, value: unknown): void {
	const body = JSON.stringify(value);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
	res.end(body);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text.trim() === '' ? {} : JSON.parse(text);
}

function parseFault(value: unknown): ForcedFault | undefined {
	if (typeof value === 'string' && FAULT_NAMES.has(value)) return value as ForcedFault;
	if (typeof value === 'object' && value !== null) {
		const latency = (value as { latencyMs?: unknown }).latencyMs;
		if (typeof latency === 'number' && latency >= 0) return { latencyMs: latency };
	}
	return undefined;
}

export async function handleSideDoor(emulator: Emulator, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://emulator.local');
	const route = `${req.method ?? 'GET'} ${url.pathname.slice(SIDE_DOOR_PREFIX.length)}`;
	try {
		switch (route) {
			case 'GET health':
				return send(res, 200, { ok: true, url: emulator.url });
			case 'GET log':
				return send(res, 200, emulator.log);
			case 'GET mirrors':
				return send(res, 200, emulator.mirrors(url.searchParams.get('region') ?? undefined));
			case 'GET tags':
				return send(res, 200, emulator.tagsOf(url.searchParams.get('id') ?? ''));
			case 'POST reset':
				await readJson(req);
				emulator.reset();
				return send(res, 200, { ok: true });
			case 'POST fail-next': {
				const body = (await readJson(req)) as { action?: unknown; fault?: unknown; count?: unknown };
				const fault = parseFault(body.fault);
				const count = body.count === undefined ? 1 : body.count;
				if (typeof body.action !== 'string' || !fault || typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
					return send(res, 400, { error: 'expected {action: string, fault: ForcedFault, count?: positive integer}' });
				}
				emulator.failNext(body.action, fault, count);
				return send(res, 200, { ok: true });
			}
			case 'POST configure': {
				const body = (await readJson(req)) as FaultOptions & TcopPushSettings & { rateLimit?: number };
				if (body.latencyMs !== undefined && typeof body.latencyMs !== 'number') {
					return send(res, 400, { error: 'latencyMs must be a number here' });
				}
				emulator.configure(body);
				return send(res, 200, { ok: true });
			}
			case 'POST tcop/fire': {
				const body = (await readJson(req)) as Partial<TcopFireRequest>;
				const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
				if (
					typeof body.policyId !== 'string' ||
					(body.status !== undefined && body.status !== 'alarm' && body.status !== 'recovery') ||
					!optionalString(body.instanceId) ||
					!optionalString(body.region)
				) {
					return send(res, 400, { error: 'expected {policyId: string, status?: "alarm"|"recovery", instanceId?: string, region?: string}' });
				}
				try {
					const pushes = await emulator.fireTcopAlarm(body as TcopFireRequest);
					return send(res, 200, { pushes });
				} catch (e) {
					if (e instanceof TcopFireError) return send(res, 404, { error: e.message });
					throw e;
				}
			}
			case 'GET tcop/pushes':
				return send(res, 200, emulator.tcopPushes());
			case 'GET tcop/checks':
				await emulator.tcopIdle();
				return send(res, 200, emulator.tcopChecks());
			case 'GET tcop/notices':
				await emulator.tcopIdle();
				return send(res, 200, emulator.alarmNotices());
			case 'GET tcop/policies':
				return send(res, 200, emulator.alarmPolicies());
			case 'POST tcop/delete-notice': {
				const body = (await readJson(req)) as { noticeId?: unknown };
				if (typeof body.noticeId !== 'string') return send(res, 400, { error: 'expected {noticeId: string}' });
				const deleted = emulator.deleteAlarmNoticeInConsole(body.noticeId);
				return send(res, deleted ? 200 : 404, deleted ? { ok: true } : { error: `no template ${body.noticeId}` });
			}
			default:
				return send(res, 404, { error: `unknown side-door route ${route}` });
		}
	} catch (e) {
		return send(res, 400, { error: e instanceof Error ? e.message : String(e) });
	}
}
