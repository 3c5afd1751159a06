// n8n in queue mode on this machine: Redis (Bull's queue), PostgreSQL (n8n's database), one main
// (`n8n start`: editor, REST API, webhooks; it enqueues executions) and `n8n worker` processes that
// run them. Every process has its own user folder with the package installed as the Community Nodes
// installer lays it out, the same encryption key, and its own task-broker and health-check ports.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { installAsCommunityPackage, type PackedPackage } from '../communityPackage';
import type { N8nInstall } from '../n8nInstall';
import { n8nEnvironment } from '../n8nEnv';
import { N8nCli } from '../n8nRunner';
import { N8nServer } from '../n8nServer';
import { freePort, progress, stopProcess, tail } from '../processes';
import { type PostgresCluster, startPostgresCluster } from './postgresCluster';
import { type RedisServer, startRedisServer } from './redisServer';

export interface QueueClusterOptions {
	install: N8nInstall;
	pack: PackedPackage;
	/** This cluster's folder: user folders, Redis's working folder and, on stop, every process's output. */
	dir: string;
	encryptionKey: string;
	/** Loopback guard record (see n8nEnv.ts); no guard when undefined. */
	netLog?: string;
	workerCount?: number;
	/** Which workers get the package (all by default); false for one lets a test see a worker without it. */
	packageOnWorker?: (index: number) => boolean;
	/** Runs against the (empty) database before the main starts: import credentials and workflows, activate. */
	prepare?: (cli: N8nCli) => Promise<void>;
}

/** The queue-mode settings shared by the main and every worker (n8n's EXECUTIONS_MODE, QUEUE_*, DB_*). */
export function queueModeEnvironment(redis: RedisServer, postgres: PostgresCluster): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		// The throwaway cluster trusts loopback connections; n8n wants a value all the same.
		DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
		// n8n's default pool is 2 connections per process. With it, 40 webhooks at once kept 1.123.81's
		// main so busy that its 5 s database ping timed out, and it answered 503 "Database is not ready!".
		DB_POSTGRESDB_POOL_SIZE: '10',
		// Manual runs (the editor's "Execute workflow") go to the workers too, as n8n 3 will always do.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// A stopped process waits this long (s) for running executions before it exits.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

/** `n8n worker`, with its health-check server on 127.0.0.1 telling when it is ready to take jobs. */
export class N8nWorker {
	private child?: ChildProcess;

	private out = '';

	constructor(
		readonly name: string,
		readonly install: N8nInstall,
		readonly env: NodeJS.ProcessEnv,
		readonly userFolder: string,
		readonly healthPort: number,
		readonly concurrency: number,
	) {}

	output(): string {
		return this.out;
	}

