// Scale scenarios of `npm run bench -- --scenario <name> [flags]`: the Create operation in one or
// several n8n processes (each its own engine and node, as n8n workers are) sharing one key against
// one emulator process that enforces 20 requests/s per key and action. The node is a black box:
// its options stay at their defaults unless a flag sets them. Rates and throttles come from the
// emulator's request log. One JSON line per run.
//
//   one-process     1 process, 400 items, 100 ms latency
//   busy-cores      the same while 6 CPU-burning processes compete for the cores
//   far-region      1 process, 400 items, 800 ms latency
//   multi-process   3 processes on one key, 100 items each, 100 ms
//   one-stops       3 processes, 200 items each; the last is killed 10 s after the start (or stops
//                   earlier if its execution fails), and the run reports how long the other two
//                   take to get back to 90% of the limit
//   return-existing       1 process, 200 new names, 100 ms, ifExists returnExisting: the price of
//                         exactly-once (lookups, the settle wait) on the create rate
//   return-existing-half  the same with a mirror of every second name made before the start
//
// Flags (each overrides the scenario's value): --latency MS, --items N (per process),
// --processes N, --busy N, --stop-after S, --on-error stopWorkflow|continueRegularOutput,
// --max-concurrency N, --rate-limit N (node options; left out: the node's defaults),
// --deadline S (the most a run may take after its start; default 120).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { FLEET_ENI_COUNT } from '../emulator';
import type { OnError } from '../../test/support/workflows';
import { startBenchEmulator } from './benchEmulator';
import {
	achievedRate,
	codesPerSecond,
	isThrottle,
	lookupAccounting,
	mirrorAccounting,
	percentile,
	recoveryTime,
	type CreateAnswer,
} from './benchStats';

const ROOT = path.join(__dirname, '..', '..');
const EMULATOR_LIMIT = 20;

interface Scenario {
	latencyMs: number;
	itemsPerProcess: number;
	processes: number;
	busyProcesses: number;
	/** Seconds after the start when the last process is killed, as a worker that goes away. */
	stopAfterS?: number;
	/** The Create option If a Mirror With This Name Exists; left out, the node's default. */
	ifExists?: 'returnExisting' | 'fail';
	/** A mirror of every `seedEvery`-th name exists before the start. */
	seedEvery?: number;
}

export const SCENARIOS: Record<string, Scenario> = {
	'one-process': { latencyMs: 100, itemsPerProcess: 400, processes: 1, busyProcesses: 0 },
	'busy-cores': { latencyMs: 100, itemsPerProcess: 400, processes: 1, busyProcesses: 6 },
	'far-region': { latencyMs: 800, itemsPerProcess: 400, processes: 1, busyProcesses: 0 },
	'multi-process': { latencyMs: 100, itemsPerProcess: 100, processes: 3, busyProcesses: 0 },
	'one-stops': { latencyMs: 100, itemsPerProcess: 200, processes: 3, busyProcesses: 0, stopAfterS: 10 },
	'return-existing': { latencyMs: 100, itemsPerProcess: 200, processes: 1, busyProcesses: 0, ifExists: 'returnExisting' },
	'return-existing-half': {
		latencyMs: 100,
		itemsPerProcess: 200,
		processes: 1,
		busyProcesses: 0,
		ifExists: 'returnExisting',
		seedEvery: 2,
	},
};

interface ProcessResult {
	wallMs: number;
	outputItems: number;
	failedItems: number;
	executionFailed: boolean;
	executionError?: string;
	outputMirrorIds: string[];
	firstSignedAt: Record<string, number>;
}

/** The request's TrafficMirrorName, from the raw body: a throttled request is refused before its body is parsed. */
function mirrorNameOf(entry: { rawBody: string }): string {
	try {
		return String((JSON.parse(entry.rawBody) as { TrafficMirrorName?: unknown }).TrafficMirrorName ?? '');
	} catch {
		return '';
	}
}

