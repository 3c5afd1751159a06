import { randomInt } from 'node:crypto';

/** Small seeded PRNG (mulberry32): reproducible fault draws and ids when a seed is given. */
export function seededRandom(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function randomSeed(): number {
	return randomInt(0, 2 ** 32 - 1);
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** prefix + 8 lowercase letters/digits, the shape of Tencent resource ids (imgf-xxxxxxxx). */
export function resourceId(prefix: string, rand: () => number): string {
	let s = '';
	for (let i = 0; i < 8; i++) s += ID_ALPHABET[Math.floor(rand() * ID_ALPHABET.length)];
	return `${prefix}-${s}`;
}

/** A version-4 shaped UUID drawn from the given generator. */
export function uuidFrom(rand: () => number): string {
	const hex: string[] = [];
	for (let i = 0; i < 32; i++) hex.push(Math.floor(rand() * 16).toString(16));
	hex[12] = '4';
	hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	const h = hex.join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
