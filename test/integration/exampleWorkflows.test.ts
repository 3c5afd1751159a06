import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import type { Emulator, TrafficMirror } from '../../dev/emulator';
import { startEmulator } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { createMirrorDirectly, requestsOf, storedMirror } from '../support/trafficMirrors';
import { emulatorCredentials } from '../support/workflows';

let emulator: Emulator;
beforeAll(async () => {
	// Setup creates mirrors with a shifted emulator clock; the limiter would see time jump.
	emulator = await startEmulator({ rateLimit: 0 });
});
afterAll(async () => {
	await emulator.stop();
});
beforeEach(() => {
	emulator.reset();
	emulator.configure({ clockSkewMs: 0 });
});

function loadExample(file: string): IWorkflowBase {
	return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8')) as IWorkflowBase;
}

function node(workflow: IWorkflowBase, name: string): INode {
	const found = workflow.nodes.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`The example has no node "${name}"`);
	return found;
}

/** What n8n's Webhook node (v2) outputs for a JSON POST. */
function webhookItem(webhookPath: string, body: IDataObject): INodeExecutionData {
	return {
		json: {
			headers: { host: 'n8n.example.com', 'content-type': 'application/json' },
			params: {},
			query: {},
			body,
			webhookUrl: `https://n8n.example.com/webhook/${webhookPath}`,
			executionMode: 'production',
		},
	};
}

const STORED_STATE = (id: string) => storedMirror(emulator, id)?.State;

describe('examples/incident-mirror-notify.workflow.json', () => {
	const alert = {
		incidentId: 'INC-4711',
		region: 'ap-guangzhou',
		vpcId: 'vpc-emu00001',
		affectedEnis: ['eni-emu00001', 'eni-emu00002'],
		collectorIp: '10.0.2.20',
		direction: 'EGRESS',
		summary: 'Outbound TLS spike',
	};

	/** The example as imported, with Slack disabled (no workspace here) and a probe resolving its text. */
	function testCopy(): IWorkflowBase {
		const workflow = loadExample('incident-mirror-notify.workflow.json');
		const slack = node(workflow, 'Tell the incident channel');
		expect(slack.credentials).toBeUndefined();
		slack.disabled = true;
		workflow.nodes.push({
			id: 'probe',
			name: 'Slack text (test probe)',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [480, 200],
			parameters: {
				assignments: { assignments: [{ id: 'p1', name: 'text', value: slack.parameters.text, type: 'string' }] },
				options: {},
			},
		});
		workflow.connections['Create Traffic Mirror'].main[0]!.push({ node: 'Slack text (test probe)', type: 'main', index: 0 });
		return workflow;
	}

	const run = async () =>
		await runWorkflow(testCopy(), {
			credentials: emulatorCredentials(emulator),
			triggerItems: [webhookItem('incident-traffic-mirror', alert)],
		});

	test('the alert\'s ENIs are mirrored, tagged with the incident, and the Slack text names the mirror', async () => {
		const result = await run();
		expect(result.run.data.resultData.error).toBeUndefined();

		const [mirror] = emulator.mirrors();
		expect(emulator.mirrors()).toHaveLength(1);
		expect(mirror).toMatchObject({
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'incident-INC-4711',
			TrafficMirrorDescribe: 'INC-4711: Outbound TLS spike',
			State: 'RUNNING',
			Direction: 'EGRESS',
			CollectorSrcs: ['eni-emu00001', 'eni-emu00002'],
			CollectorTarget: { TargetIps: ['10.0.2.20'] },
		});
		expect(emulator.tagsOf(mirror.TrafficMirrorId)).toEqual([{ Key: 'incident', Value: 'INC-4711' }]);

		// Slack (disabled here) receives the mirror; the text it would post names it.
		expect(result.output('Tell the incident channel').map((item) => item.json.TrafficMirrorId)).toEqual([mirror.TrafficMirrorId]);
		expect(result.output('Slack text (test probe)')[0].json.text).toBe(
			`:mag: INC-4711: traffic mirror ${mirror.TrafficMirrorId} (RUNNING) copies EGRESS traffic of eni-emu00001, eni-emu00002 to 10.0.2.20`,
		);
	});

	test('a repeated alert returns the existing mirror instead of a second one', async () => {
		await run();
		const second = await run();
		expect(second.run.data.resultData.error).toBeUndefined();
		expect(emulator.mirrors()).toHaveLength(1);
		expect(second.output('Create Traffic Mirror')[0].json.TrafficMirrorId).toBe(emulator.mirrors()[0].TrafficMirrorId);
	});
});

