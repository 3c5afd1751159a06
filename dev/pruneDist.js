// `n8n-node build` copies every *.png and *.svg of the repository into dist/, the README's
// screenshots in docs/ too; only the compiled credential and node and the icons they name ship.
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const SHIPPED = new Set(['credentials', 'nodes', 'icons']);
for (const entry of fs.readdirSync(dist)) {
	if (!SHIPPED.has(entry)) fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
}
