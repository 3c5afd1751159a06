// Debian packages the queue-mode suite needs (redis-server, postgresql-15): used where they are,
// installed with apt-get where they are not (a fresh CI machine), never started as system services.
import * as fs from 'node:fs';

import { cleanEnv, progress, runChecked } from '../processes';

let aptUpdated = false;

/**
 * Makes sure `binary` exists, installing `debianPackage` with apt-get otherwise (root only: a
 * non-root caller gets an error that names the package to install).
 */
export async function ensureDebianPackage(binary: string, debianPackage: string): Promise<void> {
	if (fs.existsSync(binary)) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`${binary} is missing: install the Debian package ${debianPackage} (apt-get install -y ${debianPackage}), or run the suite as root`);
	}
	const env = { ...cleanEnv(), DEBIAN_FRONTEND: 'noninteractive' };
	progress(`${binary} is missing: apt-get install ${debianPackage}`);
	if (!aptUpdated) {
		await runChecked('apt-get', ['update'], { cwd: '/', env, timeoutMs: 10 * 60_000 });
		aptUpdated = true;
	}
	await runChecked('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], { cwd: '/', env, timeoutMs: 15 * 60_000 });
	if (!fs.existsSync(binary)) throw new Error(`apt-get installed ${debianPackage}, but ${binary} is still missing`);
}
