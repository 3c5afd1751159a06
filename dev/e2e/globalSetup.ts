// Before any e2e test: Node 24 and every pinned n8n in the cache (installed once, then reused),
// and this package built and packed as `npm publish` would upload it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { buildAndPack } from './communityPackage';
import { type E2eManifest, MANIFEST_ENV } from './manifest';
import { ensureN8n } from './n8nInstall';
import { ensureNodeRuntime } from './nodeRuntime';
import { progress } from './processes';
import { cacheRoot, selectedN8nVersions } from './versions';

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	process.stdout.write('\n');
	const versions = selectedN8nVersions();
	progress(`cache folder ${cacheRoot()}; n8n ${versions.join(' and ')}`);
	const runtime = await ensureNodeRuntime();
	const installs = [];
	for (const version of versions) installs.push(await ensureN8n(version, runtime));

	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	const pack = await buildAndPack(path.join(workDir, 'pack'));
	progress(`packed ${path.basename(pack.tarball)}; setup took ${Math.round((Date.now() - started) / 1000)} s`);

	const manifest: E2eManifest = { workDir, installs, pack };
	const manifestFile = path.join(workDir, 'manifest.json');
	fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
	process.env[MANIFEST_ENV] = manifestFile;
}
