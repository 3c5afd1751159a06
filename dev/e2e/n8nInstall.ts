// Real n8n from the npm registry, installed once per version into the cache folder and reused.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { isInstalled, resetDir, writeMarker } from './installMarker';
import { ensureSqlite3 } from './nativeModules';
import { type NodeRuntime, withRuntimeOnPath } from './nodeRuntime';
import { cleanEnv, progress, runChecked } from './processes';
import { cacheRoot, N8N_INSTALL_OVERRIDES } from './versions';

export interface N8nInstall {
	version: string;
	dir: string;
	/** n8n's bin script; run it with the runtime's node. */
	bin: string;
	runtime: NodeRuntime;
}

/** Bump when the install recipe changes, so older cached installs are redone. */
const RECIPE = 1;

export function n8nInstallDir(version: string): string {
	return path.join(cacheRoot(), `n8n-${version}`);
}

export async function ensureN8n(version: string, runtime: NodeRuntime): Promise<N8nInstall> {
	const dir = n8nInstallDir(version);
	const bin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const wanted = { n8nVersion: version, nodeVersion: runtime.version, overrides: JSON.stringify(N8N_INSTALL_OVERRIDES), recipe: RECIPE };
	if (isInstalled(dir, wanted)) return { version, dir, bin, runtime };

	const started = Date.now();
	progress(`n8n ${version}: installing into ${dir} (npm install, several minutes on a cold cache)`);
	resetDir(dir);
	const packageJson = {
		name: `e2e-n8n-${version}`,
		private: true,
		description: 'n8n for the end-to-end tests of n8n-nodes-tencentcloud-vpc',
		dependencies: { n8n: version },
		overrides: N8N_INSTALL_OVERRIDES,
	};
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(packageJson, null, 2) + '\n');
	const env = withRuntimeOnPath(runtime, cleanEnv());
	// No install scripts: native modules that need building are built below, from the registry's sources only.
	const install = await runChecked('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		env,
		logFile: path.join(dir, 'install.log'),
		timeoutMs: 30 * 60_000,
	});
	progress(`n8n ${version}: npm install took ${Math.round(install.durationMs / 1000)} s`);

	await ensureSqlite3(dir, runtime);
	const reported = (await runChecked(runtime.node, [bin, '--version'], { cwd: dir, env })).stdout.trim();
	if (reported !== version) throw new Error(`${bin} reports version ${reported}, expected ${version}`);

	writeMarker(dir, wanted);
	progress(`n8n ${version}: ready in ${Math.round((Date.now() - started) / 1000)} s`);
	return { version, dir, bin, runtime };
}
