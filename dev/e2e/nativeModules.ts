// n8n is installed with --ignore-scripts (sqlite3's install script would download a prebuilt
// binary from outside the registry), so sqlite3 is compiled here against Node 24's headers.
// The binary depends only on the sqlite3 and Node versions and is shared between n8n versions.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { type NodeRuntime, withRuntimeOnPath } from './nodeRuntime';
import { cleanEnv, progress, run, runChecked } from './processes';
import { cacheRoot } from './versions';

/** npm's own node-gyp, so the build needs nothing beyond npm, python3, make and a C++ compiler. */
async function nodeGypCommand(env: NodeJS.ProcessEnv, cwd: string): Promise<{ command: string; args: string[] }> {
	const globalRoot = (await run('npm', ['root', '-g'], { cwd, env })).stdout.trim();
	const bundled = path.join(globalRoot, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
	if (fs.existsSync(bundled)) return { command: 'node', args: [bundled] };
	return { command: 'npm', args: ['exec', '--yes', '--', 'node-gyp@11'] };
}

function sqlite3Version(sqlite3Dir: string): string {
	return (JSON.parse(fs.readFileSync(path.join(sqlite3Dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Builds (or reuses the cached build of) node_modules/sqlite3 inside an n8n install. */
export async function ensureSqlite3(installDir: string, runtime: NodeRuntime): Promise<void> {
	const sqlite3Dir = path.join(installDir, 'node_modules', 'sqlite3');
	if (!fs.existsSync(sqlite3Dir)) throw new Error(`no node_modules/sqlite3 in ${installDir}`);
	const version = sqlite3Version(sqlite3Dir);
	const cached = path.join(cacheRoot(), 'native', `sqlite3-${version}-node-v${runtime.version}`, 'node_sqlite3.node');
	const target = path.join(sqlite3Dir, 'build', 'Release', 'node_sqlite3.node');
	const env = withRuntimeOnPath(runtime, cleanEnv());

	if (fs.existsSync(cached)) {
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.copyFileSync(cached, target);
	} else {
		for (const tool of ['python3', 'make', 'g++']) {
			if ((await run('sh', ['-c', `command -v ${tool}`], { cwd: installDir, env })).code !== 0) {
				throw new Error(`building sqlite3 needs ${tool} (Debian: apt-get install -y python3 make g++)`);
			}
		}
		progress(`sqlite3 ${version}: compiling against Node ${runtime.version} headers (about 2 minutes)`);
		const gyp = await nodeGypCommand(env, installDir);
		const jobs = String(Math.max(1, os.cpus().length));
		const result = await runChecked(gyp.command, [...gyp.args, 'rebuild', `--nodedir=${runtime.nodeDir}`, '-j', jobs], {
			cwd: sqlite3Dir,
			env,
			logFile: path.join(installDir, 'sqlite3-build.log'),
			timeoutMs: 20 * 60_000,
		});
		progress(`sqlite3 ${version}: compiled in ${Math.round(result.durationMs / 1000)} s`);
		fs.mkdirSync(path.dirname(cached), { recursive: true });
		fs.copyFileSync(target, `${cached}.tmp`);
		fs.renameSync(`${cached}.tmp`, cached);
	}

	// Load both native modules n8n needs with the Node that will run n8n.
	const check = [
		"const sqlite3 = require('sqlite3');",
		"new sqlite3.Database(':memory:').get('select sqlite_version() as v', (e, r) => { if (e) throw e; process.stdout.write('sqlite ' + r.v + '\\n'); });",
		"require('isolated-vm');",
	].join(' ');
	await runChecked(runtime.node, ['-e', check], { cwd: installDir, env });
}
