import { FinishedItems, itemFingerprint } from '../../nodes/TencentCloudVpc/processState/finishedItems';
import { survivingTrafficMirror } from '../../nodes/TencentCloudVpc/exactlyOnce/survivingTrafficMirror';
import type { TrafficMirror } from '../../nodes/TencentCloudVpc/trafficMirrors/trafficMirror';

const mirror = (id: string, createTime: string): TrafficMirror =>
	({ TrafficMirrorId: id, TrafficMirrorName: 'n', VpcId: 'vpc-1', State: 'RUNNING', CreateTime: createTime }) as TrafficMirror;

describe('survivingTrafficMirror', () => {
	test('keeps the oldest by CreateTime, whatever order the answer lists them in', () => {
		const older = mirror('imgf-zzzzzzzz', '2026-12-03 10:00:00');
		const newer = mirror('imgf-aaaaaaaa', '2026-12-03 10:00:01');
		expect(survivingTrafficMirror([newer, older])).toBe(older);
		expect(survivingTrafficMirror([older, newer])).toBe(older);
	});

	test('in the same second, the smallest TrafficMirrorId: every process picks the same', () => {
		const a = mirror('imgf-aaaaaaaa', '2026-12-03 10:00:00');
		const b = mirror('imgf-bbbbbbbb', '2026-12-03 10:00:00');
		expect(survivingTrafficMirror([b, a])).toBe(a);
		expect(survivingTrafficMirror([a, b])).toBe(a);
	});

	test('none for no mirrors', () => {
		expect(survivingTrafficMirror([])).toBeUndefined();
	});
});

describe('FinishedItems', () => {
	const output = (n: number) => [{ json: { n } }];

	test('a retry takes what the failed try finished, once', () => {
		const memory = new FinishedItems();
		memory.remember('run', new Map([[0, { fingerprint: 'f0', output: output(0) }]]));
		expect(memory.take('run')?.get(0)?.output).toEqual(output(0));
		expect(memory.take('run')).toBeUndefined();
	});

	test('forgets a run after its time', () => {
		let now = 0;
		const memory = new FinishedItems(() => now, 1000);
		memory.remember('run', new Map([[0, { fingerprint: 'f0', output: output(0) }]]));
		now = 999;
		memory.remember('other', new Map([[0, { fingerprint: 'f0', output: output(0) }]]));
		now = 1000;
		expect(memory.take('run')).toBeUndefined();
		expect(memory.take('other')).toBeDefined();
	});

	test('holds at most so many runs, dropping the oldest', () => {
		const memory = new FinishedItems(() => 0, 60_000, 3);
		for (const run of ['a', 'b', 'c', 'd']) memory.remember(run, new Map([[0, { fingerprint: run, output: output(0) }]]));
		expect(memory.size).toBe(3);
		expect(memory.take('a')).toBeUndefined();
		expect(memory.take('d')).toBeDefined();
	});

	test('a run with nothing finished is not kept', () => {
		const memory = new FinishedItems();
		memory.remember('run', new Map());
		expect(memory.size).toBe(0);
	});
});

describe('itemFingerprint', () => {
	test('differs for another input or another operation, and is stable for the same', () => {
		expect(itemFingerprint('create', { n: 1 })).toBe(itemFingerprint('create', { n: 1 }));
		expect(itemFingerprint('create', { n: 1 })).not.toBe(itemFingerprint('create', { n: 2 }));
		expect(itemFingerprint('create', { n: 1 })).not.toBe(itemFingerprint('delete', { n: 1 }));
	});
});
