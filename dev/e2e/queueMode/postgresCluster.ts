// A throwaway PostgreSQL 15 cluster for n8n's database in queue mode: Debian's binaries, initdb and
// pg_ctl run as the `postgres` user (PostgreSQL refuses root) in a temporary folder it owns, on a free
// port of 127.0.0.1 only, fsync off (nothing here has to survive a crash); removed when stopped.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort, run, runChecked, tail } from '../processes';
import { ensureDebianPackage } from './debianPackages';

export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
	host: '127.0.0.1';
	port: number;
	user: 'postgres';
	database: string;
	/** The cluster's temporary folder (data directory, socket, server log). */
	dir: string;
	/** The server log so far. */
	output(): string;
	/** Stops the server and removes the folder; safe to call more than once. */
	stop(): Promise<void>;
}

/** As root, the command runs as `postgres` (runuser); otherwise as the caller, who then owns the folder. */
function asPostgres(binary: string, args: string[]): [string, string[]] {
	const command = path.join(POSTGRES_BIN, binary);
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function postgresOwner(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith('postgres:'));
	if (!line) throw new Error('there is no `postgres` user: install the Debian package postgresql-15');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/** initdb, then pg_ctl start on a free port; a port taken before the bind is retried. */
export async function startPostgresCluster(database = 'n8n', attempts = 3): Promise<PostgresCluster> {
	await ensureDebianPackage(path.join(POSTGRES_BIN, 'initdb'), 'postgresql-15');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-postgres-'));
	const owner = postgresOwner();
	if (owner) fs.chownSync(dir, owner.uid, owner.gid);
	fs.chmodSync(dir, 0o700);
	const dataDir = path.join(dir, 'data');
	const logFile = path.join(dir, 'server.log');
	const output = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');

	let started = false;
	const stop = async () => {
		if (started) {
			started = false;
			const [command, args] = asPostgres('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30']);
			const stopped = await run(command, args, { cwd: dir, timeoutMs: 60_000 });
			if (stopped.code !== 0) killPostmaster(dataDir);
		}
		fs.rmSync(dir, { recursive: true, force: true });
	};

	try {
		// Trust on 127.0.0.1 and the socket: the cluster lives for one test run and listens on loopback only.
		const [initdb, initArgs] = asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync', '--no-instructions']);
		await runChecked(initdb, initArgs, { cwd: dir, timeoutMs: 120_000 });
		for (let attempt = 1; ; attempt++) {
			const port = await freePort();
			const options = [
				`-p ${port}`,
				"-c listen_addresses='127.0.0.1'",
				`-c unix_socket_directories='${dir}'`,
				'-c fsync=off',
				'-c synchronous_commit=off',
				'-c full_page_writes=off',
			].join(' ');
			const [pgCtl, args] = asPostgres('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options]);
			const result = await run(pgCtl, args, { cwd: dir, timeoutMs: 90_000 });
			if (result.code === 0) {
				started = true;
				const [createdb, createArgs] = asPostgres('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
				await runChecked(createdb, createArgs, { cwd: dir, timeoutMs: 60_000 });
				return { host: '127.0.0.1', port, user: 'postgres', database, dir, output, stop };
			}
			if (attempt >= attempts) throw new Error(`pg_ctl start exited with ${result.code ?? result.signal}:\n${tail(result.output)}\n${tail(output())}`);
		}
	} catch (error) {
		await stop();
		throw error;
	}
}

/** When pg_ctl cannot stop the server, its postmaster (first line of postmaster.pid) is killed. */
function killPostmaster(dataDir: string): void {
	try {
		const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
		if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
	} catch {
		// already gone
	}
}