describe('examples/incident-closed-cleanup.workflow.json', () => {
	const mirror = async (name: string, eni: string, tags?: Array<{ Key: string; Value?: string }>) =>
		await createMirrorDirectly(emulator, { body: { TrafficMirrorName: name, CollectorSrcs: [eni] }, tags });

	test('stops, then deletes, exactly the incident\'s mirrors', async () => {
		const ours = [
			await mirror('incident-INC-4711', 'eni-emu00001', [{ Key: 'incident', Value: 'INC-4711' }]),
			await mirror('incident-INC-4711', 'eni-emu00002', [{ Key: 'incident', Value: 'INC-4711' }, { Key: 'severity', Value: 'high' }]),
		];
		const kept = [
			// A name that merely contains ours.
			await mirror('incident-INC-47110', 'eni-emu00003', [{ Key: 'incident', Value: 'INC-47110' }]),
			// Our name, but not made for an incident.
			await mirror('incident-INC-4711', 'subnet-emu00001'),
			await createMirrorDirectly(emulator, {
				body: { TrafficMirrorName: 'incident-INC-4712', VpcId: 'vpc-emu00002', CollectorTarget: { TargetIps: ['172.16.1.99'] } },
				tags: [{ Key: 'incident', Value: 'INC-4712' }],
			}),
		];

		const result = await runWorkflow(loadExample('incident-closed-cleanup.workflow.json'), {
			credentials: emulatorCredentials(emulator),
			triggerItems: [webhookItem('incident-closed', { incidentId: 'INC-4711', region: 'ap-guangzhou' })],
		});
		expect(result.run.data.resultData.error).toBeUndefined();

		const ourIds = ours.map((m) => m.TrafficMirrorId);
		const idsOf = (action: string) => requestsOf(emulator, action).map((entry) => (entry.body as { TrafficMirrorId: string }).TrafficMirrorId);
		expect(requestsOf(emulator, 'DescribeTrafficMirrors').map((entry) => entry.body)).toEqual([
			{ Offset: 0, Limit: 100, Filters: { Name: 'tag-key', Values: ['incident'] } },
		]);
		expect(idsOf('StopTrafficMirror')).toEqual(ourIds);
		expect(idsOf('DeleteTrafficMirror')).toEqual(ourIds);
		// Each mirror was stopped before it was deleted.
		for (const id of ourIds) {
			const stop = requestsOf(emulator, 'StopTrafficMirror').find((entry) => (entry.body as IDataObject).TrafficMirrorId === id);
			const del = requestsOf(emulator, 'DeleteTrafficMirror').find((entry) => (entry.body as IDataObject).TrafficMirrorId === id);
			expect(stop!.answeredAt!).toBeLessThanOrEqual(del!.time);
		}
		expect(emulator.mirrors().map((m) => m.TrafficMirrorId).sort()).toEqual(kept.map((m) => m.TrafficMirrorId).sort());
		expect(result.output('Delete mirror').map((item) => item.json)).toEqual(
			ourIds.map((id) => ({ success: true, TrafficMirrorId: id, RequestId: expect.any(String) })),
		);
	});

	test('an incident without mirrors: nothing is stopped or deleted', async () => {
		await mirror('incident-INC-1', 'eni-emu00001', [{ Key: 'incident', Value: 'INC-1' }]);
		const result = await runWorkflow(loadExample('incident-closed-cleanup.workflow.json'), {
			credentials: emulatorCredentials(emulator),
			triggerItems: [webhookItem('incident-closed', { incidentId: 'INC-2', region: 'ap-guangzhou' })],
		});
		expect(result.run.data.resultData.error).toBeUndefined();
		expect(requestsOf(emulator, 'StopTrafficMirror')).toHaveLength(0);
		expect(requestsOf(emulator, 'DeleteTrafficMirror')).toHaveLength(0);
		expect(emulator.mirrors()).toHaveLength(1);
	});

	test('works on the mirror the notify example created', async () => {
		const notify = loadExample('incident-mirror-notify.workflow.json');
		node(notify, 'Tell the incident channel').disabled = true;
		await runWorkflow(notify, {
			credentials: emulatorCredentials(emulator),
			triggerItems: [
				webhookItem('incident-traffic-mirror', {
					incidentId: 'INC-9',
					region: 'ap-guangzhou',
					vpcId: 'vpc-emu00001',
					affectedEnis: ['eni-emu00003'],
					collectorIp: '10.0.2.20',
					summary: 'x',
				}),
			],
		});
		expect(emulator.mirrors()).toHaveLength(1);
		await runWorkflow(loadExample('incident-closed-cleanup.workflow.json'), {
			credentials: emulatorCredentials(emulator),
			triggerItems: [webhookItem('incident-closed', { incidentId: 'INC-9', region: 'ap-guangzhou' })],
		});
		expect(emulator.mirrors()).toHaveLength(0);
	});
});

