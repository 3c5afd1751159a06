// n8n's CLI against one user folder: import credentials and workflows, execute a workflow.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IRun } from 'n8n-workflow';

import type { N8nInstall } from './n8nInstall';
import { run, type RunResult, tail } from './processes';
import { parseRunData } from './runData';

export interface CredentialToImport {
	id: string;
	name: string;
	type: string;
	/** Plain data; n8n encrypts it with the instance's key on import. */
	data: Record<string, unknown>;
}

export interface WorkflowToImport {
	id: string;
	[key: string]: unknown;
}

export interface Execution {
	exitCode: number | null;
	/** The signal that ended n8n, when one did (then exitCode is null). */
	signal?: NodeJS.Signals | null;
	/** Everything n8n printed. */
	output: string;
	/** The IRun n8n printed; undefined when it printed none (e.g. the workflow was not found). */
	run?: IRun;
}

export class N8nCli {
	constructor(
		readonly install: N8nInstall,
		readonly env: NodeJS.ProcessEnv,
		readonly userFolder: string,
		/** Where each command's output is kept (e.g. for N8N_E2E_KEEP=1); nowhere when undefined. */
		readonly logDir?: string,
	) {}

	async command(args: string[], timeoutMs = 180_000): Promise<RunResult> {
		const result = await run(this.install.runtime.node, [this.install.bin, ...args], { cwd: this.userFolder, env: this.env, timeoutMs });
		if (this.logDir) {
			fs.mkdirSync(this.logDir, { recursive: true });
			const name = args.map((arg) => arg.replace(/^--(id|input)=.*\//, '').replace(/[^\w.=-]+/g, '_')).join('_');
			fs.writeFileSync(path.join(this.logDir, `${Date.now()}-${name}.log`), result.output);
		}
		return result;
	}

	private async checked(args: string[]): Promise<RunResult> {
		const result = await this.command(args);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} exited with ${result.code ?? result.signal}:\n${tail(result.output)}`);
		return result;
	}

	async importCredentials(credentials: CredentialToImport[]): Promise<void> {
		const file = path.join(this.userFolder, 'e2e-credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		try {
			const result = await this.checked(['import:credentials', `--input=${file}`]);
			if (!/Successfully imported \d+ credential/.test(result.output)) throw new Error(`n8n import:credentials:\n${tail(result.output)}`);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async importWorkflows(workflows: WorkflowToImport[]): Promise<void> {
		const dir = path.join(this.userFolder, 'e2e-workflows');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		for (const workflow of workflows) fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		const result = await this.checked(['import:workflow', '--separate', `--input=${dir}`]);
		if (!new RegExp(`Successfully imported ${workflows.length} workflow`).test(result.output)) {
			throw new Error(`n8n import:workflow:\n${tail(result.output)}`);
		}
	}

	/**
	 * `n8n execute --id <id>` after `prepare` (e.g. resetting the emulator), repeated once when n8n
	 * itself died by a signal (seen now and then with SIGSEGV as the CLI exits after a finished run):
	 * the repeat's result stands, whatever it is.
	 */
	async executeFresh(workflowId: string, prepare: () => Promise<void>): Promise<Execution> {
		await prepare();
		const first = await this.execute(workflowId);
		if (first.exitCode !== null || !first.signal) return first;
		process.stdout.write(`[e2e] n8n execute --id=${workflowId} ended by ${first.signal}; running it once more\n`);
		await prepare();
		return await this.execute(workflowId);
	}

	/** `n8n execute --id <id>`; a failed workflow is a result too, not a throw. */
	async execute(workflowId: string): Promise<Execution> {
		const result = await this.command(['execute', `--id=${workflowId}`]);
		let parsed: IRun | undefined;
		try {
			parsed = parseRunData(result.stdout);
		} catch (error) {
			throw new Error(`could not parse the run data n8n execute printed (${(error as Error).message}):\n${tail(result.output)}`);
		}
		return { exitCode: result.code, signal: result.signal, output: result.output, run: parsed };
	}
}
