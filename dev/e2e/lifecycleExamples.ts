// The three lifecycle examples (notify, cleanup, nightly sweep) in real n8n: how they are imported,
// activated and started, and how the emulator is seeded with back-dated mirrors for the sweep.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_RATE_LIMIT } from '../emulator/server';
import type { TrafficMirror } from '../emulator/types';
import { ok } from '../../test/emulator/signForTest';
import type { EmulatorProcess } from './emulatorProcess';
import type { N8nCli, WorkflowToImport } from './n8nRunner';
import type { N8nServer } from './n8nServer';
import { REPO_ROOT } from './versions';

export const NOTIFY_EXAMPLE = { id: 'e2eNotifyEx', file: 'incident-mirror-notify.workflow.json', webhookPath: 'incident-traffic-mirror' };
export const CLEANUP_EXAMPLE = { id: 'e2eCleanupEx', file: 'incident-closed-cleanup.workflow.json', webhookPath: 'incident-closed' };
export const SWEEP_EXAMPLE = { id: 'e2eSweepEx', file: 'nightly-mirror-sweep.workflow.json', trigger: 'Every night at 02:00' };
/** The notify example's Slack node: no credential and no network here, so it is disabled in the imported copy. */
const SLACK_NODE = 'Tell the incident channel';

interface WorkflowNode {
	name: string;
	disabled?: boolean;
	credentials?: unknown;
}

/** The lifecycle examples as shipped, given ids; the only change is the notify example's Slack node disabled. */
export function lifecycleExamplesToImport(): WorkflowToImport[] {
	const read = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8')) as { nodes: WorkflowNode[] };
	const notify = read(NOTIFY_EXAMPLE.file);
	const slack = notify.nodes.find((node) => node.name === SLACK_NODE);
	if (!slack || slack.credentials !== undefined) throw new Error(`${NOTIFY_EXAMPLE.file}: expected "${SLACK_NODE}" without a credential`);
	slack.disabled = true;
	return [
		{ ...notify, id: NOTIFY_EXAMPLE.id },
		{ ...read(CLEANUP_EXAMPLE.file), id: CLEANUP_EXAMPLE.id },
		{ ...read(SWEEP_EXAMPLE.file), id: SWEEP_EXAMPLE.id },
	];
}

/** Activates a workflow with n8n's CLI before `n8n start`: 1.x `update:workflow --active=true`, 2.x `publish:workflow`. */
export async function activateWithCli(cli: N8nCli, version: string, workflowId: string): Promise<void> {
	const args = Number(version.split('.')[0]) >= 2 ? ['publish:workflow', `--id=${workflowId}`] : ['update:workflow', `--id=${workflowId}`, '--active=true'];
	const result = await cli.command(args);
	if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} exited with ${result.code ?? result.signal}:\n${result.output}`);
}

/**
 * POSTs JSON to an active workflow's production webhook, as an alerting system would. n8n activates
 * workflows after its REST API answers, so a 404 "not registered" (nothing ran) is retried for a while.
 */
export async function postToWebhook(server: N8nServer, webhookPath: string, body: IDataObject): Promise<{ status: number; text: string }> {
	return await waitFor(`the webhook ${webhookPath} to be registered`, async () => {
		const response = await fetch(`${server.url}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		return response.status === 404 && text.includes('is not registered') ? undefined : { status: response.status, text };
	});
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Waits until a workflow has `count` finished executions (any status but new, running, waiting); returns their statuses. */
export async function finishedExecutionStatuses(server: N8nServer, workflowId: string, count: number): Promise<string[]> {
	return await waitFor(`${count} finished execution(s) of ${workflowId}`, async () => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await server.rest<{ results: Array<{ status: string }> }>('GET', `/rest/executions?filter=${filter}`);
		const statuses = (list.data.results ?? []).map((e) => e.status).filter((status) => !['new', 'running', 'waiting'].includes(status));
		return statuses.length >= count ? statuses : undefined;
	});
}

/**
 * The editor's "Execute workflow" from a trigger: `POST /rest/workflows/:id/run` with triggerToStartFrom
 * (1.x also wants the workflow itself in the body; 2.x reads it from the database and drops the extra key).
 * Resolves with the finished execution's status.
 */
export async function runFromTrigger(server: N8nServer, workflowId: string, trigger: string): Promise<string> {
	const workflow = await server.rest<IDataObject>('GET', `/rest/workflows/${workflowId}`);
	if (workflow.status !== 200) throw new Error(`GET /rest/workflows/${workflowId}: ${workflow.status} ${JSON.stringify(workflow.raw)}`);
	const started = await server.rest<{ executionId?: string }>('POST', `/rest/workflows/${workflowId}/run`, {
		workflowData: workflow.data,
		triggerToStartFrom: { name: trigger },
	});
	const executionId = started.data?.executionId;
	if (started.status !== 200 || !executionId) throw new Error(`POST /rest/workflows/${workflowId}/run: ${started.status} ${JSON.stringify(started.raw)}`);
	return await waitFor(`execution ${executionId} to finish`, async () => {
		const execution = await server.rest<{ status?: string; finished?: boolean }>('GET', `/rest/executions/${executionId}`);
		const status = execution.data?.status;
		return status && !['new', 'running', 'waiting'].includes(status) ? status : undefined;
	});
}

/**
 * A VPC mirror whose CreateTime lies `ageMs` in the past: the emulator's clock is shifted back while a
 * request signed at that time creates it (the rate limiter is switched off meanwhile: it would see time jump).
 */
export async function createAgedMirror(emulator: EmulatorProcess, ageMs: number, body: IDataObject): Promise<TrafficMirror> {
	await emulator.configure({ clockSkewMs: -ageMs, rateLimit: 0 });
	try {
		const response = await ok(
			emulator.banner.url,
			'CreateTrafficMirror',
			{ VpcId: 'vpc-emu00001', CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'] }, ...body },
			{ region: 'ap-guangzhou', timestamp: Math.floor((Date.now() - ageMs) / 1000) },
		);
		return response.TrafficMirror as TrafficMirror;
	} finally {
		await emulator.configure({ clockSkewMs: 0, rateLimit: DEFAULT_RATE_LIMIT });
	}
}
