import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeHelpers, NodeOperationError } from 'n8n-workflow';

import { TencentCloudVpc } from '../../nodes/TencentCloudVpc/TencentCloudVpc.node';
import { answersToolErrors, isToolInvocation, toolErrorAnswer } from '../../nodes/TencentCloudVpc/actions/itemLoop/toolInvocation';
import { describeOptionValues, matchOptionValue } from '../../nodes/TencentCloudVpc/actions/optionParameters';
import { staleToolDescriptionOf, TOOL_DESCRIPTIONS } from '../../nodes/TencentCloudVpc/actions/trafficMirror/toolDescriptions';

const node = (overrides: Partial<INode> = {}): INode => ({
	id: '1',
	name: 'Tencent Cloud VPC',
	type: 'n8n-nodes-tencentcloud-vpc.tencentCloudVpc',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	...overrides,
});

describe('matchOptionValue', () => {
	const directions = [
		{ name: 'All', value: 'ALL' },
		{ name: 'Egress', value: 'EGRESS' },
		{ name: 'Ingress', value: 'INGRESS' },
	];
	const types = [
		{ name: 'VPC', value: 'VPC' },
		{ name: 'Public IP', value: 'PUBLICIP' },
	];

	test.each([
		['EGRESS', directions, 'EGRESS'],
		['egress', directions, 'EGRESS'],
		[' Ingress ', directions, 'INGRESS'],
		['Public IP', types, 'PUBLICIP'],
		['public_ip', types, 'PUBLICIP'],
		['publicip', types, 'PUBLICIP'],
	])('%s names %s', (value, options, expected) => {
		expect(matchOptionValue(value, options)).toBe(expected);
	});

	test.each([['sideways'], [''], ['  '], [undefined], [null], [{}], [['ALL']]])('%p names no option', (value) => {
		expect(matchOptionValue(value, directions)).toBeUndefined();
	});

	test('the values and names a wrong value is told about', () => {
		expect(describeOptionValues(types)).toBe('VPC, PUBLICIP (Public IP)');
	});
});

describe('tool invocation', () => {
	test('the tool variant is told by its type; the 2.x engine also marks it', () => {
		expect(isToolInvocation(node())).toBe(false);
		expect(isToolInvocation(node({ type: 'n8n-nodes-tencentcloud-vpc.tencentCloudVpcTool' }))).toBe(true);
		expect(isToolInvocation(node({ rewireOutputLogTo: 'ai_tool' }))).toBe(true);
	});

	test('errors are answers unless On Error is Stop Workflow on purpose', () => {
		const tool = { type: 'n8n-nodes-tencentcloud-vpc.tencentCloudVpcTool' };
		expect(answersToolErrors(node(tool))).toBe(true);
		expect(answersToolErrors(node({ ...tool, onError: 'continueRegularOutput' }))).toBe(true);
		expect(answersToolErrors(node({ ...tool, onError: 'stopWorkflow' }))).toBe(false);
		expect(answersToolErrors(node())).toBe(false);
	});

	test('the answer carries the message, what to do, and Tencent\'s code and RequestId', () => {
		const refused = new NodeOperationError(node(), 'Traffic Mirror is empty', { description: 'Give its ID (imgf-…)' });
		expect(toolErrorAnswer(refused)).toEqual({ error: 'Traffic Mirror is empty', whatToDo: 'Give its ID (imgf-…)' });

		const tencent = new NodeApiError(node(), {}, { message: 'Tencent Cloud error LimitExceeded', description: 'Delete a mirror first.' });
		tencent.context.tencentCode = 'LimitExceeded';
		tencent.context.requestId = 'req-1';
		expect(toolErrorAnswer(tencent)).toEqual({
			error: 'Tencent Cloud error LimitExceeded',
			whatToDo: 'Delete a mirror first.',
			code: 'LimitExceeded',
			RequestId: 'req-1',
		});
		expect(toolErrorAnswer(new Error('plain'))).toEqual({ error: 'plain' });
	});
});

