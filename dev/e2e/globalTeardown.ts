// Removes this run's temporary folder (user folders, tarball) unless N8N_E2E_KEEP=1; the cache stays.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { MANIFEST_ENV } from './manifest';
import { progress } from './processes';

export default async function globalTeardown(): Promise<void> {
	const file = process.env[MANIFEST_ENV];
	if (!file) return;
	const workDir = path.dirname(file);
	if (process.env.N8N_E2E_KEEP === '1') {
		progress(`kept ${workDir} (N8N_E2E_KEEP=1)`);
		return;
	}
	fs.rmSync(workDir, { recursive: true, force: true });
}
