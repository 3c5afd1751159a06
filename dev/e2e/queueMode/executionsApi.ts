// Executions read back through the REST API of n8n's main (what the editor's execution list shows):
// in queue mode the workers write them to the shared database and the main serves them.
import type { IRun } from 'n8n-workflow';

import type { N8nServer } from '../n8nServer';

export interface ExecutionSummary {
	id: string;
	status: string;
	workflowId: string;
}

const UNFINISHED = ['new', 'running', 'waiting'];

/**
 * The executions of one workflow, newest first. n8n's list answers at most 100 at a time, so a
 * workflow with more than that throws rather than silently losing some.
 */
export async function listExecutions(server: N8nServer, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await server.rest<{ results?: ExecutionSummary[]; count?: number }>('GET', `/rest/executions?filter=${filter}&limit=100`);
	if (list.status !== 200 || !Array.isArray(list.data.results)) throw new Error(`GET /rest/executions: ${list.status} ${JSON.stringify(list.raw).slice(0, 300)}`);
	if (list.data.results.length >= 100) throw new Error(`workflow ${workflowId} has 100 or more executions: more than this helper reads`);
	return list.data.results.map((e) => ({ id: String(e.id), status: e.status, workflowId: e.workflowId }));
}

export function isFinished(execution: ExecutionSummary): boolean {
	return !UNFINISHED.includes(execution.status);
}

/**
 * n8n stores and serves run data "flatted": a JSON array whose first entry is the value, in which
 * every string inside an object or array is the index (as a string) of another entry, so shared
 * and circular references survive. Entries that are strings themselves are plain strings.
 */
export function unflattenRunData(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const entry = table[index];
		if (entry === null || typeof entry !== 'object') {
			revived.set(index, entry);
			return entry;
		}
		const out: Record<string, unknown> | unknown[] = Array.isArray(entry) ? [] : {};
		revived.set(index, out);
		for (const [key, value] of Object.entries(entry)) {
			(out as Record<string, unknown>)[key] = typeof value === 'string' ? revive(Number(value)) : value;
		}
		return out;
	};
	return revive(0);
}

/** One execution with its run data (`GET /rest/executions/:id`). */
export async function readExecution(server: N8nServer, id: string): Promise<ExecutionSummary & { run: Pick<IRun, 'data'> }> {
	const response = await server.rest<ExecutionSummary & { data?: unknown }>('GET', `/rest/executions/${id}`);
	const execution = response.data;
	if (response.status !== 200 || typeof execution?.data !== 'string') {
		throw new Error(`GET /rest/executions/${id}: ${response.status} ${JSON.stringify(response.raw).slice(0, 300)}`);
	}
	return { id: String(execution.id), status: execution.status, workflowId: execution.workflowId, run: { data: unflattenRunData(execution.data) as IRun['data'] } };
}
