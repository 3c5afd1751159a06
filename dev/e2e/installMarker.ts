// A cached install counts only when its marker, written last, describes exactly what is wanted.
import * as fs from 'node:fs';
import * as path from 'node:path';

const MARKER = '.e2e-install-complete.json';

export function readMarker(dir: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

/** True when `dir` holds a finished install whose marker has every field of `wanted`. */
export function isInstalled(dir: string, wanted: Record<string, unknown>): boolean {
	const marker = readMarker(dir);
	return marker !== undefined && Object.entries(wanted).every(([key, value]) => marker[key] === value);
}

export function writeMarker(dir: string, fields: Record<string, unknown>): void {
	fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ ...fields, completedAt: new Date().toISOString() }, null, 2) + '\n');
}

/** Starts an install afresh: whatever a failed or different earlier install left is removed. */
export function resetDir(dir: string): void {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
}
