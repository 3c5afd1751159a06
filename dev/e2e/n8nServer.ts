// `n8n start` on 127.0.0.1, with an owner account and a REST client logged in as that owner.
import { type ChildProcess, spawn } from 'node:child_process';

import type { N8nInstall } from './n8nInstall';
import { stopProcess, tail } from './processes';

export const OWNER = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Owner-Passw0rd' };

export class N8nServer {
	private child?: ChildProcess;

	private out = '';

	/** Where the output of the latest start begins (a restarted server keeps the earlier output). */
	private runStart = 0;

	private cookie = '';

	constructor(
		readonly install: N8nInstall,
		readonly env: NodeJS.ProcessEnv,
		readonly userFolder: string,
		readonly port: number,
	) {}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	output(): string {
		return this.out;
	}

	/** What n8n printed since it was last started. */
	outputOfThisRun(): string {
		return this.out.slice(this.runStart);
	}

	/** Starts n8n and waits until its REST API answers (the health check answers earlier). */
	async start(timeoutMs = 180_000, onOutput?: (text: string) => void): Promise<void> {
		const child = spawn(this.install.runtime.node, [this.install.bin, 'start'], {
			cwd: this.userFolder,
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child = child;
		this.runStart = this.out.length;
		const collect = (chunk: Buffer) => {
			this.out += chunk.toString();
			onOutput?.(chunk.toString());
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}:\n${tail(this.out)}`);
			try {
				const response = await fetch(`${this.url}/rest/settings`);
				if (response.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not answer on ${this.url}/rest/settings within ${timeoutMs} ms:\n${tail(this.out)}`);
	}

	async stop(): Promise<void> {
		if (this.child) await stopProcess(this.child, 15_000);
	}

	/** Resolves when n8n exits by itself (e.g. a crash), with its exit code. */
	exited(): Promise<number | null> {
		const child = this.child;
		if (!child) return Promise.resolve(null);
		if (child.exitCode !== null) return Promise.resolve(child.exitCode);
		return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
	}

	/**
	 * Creates the owner account on a fresh instance, or logs in as it; keeps the auth cookie.
	 * Right after start, n8n may answer these routes with a 404, a 503, or a 200 that sets no session
	 * (seen on 2.40.7 and 1.123.81): that is retried for up to a minute, anything else fails at once.
	 */
	async loginAsOwner(timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const setup = await fetch(`${this.url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(OWNER),
			});
			let response = setup;
			if (!setup.ok) {
				response = await fetch(`${this.url}/rest/login`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					// 1.x names the field email, 2.x emailOrLdapLoginId; each ignores the other.
					body: JSON.stringify({ email: OWNER.email, emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
				});
			}
			const cookie = response.ok ? response.headers.get('set-cookie')?.match(/n8n-auth=[^;]+/)?.[0] : undefined;
			if (cookie) {
				this.cookie = cookie;
				return;
			}
			// Not ready yet: a 404, or a 200 without a session (the editor's page served for the route);
			// or the setup route not mounted yet (404) while the login already refuses the owner who does not exist yet (401);
			// or 503 "Database is not ready!" while n8n's database ping is late (seen on a loaded machine, 2.40.7).
			const notReady = response.status === 404 || response.status === 503 || response.ok || (setup.status === 404 && response.status === 401);
			if (!notReady || Date.now() > deadline) {
				throw new Error(`owner setup (${setup.status}) and login (${response.status}) gave no session: ${(await response.text()).slice(0, 300)}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	authCookie(): string {
		return this.cookie;
	}

	/** A REST call as the owner; returns the HTTP status and the parsed body (`data` unwrapped when present). */
	async rest<T = unknown>(method: string, route: string, body?: unknown): Promise<{ status: number; data: T; raw: unknown }> {
		const response = await fetch(`${this.url}${route}`, {
			method,
			headers: { Cookie: this.cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let raw: unknown = text;
		try {
			raw = JSON.parse(text);
		} catch {
			// not JSON (e.g. an icon)
		}
		const data = (raw !== null && typeof raw === 'object' && 'data' in raw ? (raw as { data: unknown }).data : raw) as T;
		return { status: response.status, data, raw };
	}
}
