// A throwaway Redis for n8n's Bull queue: Debian's redis-server as a child process on a free port of
// 127.0.0.1, nothing persisted (no RDB snapshots, no append-only file), stopped with the suite.
import { type ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';

import { freePort, stopProcess, tail } from '../processes';
import { ensureDebianPackage } from './debianPackages';

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface RedisServer {
	host: '127.0.0.1';
	port: number;
	/** Everything redis-server printed. */
	output(): string;
	stop(): Promise<void>;
}

/** Sends PING on a fresh connection; true when Redis answers +PONG. */
function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk: Buffer) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/**
 * Starts redis-server (installing it with apt-get when missing) in `dir`; resolves once it answers
 * PING. A port taken between freePort() and the bind (other suites run beside this one) is retried.
 */
export async function startRedisServer(dir: string, attempts = 3): Promise<RedisServer> {
	await ensureDebianPackage(REDIS_SERVER, 'redis-server');
	for (let attempt = 1; ; attempt++) {
		try {
			return await startOnFreePort(dir);
		} catch (error) {
			if (attempt >= attempts) throw error;
		}
	}
}

async function startOnFreePort(dir: string, timeoutMs = 30_000): Promise<RedisServer> {
	const port = await freePort();
	const child: ChildProcess = spawn(
		REDIS_SERVER,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, '--loglevel', 'notice'],
		{ cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let out = '';
	child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const server: RedisServer = { host: '127.0.0.1', port, output: () => out, stop: async () => await stopProcess(child, 5000) };
	const deadline = Date.now() + timeoutMs;
	while (!(await ping(port))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			await server.stop();
			throw new Error(`redis-server on port ${port} did not answer PING (exit ${child.exitCode}):\n${tail(out)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return server;
}
