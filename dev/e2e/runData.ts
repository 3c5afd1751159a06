// Reads the run data `n8n execute` prints and picks nodes' items and errors out of it.
import type { ExecutionError, INodeExecutionData, IRun } from 'n8n-workflow';

/**
 * `n8n execute` logs the whole IRun as pretty-printed JSON at level info, after "Execution was
 * successful:" or "Execution was NOT successful" (then followed by the error): the object starts
 * with a line "{" and ends with the next line "}".
 */
export function parseRunData(output: string): IRun | undefined {
	const lines = output.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start === -1) return undefined;
	const end = lines.indexOf('}', start + 1);
	if (end === -1) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as IRun;
}

/** The items a node put on one of its outputs in its last run. */
export function nodeOutput(run: IRun, nodeName: string, outputIndex = 0): INodeExecutionData[] {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) throw new Error(`node "${nodeName}" did not run; nodes that ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
	return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
}

/** The error a node's last run ended with (as serialised into the run data), if any. */
export function nodeError(run: IRun, nodeName: string): ExecutionError | undefined {
	const runs = run.data.resultData.runData[nodeName];
	return runs?.[runs.length - 1]?.error;
}
