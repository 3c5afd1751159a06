// Child processes for the e2e tooling: run to completion, or keep running and stop later.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

/** A progress line on stdout, so a long cold install shows where it is. */
export function progress(message: string): void {
	process.stdout.write(`[e2e] ${message}\n`);
}

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Output also goes to this file (appended), e.g. an install log kept beside the install. */
	logFile?: string;
	timeoutMs?: number;
}

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** stdout and stderr interleaved as they arrived. */
	output: string;
	durationMs: number;
}

/** Runs a command to completion; never throws for a non-zero exit (see runChecked). */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		let output = '';
		const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			output += chunk.toString();
			log?.write(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			output += chunk.toString();
			log?.write(chunk);
		});
		const timer = options.timeoutMs
			? setTimeout(() => {
					output += `\n[e2e] killed after ${options.timeoutMs} ms\n`;
					child.kill('SIGKILL');
				}, options.timeoutMs)
			: undefined;
		child.once('error', (error) => {
			if (timer) clearTimeout(timer);
			log?.end();
			reject(error);
		});
		child.once('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			log?.end();
			resolve({ code, signal, stdout, stderr, output, durationMs: Date.now() - started });
		});
	});
}

/** The last lines of a command's output, for error messages. */
export function tail(text: string, lines = 40): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs a command and throws, with the end of its output, unless it exits 0. */
export async function runChecked(command: string, args: string[], options: RunOptions): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(
			`\`${command} ${args.join(' ')}\` in ${options.cwd} exited with ${result.code ?? result.signal}:\n${tail(result.output)}`,
		);
	}
	return result;
}

/** A port on 127.0.0.1 that is free right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

/** The environment for child processes, less npm's per-script variables of the calling `npm run`. */
export function cleanEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const out: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(env)) {
		if (/^npm_(package|lifecycle)_/i.test(key)) continue;
		out[key] = value;
	}
	return out;
}
