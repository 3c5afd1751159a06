// What the global setup prepared, handed to the test files through a JSON file.
import * as fs from 'node:fs';

import type { PackedPackage } from './communityPackage';
import type { N8nInstall } from './n8nInstall';

export interface E2eManifest {
	/** A temporary folder for this run: user folders, the tarball, logs. */
	workDir: string;
	installs: N8nInstall[];
	pack: PackedPackage;
}

export const MANIFEST_ENV = 'N8N_E2E_MANIFEST';

export function readManifest(): E2eManifest {
	const file = process.env[MANIFEST_ENV];
	if (!file) throw new Error(`${MANIFEST_ENV} is not set: run the e2e tests with jest -c dev/e2e/jest.config.js (npm run test:e2e)`);
	return JSON.parse(fs.readFileSync(file, 'utf8')) as E2eManifest;
}
