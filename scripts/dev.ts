// `npm run dev`: the loop a node author expects. TypeScript rebuilds dist/ on every edit (icons
// and codex files are copied too), the build is laid out as an installed community package in a
// dev user folder, and real n8n (the pinned 2.x, on Node 24 from the e2e cache) runs with it and
// reloads it on changes, next to the Tencent Cloud emulator and a credential that points at it.
// Everything listens on 127.0.0.1. Ctrl-C stops it all.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

import { syncDevPackage } from '../e2e/devPackage';
import { type EmulatorProcess, startEmulatorProcess } from '../e2e/emulatorProcess';
import { ensureN8n } from '../e2e/n8nInstall';
import { n8nEnvironment } from '../e2e/n8nEnv';
import { N8nCli } from '../e2e/n8nRunner';
import { N8nServer, OWNER } from '../e2e/n8nServer';
import { ensureNodeRuntime } from '../e2e/nodeRuntime';
import { freePort, stopProcess } from '../e2e/processes';
import { N8N_VERSIONS, REPO_ROOT } from '../e2e/versions';

const EXAMPLE_ID = 'incidentExample';
const CREDENTIAL = { id: 'tencentCloudEmulator', name: 'Tencent Cloud emulator', type: 'tencentCloudApi' };

function say(message: string): void {
	process.stdout.write(`[dev] ${message}\n`);
}

interface DevState {
	encryptionKey: string;
	exampleImported?: boolean;
}

function loadState(userFolder: string): DevState {
	const file = path.join(userFolder, 'dev-state.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DevState;
	const state = { encryptionKey: randomBytes(24).toString('hex') };
	fs.mkdirSync(userFolder, { recursive: true });
	fs.writeFileSync(file, JSON.stringify(state, null, 2), { mode: 0o600 });
	return state;
}

function saveState(userFolder: string, state: DevState): void {
	fs.writeFileSync(path.join(userFolder, 'dev-state.json'), JSON.stringify(state, null, 2), { mode: 0o600 });
}

/** node scripts/copy-assets.js: icons and codex JSON beside the compiled node. */
function copyAssetsSync(): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'copy-assets.js')], { cwd: REPO_ROOT, stdio: 'inherit' });
		child.once('error', reject);
		child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`copy-assets exited with ${code}`))));
	});
}

/**
 * `tsc --watch` on tsconfig.build.json; after every successful compile the assets are copied and
 * the package in the user folder is synced. Resolves after the first successful compile.
 */
