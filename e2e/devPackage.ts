// The working tree's build laid out as an installed community package in a dev user folder:
// <userFolder>/.n8n/nodes/node_modules/<name>/{package.json,dist}. n8n loads it under the same
// node type names as the published package, and with N8N_DEV_RELOAD reloads it when dist changes.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO_ROOT } from './versions';

export function devPackageDir(userFolder: string, name: string): string {
	return path.join(userFolder, '.n8n', 'nodes', 'node_modules', name);
}

/** Makes `target` hold exactly the files of `source`, rewriting only files that changed. */
function mirrorTree(source: string, target: string): number {
	let changed = 0;
	fs.mkdirSync(target, { recursive: true });
	const wanted = new Set(fs.readdirSync(source));
	for (const entry of fs.readdirSync(target)) {
		if (!wanted.has(entry)) {
			fs.rmSync(path.join(target, entry), { recursive: true, force: true });
			changed++;
		}
	}
	for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
		const from = path.join(source, entry.name);
		const to = path.join(target, entry.name);
		if (entry.isDirectory()) {
			changed += mirrorTree(from, to);
			continue;
		}
		const content = fs.readFileSync(from);
		if (fs.existsSync(to) && fs.readFileSync(to).equals(content)) continue;
		fs.writeFileSync(to, content);
		changed++;
	}
	return changed;
}

/** Copies package.json (without dev, peer and optional dependencies, as n8n's installer does) and dist/. */
export function syncDevPackage(userFolder: string): { name: string; dir: string; changedFiles: number } {
	const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies', 'scripts']) delete packageJson[field];
	const name = String(packageJson.name);
	const dir = devPackageDir(userFolder, name);
	fs.mkdirSync(dir, { recursive: true });
	let changedFiles = 0;
	const packageJsonText = JSON.stringify(packageJson, null, 2);
	const packageJsonPath = path.join(dir, 'package.json');
	if (!fs.existsSync(packageJsonPath) || fs.readFileSync(packageJsonPath, 'utf8') !== packageJsonText) {
		fs.writeFileSync(packageJsonPath, packageJsonText);
		changedFiles++;
	}
	changedFiles += mirrorTree(path.join(REPO_ROOT, 'dist'), path.join(dir, 'dist'));

	const nodesPackageJsonPath = path.join(userFolder, '.n8n', 'nodes', 'package.json');
	if (!fs.existsSync(nodesPackageJsonPath)) {
		const nodesPackageJson = { name: 'installed-nodes', private: true, dependencies: { [name]: String(packageJson.version) } };
		fs.writeFileSync(nodesPackageJsonPath, JSON.stringify(nodesPackageJson, null, 2));
	}
	return { name, dir, changedFiles };
}
