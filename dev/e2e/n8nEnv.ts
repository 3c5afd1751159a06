// The environment of every n8n process the tooling starts: a throwaway user folder, Node 24,
// logs at info (where `n8n execute` prints the run data), nothing that calls n8n's servers,
// every listener on 127.0.0.1, and a preloaded guard that refuses and records other connections.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nInstall } from './n8nInstall';
import { withRuntimeOnPath } from './nodeRuntime';
import { cleanEnv } from './processes';

export interface N8nEnvOptions {
	userFolder: string;
	encryptionKey: string;
	/** Editor/REST port (n8n start). */
	port?: number;
	/** Task broker port; n8n starts a task runner even for `execute`. */
	brokerPort: number;
	/** Where the loopback guard records refused connections; no guard when undefined. */
	netLog?: string;
	extra?: NodeJS.ProcessEnv;
}

export const LOOPBACK_GUARD = path.join(__dirname, 'loopbackGuard.js');

/** The caller's own n8n settings, proxies, Node options and jest's NODE_ENV=test (which silences n8n's logger) stay out. */
function isForeign(key: string): boolean {
	return /^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|JEST_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|(HTTPS?|ALL|NO)_PROXY$)/i.test(key);
}

/**
 * The base of the webhook URLs a trigger registers with an outside service (the TCOP trigger's
 * callback): this server on loopback, where the emulator pushes. 2.x reads N8N_WEBHOOK_URL (and
 * calls WEBHOOK_URL deprecated); 1.x reads WEBHOOK_URL only.
 */
function webhookUrl(install: N8nInstall, port: number): NodeJS.ProcessEnv {
	const url = `http://127.0.0.1:${port}/`;
	return Number(install.version.split('.')[0]) >= 2 ? { N8N_WEBHOOK_URL: url } : { WEBHOOK_URL: url };
}

export function n8nEnvironment(install: N8nInstall, options: N8nEnvOptions): NodeJS.ProcessEnv {
	const base: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(cleanEnv())) if (!isForeign(key)) base[key] = value;

	// 2.x has an MCP server registry module that fetches a catalogue at start; 1.x has no such module.
	const hasMcpRegistry = fs.existsSync(path.join(install.dir, 'node_modules', 'n8n', 'dist', 'modules', 'mcp-registry'));
	return withRuntimeOnPath(install.runtime, {
		...base,
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: options.encryptionKey,
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_FORMAT: 'text',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Nothing phones home.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		...(hasMcpRegistry ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		// Everything listens on, and calls, this machine only.
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		...(options.port ? { N8N_PORT: String(options.port), ...webhookUrl(install, options.port) } : {}),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		NO_PROXY: '127.0.0.1,localhost,::1',
		...(options.netLog ? { N8N_E2E_NETLOG: options.netLog, NODE_OPTIONS: `--require "${LOOPBACK_GUARD}"` } : {}),
		...options.extra,
	});
}
