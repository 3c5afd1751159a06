/** A small seeded PRNG (mulberry32) so generated test cases are the same on every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(random: () => number, values: readonly T[]): T {
	return values[Math.floor(random() * values.length)];
}

const ALPHABETS = [
	'abcdefghijklmnopqrstuvwxyz0123456789-_',
	'事件镜像流量网络安全未命名',
	'éàüßøñ€',
	'🚨🔥📦',
	' "\\/\t\n\u2028\u0000',
];

/** Text mixing ASCII, CJK, accents, emoji and characters JSON must escape. */
export function randomText(random: () => number, maxLength = 24): string {
	const length = 1 + Math.floor(random() * maxLength);
	let text = '';
	for (let i = 0; i < length; i++) {
		const alphabet = [...pick(random, ALPHABETS)];
		text += pick(random, alphabet);
	}
	return text;
}
