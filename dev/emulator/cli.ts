// Runs the emulator as a process (`npm run emulator -- --help` for flags). The first stdout line is
// one JSON object {url, secretId, secretKey, region}; the demo key is public and fake.
import * as fs from 'node:fs';

import { DEMO_KEY, startEmulator } from './index';
import type { EmulatorOptions, RequestLogEntry } from './types';

const VALUE_FLAGS = [
	'port',
	'host',
	'latency',
	'rate-limit',
	'internal-error-rate',
	'service-unavailable-rate',
	'drop-rate',
	'clock-skew-ms',
	'seed',
	'log-file',
] as const;
const BOOLEAN_FLAGS = ['drop-after-apply', 'no-side-door', 'generic-services'] as const;

type Flag = (typeof VALUE_FLAGS)[number] | (typeof BOOLEAN_FLAGS)[number];

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Partial<Record<Flag, string>> {
	const out: Partial<Record<Flag, string>> = {};
	for (const flag of [...VALUE_FLAGS, ...BOOLEAN_FLAGS]) {
		const v = env[`EMULATOR_${flag.toUpperCase().replace(/-/g, '_')}`];
		if (v !== undefined && v !== '') out[flag] = v;
	}
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
		const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
		if ((BOOLEAN_FLAGS as readonly string[]).includes(name)) {
			out[name as Flag] = inline ?? 'true';
		} else if ((VALUE_FLAGS as readonly string[]).includes(name)) {
			const value = inline ?? argv[++i];
			if (value === undefined) throw new Error(`--${name} needs a value`);
			out[name as Flag] = value;
		} else {
			throw new Error(`unknown flag --${name}`);
		}
	}
	return out;
}

function num(flags: Partial<Record<Flag, string>>, flag: Flag): number | undefined {
	const v = flags[flag];
	if (v === undefined) return undefined;
	const n = Number(v);
	if (!Number.isFinite(n)) throw new Error(`--${flag} must be a number, got ${v}`);
	return n;
}

export function optionsFromFlags(flags: Partial<Record<Flag, string>>): EmulatorOptions {
	const truthy = (f: Flag) => flags[f] !== undefined && flags[f] !== 'false' && flags[f] !== '0';
	return {
		host: flags.host,
		port: num(flags, 'port'),
		latencyMs: num(flags, 'latency'),
		rateLimit: num(flags, 'rate-limit'),
		internalErrorRate: num(flags, 'internal-error-rate'),
		serviceUnavailableRate: num(flags, 'service-unavailable-rate'),
		dropConnectionRate: num(flags, 'drop-rate'),
		dropAfterApply: truthy('drop-after-apply'),
		clockSkewMs: num(flags, 'clock-skew-ms'),
		seed: num(flags, 'seed'),
		sideDoor: !truthy('no-side-door'),
		...(truthy('generic-services') ? { genericServices: true } : {}),
	};
}

function describeEntry(e: RequestLogEntry): string {
	return `${new Date(e.time).toISOString()} ${e.service ? `${e.service} ${e.version ?? '-'} ` : ''}${e.action ?? '-'} ${e.region ?? '-'} ${e.code}${e.status === 'dropped' ? ' (dropped)' : ''} ${e.requestId}`;
}

const USAGE = `usage: ts-node --transpile-only dev/emulator/cli.ts [--port N] [--host H] [--latency MS] [--rate-limit N]
  [--internal-error-rate R] [--service-unavailable-rate R] [--drop-rate R] [--drop-after-apply]
  [--clock-skew-ms MS] [--seed N] [--log-file FILE] [--no-side-door] [--generic-services]
Flags may also be given as EMULATOR_<FLAG> environment variables (e.g. EMULATOR_RATE_LIMIT=0).
`;

async function main(): Promise<void> {
	if (process.argv.includes('--help') || process.argv.includes('-h')) {
		process.stdout.write(USAGE);
		return;
	}
	const flags = parseArgs(process.argv.slice(2), process.env);
	const options = optionsFromFlags(flags);
	const logFile = flags['log-file'];
	options.onLog = (entry) => {
		if (logFile) fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');
		process.stdout.write(describeEntry(entry) + '\n');
	};
	const emulator = await startEmulator(options);
	process.stdout.write(
		JSON.stringify({ url: emulator.url, secretId: DEMO_KEY.secretId, secretKey: DEMO_KEY.secretKey, region: 'ap-guangzhou' }) + '\n',
	);
	process.stdout.write(`Tencent Cloud VPC emulator listening on ${emulator.url} (demo key above is fake; Ctrl-C to stop)\n`);
	let stopping = false;
	const shutdown = (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`received ${signal}, stopping\n`);
		emulator.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
	main().catch((e: unknown) => {
		process.stderr.write(`emulator: ${e instanceof Error ? e.message : String(e)}\n`);
		process.exit(1);
	});
}
