// The two TCOP example workflows as a user sets them up: the values of "Settings (change these)"
// filled in, and, since there is no Slack workspace here, every Slack node disabled with a probe
// beside it that resolves the text it would post.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IConnection, INode, IWorkflowBase } from 'n8n-workflow';

import { TestNodeTypes } from '../../dev/harness/nodeTypes';
import type { WorkflowRun } from '../../dev/harness/runWorkflow';

export const SETTINGS_NODE = 'Settings (change these)';
export const PLACEHOLDER = 'CHANGE-ME';
export const SLACK_TYPE = 'n8n-nodes-base.slack';

/** What a user in the emulator's account puts into the settings. */
export const USER_SETTINGS = { vpcId: 'vpc-emu00001', collectorIp: '10.0.2.20', slackChannelId: 'C0ONCALL01' };

/**
 * Loads the node types of an example before its tests: the first load of n8n's Slack node and its
 * dependencies takes seconds, more than a test's time on a busy machine.
 */
export function loadNodeTypesBeforeAll(file: string): void {
	beforeAll(() => {
		const nodeTypes = new TestNodeTypes();
		for (const type of new Set(loadExample(file).nodes.map((node) => node.type))) nodeTypes.getByName(type);
	}, 120_000);
}

export function loadExample(file: string): IWorkflowBase {
	return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8')) as IWorkflowBase;
}

export function nodeOf(workflow: IWorkflowBase, name: string): INode {
	const found = workflow.nodes.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`The example has no node "${name}"`);
	return found;
}

interface Assignment {
	name: string;
	value: unknown;
}

export function settingsOf(workflow: IWorkflowBase): Assignment[] {
	return (nodeOf(workflow, SETTINGS_NODE).parameters.assignments as { assignments: Assignment[] }).assignments;
}

export function probeName(slackNode: string): string {
	return `${slackNode} (text probe)`;
}

/** The example with `settings` written into its settings node and its Slack nodes disabled, each with a text probe. */
export function setUpExample(file: string, settings: Record<string, string> = USER_SETTINGS): IWorkflowBase {
	const workflow = loadExample(file);
	for (const assignment of settingsOf(workflow)) {
		if (assignment.name in settings) assignment.value = settings[assignment.name];
	}
	for (const slack of workflow.nodes.filter((node) => node.type === SLACK_TYPE)) {
		slack.disabled = true;
		const probe = probeName(slack.name);
		workflow.nodes.push({
			id: `probe-${slack.id}`,
			name: probe,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [slack.position[0], slack.position[1] + 60],
			parameters: {
				assignments: {
					assignments: [
						{ id: 'text', name: 'text', value: slack.parameters.text, type: 'string' },
						{ id: 'channel', name: 'channel', value: (slack.parameters.channelId as { value: string }).value, type: 'string' },
					],
				},
				options: {},
			},
		});
		// The probe hangs off the same output as the Slack node, so it sees the same item and pairing.
		for (const outputs of Object.values(workflow.connections)) {
			for (const output of outputs.main ?? []) {
				if (output?.some((c: IConnection) => c.node === slack.name)) output.push({ node: probe, type: 'main', index: 0 });
			}
		}
	}
	return workflow;
}

/** What the Slack node would post: its channel and text, one per item it received. */
export function slackPosts(result: WorkflowRun, slackNode: string): Array<{ channel: string; text: string }> {
	if (!result.run.data.resultData.runData[probeName(slackNode)]) return [];
	return result.output(probeName(slackNode)).map((item) => ({ channel: String(item.json.channel), text: String(item.json.text) }));
}

/** Every Slack node that would have posted in this run. */
export function slackNodesThatRan(result: WorkflowRun, workflow: IWorkflowBase): string[] {
	return workflow.nodes
		.filter((node) => node.type === SLACK_TYPE && result.run.data.resultData.runData[probeName(node.name)]?.some((run) => (run.data?.main?.[0]?.length ?? 0) > 0))
		.map((node) => node.name);
}
