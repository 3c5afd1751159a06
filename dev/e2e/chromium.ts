// Debian's Chromium driven by playwright-core (no browser download), kept on 127.0.0.1, with a
// Playwright trace per test that is saved, beside a screenshot, only when the test fails.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

import { progress } from './processes';
import { REPO_ROOT } from './versions';

export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Debian's chromium, installed with apt-get when missing (CI machines start fresh). */
export function ensureChromium(): void {
	if (fs.existsSync(CHROMIUM)) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`${CHROMIUM} is missing: run apt-get update && apt-get install -y --no-install-recommends chromium as root`);
	}
	progress('installing Debian chromium (apt-get install -y --no-install-recommends chromium)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
}

/**
 * Where a failing browser test leaves its screenshot and trace: N8N_E2E_ARTIFACTS, or
 * e2e-artifacts/<time> in the repository (git-ignored; kept after the run, unlike the work folder).
 */
export function artifactsDir(env: NodeJS.ProcessEnv = process.env): string {
	if (env.N8N_E2E_ARTIFACTS) return path.resolve(env.N8N_E2E_ARTIFACTS);
	return path.join(REPO_ROOT, 'e2e-artifacts', new Date().toISOString().replace(/[:.]/g, '-'));
}

export interface EditorBrowser {
	browser: Browser;
	context: BrowserContext;
	/** Requests the editor tried off 127.0.0.1 (all aborted). */
	blocked: string[];
	close(): Promise<void>;
}

/** Headless Chromium with n8n's auth cookie, every request off 127.0.0.1 aborted, tracing on. */
export async function launchEditorBrowser(baseUrl: string, authCookie: string): Promise<EditorBrowser> {
	ensureChromium();
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	const blocked: string[] = [];
	await context.route('**/*', async (route) => {
		const { hostname, protocol } = new URL(route.request().url());
		if (protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1') return await route.continue();
		blocked.push(route.request().url());
		return await route.abort();
	});
	const [name, value] = authCookie.split('=');
	await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
	// DOM snapshots only: a screencast would cost more CPU than the tests themselves on a busy machine.
	await context.tracing.start({ screenshots: false, snapshots: true, title: baseUrl });
	return {
		browser,
		context,
		blocked,
		close: async () => {
			await context.tracing.stop().catch(() => undefined);
			await browser.close();
		},
	};
}

function fileSafe(text: string): string {
	return text.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
}

/**
 * Runs one browser test body inside a trace chunk. On failure the page's screenshot and the
 * trace (open with `npx playwright-core show-trace <zip>`) go to `dir`, whose path is printed; the
 * error is rethrown with that path appended.
 */
export async function withFailureArtifacts(page: Page, dir: string, testName: string, body: () => Promise<void>): Promise<void> {
	const { tracing } = page.context();
	await tracing.startChunk({ title: testName });
	try {
		await body();
		await tracing.stopChunk();
	} catch (error) {
		fs.mkdirSync(dir, { recursive: true });
		const base = path.join(dir, fileSafe(testName));
		await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
		await tracing.stopChunk({ path: `${base}.trace.zip` }).catch(() => undefined);
		const note = `browser test failed; screenshot and trace kept in ${dir}:\n  ${base}.png\n  ${base}.trace.zip (npx playwright-core show-trace ${base}.trace.zip)`;
		process.stdout.write(`[e2e] ${note}\n`);
		if (error instanceof Error) error.message += `\n\n${note}`;
		throw error;
	}
}
