// The README's first command: the example incident workflow, run by n8n's engine against the
// local emulator, printing the TrafficMirror objects Tencent's API returned.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IWorkflowBase } from 'n8n-workflow';

import { DEMO_KEY, startEmulator } from './emulator';
import { runWorkflow } from './harness/runWorkflow';

const WORKFLOW_FILE = path.join(__dirname, '..', 'examples', 'incident-traffic-mirror.workflow.json');

async function main(): Promise<void> {
	const workflow = JSON.parse(readFileSync(WORKFLOW_FILE, 'utf8')) as IWorkflowBase;
	const emulator = await startEmulator();
	console.log(`Tencent Cloud VPC emulator listening on ${emulator.url}`);
	console.log(`Running ${path.relative(process.cwd(), WORKFLOW_FILE)} with n8n's workflow engine…\n`);
	try {
		const started = performance.now();
		const result = await runWorkflow(workflow, {
			credentials: {
				tencentCloudApi: { secretId: DEMO_KEY.secretId, secretKey: DEMO_KEY.secretKey, site: 'intl', endpoint: emulator.url },
			},
		});
		const elapsedMs = performance.now() - started;

		const failure = result.run.data.resultData.error;
		if (failure) throw failure;
		const mirrors = result.output('Create Traffic Mirror').map((item) => item.json);
		console.log(`TrafficMirror objects returned by CreateTrafficMirror (${mirrors.length}):`);
		console.log(JSON.stringify(mirrors, null, 2));
		console.log('\nSummary items:');
		for (const item of result.output('Summary per mirror')) console.log(`- ${String(item.json.message)}`);
		const signedCalls = emulator.log.filter((entry) => entry.signatureVerdict === 'ok').length;
		console.log(
			`\n${mirrors.length} mirrors created with ${signedCalls} signed calls in ${elapsedMs.toFixed(0)} ms (workflow run, engine included).`,
		);
	} finally {
		await emulator.stop();
	}
}

main().catch((error: Error) => {
	console.error(`Demo failed: ${error.message}`);
	process.exitCode = 1;
});
