// `npm run check:package` (after `npm run build`): packs the tarball `npm publish` would upload, checks
// that it holds only what ships, then runs the analysis of n8n's verification scanner
// (@n8n/scan-community-package) on it. The scanner's own CLI fetches a published version and its
// provenance from the registry; its exported analysis is the same lint, run here on the local tarball
// and on the source it was built from, as the scanner does with the attested source.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the package may hold: the compiled credential and node (codex included), the icons, and the top-level docs. */
const SHIPPED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^dist\/(credentials|nodes)\/.+\.(js|js\.map|node\.json)$/, /^dist\/icons\/[^/]+\.svg$/];

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
	return result.stdout;
}

function requiredFiles(packageJson) {
	const { credentials = [], nodes = [] } = packageJson.n8n;
	const codex = nodes.map((node) => node.replace(/\.js$/, '.json'));
	return ['package.json', 'README.md', 'LICENSE', ...credentials, ...nodes, ...codex];
}

function checkContents(files, packageJson) {
	const problems = [];
	for (const file of files) if (!SHIPPED.some((pattern) => pattern.test(file))) problems.push(`does not ship: ${file}`);
	for (const file of requiredFiles(packageJson)) if (!files.includes(file)) problems.push(`missing: ${file}`);
	if (!files.some((file) => file.startsWith('dist/icons/'))) problems.push('missing: dist/icons/');
	return problems;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('no dist/: run `npm run build` first');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'check-package-'));
	try {
		const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], ROOT));
		const files = packed.files.map((file) => file.path).sort();
		const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		const problems = checkContents(files, packageJson);
		for (const problem of problems) console.log(`tarball: ${problem}`);
		console.log(`tarball ${packed.filename}: ${files.length} files, ${packed.size} bytes${problems.length ? '' : ', only what ships'}`);

		const unpacked = path.join(work, 'package');
		run('tar', ['-xzf', path.join(work, packed.filename), '-C', work], ROOT);
		const legs = [
			['source (package.json, credentials/, nodes/)', await analyzePackage(ROOT, SOURCE_FILE_PATTERNS)],
			['tarball (compiled .js, package.json)', await analyzePackage(unpacked, ['**/*.js', 'package.json'])],
		];
		for (const [leg, result] of legs) {
			console.log(`scan-community-package, ${leg}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}`);
			if (result.details) console.log(result.details);
		}
		if (problems.length > 0 || legs.some(([, result]) => !result.passed)) process.exitCode = 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

await main();