describe('the tool description n8n hands the model', () => {
	const plain = new TencentCloudVpc().description;
	const tool = { ...plain, name: `${plain.name}Tool` };

	/** What n8n's engine resolves for a node saved with just these parameters, then reads as the description. */
	function descriptionFor(operation: string, saved: Record<string, string> = {}) {
		const toolNode = node({ type: `n8n-nodes-tencentcloud-vpc.${tool.name}` });
		const parameters = NodeHelpers.getNodeParameters(tool.properties, { resource: 'trafficMirror', operation, ...saved }, true, false, toolNode, tool);
		return NodeHelpers.getToolDescriptionForNode({ ...toolNode, parameters: parameters ?? {} }, { description: tool } as never);
	}

	test.each(Object.keys(TOOL_DESCRIPTIONS))('%s: its own text, not the bare action', (operation) => {
		expect(descriptionFor(operation)).toBe(TOOL_DESCRIPTIONS[operation as keyof typeof TOOL_DESCRIPTIONS]);
	});

	test('a description the user wrote wins', () => {
		expect(descriptionFor('create', { toolDescription: 'Mirror a web server' })).toBe('Mirror a web server');
	});

	test('the plain node has no such field', () => {
		const parameters = NodeHelpers.getNodeParameters(plain.properties, { resource: 'trafficMirror', operation: 'create' }, true, false, node(), plain);
		expect(parameters).not.toHaveProperty('toolDescription');
	});
});

describe('examples/ai-agent-traffic-mirror.workflow.json as a user imports it', () => {
	const example = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'examples', 'ai-agent-traffic-mirror.workflow.json'), 'utf8')) as {
		nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: unknown; disabled?: boolean }>;
		connections: Record<string, Record<string, Array<Array<{ node: string; type: string }>>>>;
		settings: Record<string, unknown>;
	};
	const tools = example.nodes.filter((node) => node.type === 'n8n-nodes-tencentcloud-vpc.tencentCloudVpcTool');

	test('the agent gets a read-and-create tool set only, in the v1 execution order', () => {
		expect(example.settings.executionOrder).toBe('v1');
		expect(tools.map((node) => node.parameters.operation).sort()).toEqual(['create', 'getMany']);
		for (const tool of tools) {
			expect(tool.credentials).toEqual({ tencentCloudApi: { id: 'tencentCloudEmulator', name: 'Tencent Cloud emulator' } });
			expect(example.connections[tool.name].ai_tool).toEqual([[{ node: 'Network agent', type: 'ai_tool', index: 0 }]]);
			expect(String(tool.parameters.region)).toMatch(/^=\{\{ \$fromAI\('region', `[^`]+`, 'string'\) \}\}$/);
		}
		expect(example.nodes.some((node) => node.disabled)).toBe(false);
	});
});

describe('a Tool Description left from another operation', () => {
	test('n8n keeps the value when the operation changes, as its editor recomputes parameters', () => {
		const description = { ...new TencentCloudVpc().description, name: 'tencentCloudVpcTool' };
		const node = { id: 'n', name: 'Tool', type: 'n8n-nodes-tencentcloud-vpc.tencentCloudVpcTool', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
		const asCreate = NodeHelpers.getNodeParameters(description.properties, { resource: 'trafficMirror', operation: 'create' }, true, false, node, description)!;
		expect(asCreate.toolDescription).toBe(TOOL_DESCRIPTIONS.create);
		// The editor: the changed operation, reduced to non-defaults, then defaults filled in again.
		const userSet = NodeHelpers.getNodeParameters(description.properties, { ...asCreate, operation: 'delete' }, false, false, node, description)!;
		const asDelete = NodeHelpers.getNodeParameters(description.properties, userSet, true, false, node, description)!;
		expect(asDelete.toolDescription).toBe(TOOL_DESCRIPTIONS.create);
		expect(staleToolDescriptionOf('delete', asDelete.toolDescription)).toBe('create');
	});

	test('its own text, a user\'s own text or none is no stale description', () => {
		expect(staleToolDescriptionOf('delete', TOOL_DESCRIPTIONS.delete)).toBeUndefined();
		expect(staleToolDescriptionOf('delete', 'Deletes the mirror the on-call names.')).toBeUndefined();
		expect(staleToolDescriptionOf('delete', undefined)).toBeUndefined();
		expect(staleToolDescriptionOf('stop', `  ${TOOL_DESCRIPTIONS.start}\n`)).toBe('start');
	});
});
