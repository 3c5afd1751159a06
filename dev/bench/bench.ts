// `npm run bench [-- --items 400 --latency 100]`: throughput and overhead of the Create operation,
// through n8n's engine against the emulator (a separate process) with Tencent's 20 requests/s
// per action enforced. One JSON line per run:
//   defaults     the node's defaults (concurrency 10, limiter 20/s)
//   naive        concurrency 1, as a one-by-one node would call
//   overhead     zero latency, limiter off: CPU per item in the n8n process, and the part of it
//                spent in this package's code (signing, parameter resolution, body, mapping)
//   memory       zero latency, limiter off, with 10x the items: peak RSS against the first
//
// `npm run bench -- --scenario <name>` runs one scale scenario instead (dev/bench/benchScenarios.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { FLEET_ENI_COUNT } from '../emulator';
import { startBenchEmulator as startEmulator } from './benchEmulator';
import { runScenarioFromArgs } from './benchScenarios';
import { percentile } from './benchStats';
import { attributeProfile, type CpuProfile } from './profileAttribution';

const ROOT = path.join(__dirname, '..', '..');

function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const ITEMS = flag('items', 400);
const LATENCY_MS = flag('latency', 100);
const EMULATOR_LIMIT = 20;

interface ChildResult {
	wallMs: number;
	cpuMs: number;
	outputItems: number;
	failedItems: number;
	pairedInOrder: boolean;
	firstSignedAt: Record<string, number>;
	peakRssMb: number;
}

const OWN_SOURCE = new RegExp(`^file://${ROOT}/(nodes|credentials)/`);
// The HTTP client and network stack, and module loading (compiling a file on first require is a
// one-off, not per-item cost), are not ours even when our code called them.
const NOT_OURS = /node_modules\/(axios|follow-redirects|proxy-from-env|@n8n\/backend-network|typescript|ts-node)\/|^node:(net|_http|http|tls|dns|internal\/modules)/;

// n8n's parameter and expression machinery, reached through our getNodeParameter calls.
const N8N_PARAMETERS = /node_modules\/(n8n-workflow|n8n-core|luxon|recast|@n8n\/tournament|lodash)\//;

/**
 * Milliseconds of CPU per item spent in this package's code from a profile of the run: with
 * the parameter resolution n8n does for it (expressions included), and without.
 */
function ownMsPerItem(profileFile: string, items: number): { withParameters: number; codeOnly: number } {
	const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
	const isOwn = (url: string) => OWN_SOURCE.test(url);
	const withParameters = attributeProfile(profile, isOwn, (url) => NOT_OURS.test(url)).ownUs;
	const codeOnly = attributeProfile(profile, isOwn, (url) => NOT_OURS.test(url) || N8N_PARAMETERS.test(url)).ownUs;
	return { withParameters: withParameters / 1000 / items, codeOnly: codeOnly / 1000 / items };
}

async function runChild(config: {
	url: string;
	items: number;
	maxConcurrency: number;
	rateLimit: number;
	profileFile?: string;
}) {
	const child = spawn(process.execPath, ['-r', 'ts-node/register', 'dev/bench/benchRun.ts', JSON.stringify(config)], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let stdout = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	const [code] = (await once(child, 'exit')) as [number];
	if (code !== 0) throw new Error(`benchmark run exited with ${code}`);
	return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function measure(
	run: string,
	latencyMs: number,
	items: number,
	maxConcurrency: number,
	rateLimit: number,
	profile = false,
) {
	// Runs without our limiter measure our own cost, so the emulator does not limit them either.
	const emulator = await startEmulator(latencyMs, rateLimit > 0 ? EMULATOR_LIMIT : 0);
	try {
		const profileDir = profile ? mkdtempSync(path.join(tmpdir(), 'bench-profile-')) : undefined;
		const profileFile = profileDir && path.join(profileDir, 'run.cpuprofile');
		const result = await runChild({ url: emulator.url, items, maxConcurrency, rateLimit, profileFile });
		const ownMs = profileFile ? ownMsPerItem(profileFile, items) : undefined;
		if (profileDir) rmSync(profileDir, { recursive: true, force: true });
		const creates = (await emulator.log()).filter((entry) => entry.action === 'CreateTrafficMirror');
		const answered = new Map<string, number>();
		for (const entry of creates) {
			if (entry.code === 'Success') answered.set((entry.body as { TrafficMirrorName: string }).TrafficMirrorName, entry.answeredAt!);
		}
		// Item latency: first signature of the item's request until the emulator's successful answer
		// (throttle retries included; waiting for the limiter before signing is not).
		const latencies = [...answered]
			.map(([name, answeredAt]) => answeredAt - result.firstSignedAt[name])
			.sort((a, b) => a - b);
		const successes = creates.filter((entry) => entry.code === 'Success').map((entry) => entry.answeredAt!);
		const spanS = (Math.max(...successes) - Math.min(...successes)) / 1000;
		// Throughput between the first and last answer: N answers span N-1 intervals.
		const achieved = successes.length > 1 ? (successes.length - 1) / spanS : NaN;
		return {
			run,
			items,
			latencyMs,
			limit: rateLimit > 0 ? EMULATOR_LIMIT : 'off',
			maxConcurrency,
			achievedRps: round(achieved, 2),
			ratioToLimit: round(achieved / EMULATOR_LIMIT, 3),
			throttledAnswers: creates.filter((entry) => entry.code.startsWith('RequestLimitExceeded')).length,
			failedItems: result.failedItems,
			pairedInOrder: result.pairedInOrder,
			p50ItemLatencyMs: percentile(latencies, 50),
			p99ItemLatencyMs: percentile(latencies, 99),
			wallS: round(result.wallMs / 1000, 2),
			cpuMsPerItem: round(result.cpuMs / items, 3),
			...(ownMs === undefined
				? {}
				: { ownMsPerItem: round(ownMs.withParameters, 3), ownMsPerItemWithoutN8nParameterResolution: round(ownMs.codeOnly, 3) }),
			peakRssMb: round(result.peakRssMb),
		};
	} finally {
		await emulator.stop();
	}
}

async function main(): Promise<void> {
	// Every run gets a fresh emulator, so each item needs only a distinct source within its run.
	if (ITEMS * 10 > FLEET_ENI_COUNT) throw new Error(`at most ${FLEET_ENI_COUNT / 10} items: the emulator has ${FLEET_ENI_COUNT} fleet ENIs`);
	const defaults = await measure('defaults', LATENCY_MS, ITEMS, 10, 20);
	console.log(JSON.stringify(defaults));
	const naive = await measure('naive', LATENCY_MS, ITEMS, 1, 20);
	console.log(JSON.stringify(naive));
	const overhead = await measure('overhead', 0, ITEMS, 10, 0, true);
	console.log(JSON.stringify(overhead));
	const tenfold = await measure('memory', 0, ITEMS * 10, 10, 0);
	console.log(JSON.stringify({ ...tenfold, rssRatioTo1x: round(tenfold.peakRssMb / overhead.peakRssMb, 2) }));
}

(process.argv.includes('--scenario') ? runScenarioFromArgs(process.argv) : main()).catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exitCode = 1;
});
