// The emulator as a separate process, driven through the API and the /_emulator/ side door.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';

import { optionsFromFlags, parseArgs } from '../../dev/emulator/cli';
import { call, codeOf, send } from './signForTest';

describe('cli flags', () => {
	it('reads flags and EMULATOR_* environment variables, flags winning', () => {
		const flags = parseArgs(['--port', '4100', '--latency=25', '--drop-after-apply', '--rate-limit', '0'], {
			EMULATOR_PORT: '9999',
			EMULATOR_INTERNAL_ERROR_RATE: '0.25',
		});
		expect(optionsFromFlags(flags)).toMatchObject({
			port: 4100,
			latencyMs: 25,
			rateLimit: 0,
			internalErrorRate: 0.25,
			dropAfterApply: true,
			sideDoor: true,
		});
	});
	it('rejects unknown flags and non-numbers', () => {
		expect(() => parseArgs(['--bogus'], {})).toThrow(/unknown flag/);
		expect(() => optionsFromFlags(parseArgs(['--drop-rate', 'lots'], {}))).toThrow(/number/);
	});
});

describe('emulator process', () => {
	let child: ChildProcessWithoutNullStreams;
	let banner: { url: string; secretId: string; secretKey: string; region: string };
	const logFile = path.join(os.tmpdir(), `emulator-cli-test-${process.pid}.jsonl`);

	beforeAll(async () => {
		fs.rmSync(logFile, { force: true });
		const root = path.join(__dirname, '..', '..');
		child = spawn(
			process.execPath,
			[require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'dev/emulator/cli.ts', '--port', '0', '--rate-limit', '2', '--log-file', logFile],
			{ cwd: root, env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.json') } },
		);
		const lines = readline.createInterface({ input: child.stdout });
		const first = await new Promise<string>((resolve, reject) => {
			lines.once('line', resolve);
			child.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
		});
		banner = JSON.parse(first);
	});

	afterAll(() => {
		if (child.exitCode === null) child.kill('SIGKILL');
		fs.rmSync(logFile, { force: true });
	});

	const key = () => ({ secretId: banner.secretId, secretKey: banner.secretKey });
	const sideDoor = async (method: string, route: string, body?: unknown) => {
		const res = await send(banner.url, {
			method,
			path: `/_emulator/${route}`,
			headers: { 'Content-Type': 'application/json' },
			body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
		});
		return { status: res.status, json: JSON.parse(res.text) };
	};

	it('prints one JSON line with url and the demo key first', () => {
		expect(banner).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), secretId: expect.stringMatching(/^AKID/), secretKey: expect.any(String), region: 'ap-guangzhou' });
	});

	it('serves the API with the flags applied, and the side door controls it', async () => {
		const create = {
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'from-process',
			CollectorSrcs: ['eni-emu00002'],
			CollectorTarget: { TargetIps: ['10.0.2.20'] },
		};
		expect(codeOf(await call(banner.url, 'CreateTrafficMirror', create, { key: key() }))).toBe('Success');
		expect((await sideDoor('GET', 'mirrors')).json).toEqual([expect.objectContaining({ TrafficMirrorName: 'from-process' })]);

		expect(await sideDoor('POST', 'fail-next', { action: 'DescribeVpcs', fault: 'InternalError', count: 1 })).toEqual({ status: 200, json: { ok: true } });
		expect(codeOf(await call(banner.url, 'DescribeVpcs', {}, { key: key() }))).toBe('InternalError');
		// --rate-limit 2: the third DescribeVpcs within a second is refused.
		expect(codeOf(await call(banner.url, 'DescribeVpcs', {}, { key: key() }))).toBe('Success');
		expect(codeOf(await call(banner.url, 'DescribeVpcs', {}, { key: key() }))).toBe('RequestLimitExceeded');

		const log = (await sideDoor('GET', 'log')).json;
		expect(log.map((e: { action: string; code: string }) => `${e.action}:${e.code}`)).toEqual([
			'CreateTrafficMirror:Success',
			'DescribeVpcs:InternalError',
			'DescribeVpcs:Success',
			'DescribeVpcs:RequestLimitExceeded',
		]);
		const fileLines = fs.readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		expect(fileLines.map((e) => e.requestId)).toEqual(log.map((e: { requestId: string }) => e.requestId));
		expect(fs.readFileSync(logFile, 'utf8')).not.toContain(banner.secretKey);

		expect((await sideDoor('POST', 'fail-next', { action: 'DescribeVpcs', fault: 'explode' })).status).toBe(400);
		expect((await sideDoor('GET', 'nothing')).status).toBe(404);
		await sideDoor('POST', 'reset');
		expect((await sideDoor('GET', 'mirrors')).json).toEqual([]);
		expect((await sideDoor('GET', 'log')).json).toEqual([]);
	});

	it('stops cleanly on SIGTERM', async () => {
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	});
});
