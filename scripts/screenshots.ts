// `npm run screenshots`: real n8n's editor in headless Chromium (Debian's package, driven by
// playwright-core; no browser download), with this package installed from its tarball as a
// community package and the emulator behind the credential. Saves under docs/:
//   incident-workflow.png        the example workflow on the canvas
//   incident-notify-workflow.png the webhook → mirror → Slack example on the canvas
//   node-parameters.png          the Create Traffic Mirror node's parameters
//   run-output.png               the node's output after running the workflow in the editor
//   credential-test.png          the credential dialog after its Test succeeded
//   credential-test-wrong-key.png  ... and with a wrong Secret Key
// Not part of CI. Everything runs on 127.0.0.1; the browser may load nothing else.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

import { buildAndPack, installAsCommunityPackage } from '../e2e/communityPackage';
import { type EmulatorProcess, startEmulatorProcess } from '../e2e/emulatorProcess';
import { ensureN8n } from '../e2e/n8nInstall';
import { n8nEnvironment } from '../e2e/n8nEnv';
import { N8nCli } from '../e2e/n8nRunner';
import { N8nServer } from '../e2e/n8nServer';
import { ensureNodeRuntime } from '../e2e/nodeRuntime';
import { freePort, tail } from '../e2e/processes';
import { N8N_VERSIONS, REPO_ROOT } from '../e2e/versions';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const DOCS = path.join(REPO_ROOT, 'docs');
const EXAMPLE_ID = 'incidentExample';
const NOTIFY_EXAMPLE_ID = 'incidentNotifyExample';
const NODE_NAME = 'Create Traffic Mirror';
const CREDENTIAL = { id: 'tencentCloudEmulator', name: 'Tencent Cloud emulator', type: 'tencentCloudApi' };

function say(message: string): void {
	process.stdout.write(`[screenshots] ${message}\n`);
}

/** Debian's chromium, installed with apt-get when missing (CI machines start fresh). */
function ensureChromium(): void {
	if (fs.existsSync(CHROMIUM)) return;
	if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing: run apt-get update && apt-get install -y chromium as root`);
	say('installing Debian chromium (apt-get install -y chromium)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
}

async function shot(page: Page, name: string): Promise<void> {
	const file = path.join(DOCS, name);
	await page.screenshot({ path: file });
	say(`saved docs/${name}`);
}

/** Closes whatever n8n pops up over the canvas on a first visit. */
async function dismissPopups(page: Page): Promise<void> {
	for (const selector of ['[data-test-id="personalization-form"] button', '.el-dialog__headerbtn', '[aria-label="Close"]']) {
		const button = page.locator(selector).first();
		if (await button.isVisible().catch(() => false)) await button.click().catch(() => undefined);
	}
	await page.keyboard.press('Escape').catch(() => undefined);
}

async function openNode(page: Page, name: string): Promise<void> {
	await page.locator(`[data-node-name="${name}"]`).first().dblclick();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible', timeout: 30_000 });
	await page.waitForTimeout(1500);
}

async function closeNode(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);
}

async function capture(context: BrowserContext, baseUrl: string, emulator: EmulatorProcess): Promise<void> {
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);

	// 1. The example workflow on the canvas.
	await page.goto(`${baseUrl}/workflow/${EXAMPLE_ID}`);
	await page.locator(`[data-node-name="${NODE_NAME}"]`).first().waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForTimeout(2000);
	await dismissPopups(page);
	await page.keyboard.press('Shift+1').catch(() => undefined); // zoom to fit
	await page.waitForTimeout(1000);
	await shot(page, 'incident-workflow.png');

	// 1b. The incident → mirror → notify example, as a user imports it.
	await page.goto(`${baseUrl}/workflow/${NOTIFY_EXAMPLE_ID}`);
	await page.locator('[data-node-name]').first().waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForTimeout(2000);
	await dismissPopups(page);
	await page.keyboard.press('Shift+1').catch(() => undefined);
	await page.waitForTimeout(1000);
	await shot(page, 'incident-notify-workflow.png');
	await page.goto(`${baseUrl}/workflow/${EXAMPLE_ID}`);
	await page.locator(`[data-node-name="${NODE_NAME}"]`).first().waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForTimeout(1500);
	await dismissPopups(page);

	// 2. The node's parameters, in a tall window so most fields show.
	await page.setViewportSize({ width: 1440, height: 1800 });
	await openNode(page, NODE_NAME);
	await shot(page, 'node-parameters.png');
	await closeNode(page);

	// 3. Run the workflow in the editor, then the node's output.
	await emulator.reset();
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	await page.locator('[data-test-id="canvas-node-status-success"]').nth(4).waitFor({ state: 'visible', timeout: 60_000 });
	const created = (await emulator.log()).filter((entry) => entry.action === 'CreateTrafficMirror' && entry.code === 'Success');
	if (created.length !== 2) throw new Error(`the editor's run sent ${created.length} successful CreateTrafficMirror calls, expected 2`);
	await page.waitForTimeout(1000);
	await openNode(page, NODE_NAME);
	const outputPanel = page.locator('[data-test-id="output-panel"]').first();
	await outputPanel.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('JSON', { exact: true }).first().click();
	await outputPanel.getByText('TrafficMirrorId').first().waitFor({ state: 'visible' });
	await page.waitForTimeout(1000);
	await shot(page, 'run-output.png');
	await closeNode(page);
	await page.setViewportSize({ width: 1440, height: 900 });

	// 4. The credential dialog: its Test runs when it opens and when it is saved.
	await page.goto(`${baseUrl}/home/credentials/${CREDENTIAL.id}`);
	const dialog = page.locator('[data-test-id="credential-edit-dialog"]').first();
	await dialog.waitFor({ state: 'visible', timeout: 30_000 });
	await dialog.getByText(/Connection tested successfully|Couldn.t connect/).first().waitFor({ state: 'visible', timeout: 30_000 });
	await page.waitForTimeout(500);
	await shot(page, 'credential-test.png');

	const secretKey = page.locator('[data-test-id="parameter-input-secretKey"] input').first();
	await secretKey.fill('NotTheSecretKeyOfThisSecretId00');
	await page.locator('[data-test-id="credential-save-button"]').first().click();
	await page.getByText(/Couldn.t connect/).first().waitFor({ state: 'visible', timeout: 30_000 });
	// The credential's own message for Tencent's AuthFailure.SignatureFailure is behind "More details".
	const details = page.getByText('More details').first();
	if (await details.isVisible().catch(() => false)) await details.click();
	await page.getByText(/Signature rejected/).first().waitFor({ state: 'visible', timeout: 10_000 });
	await page.waitForTimeout(500);
	await shot(page, 'credential-test-wrong-key.png');
	await page.close();
}

