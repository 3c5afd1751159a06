import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IWorkflowBase } from 'n8n-workflow';

import type { Emulator } from '../../dev/emulator';
import { startEmulator } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { emulatorCredentials } from '../support/workflows';

const examplePath = path.join(__dirname, '..', '..', 'examples', 'incident-traffic-mirror.workflow.json');

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.stop();
});

test('the incident example workflow creates one mirror per incident and summarises each', async () => {
	const workflow = JSON.parse(readFileSync(examplePath, 'utf8')) as IWorkflowBase;
	const result = await runWorkflow(workflow, { credentials: emulatorCredentials(emulator) });

	expect(result.run.data.resultData.error).toBeUndefined();
	const mirrors = result.output('Create Traffic Mirror');
	expect(mirrors.map((item) => [item.json.TrafficMirrorName, item.json.Direction, item.json.CollectorSrcs])).toEqual([
		['incident-INC-4711', 'EGRESS', ['eni-emu00001', 'eni-emu00002']],
		['incident-INC-4712', 'INGRESS', ['eni-emu00003']],
	]);
	expect(emulator.tagsOf(String(mirrors[0].json.TrafficMirrorId))).toEqual([
		{ Key: 'incident', Value: 'INC-4711' },
		{ Key: 'severity', Value: 'critical' },
	]);
	const summaries = result.output('Summary per mirror').map((item) => item.json);
	expect(summaries).toEqual([
		expect.objectContaining({
			incident: 'INC-4711',
			trafficMirrorId: mirrors[0].json.TrafficMirrorId,
			message: `Mirroring EGRESS traffic of eni-emu00001, eni-emu00002 to 10.0.2.20 as ${String(mirrors[0].json.TrafficMirrorId)} for INC-4711`,
		}),
		expect.objectContaining({ incident: 'INC-4712', trafficMirrorId: mirrors[1].json.TrafficMirrorId }),
	]);
});
