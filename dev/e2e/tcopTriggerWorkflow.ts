// The test-only workflow of the TCOP trigger (workflows/tcop-trigger.workflow.json: trigger → "Firing?"
// → alarm or recovery branch), and how its executions and TCOP's pushes to it are read back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, IRunData } from 'n8n-workflow';

import type { AlarmNotice, PushRecord } from '../emulator/types';
import type { WorkflowToImport } from './n8nRunner';
import type { N8nServer } from './n8nServer';
import { type ExecutionSummary, readExecution } from './queueMode/executionsApi';

interface WorkflowFile extends WorkflowToImport {
	name: string;
	nodes: Array<{ name: string; webhookId?: string; parameters: IDataObject }>;
}

export const TCOP_TRIGGER_WORKFLOW = JSON.parse(fs.readFileSync(path.join(__dirname, 'workflows', 'tcop-trigger.workflow.json'), 'utf8')) as WorkflowFile;

const trigger = TCOP_TRIGGER_WORKFLOW.nodes.find((node) => node.webhookId);
if (!trigger) throw new Error('tcop-trigger.workflow.json: no node with a webhookId');
export const TCOP_TRIGGER_NODE = { name: trigger.name, webhookId: trigger.webhookId!, policyIds: trigger.parameters.alarmPolicyIds as string[] };

const BRANCHES = ['Alarm branch', 'Recovery branch'];

/** What one execution of the workflow did: the trigger's item and which branches ran. */
export interface AlarmRun {
	id: string;
	status: string;
	item?: IDataObject;
	branches: string[];
}

export async function alarmRunOf(server: N8nServer, summary: ExecutionSummary): Promise<AlarmRun> {
	const { run } = await readExecution(server, summary.id);
	const runData: IRunData = run.data.resultData.runData;
	return {
		id: summary.id,
		status: summary.status,
		item: runData[TCOP_TRIGGER_NODE.name]?.[0]?.data?.main?.[0]?.[0]?.json,
		branches: BRANCHES.filter((name) => runData[name] !== undefined),
	};
}

/** The production webhook URL n8n serves the trigger on, WEBHOOK_URL being the server itself. */
export function productionWebhookUrl(server: N8nServer): string {
	return `${server.url}/webhook/${TCOP_TRIGGER_NODE.webhookId}/webhook`;
}

/** The templates whose callbacks point at this n8n. */
export function templatesOf(server: N8nServer, notices: AlarmNotice[]): AlarmNotice[] {
	return notices.filter((notice) => notice.URLNotices.some((urlNotice) => urlNotice.URL.startsWith(`${server.url}/`)));
}

/**
 * How TCOP's push fared, in the shape a test compares: the answer of the first attempt (status and
 * parsed body) and how many attempts there were. Delivered at once reads
 * `{delivered: true, attempts: 1, status: 200, body: {sessionId, retCode: 0}}`.
 */
export function pushOutcome(record: PushRecord): { delivered: boolean; attempts: number; status?: number; body: unknown } {
	const [first] = record.attempts;
	let body: unknown = first?.body ?? first?.error;
	try {
		body = JSON.parse(first?.body ?? '');
	} catch {
		// not JSON: kept as text, so a failed comparison shows it
	}
	return { delivered: record.delivered, attempts: record.attempts.length, status: first?.status, body };
}
