// One benchmark run in a process of its own, so its peak RSS is its own: N items through n8n's
// engine and the Tencent Cloud VPC node against an emulator started by scripts/bench.ts.
// Prints one JSON line with what the client side saw.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';

import { DEMO_KEY } from '../emulator';
import { runWorkflow } from '../harness/runWorkflow';
import { createParameters, singleNodeWorkflow, NODE_NAME } from '../test/support/workflows';

interface RunConfig {
	url: string;
	items: number;
	maxConcurrency: number;
	rateLimit: number;
	/** Where to write a CPU profile of the measured run (warm-up excluded). */
	profileFile?: string;
}

async function main(): Promise<void> {
	const config = JSON.parse(process.argv[2]) as RunConfig;
	const items = Array.from({ length: config.items }, (_, n) => ({
		json: { n, eni: `eni-flt${String(n).padStart(5, '0')}` },
	}));
	const parameters = createParameters({
		vpcId: { __rl: true, mode: 'id', value: 'vpc-emu00009' },
		trafficMirrorName: '=bench-{{ $json.n }}',
		collectorTarget: { targetType: 'IP', targetIps: '10.9.200.10', algHash: 'ENI' },
		options: { maxConcurrency: config.maxConcurrency, rateLimit: config.rateLimit },
	});
	const credentials = {
		tencentCloudApi: { secretId: DEMO_KEY.secretId, secretKey: DEMO_KEY.secretKey, endpoint: config.url },
	};
	// Warm-up: loading the engine and the node and JIT-compiling the hot paths is not per-item
	// cost. It sends the same items to a region where the VPC does not exist (refused, nothing
	// created); a second later its requests are out of every rate window. Limited runs warm up with
	// one item so as not to spend their budget.
	const warmUpItems = config.rateLimit > 0 ? items.slice(0, 1) : items.slice(0, 200);
	await runWorkflow(singleNodeWorkflow({ ...parameters, region: 'ap-shanghai' }, 'continueRegularOutput'), {
		credentials,
		triggerItems: warmUpItems,
	});
	await new Promise((resolve) => setTimeout(resolve, 1100));

	const firstSignedAt = new Map<string, number>();
	const profiler = config.profileFile ? new Session() : undefined;
	if (profiler) {
		profiler.connect();
		await profiler.post('Profiler.enable');
		await profiler.post('Profiler.start');
	}
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await runWorkflow(singleNodeWorkflow(parameters, 'continueRegularOutput'), {
		credentials,
		triggerItems: items,
		onSigned: (signed) => {
			const name = (JSON.parse(signed.body as string) as { TrafficMirrorName: string }).TrafficMirrorName;
			if (!firstSignedAt.has(name)) firstSignedAt.set(name, Date.now());
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
	console.log(
		JSON.stringify({
			wallMs,
			cpuMs: (cpu.user + cpu.system) / 1000,
			outputItems: output.length,
			failedItems: output.filter((item) => item.json.error !== undefined).length,
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
