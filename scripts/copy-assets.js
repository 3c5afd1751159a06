// tsc copies no icons or codex files; n8n loads them from the paths the node and credential name
// (`file:../../icons/…` from dist/nodes/<Node>/, `file:../icons/…` from dist/credentials/).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
for (const dir of ['icons', 'nodes', 'credentials']) {
	const walk = (relative) => {
		for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
			const child = path.join(relative, entry.name);
			if (entry.isDirectory()) walk(child);
			else if (/\.(svg|png|node\.json)$/.test(entry.name)) {
				fs.mkdirSync(path.join(root, 'dist', relative), { recursive: true });
				fs.copyFileSync(path.join(root, child), path.join(root, 'dist', child));
			}
		}
	};
	walk(dir);
}
