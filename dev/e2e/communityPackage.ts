// This package as a user gets it: built, packed by npm, and laid out in ~/.n8n/nodes the way
// n8n's Community Nodes installer (CommunityPackagesService.downloadPackage, 1.x and 2.x) does.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { cleanEnv, runChecked } from './processes';
import { REPO_ROOT } from './versions';

export interface PackedPackage {
	tarball: string;
	name: string;
	version: string;
}

/** `npm run build && npm pack`: exactly the files `npm publish` would upload. */
export async function buildAndPack(destination: string): Promise<PackedPackage> {
	fs.mkdirSync(destination, { recursive: true });
	const env = cleanEnv();
	await runChecked('npm', ['run', 'build'], { cwd: REPO_ROOT, env, timeoutMs: 5 * 60_000 });
	const packed = await runChecked('npm', ['pack', '--json', '--pack-destination', destination], { cwd: REPO_ROOT, env });
	const [entry] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string; name: string; version: string }>;
	return { tarball: path.join(destination, path.basename(entry.filename)), name: entry.name, version: entry.version };
}

/**
 * Unpacks the tarball into <userFolder>/.n8n/nodes/node_modules/<name>, drops the dev, peer and
 * optional dependencies from its package.json, installs the remaining dependencies with n8n's
 * npm flags and records the package in nodes/package.json, as n8n's installer does.
 */
export async function installAsCommunityPackage(userFolder: string, pack: PackedPackage): Promise<string> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', pack.name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	await runChecked('tar', ['-xzf', pack.tarball, '-C', packageDir, '--strip-components=1'], { cwd: nodesDir });

	const packageJsonPath = path.join(packageDir, 'package.json');
	const packageJson = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as Record<string, unknown>;
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete packageJson[field];
	fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2), 'utf8');
	await runChecked(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ cwd: packageDir, env: cleanEnv(), timeoutMs: 5 * 60_000 },
	);

	const nodesPackageJsonPath = path.join(nodesDir, 'package.json');
	const nodesPackageJson: { dependencies?: Record<string, string> } = fs.existsSync(nodesPackageJsonPath)
		? (JSON.parse(fs.readFileSync(nodesPackageJsonPath, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true } as { dependencies?: Record<string, string> };
	const dependencies = { ...(nodesPackageJson.dependencies ?? {}), [pack.name]: pack.version };
	fs.writeFileSync(nodesPackageJsonPath, JSON.stringify({ ...nodesPackageJson, dependencies }, null, 2), 'utf8');
	return packageDir;
}
