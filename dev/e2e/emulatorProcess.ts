// The Tencent Cloud VPC emulator as a separate process, watched through its /_emulator/ side door.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';

import type {
	AlarmNotice,
	AlarmPolicySummary,
	PushRecord,
	RequestLogEntry,
	Tag,
	TcopFireRequest,
	TcopPushSettings,
	TrafficMirror,
	UrlCheckRecord,
} from '../emulator/types';
import { stopProcess } from './processes';
import { REPO_ROOT } from './versions';

export interface EmulatorBanner {
	url: string;
	secretId: string;
	secretKey: string;
	region: string;
}

/** TCOP's side of the emulator: what it holds, and an alarm fired by hand. */
export interface TcopSideDoor {
	/** Pushes an alarm (or its recovery) of a policy to its templates' callback URLs; resolves after every push and retry. */
	fire(request: TcopFireRequest): Promise<PushRecord[]>;
	pushes(): Promise<PushRecord[]>;
	checks(): Promise<UrlCheckRecord[]>;
	notices(): Promise<AlarmNotice[]>;
	policies(): Promise<AlarmPolicySummary[]>;
	/** Someone deletes the template in Tencent's console (its bindings go with it). */
	deleteNotice(noticeId: string): Promise<void>;
}

export interface EmulatorProcess {
	banner: EmulatorBanner;
	/** Everything the process printed (one line per API request), for failure messages. */
	output(): string;
	log(): Promise<RequestLogEntry[]>;
	mirrors(region?: string): Promise<TrafficMirror[]>;
	tagsOf(trafficMirrorId: string): Promise<Tag[]>;
	reset(): Promise<void>;
	/** POST /_emulator/configure, e.g. {clockSkewMs, rateLimit}; lasts until changed again (reset keeps it). */
	configure(options: { clockSkewMs?: number; rateLimit?: number } & TcopPushSettings): Promise<void>;
	tcop: TcopSideDoor;
	stop(): Promise<void>;
}

async function sideDoor<T>(url: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
	const response = await fetch(`${url}/_emulator/${route}`, {
		method,
		headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`emulator side door ${method} ${route}: HTTP ${response.status} ${await response.text()}`);
	// Parsed here, not by fetch, so jest's toStrictEqual sees objects of the test's own realm.
	return JSON.parse(await response.text()) as T;
}

/** `ts-node dev/emulator/cli.ts --port <port>` with the system Node; resolves once it printed its banner. */
export async function startEmulatorProcess(port = 0, extraArgs: string[] = []): Promise<EmulatorProcess> {
	const child: ChildProcessWithoutNullStreams = spawn(
		process.execPath,
		[require.resolve('ts-node/dist/bin.js'), 'dev/emulator/cli.ts', '--host', '127.0.0.1', '--port', String(port), ...extraArgs],
		{ cwd: REPO_ROOT, env: { ...process.env, TS_NODE_PROJECT: path.join(REPO_ROOT, 'tsconfig.json') } },
	);
	let output = '';
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const lines = readline.createInterface({ input: child.stdout });
	const first = await new Promise<string>((resolve, reject) => {
		lines.once('line', resolve);
		child.once('exit', (code) => reject(new Error(`the emulator exited early (${code}):\n${output}`)));
	});
	lines.on('line', (line) => (output += line + '\n'));
	const banner = JSON.parse(first) as EmulatorBanner;
	return {
		banner,
		output: () => output,
		log: async () => await sideDoor<RequestLogEntry[]>(banner.url, 'GET', 'log'),
		mirrors: async (region) =>
			await sideDoor<TrafficMirror[]>(banner.url, 'GET', region ? `mirrors?region=${encodeURIComponent(region)}` : 'mirrors'),
		tagsOf: async (id) => await sideDoor<Tag[]>(banner.url, 'GET', `tags?id=${encodeURIComponent(id)}`),
		reset: async () => {
			await sideDoor(banner.url, 'POST', 'reset', {});
		},
		configure: async (options) => {
			await sideDoor(banner.url, 'POST', 'configure', options);
		},
		tcop: {
			fire: async (request) => (await sideDoor<{ pushes: PushRecord[] }>(banner.url, 'POST', 'tcop/fire', request)).pushes,
			pushes: async () => await sideDoor<PushRecord[]>(banner.url, 'GET', 'tcop/pushes'),
			checks: async () => await sideDoor<UrlCheckRecord[]>(banner.url, 'GET', 'tcop/checks'),
			notices: async () => await sideDoor<AlarmNotice[]>(banner.url, 'GET', 'tcop/notices'),
			policies: async () => await sideDoor<AlarmPolicySummary[]>(banner.url, 'GET', 'tcop/policies'),
			deleteNotice: async (noticeId) => {
				await sideDoor(banner.url, 'POST', 'tcop/delete-notice', { noticeId });
			},
		},
		stop: async () => {
			lines.close();
			await stopProcess(child, 5000);
		},
	};
}