	/** The executions this worker picked from the queue, from its "Worker started execution <id>" log lines. */
	startedExecutionIds(): string[] {
		return [...this.out.matchAll(/Worker started execution (\S+) \(job /g)].map((match) => match[1]);
	}

	async start(timeoutMs = 180_000): Promise<void> {
		const child = spawn(this.install.runtime.node, [this.install.bin, 'worker', `--concurrency=${this.concurrency}`], {
			cwd: this.userFolder,
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child = child;
		child.stdout?.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
		const readiness = `http://127.0.0.1:${this.healthPort}/healthz/readiness`;
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`${this.name} (n8n worker) exited with ${child.exitCode}:\n${tail(this.out)}`);
			try {
				if ((await fetch(readiness)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`${this.name} was not ready at ${readiness} within ${timeoutMs} ms:\n${tail(this.out)}`);
	}

	async stop(): Promise<void> {
		if (this.child) await stopProcess(this.child, 15_000);
	}
}

export class N8nQueueCluster {
	private constructor(
		readonly redis: RedisServer,
		readonly postgres: PostgresCluster,
		/** n8n's CLI with the main's user folder and the shared database. */
		readonly cli: N8nCli,
		readonly main: N8nServer,
		readonly workers: N8nWorker[],
		private readonly dir: string,
	) {}

	/**
	 * Starts Redis and PostgreSQL and fills the user folders side by side, runs `prepare` (its first CLI
	 * command migrates the database), then starts the main and the workers side by side. When any step
	 * fails, whatever had started is stopped before the error is thrown.
	 */
	static async start(options: QueueClusterOptions): Promise<N8nQueueCluster> {
		const { install, pack, dir, encryptionKey, netLog } = options;
		const workerCount = options.workerCount ?? 2;
		const started: Array<{ stop(): Promise<void> }> = [];
		const phase = phaseTimer(`queue mode ${install.version}`);
		try {
			fs.mkdirSync(path.join(dir, 'redis'), { recursive: true });
			const userFolder = async (name: string, withPackage: boolean) => {
				const folder = path.join(dir, name);
				fs.mkdirSync(folder, { recursive: true });
				if (withPackage) await installAsCommunityPackage(folder, pack);
				return folder;
			};
			const workerNames = Array.from({ length: workerCount }, (_, index) => `worker-${index + 1}`);
			// Independent set-up side by side: Redis, PostgreSQL and the package in every user folder.
			const [redis, postgres, mainFolder, ...workerFolders] = await settleAll([
				startRedisServer(path.join(dir, 'redis')).then((server) => (started.push(server), server)),
				startPostgresCluster().then((cluster) => (started.push(cluster), cluster)),
				userFolder('main', true),
				...workerNames.map(async (name, index) => await userFolder(name, options.packageOnWorker?.(index) ?? true)),
			]);
			const shared = queueModeEnvironment(redis, postgres);
			phase('Redis, PostgreSQL and the package in each user folder');

			const mainPort = await freePort();
			const mainEnv = n8nEnvironment(install, { userFolder: mainFolder, encryptionKey, port: mainPort, brokerPort: await freePort(), netLog, extra: shared });
			const cli = new N8nCli(install, mainEnv, mainFolder, path.join(dir, 'logs'));
			// The first CLI command creates n8n's tables, so the main and the workers then start on a migrated database.
			await options.prepare?.(cli);
			phase('n8n CLI set-up (database created, imports)');
			const main = new N8nServer(install, mainEnv, mainFolder, mainPort);
			started.push(main);

			const workers: N8nWorker[] = [];
			for (const [index, name] of workerNames.entries()) {
				const healthPort = await freePort();
				const env = n8nEnvironment(install, {
					userFolder: workerFolders[index],
					encryptionKey,
					brokerPort: await freePort(),
					netLog,
					extra: { ...shared, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' },
				});
				const worker = new N8nWorker(name, install, env, workerFolders[index], healthPort, 10);
				workers.push(worker);
				started.push(worker);
			}
			// All three load n8n's nodes for a while before they are ready: they start side by side.
			await settleAll([
				(async () => {
					await main.start();
					await main.loginAsOwner();
				})(),
				...workers.map(async (worker) => await worker.start()),
			]);
			phase('main and workers ready');
			return new N8nQueueCluster(redis, postgres, cli, main, workers, dir);
		} catch (error) {
			await stopAll(started.reverse());
			throw error;
		}
	}

	/** Stops the workers, the main, PostgreSQL (its folder removed) and Redis; keeps n8n's output in <dir>/logs. */
	async stop(): Promise<void> {
		const logs = path.join(this.dir, 'logs');
		fs.mkdirSync(logs, { recursive: true });
		try {
			await stopAll([...this.workers, this.main, this.postgres, this.redis]);
		} finally {
			for (const worker of this.workers) fs.writeFileSync(path.join(logs, `${worker.name}.log`), worker.output());
			fs.writeFileSync(path.join(logs, 'main.log'), this.main.output());
		}
	}
}

/** Prints how long each phase of the start took, for CI logs. */
function phaseTimer(label: string): (phase: string) => void {
	let last = Date.now();
	return (phase) => {
		progress(`${label}: ${phase} in ${Math.round((Date.now() - last) / 1000)} s`);
		last = Date.now();
	};
}

/**
 * Like Promise.all, but waits for every promise to settle before it rejects, so whatever the others
 * started has been recorded (and is stopped) before the error reaches the caller.
 */
async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
	const outcomes = await Promise.allSettled(promises);
	const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
	if (failed) throw failed.reason;
	return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Stops each in turn; one that fails to stop does not keep the others running. */
async function stopAll(processes: Array<{ stop(): Promise<void> }>): Promise<void> {
	const errors: unknown[] = [];
	for (const item of processes) {
		try {
			await item.stop();
		} catch (error) {
			errors.push(error);
		}
	}
	if (errors.length) throw new AggregateError(errors, `could not stop ${errors.length} queue-mode process(es)`);
}
