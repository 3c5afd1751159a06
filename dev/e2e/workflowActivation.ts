// Activating and deactivating a workflow on a running `n8n start` through its REST API, the calls the
// editor makes: 1.x's Active toggle saves `{versionId, active}` with PATCH /rest/workflows/:id and
// registers the triggers before it answers; 2.x's Publish button POSTs /rest/workflows/:id/activate
// (and /deactivate), and a publication service applies it in the background, reported by
// GET /rest/workflows/:id/publication-status, which the editor polls.
import type { N8nServer } from './n8nServer';

interface WorkflowVersion {
	versionId: string;
	/** 2.x only: the editor sends it back so a concurrent edit is refused instead of overwritten. */
	checksum?: string;
	active?: boolean;
}

interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

const POLL_MS = 250;

export function usesPublishRoutes(version: string): boolean {
	return Number(version.split('.')[0]) >= 2;
}

async function currentVersion(server: N8nServer, workflowId: string): Promise<WorkflowVersion> {
	const workflow = await server.rest<WorkflowVersion>('GET', `/rest/workflows/${workflowId}`);
	if (workflow.status !== 200 || !workflow.data?.versionId) throw new Error(`GET /rest/workflows/${workflowId}: ${workflow.status} ${JSON.stringify(workflow.raw).slice(0, 300)}`);
	return workflow.data;
}

function expectOk(what: string, response: { status: number; raw: unknown }): void {
	if (response.status !== 200) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.raw).slice(0, 500)}`);
}

/**
 * 2.x: waits until no publication of the workflow is in flight and returns how it settled. The
 * activate/deactivate answer comes before the publication service picked the change up.
 */
export async function settledPublication(server: N8nServer, workflowId: string, timeoutMs = 60_000): Promise<PublicationStatus> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await server.rest<PublicationStatus>('GET', `/rest/workflows/${workflowId}/publication-status`);
		expectOk(`GET /rest/workflows/${workflowId}/publication-status`, response);
		if (response.data.status !== 'in_progress' && response.data.pendingVersionId === null) return response.data;
		if (Date.now() > deadline) throw new Error(`the publication of ${workflowId} did not settle within ${timeoutMs} ms: ${JSON.stringify(response.data)}`);
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}

/**
 * Activates (1.x) or publishes (2.x) the workflow's current version and returns once n8n has run the
 * triggers' activation (for a webhook trigger: its webhookMethods). Throws with n8n's message when a
 * trigger failed to activate.
 */
export async function activateWorkflow(server: N8nServer, workflowId: string): Promise<void> {
	const { versionId, checksum } = await currentVersion(server, workflowId);
	if (!usesPublishRoutes(server.install.version)) {
		expectOk(`PATCH /rest/workflows/${workflowId} {active: true}`, await server.rest('PATCH', `/rest/workflows/${workflowId}`, { versionId, active: true }));
		return;
	}
	expectOk(`POST /rest/workflows/${workflowId}/activate`, await server.rest('POST', `/rest/workflows/${workflowId}/activate`, { versionId, expectedChecksum: checksum }));
	const publication = await settledPublication(server, workflowId);
	if (publication.status !== 'published') throw new Error(`publishing ${workflowId} ended ${publication.status}: ${JSON.stringify(publication.triggers)}`);
}

/** Deactivates (1.x) or unpublishes (2.x) the workflow and returns once its triggers were removed. */
export async function deactivateWorkflow(server: N8nServer, workflowId: string): Promise<void> {
	const { versionId, checksum } = await currentVersion(server, workflowId);
	if (!usesPublishRoutes(server.install.version)) {
		expectOk(`PATCH /rest/workflows/${workflowId} {active: false}`, await server.rest('PATCH', `/rest/workflows/${workflowId}`, { versionId, active: false }));
		return;
	}
	expectOk(`POST /rest/workflows/${workflowId}/deactivate`, await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`, { expectedChecksum: checksum }));
	const publication = await settledPublication(server, workflowId);
	if (publication.status !== 'not_published') throw new Error(`unpublishing ${workflowId} ended ${publication.status}: ${JSON.stringify(publication.triggers)}`);
}

/**
 * After `n8n start`, once the workflows that were active are running again. Both majors print
 * "Editor is now accessible" last: 1.x after it activated them ('init'), 2.x after it started the
 * publication service, whose start-up pass is then awaited through the publication status.
 */
export async function activeWorkflowsRestored(server: N8nServer, workflowId: string, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!server.outputOfThisRun().includes('Editor is now accessible via')) {
		if (Date.now() > deadline) throw new Error(`n8n did not finish starting within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
	if (!usesPublishRoutes(server.install.version)) return;
	const publication = await settledPublication(server, workflowId, Math.max(deadline - Date.now(), 5_000));
	if (publication.status !== 'published') throw new Error(`after the restart, ${workflowId} is ${publication.status}: ${JSON.stringify(publication.triggers)}`);
}
