// The emulator as a separate process for `npm run bench`, so its work is not on the n8n
// process's event loop, read through its side door.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';

import type { RequestLogEntry, TrafficMirror } from '../emulator';

const ROOT = path.join(__dirname, '..', '..');
const TS_NODE = path.join(ROOT, 'node_modules', '.bin', 'ts-node');

export type BenchEmulator = Awaited<ReturnType<typeof startBenchEmulator>>;

export async function startBenchEmulator(latencyMs: number, rateLimit: number) {
	const child = spawn(
		TS_NODE,
		['dev/emulator/cli.ts', '--host', '127.0.0.1', '--port', '0', '--latency', String(latencyMs), '--rate-limit', String(rateLimit)],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const [firstLine] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
	child.stdout!.resume();
	const { url } = JSON.parse(firstLine) as { url: string };
	const get = async <T>(route: string) => (await (await fetch(`${url}/_emulator/${route}`)).json()) as T;
	return {
		url,
		log: () => get<RequestLogEntry[]>('log'),
		mirrors: () => get<TrafficMirror[]>('mirrors'),
		reset: async () => void (await fetch(`${url}/_emulator/reset`, { method: 'POST' })),
		stop: async () => {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await once(child, 'exit');
		},
	};
}
