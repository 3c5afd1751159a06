import type { IDataObject, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { TENCENT_CLOUD_VPC_TOOL_TYPE } from '../../dev/harness/nodeTypes';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { TOOL_DESCRIPTIONS } from '../../nodes/TencentCloudVpc/actions/trafficMirror/toolDescriptions';
import { createMirrorDirectly, requestsOf } from '../support/trafficMirrors';
import { createParameters, emulatorCredentials, NODE_NAME, type OnError, singleNodeWorkflow } from '../support/workflows';
import { emulatorForTests } from '../support/emulatorSuite';

// Setup creates mirrors straight through the API, faster than Tencent's 20 per second.
const emulator = emulatorForTests({ rateLimit: 0 });

/**
 * The node as an AI Agent's tool: the type n8n gives it there (…Tool), On Error as a user who
 * never opened the settings leaves it (unset), unless the test sets it.
 */
function toolWorkflow(parameters: INodeParameters, onError?: OnError): IWorkflowBase {
	const workflow = singleNodeWorkflow(parameters);
	const [node] = workflow.nodes;
	node.type = TENCENT_CLOUD_VPC_TOOL_TYPE;
	if (onError) node.onError = onError;
	else delete node.onError;
	return workflow;
}

async function runTool(parameters: INodeParameters, json: IDataObject = {}, onError?: OnError) {
	return await runWorkflow(toolWorkflow(parameters, onError), {
		credentials: emulatorCredentials(emulator),
		triggerItems: [{ json }],
	});
}

const creates = () => requestsOf(emulator, 'CreateTrafficMirror');
const unknownInstance = { n: 0, eni: 'ins-missing1' };

describe('as a tool, a refused or failed item is the answer the model reads', () => {
	test('an instance that matches no ENI: the message and what to do, no create, and the run goes on', async () => {
		const result = await runTool(createParameters(), unknownInstance);

		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(result.output(NODE_NAME)).toEqual([
			{
				json: {
					error: expect.stringMatching(/"ins-missing1" matches no network interface in VPC vpc-emu00001/),
					whatToDo: expect.stringMatching(/An instance ID must name a CVM instance .* Nothing was created or changed/),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(creates()).toEqual([]);
	});

	test('a CIDR that is none: the check\'s message, no call at all', async () => {
		const parameters = createParameters({
			additionalFields: { collectorNormalFilters: { filter: [{ srcNet: '10.0.0.0/33', protocol: 'ALL' }] } },
		});
		const result = await runTool(parameters, { n: 0, eni: 'eni-emu00001' });

		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(result.output(NODE_NAME)[0].json.error).toMatch(/Source Network \(srcNet\), entry 1 of item 0: "10\.0\.0\.0\/33" is not an IPv4\/IPv6 address or CIDR/);
		expect(emulator.log).toEqual([]);
	});

	test('Tencent\'s refusal: its message, code and RequestId', async () => {
		const result = await runTool({ resource: 'trafficMirror', operation: 'delete', region: 'ap-guangzhou', trafficMirrorId: { __rl: true, mode: 'id', value: 'imgf-zzzzzzzz' } });

		expect(result.error(NODE_NAME)).toBeUndefined();
		const [answer] = result.output(NODE_NAME);
		const [request] = requestsOf(emulator, 'DeleteTrafficMirror');
		expect(answer.json).toEqual({
			error: expect.stringContaining(request.code),
			code: request.code,
			RequestId: request.requestId,
			...(answer.json.whatToDo === undefined ? {} : { whatToDo: expect.any(String) }),
		});
		expect(request.code).not.toBe('Success');
	});

	test('On Error set to Stop Workflow on purpose still stops the run', async () => {
		const result = await runTool(createParameters(), unknownInstance, 'stopWorkflow');
		expect(result.error(NODE_NAME)?.message).toMatch(/"ins-missing1" matches no network interface/);
	});

	test('as a plain node the same item still stops the run', async () => {
		const result = await runWorkflow(singleNodeWorkflow(createParameters()), {
			credentials: emulatorCredentials(emulator),
			triggerItems: [{ json: unknownInstance }],
		});
		expect(result.error(NODE_NAME)?.message).toMatch(/"ins-missing1" matches no network interface/);
	});
});

describe('option fields take what a model writes', () => {
	const created = async () => await createMirrorDirectly(emulator, { body: { CollectorSrcs: ['eni-emu00001'] } });
	const mirrorId = (id: string) => ({ __rl: true, mode: 'id', value: id });

	test('Direction "egress" is sent as EGRESS', async () => {
		const mirror = await created();
		const result = await runTool(
			{ resource: 'trafficMirror', operation: 'updateDirection', region: 'gz', trafficMirrorId: mirrorId(mirror.TrafficMirrorId), direction: '={{ $json.direction }}' },
			{ direction: 'egress' },
		);
		expect(result.output(NODE_NAME)[0].json).toMatchObject({ success: true, TrafficMirrorId: mirror.TrafficMirrorId });
		expect(requestsOf(emulator, 'UpdateTrafficMirrorDirection').map((entry) => entry.body)).toEqual([
			{ TrafficMirrorId: mirror.TrafficMirrorId, Direction: 'EGRESS' },
		]);
	});

	test('a Direction that is none: the values it takes, no call', async () => {
		const mirror = await created();
		const result = await runTool(
			{ resource: 'trafficMirror', operation: 'updateDirection', region: 'ap-guangzhou', trafficMirrorId: mirrorId(mirror.TrafficMirrorId), direction: '={{ $json.direction }}' },
			{ direction: 'sideways' },
		);
		expect(result.output(NODE_NAME)[0].json).toEqual({
			error: 'Direction "sideways" of item 0 is not one of the values it takes',
			whatToDo: 'Direction (direction) takes one of: ALL (All), EGRESS (Egress), INGRESS (Ingress). Nothing was sent to Tencent Cloud.',
		});
		expect(requestsOf(emulator, 'UpdateTrafficMirrorDirection')).toEqual([]);
	});

	test('Filter Type by its name ("None") and State "stopped" on Create', async () => {
		const mirror = await created();
		// With Filter Type an expression, n8n asks for the NAT gateway it may need: an expression too.
		await runTool(
			{
				resource: 'trafficMirror',
				operation: 'resetFilters',
				region: 'ap-guangzhou',
				trafficMirrorId: mirrorId(mirror.TrafficMirrorId),
				filterType: '={{ $json.kind }}',
				natId: '={{ $json.natId }}',
			},
			{ kind: 'None' },
		);
		expect(requestsOf(emulator, 'ResetTrafficMirrorFilter').map((entry) => entry.body)).toEqual([{ TrafficMirrorId: mirror.TrafficMirrorId }]);

		const result = await runTool(createParameters({ state: '={{ $json.state }}', direction: '={{ $json.direction }}' }), {
			n: 1,
			eni: 'eni-emu00002',
			state: 'stopped',
			direction: 'Ingress',
		});
		expect(result.output(NODE_NAME)[0].json).toMatchObject({ TrafficMirrorId: expect.stringMatching(/^imgf-/) });
		const byTheTool = creates().filter((entry) => (entry.body as IDataObject).TrafficMirrorName === 'mirror-1');
		expect(byTheTool.map((entry) => entry.body)).toEqual([expect.objectContaining({ State: 'STOPED', Direction: 'INGRESS' })]);
	});

	test('a Region as a short code or a full ID; an unknown one is an answer naming it', async () => {
		const getMany = (region: string) => ({ resource: 'trafficMirror', operation: 'getMany', region, returnAll: true, filters: {} });
		await runTool(getMany('={{ $json.region }}'), { region: 'sh' });
		await runTool(getMany('={{ $json.region }}'), { region: 'ap-guangzhou' });
		expect(requestsOf(emulator, 'DescribeTrafficMirrors').map((entry) => entry.region)).toEqual(['ap-shanghai', 'ap-guangzhou']);

		const result = await runTool(getMany('={{ $json.region }}'), { region: 'Mars' });
		expect(result.output(NODE_NAME)[0].json.error).toMatch(/^Unknown region "Mars": give a region ID such as ap-guangzhou/);
	});
});

describe('Get Many as a tool answers with a bounded list', () => {
	async function fleet(count: number) {
		for (let n = 0; n < count; n++) {
			await createMirrorDirectly(emulator, {
				body: { VpcId: 'vpc-emu00009', TrafficMirrorName: `fleet-${n}`, CollectorSrcs: [`eni-flt${String(n).padStart(5, '0')}`] },
			});
		}
	}
	const getMany = (overrides: INodeParameters) => ({ resource: 'trafficMirror', operation: 'getMany', region: 'ap-guangzhou', filters: {}, ...overrides });

	test('Return All: 20 mirrors, then the entry saying more match', async () => {
		await fleet(25);
		const output = (await runTool(getMany({ returnAll: true }))).output(NODE_NAME);
		expect(output).toHaveLength(21);
		expect(output.slice(0, 20).every((item) => String(item.json.TrafficMirrorId).startsWith('imgf-'))).toBe(true);
		expect(output[20].json).toEqual({ moreMirrorsMatch: true, whatToDo: expect.stringMatching(/first 20 matching mirrors.*filter/) });
	});

	test('a smaller Limit is kept; no extra entry when nothing more matches', async () => {
		await fleet(4);
		const limited = (await runTool(getMany({ returnAll: false, limit: 3 }))).output(NODE_NAME);
		expect(limited.map((item) => item.json.moreMirrorsMatch)).toEqual([undefined, undefined, undefined, true]);
		const all = (await runTool(getMany({ returnAll: true }))).output(NODE_NAME);
		expect(all).toHaveLength(4);
	});

	test('as a plain node Return All still returns every mirror', async () => {
		await fleet(25);
		const result = await runWorkflow(singleNodeWorkflow(getMany({ returnAll: true })), { credentials: emulatorCredentials(emulator), triggerItems: [{ json: {} }] });
		expect(result.output(NODE_NAME)).toHaveLength(25);
	});
});

test('every operation has a tool description that says what it changes, needs and returns', () => {
	for (const text of Object.values(TOOL_DESCRIPTIONS)) {
		expect(text).toMatch(/^(Read-only\.|Creates|Changes|Deletes)/);
		expect(text).toMatch(/Needs the region/);
		expect(text).toMatch(/Returns /);
	}
});

describe('a tool whose operation was changed in the editor', () => {
	const deleteTool = { resource: 'trafficMirror', operation: 'delete', region: 'ap-guangzhou', trafficMirrorId: { __rl: true, mode: 'id', value: 'imgf-zzzzzzzz' } };

	test('still described as Create: refused before any call, naming both operations', async () => {
		const result = await runTool({ ...deleteTool, toolDescription: TOOL_DESCRIPTIONS.create });

		expect(result.error(NODE_NAME)?.message).toBe('This tool runs "delete" but its Tool Description is the text of "create"');
		expect(emulator.log).toEqual([]);
	});

	test('with its own operation\'s text, or the user\'s own, it runs', async () => {
		for (const toolDescription of [TOOL_DESCRIPTIONS.delete, 'Deletes the mirror the on-call names.']) {
			const result = await runTool({ ...deleteTool, toolDescription });
			expect(result.error(NODE_NAME)).toBeUndefined();
		}
		expect(requestsOf(emulator, 'DeleteTrafficMirror')).toHaveLength(2);
	});
});