function answersPerProcess(answers: CreateAnswer[], processCount: number, prefixOf: (index: number) => string, startedAt: number) {
	const perProcess = Array.from({ length: processCount }, (_, index) =>
		codesPerSecond(answers.filter((answer) => answer.trafficMirrorName.startsWith(prefixOf(index))), startedAt),
	);
	return {
		successPerSecondByProcess: perProcess.map((codes) => codes.Success),
		throttledPerSecondByProcess: perProcess.map((codes) => codes.RequestLimitExceeded),
	};
}

/** One n8n process (dev/bench/benchRun.ts), warmed up and waiting for the start. */
class BenchProcess {
	readonly lines: string[] = [];
	readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	killed = false;
	exitedAt?: number;
	private readonly child: ChildProcess;

	constructor(config: object) {
		this.child = spawn(process.execPath, ['-r', 'ts-node/register', 'dev/bench/benchRun.ts', JSON.stringify(config)], {
			cwd: ROOT,
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		createInterface({ input: this.child.stdout! }).on('line', (line) => this.lines.push(line));
		this.exited = once(this.child, 'exit').then(([code, signal]) => {
			this.exitedAt = Date.now();
			return { code, signal };
		});
	}

	async ready(): Promise<void> {
		while (!this.lines.some((line) => line === '{"ready":true}')) {
			if (this.child.exitCode !== null) throw new Error(`a benchmark process exited with ${this.child.exitCode} before its start`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	go(): void {
		this.child.stdin!.write('go\n');
	}

	kill(): void {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		this.killed = true;
		this.child.kill('SIGKILL');
	}

	result(): ProcessResult | undefined {
		const last = this.lines[this.lines.length - 1];
		return last && last.startsWith('{"wallMs"') ? (JSON.parse(last) as ProcessResult) : undefined;
	}
}

/** A process that keeps one core busy until killed or until `deadlineMs` from now. */
function burnCpu(deadlineMs: number): ChildProcess {
	return spawn(process.execPath, ['-e', `const end = Date.now() + ${deadlineMs}; while (Date.now() < end) {}`], {
		stdio: 'ignore',
	});
}

function flagValue(argv: string[], name: string): string | undefined {
	const index = argv.indexOf(`--${name}`);
	return index >= 0 ? argv[index + 1] : undefined;
}

function numberFlag(argv: string[], name: string): number | undefined {
	const value = flagValue(argv, name);
	if (value === undefined) return undefined;
	const parsed = Number(value);
	if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} needs a number, got ${value}`);
	return parsed;
}

const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

export async function runScenarioFromArgs(argv: string[]): Promise<void> {
	const name = flagValue(argv, 'scenario') ?? '';
	const names = name === 'all' ? Object.keys(SCENARIOS) : [name];
	for (const scenarioName of names) {
		const base = SCENARIOS[scenarioName];
		if (!base) throw new Error(`unknown scenario "${scenarioName}"; one of: ${Object.keys(SCENARIOS).join(', ')}, all`);
		const scenario: Scenario = {
			latencyMs: numberFlag(argv, 'latency') ?? base.latencyMs,
			itemsPerProcess: numberFlag(argv, 'items') ?? base.itemsPerProcess,
			processes: numberFlag(argv, 'processes') ?? base.processes,
			busyProcesses: numberFlag(argv, 'busy') ?? base.busyProcesses,
			stopAfterS: numberFlag(argv, 'stop-after') ?? base.stopAfterS,
			ifExists: base.ifExists,
			seedEvery: base.seedEvery,
		};
		const nodeOptions = {
			maxConcurrency: numberFlag(argv, 'max-concurrency'),
			rateLimit: numberFlag(argv, 'rate-limit'),
		};
		const onError = (flagValue(argv, 'on-error') ?? 'stopWorkflow') as OnError;
		const deadlineS = numberFlag(argv, 'deadline') ?? 120;
		console.log(JSON.stringify(await runScenario(scenarioName, scenario, nodeOptions, onError, deadlineS)));
	}
}

async function runScenario(
	name: string,
	scenario: Scenario,
	nodeOptions: { maxConcurrency?: number; rateLimit?: number },
	onError: OnError,
	deadlineS: number,
) {
	const { processes: processCount, itemsPerProcess } = scenario;
	if (processCount < 1) throw new Error('--processes must be at least 1');
	if (processCount * itemsPerProcess > FLEET_ENI_COUNT) {
		throw new Error(`at most ${FLEET_ENI_COUNT} items in all: the emulator has ${FLEET_ENI_COUNT} fleet ENIs`);
	}
	const stopping = scenario.stopAfterS !== undefined && processCount > 1;
	const stoppedIndex = stopping ? processCount - 1 : -1;
	const prefixOf = (index: number) => `bench-p${index}-`;

	const emulator = await startBenchEmulator(scenario.latencyMs, EMULATOR_LIMIT);
	const processes: BenchProcess[] = [];
	const burners: ChildProcess[] = [];
	try {
		for (let index = 0; index < processCount; index++) {
			processes.push(
				new BenchProcess({
					url: emulator.url,
					items: itemsPerProcess,
					namePrefix: prefixOf(index),
					eniOffset: index * itemsPerProcess,
					onError,
					waitForGo: true,
					ifExists: scenario.ifExists,
					seedEvery: scenario.seedEvery,
					...nodeOptions,
				}),
			);
		}
		await Promise.all(processes.map((child) => child.ready()));
		// The warm-ups' requests and rate windows are not part of the run; seeded mirrors are.
		if (!scenario.seedEvery) await emulator.reset();
		for (let index = 0; index < scenario.busyProcesses; index++) burners.push(burnCpu((deadlineS + 10) * 1000));
		if (burners.length) await new Promise((resolve) => setTimeout(resolve, 500));

		const loadBefore = loadavg()[0];
		const startedAt = Date.now();
		for (const child of processes) child.go();
		let stoppedAt: number | undefined;
		const stopTimer = stopping
			? setTimeout(() => {
					stoppedAt = Date.now();
					processes[stoppedIndex].kill();
				}, scenario.stopAfterS! * 1000)
			: undefined;
		let timedOut = false;
		const deadline = setTimeout(() => {
			timedOut = true;
			for (const child of processes) child.kill();
		}, deadlineS * 1000);
		const exits = await Promise.all(processes.map((child) => child.exited));
		const wallMs = Date.now() - startedAt;
		clearTimeout(deadline);
		clearTimeout(stopTimer);
		const loadAfter = loadavg()[0];
		for (const burner of burners) burner.kill('SIGKILL');

		const log = (await emulator.log()).filter((entry) => entry.time >= startedAt);
		const answers: CreateAnswer[] = log
			.filter((entry) => entry.action === 'CreateTrafficMirror')
			.map((entry) => ({
				answeredAt: entry.answeredAt ?? entry.time,
				code: entry.code,
				trafficMirrorName: mirrorNameOf(entry),
			}));
		const successes = answers.filter((answer) => answer.code === 'Success');
		const throttled = answers.filter((answer) => isThrottle(answer.code)).length;
		const achieved = achievedRate(successes.map((answer) => answer.answeredAt));
		const lookups = lookupAccounting(log, successes.length, processCount * itemsPerProcess);

		const survivors = processes.map((_, index) => index).filter((index) => index !== stoppedIndex);
		const results = processes.map((child) => child.result());
		const crashed = survivors.filter((index) => !results[index]).length;
		const failedExecutions = survivors.filter((index) => !results[index] || results[index]!.executionFailed).length;
		const executionErrors = [
			...new Set(survivors.map((index) => results[index]?.executionError?.slice(0, 160)).filter((message) => message !== undefined)),
		];
		const fromSurvivor = (mirrorName: string) => survivors.some((index) => mirrorName.startsWith(prefixOf(index)));

		// Item latency: first signature of the item's request until its successful answer (throttle
		// retries included, waiting for the limiter before signing not).
		const firstSignedAt: Record<string, number> = Object.assign({}, ...results.map((result) => result?.firstSignedAt ?? {}));
		const latencies = successes
			.filter((answer) => firstSignedAt[answer.trafficMirrorName] !== undefined)
			.map((answer) => answer.answeredAt - firstSignedAt[answer.trafficMirrorName])
			.sort((a, b) => a - b);

		const mirrors = await emulator.mirrors();
		const survivorMirrors = mirrors.filter((mirror) => fromSurvivor(mirror.TrafficMirrorName));
		const outputMirrorIds = survivors.flatMap((index) => results[index]?.outputMirrorIds ?? []);
		const accounting = mirrorAccounting(survivorMirrors, outputMirrorIds);

		const run: Record<string, unknown> = {
			scenario: name,
			processes: processCount,
			itemsPerProcess,
			latencyMs: scenario.latencyMs,
			busyProcesses: scenario.busyProcesses,
			nodeOptions: nodeOptions.maxConcurrency === undefined && nodeOptions.rateLimit === undefined ? 'defaults' : nodeOptions,
			onError,
			limit: EMULATOR_LIMIT,
			achievedRps: round(achieved, 2),
			ratioToLimit: round(achieved / EMULATOR_LIMIT, 3),
			createCalls: answers.length,
			successfulCreates: successes.length,
			throttledAnswers: throttled,
			throttledPct: round((100 * throttled) / Math.max(1, answers.length), 2),
			otherErrorAnswers: answers.length - successes.length - throttled,
			...(scenario.ifExists ? { ifExists: scenario.ifExists, ...lookups } : {}),
			...(scenario.seedEvery ? { seededMirrors: Math.ceil(itemsPerProcess / scenario.seedEvery) * processCount } : {}),
			failedItems: survivors.length * itemsPerProcess - accounting.itemsOutput,
			failedExecutions,
			...(crashed ? { processesWithoutResult: crashed } : {}),
			...(executionErrors.length ? { executionErrors } : {}),
			...accounting,
			p50ItemLatencyMs: percentile(latencies, 50),
			p99ItemLatencyMs: percentile(latencies, 99),
			wallS: round(wallMs / 1000, 2),
			processWallS: results.map((result) => (result ? round(result.wallMs / 1000, 2) : null)),
			timedOut,
			loadAverage1m: [round(loadBefore, 2), round(loadAfter, 2)],
			emulatorCodesPerSecond: codesPerSecond(answers, startedAt),
			// How the processes shared the key: successes and throttles per second, a row each.
			...(processCount > 1 ? answersPerProcess(answers, processCount, prefixOf, startedAt) : {}),
		};
		if (stopping) {
			// A process whose execution failed before it was to be killed stopped when it exited.
			const stoppedProcess = processes[stoppedIndex];
			const stopAt = stoppedProcess.killed ? stoppedAt! : Math.min(stoppedAt ?? Infinity, stoppedProcess.exitedAt!);
			const survivorSuccesses = successes.filter((answer) => fromSurvivor(answer.trafficMirrorName));
			const afterStop = survivorSuccesses.filter((answer) => answer.answeredAt >= stopAt).map((answer) => answer.answeredAt);
			Object.assign(run, {
				stoppedProcess: stoppedIndex,
				stoppedAfterS: round((stopAt - startedAt) / 1000, 2),
				stoppedProcessKilled: stoppedProcess.killed,
				stoppedProcessExit: exits[stoppedIndex],
				stoppedProcessMirrors: mirrors.length - survivorMirrors.length,
				survivorsSuccessPerSecond: codesPerSecond(survivorSuccesses, startedAt).Success,
				survivorsRpsAfterStop: round(achievedRate(afterStop), 2),
				recoveryTo90PctS: recoveryTime(
					survivorSuccesses.map((answer) => answer.answeredAt),
					stopAt,
					0.9 * EMULATOR_LIMIT,
				) ?? null,
			});
		}
		return run;
	} finally {
		for (const child of processes) child.kill();
		for (const burner of burners) burner.kill('SIGKILL');
		await emulator.stop();
	}
}
