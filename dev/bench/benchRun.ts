// One benchmark run in a process of its own, so its peak RSS is its own: N items through n8n's
// engine and the Tencent Cloud VPC node against an emulator started by dev/bench/bench.ts.
// Prints one JSON line with what the client side saw. Scale scenarios start several of these at
// once (each its own engine and node module state, as n8n workers are): with `waitForGo` it prints
// {"ready":true} after its warm-up and starts only when a line arrives on stdin.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

import { DEMO_KEY } from '../emulator';
import { runWorkflow } from '../harness/runWorkflow';
import { createParameters, singleNodeWorkflow, NODE_NAME, type OnError } from '../../test/support/workflows';

interface RunConfig {
	url: string;
	items: number;
	/** The node's call options; a scenario leaves out what it wants at the node's defaults. */
	maxConcurrency?: number;
	rateLimit?: number;
	/** Where to write a CPU profile of the measured run (warm-up excluded). */
	profileFile?: string;
	/** Mirror names are `${namePrefix}${n}`, so processes sharing one emulator stay apart. */
	namePrefix?: string;
	/** First fleet ENI of this process: each mirror needs a source no other mirror uses. */
	eniOffset?: number;
	/** The node's On Error setting (default: continue, as the original runs did). */
	onError?: OnError;
	waitForGo?: boolean;
	/** The Create option If a Mirror With This Name Exists; left out, the node's default. */
	ifExists?: 'createAnother' | 'returnExisting' | 'fail';
	/** Mirrors of every `seedEvery`-th item's name (n % seedEvery === 0) are made before the start. */
	seedEvery?: number;
}

async function main(): Promise<void> {
	const config = JSON.parse(process.argv[2]) as RunConfig;
	const eniOffset = config.eniOffset ?? 0;
	const items = Array.from({ length: config.items }, (_, n) => ({
		json: { n, eni: `eni-flt${String(eniOffset + n).padStart(5, '0')}` },
	}));
	const options: Record<string, number | string> = {};
	if (config.maxConcurrency !== undefined) options.maxConcurrency = config.maxConcurrency;
	if (config.rateLimit !== undefined) options.rateLimit = config.rateLimit;
	if (config.ifExists !== undefined) options.ifExists = config.ifExists;
	const parameters = createParameters({
		vpcId: { __rl: true, mode: 'id', value: 'vpc-emu00009' },
		trafficMirrorName: `=${config.namePrefix ?? 'bench-'}{{ $json.n }}`,
		collectorTarget: { targetType: 'IP', targetIps: '10.9.200.10', algHash: 'ENI' },
		options,
	});
	const onError = config.onError ?? 'continueRegularOutput';
	const credentials = {
		tencentCloudApi: { secretId: DEMO_KEY.secretId, secretKey: DEMO_KEY.secretKey, endpoint: config.url },
	};
	// Warm-up: loading the engine and the node and JIT-compiling the hot paths is not per-item
	// cost. It sends the same items to a region where the VPC does not exist (refused, nothing
	// created); a second later its requests are out of every rate window. Limited runs warm up with
	// one item so as not to spend their budget.
	const warmUpItems = config.rateLimit === 0 ? items.slice(0, 200) : items.slice(0, 1);
	await runWorkflow(singleNodeWorkflow({ ...parameters, region: 'ap-shanghai' }, 'continueRegularOutput'), {
		credentials,
		triggerItems: warmUpItems,
	});
	if (config.seedEvery) {
		// Existing mirrors of some names, made the way a user would, each from the source its item uses.
		const seedItems = items.filter((_, n) => n % config.seedEvery! === 0);
		const seeded = await runWorkflow(singleNodeWorkflow({ ...parameters, options: {} }, 'stopWorkflow'), {
			credentials,
			triggerItems: seedItems,
		});
		const made = seeded.output(NODE_NAME).filter((item) => typeof item.json.TrafficMirrorId === 'string').length;
		if (made !== seedItems.length) throw new Error(`seeding made ${made} of ${seedItems.length} mirrors`);
	}
	await new Promise((resolve) => setTimeout(resolve, 1100));
	if (config.waitForGo) {
		console.log(JSON.stringify({ ready: true }));
		const start = createInterface({ input: process.stdin });
		await once(start, 'line');
		// An open stdin would keep this process alive after its run.
		start.close();
		process.stdin.destroy();
	}

	const firstSignedAt = new Map<string, number>();
	const profiler = config.profileFile ? new Session() : undefined;
	if (profiler) {
		profiler.connect();
		await profiler.post('Profiler.enable');
		await profiler.post('Profiler.start');
	}
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await runWorkflow(singleNodeWorkflow(parameters, onError), {
		credentials,
		triggerItems: items,
		onSigned: (signed) => {
			// Creates only: lookups carry no TrafficMirrorName.
			const name = (JSON.parse(signed.body as string) as { TrafficMirrorName?: string }).TrafficMirrorName;
			if (name !== undefined && !firstSignedAt.has(name)) firstSignedAt.set(name, Date.now());
		},
	});
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	if (profiler) {
		const { profile } = await profiler.post('Profiler.stop');
		writeFileSync(config.profileFile!, JSON.stringify(profile));
		profiler.disconnect();
	}

	const output = result.output(NODE_NAME);
	const executionError = result.run.data.resultData.error;
	console.log(
		JSON.stringify({
			wallMs,
			cpuMs: (cpu.user + cpu.system) / 1000,
			outputItems: output.length,
			failedItems: output.filter((item) => item.json.error !== undefined).length,
			executionFailed: executionError !== undefined || result.run.status === 'error',
			executionError: executionError?.message,
			outputMirrorIds: output.map((item) => item.json.TrafficMirrorId).filter((id): id is string => typeof id === 'string'),
			pairedInOrder: output.every((item, index) => (item.pairedItem as { item: number }).item === index),
			firstSignedAt: Object.fromEntries(firstSignedAt),
			peakRssMb: process.resourceUsage().maxRSS / 1024,
		}),
	);
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exitCode = 1;
});