async function main(): Promise<void> {
	ensureChromium();
	fs.mkdirSync(DOCS, { recursive: true });
	const runtime = await ensureNodeRuntime();
	const install = await ensureN8n(N8N_VERSIONS[0], runtime);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-screenshots-'));
	const userFolder = path.join(workDir, 'user');
	const netLog = path.join(workDir, 'outbound.jsonl');
	let emulator: EmulatorProcess | undefined;
	let server: N8nServer | undefined;
	let context: BrowserContext | undefined;
	try {
		const pack = await buildAndPack(path.join(workDir, 'pack'));
		await installAsCommunityPackage(userFolder, pack);
		emulator = await startEmulatorProcess();
		const port = await freePort();
		const env = n8nEnvironment(install, {
			userFolder,
			encryptionKey: randomBytes(24).toString('hex'),
			port,
			brokerPort: await freePort(),
			netLog,
		});
		const cli = new N8nCli(install, env, userFolder);
		const { banner } = emulator;
		await cli.importCredentials([
			{ ...CREDENTIAL, data: { secretId: banner.secretId, secretKey: banner.secretKey, sessionToken: '', site: 'intl', endpoint: banner.url } },
		]);
		const example = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'incident-traffic-mirror.workflow.json'), 'utf8')) as object;
		const notify = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'incident-mirror-notify.workflow.json'), 'utf8')) as object;
		await cli.importWorkflows([
			{ ...example, id: EXAMPLE_ID },
			{ ...notify, id: NOTIFY_EXAMPLE_ID },
		]);

		server = new N8nServer(install, env, userFolder, port);
		say(`starting n8n ${install.version} on ${server.url}`);
		await server.start();
		await server.loginAsOwner();

		context = await chromium.launchPersistentContext(path.join(workDir, 'chromium-profile'), {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
		});
		const blocked: string[] = [];
		await context.route('**/*', async (route) => {
			const { hostname, protocol } = new URL(route.request().url());
			if (protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1') return await route.continue();
			blocked.push(route.request().url());
			return await route.abort();
		});
		await context.addCookies([{ name: 'n8n-auth', value: server.authCookie().split('=')[1], domain: '127.0.0.1', path: '/' }]);
		await capture(context, server.url, emulator);
		if (blocked.length) say(`the editor tried ${blocked.length} request(s) off 127.0.0.1 (blocked): ${[...new Set(blocked)].join(', ')}`);
		const outbound = fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8').split('\n').filter((l) => l && !l.includes('guard-loaded')) : [];
		if (outbound.length) say(`n8n tried ${outbound.length} connection(s) off 127.0.0.1 (refused):\n${outbound.join('\n')}`);
	} catch (error) {
		if (server) say(`n8n output:\n${tail(server.output(), 30)}`);
		throw error;
	} finally {
		await context?.close().catch(() => undefined);
		await server?.stop();
		await emulator?.stop();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`[screenshots] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