describe('examples/nightly-mirror-sweep.workflow.json', () => {
	const HOUR = 3_600_000;
	const DAY = 24 * HOUR;

	/** A mirror whose CreateTime lies `ageMs` in the past: the emulator's clock is shifted while it is created. */
	async function mirrorAged(ageMs: number, name: string, body: IDataObject = {}): Promise<TrafficMirror> {
		emulator.configure({ clockSkewMs: -ageMs });
		try {
			return await createMirrorDirectly(emulator, {
				body: { TrafficMirrorName: name, ...body },
				call: { timestamp: Math.floor((Date.now() - ageMs) / 1000) },
			});
		} finally {
			emulator.configure({ clockSkewMs: 0 });
		}
	}

	test('stops the running VPC mirrors older than maxAgeDays (7), reading CreateTime as UTC+8', async () => {
		const month = await mirrorAged(30 * DAY, 'a-month-old', { CollectorSrcs: ['eni-emu00001'] });
		// 4 hours either side of 7 days: reading CreateTime as UTC would shift both by 8 hours.
		const justOver = await mirrorAged(7 * DAY + 4 * HOUR, 'just-over-7-days', { CollectorSrcs: ['eni-emu00002'] });
		const justUnder = await mirrorAged(7 * DAY - 4 * HOUR, 'just-under-7-days', { CollectorSrcs: ['eni-emu00003'] });
		const stopped = await mirrorAged(10 * DAY, 'already-stopped', { State: 'STOPED', CollectorSrcs: ['subnet-emu00002'] });
		const publicIp = await mirrorAged(10 * DAY, 'public-ip', {
			Type: 'PUBLICIP',
			CollectorSrcs: ['203.0.113.50'],
			CollectorTarget: { TargetEndPoints: ['10.0.2.20:4789'], AlgHash: 'FIVE_TUPLE_FLOW' },
		});
		const fresh = await mirrorAged(HOUR, 'fresh');
		expect(month.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

		const workflow = loadExample('nightly-mirror-sweep.workflow.json');
		const result = await runWorkflow(workflow, {
			credentials: emulatorCredentials(emulator),
			// As in production, the Schedule Trigger's item starts the run.
			mode: 'trigger',
			triggerItems: [{ json: { timestamp: new Date().toISOString(), 'Readable date': 'tonight', Timezone: 'UTC' } }],
		});
		expect(result.run.data.resultData.error).toBeUndefined();

		expect(result.output('List all mirrors')).toHaveLength(6);
		expect(result.output('Running and older than N days').map((item) => item.json.TrafficMirrorName)).toEqual([
			'a-month-old',
			'just-over-7-days',
		]);
		expect(requestsOf(emulator, 'StopTrafficMirror').map((entry) => (entry.body as IDataObject).TrafficMirrorId)).toEqual([
			month.TrafficMirrorId,
			justOver.TrafficMirrorId,
		]);
		expect([month, justOver, justUnder, stopped, publicIp, fresh].map((m) => STORED_STATE(m.TrafficMirrorId))).toEqual([
			'STOPED',
			'STOPED',
			'RUNNING',
			'STOPED',
			'RUNNING',
			'RUNNING',
		]);
	});

	test('nothing old: nothing is stopped', async () => {
		await mirrorAged(DAY, 'young');
		const result = await runWorkflow(loadExample('nightly-mirror-sweep.workflow.json'), {
			credentials: emulatorCredentials(emulator),
			mode: 'trigger',
			triggerItems: [{ json: { timestamp: new Date().toISOString() } }],
		});
		expect(result.run.data.resultData.error).toBeUndefined();
		expect(requestsOf(emulator, 'StopTrafficMirror')).toHaveLength(0);
	});
});

describe('the examples as a user imports them', () => {
	test.each(['incident-mirror-notify', 'incident-closed-cleanup', 'nightly-mirror-sweep'])('%s', (name) => {
		const workflow = loadExample(`${name}.workflow.json`);
		for (const each of workflow.nodes.filter((n) => n.type === 'n8n-nodes-tencentcloud-vpc.tencentCloudVpc')) {
			expect(each.credentials).toEqual({ tencentCloudApi: { id: 'tencentCloudEmulator', name: 'Tencent Cloud emulator' } });
		}
		expect(workflow.nodes.some((n) => n.disabled)).toBe(false);
		const slack = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.slack');
		if (slack) expect(slack.credentials).toBeUndefined();
	});
});