function startTypeScriptWatch(userFolder: string): Promise<ChildProcess> {
	const tsc = spawn(
		process.execPath,
		[require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput', '--pretty', 'false'],
		{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	return new Promise((resolve, reject) => {
		let first = true;
		tsc.once('exit', (code) => first && reject(new Error(`tsc --watch exited with ${code}`)));
		readline.createInterface({ input: tsc.stdout! }).on('line', (line) => {
			if (line.trim() === '') return;
			const done = /Found (\d+) errors?\. Watching for file changes/.exec(line);
			if (!done) {
				process.stdout.write(`[tsc] ${line}\n`);
				return;
			}
			if (done[1] !== '0') {
				say(`TypeScript found ${done[1]} error(s); n8n keeps the last good build`);
				return;
			}
			void copyAssetsSync().then(
				() => {
					const { changedFiles } = syncDevPackage(userFolder);
					if (!first) say(changedFiles ? `rebuilt: ${changedFiles} file(s) updated, n8n reloads the node` : 'rebuilt: nothing changed');
					if (first) {
						first = false;
						resolve(tsc);
					}
				},
				(error: Error) => say(error.message),
			);
		});
	});
}

/** tsc does not see icons or codex JSON: copy them when they change. */
function watchAssets(userFolder: string): fs.FSWatcher[] {
	return ['icons', 'nodes', 'credentials'].map((dir) =>
		fs.watch(path.join(REPO_ROOT, dir), { recursive: true }, (_event, file) => {
			if (!file || !/\.(svg|png|node\.json)$/.test(String(file))) return;
			void copyAssetsSync().then(
				() => say(`${String(file)} changed: ${syncDevPackage(userFolder).changedFiles} file(s) updated`),
				(error: Error) => say(error.message),
			);
		}),
	);
}

/** What to stop on Ctrl-C or a failure, last started first. */
const stoppers: Array<() => Promise<void>> = [];
let stopping = false;

async function stopAll(code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	say('stopping');
	for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
	process.exit(code);
}

async function main(): Promise<void> {
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));

	const version = process.env.N8N_DEV_VERSION ?? N8N_VERSIONS[0];
	if (!(N8N_VERSIONS as readonly string[]).includes(version)) throw new Error(`N8N_DEV_VERSION must be one of ${N8N_VERSIONS.join(', ')}`);
	const userFolder = path.resolve(process.env.N8N_DEV_USER_FOLDER ?? path.join(REPO_ROOT, '.e2e-cache', 'dev-user'));
	const port = Number(process.env.N8N_DEV_PORT ?? 5678);
	const state = loadState(userFolder);

	const runtime = await ensureNodeRuntime();
	const install = await ensureN8n(version, runtime);
	say(`n8n ${version} on Node ${runtime.version} from ${install.dir}`);
	say(`user folder ${userFolder}`);

	const tsc = await startTypeScriptWatch(userFolder);
	stoppers.push(async () => await stopProcess(tsc, 3000));
	const watchers = watchAssets(userFolder);
	stoppers.push(async () => watchers.forEach((watcher) => watcher.close()));
	say('dist/ built and installed into the user folder; watching for changes');

	const emulatorPort = Number(process.env.N8N_DEV_EMULATOR_PORT ?? 0);
	const emulator: EmulatorProcess = await startEmulatorProcess(emulatorPort);
	stoppers.push(async () => await emulator.stop());

	const env = n8nEnvironment(install, {
		userFolder,
		encryptionKey: state.encryptionKey,
		port,
		brokerPort: await freePort(),
		extra: { N8N_DEV_RELOAD: 'true' },
	});
	const cli = new N8nCli(install, env, userFolder);
	const { banner } = emulator;
	await cli.importCredentials([
		{ ...CREDENTIAL, data: { secretId: banner.secretId, secretKey: banner.secretKey, sessionToken: '', site: 'intl', endpoint: banner.url } },
	]);
	if (!state.exampleImported) {
		const example = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'incident-traffic-mirror.workflow.json'), 'utf8')) as object;
		await cli.importWorkflows([{ ...example, id: EXAMPLE_ID }]);
		state.exampleImported = true;
		saveState(userFolder, state);
	}

	const server = new N8nServer(install, env, userFolder, port);
	stoppers.push(async () => await server.stop());
	say(`starting n8n on http://127.0.0.1:${port} ...`);
	await server.start(180_000, (text) => {
		for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[n8n] ${line}\n`);
	});
	await server.loginAsOwner();
	void server.exited().then((code) => {
		if (!stopping) {
			say(`n8n exited (${code})`);
			void stopAll(1);
		}
	});

	process.stdout.write(
		[
			'',
			`  n8n ${version} editor:  http://127.0.0.1:${port}`,
			`  sign in as:          ${OWNER.email} / ${OWNER.password}`,
			`  example workflow:    http://127.0.0.1:${port}/workflow/${EXAMPLE_ID}`,
			`  emulator:            ${banner.url} (credential "${CREDENTIAL.name}" points at it; demo key ${banner.secretId})`,
			'  Edit nodes/ or credentials/: dist/ rebuilds and n8n reloads the node (refresh the editor). Ctrl-C stops everything.',
			'',
		].join('\n') + '\n',
	);
}

main().catch((error: unknown) => {
	process.stderr.write(`[dev] ${error instanceof Error ? error.message : String(error)}\n`);
	void stopAll(1);
});
