// examples/tcop-alarm-traffic-mirror.workflow.json through n8n's engine against the emulator:
// TCOP's documented callback bodies in, mirrors and the documented answer out.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, IExecuteResponsePromiseData, INode, IWorkflowBase } from 'n8n-workflow';

import { runWorkflow } from '../../dev/harness/runWorkflow';
import { emulatorCredentials } from '../support/workflows';
import { emulatorForTests } from '../support/emulatorSuite';

const emulator = emulatorForTests();

const MIRROR_NAME = 'tcop-policy-a1b2c3d4-ins-web00001';

/** The example as imported, with Slack disabled (no workspace here). */
function example(): IWorkflowBase {
	const workflow = JSON.parse(
		readFileSync(path.join(__dirname, '..', '..', 'examples', 'tcop-alarm-traffic-mirror.workflow.json'), 'utf8'),
	) as IWorkflowBase;
	const slack = workflow.nodes.find((node: INode) => node.name === 'Tell the on-call channel');
	if (!slack) throw new Error('no Slack node');
	slack.disabled = true;
	return workflow;
}

/** A TCOP metric alarm push (reference §4) for ins-web00001 in gz. */
function push(sessionId: string, alarmStatus: string | number, dimensions: IDataObject = { unInstanceId: 'ins-web00001' }): IDataObject {
	return {
		sessionId,
		alarmStatus,
		alarmType: 'metric',
		alarmObjInfo: { region: 'gz', namespace: 'qce/cvm', dimensions },
		alarmPolicyInfo: { policyId: 'policy-a1b2c3d4', policyType: 'cvm_device', policyName: 'prod-web-cpu-high', conditions: { metricShowName: 'CPU utilization' } },
		firstOccurTime: '2024-05-20 14:03:00',
		recoverTime: String(alarmStatus) === '0' ? '2024-05-20 14:24:00' : '0',
	};
}

/** Runs the example as a production webhook execution does after the Webhook node; returns TCOP's answer. */
async function deliver(body: IDataObject) {
	const answers: IExecuteResponsePromiseData[] = [];
	const result = await runWorkflow(example(), {
		credentials: emulatorCredentials(emulator),
		mode: 'webhook',
		triggerItems: [{ json: { headers: { 'content-type': 'application/json' }, params: {}, query: {}, body, webhookUrl: 'https://n8n.example.com/webhook/tcop-alarm', executionMode: 'production' } }],
		onWebhookResponse: (response) => answers.push(response),
	});
	expect(result.run.data.resultData.error).toBeUndefined();
	return { result, answers };
}

test.each([
	['string', '1', '0'],
	['number', 1, 0],
])('alarmStatus as a %s: firing mirrors both ENIs of the instance, resolved stops and deletes the mirror', async (_type, firing, resolved) => {
	const fired = await deliver(push('s-1', firing));
	expect(fired.answers.map((answer) => answer.body)).toEqual([{ sessionId: 's-1', retCode: 0 }]);
	expect(emulator.mirrors('ap-guangzhou').map((m) => [m.TrafficMirrorName, m.CollectorSrcs])).toEqual([[MIRROR_NAME, ['eni-web0001a', 'eni-web0001b']]]);
	expect(fired.result.output('Mirror the alarmed instance')[0].json.resolvedCollectorSrcs).toEqual({ 'ins-web00001': ['eni-web0001a', 'eni-web0001b'] });

	const again = await deliver(push('s-2', firing));
	expect(again.answers.map((answer) => answer.body)).toEqual([{ sessionId: 's-2', retCode: 0 }]);
	expect(emulator.mirrors()).toHaveLength(1);

	const cleared = await deliver(push('s-3', resolved));
	expect(cleared.answers.map((answer) => answer.body)).toEqual([{ sessionId: 's-3', retCode: 0 }]);
	expect(emulator.log.filter((entry) => ['StopTrafficMirror', 'DeleteTrafficMirror'].includes(entry.action ?? '')).map((entry) => entry.action)).toEqual([
		'StopTrafficMirror',
		'DeleteTrafficMirror',
	]);
	expect(emulator.mirrors()).toEqual([]);
});

test.each([
	['an unknown alarm status', push('s-4', '2')],
	['a non-CVM object (a peering connection)', push('s-5', '1', { unInstanceId: 'pcx-abcd1234' })],
	['a body without alarm fields', { sessionId: 's-6' }],
])('%s is answered and touches nothing', async (_case, body) => {
	const { answers } = await deliver(body);
	expect(answers.map((answer) => answer.body)).toEqual([{ sessionId: body.sessionId, retCode: 0 }]);
	expect(emulator.log).toEqual([]);
});
