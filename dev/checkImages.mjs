// `npm run check:images`: every image README.md and docs/*.md show, as ![alt](path) or <img src="path">,
// exists in the repository (links to other sites are not checked).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|<img\b[^>]*\bsrc=["']([^"']+)["']/g;

const docsDir = path.join(ROOT, 'docs');
const pages = ['README.md', ...(fs.existsSync(docsDir) ? fs.readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f)) : [])];

let shown = 0;
const missing = [];
for (const page of pages) {
	const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
	for (const match of text.matchAll(IMAGE)) {
		const target = match[1] ?? match[2];
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
		shown++;
		const file = path.join(ROOT, path.dirname(page), decodeURI(target.split(/[?#]/)[0]));
		if (!fs.existsSync(file)) missing.push(`${page}: ${target}`);
	}
}
for (const entry of missing) console.log(`missing image: ${entry}`);
console.log(`${shown} images shown in ${pages.join(', ')}; ${missing.length} missing`);
if (missing.length > 0) process.exitCode = 1;
