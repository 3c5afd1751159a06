import { LookupBatches, type SendBatch } from '../../nodes/TencentCloudVpc/processState/lookupBatches';

const tick = async () => await new Promise((resolve) => setImmediate(resolve));

/** A clock whose sleeps end only when the test moves it past them. */
function manualClock() {
	let time = 0;
	const sleepers: Array<{ due: number; wake: () => void }> = [];
	return {
		now: () => time,
		sleep: async (ms: number) => await new Promise<void>((wake) => sleepers.push({ due: time + ms, wake })),
		advance: async (ms: number) => {
			time += ms;
			for (const sleeper of sleepers.filter((s) => s.due <= time)) {
				sleepers.splice(sleepers.indexOf(sleeper), 1);
				sleeper.wake();
			}
			await tick();
		},
	};
}

/** A sender that records the names of each call it makes and answers `answer:<name>`. */
function recordingSender(calls: string[][], options: { turn?: Promise<void>; fail?: Error } = {}): SendBatch<string> {
	return async (takeNames) => {
		await options.turn;
		const names = takeNames();
		calls.push(names);
		if (options.fail) throw options.fail;
		return (name) => `answer:${name}`;
	};
}

describe('LookupBatches', () => {
	test('lookups that run at the same time share one call, and each gets the answer for its own name', async () => {
		const clock = manualClock();
		const batches = new LookupBatches(clock.now, clock.sleep, 200);
		const calls: string[][] = [];
		let letGo!: () => void;
		const turn = new Promise<void>((resolve) => (letGo = resolve));
		const answers = Promise.all(['a', 'b', 'c'].map((name) => batches.lookup('scope', name, 5, recordingSender(calls, { turn }))));
		letGo();
		expect(await answers).toEqual(['answer:a', 'answer:b', 'answer:c']);
		expect(calls).toEqual([['a', 'b', 'c']]);
	});

	test('a call carries at most the names it may; a full batch goes without waiting', async () => {
		const clock = manualClock();
		const batches = new LookupBatches(clock.now, clock.sleep, 200);
		const calls: string[][] = [];
		const names = Array.from({ length: 12 }, (_, n) => `name-${n}`);
		const answers = Promise.all(names.map((name) => batches.lookup('scope', name, 5, recordingSender(calls))));
		await tick();
		// The first went at once, joined by four before its turn came; the next full one followed
		// without waiting; the last two wait for company.
		expect(calls.map((call) => call.length)).toEqual([5, 5]);
		await clock.advance(200);
		expect(await answers).toEqual(names.map((name) => `answer:${name}`));
		expect(calls.map((call) => call.length)).toEqual([5, 5, 2]);
		expect(calls.flat().sort()).toEqual([...names].sort());
	});

	test('a lookup with no recent call goes at once; the next waits until the gather time since that call has passed', async () => {
		const clock = manualClock();
		const batches = new LookupBatches(clock.now, clock.sleep, 200);
		const calls: string[][] = [];
		expect(await batches.lookup('scope', 'first', 5, recordingSender(calls))).toBe('answer:first');
		await clock.advance(50);
		let second: string | undefined;
		void batches.lookup('scope', 'second', 5, recordingSender(calls)).then((answer) => (second = answer));
		void batches.lookup('scope', 'third', 5, recordingSender(calls));
		await clock.advance(100);
		expect(second).toBeUndefined();
		await clock.advance(50);
		await tick();
		expect(second).toBe('answer:second');
		expect(calls).toEqual([['first'], ['second', 'third']]);
		// Long after the last call, a lookup goes at once again.
		await clock.advance(1000);
		expect(await batches.lookup('scope', 'later', 5, recordingSender(calls))).toBe('answer:later');
	});

	test('names that arrive while a call waits for its turn still join it', async () => {
		const clock = manualClock();
		const batches = new LookupBatches(clock.now, clock.sleep, 200);
		const calls: string[][] = [];
		let letGo!: () => void;
		const turn = new Promise<void>((resolve) => (letGo = resolve));
		const first = batches.lookup('scope', 'early', 5, recordingSender(calls, { turn }));
		await tick();
		const late = batches.lookup('scope', 'late', 5, recordingSender(calls));
		letGo();
		expect(await Promise.all([first, late])).toEqual(['answer:early', 'answer:late']);
		expect(calls).toEqual([['early', 'late']]);
	});

	test('lookups of different scopes never share a call', async () => {
		const clock = manualClock();
		const batches = new LookupBatches(clock.now, clock.sleep, 200);
		const calls: string[][] = [];
		await Promise.all([
			batches.lookup('vpc-a', 'same-name', 5, recordingSender(calls)),
			batches.lookup('vpc-b', 'same-name', 5, recordingSender(calls)),
		]);
		expect(calls).toEqual([['same-name'], ['same-name']]);
	});

	test('the same name twice in a batch is sent once and answers both', async () => {
		const clock = manualClock();
		const batches = new LookupBatches(clock.now, clock.sleep, 200);
		const calls: string[][] = [];
		let letGo!: () => void;
		const turn = new Promise<void>((resolve) => (letGo = resolve));
		const answers = Promise.all(['x', 'x', 'y'].map((name) => batches.lookup('scope', name, 5, recordingSender(calls, { turn }))));
		letGo();
		expect(await answers).toEqual(['answer:x', 'answer:x', 'answer:y']);
		expect(calls).toEqual([['x', 'y']]);
	});

	test('when the shared call fails its sender gets the error and the others ask again alone', async () => {
		const clock = manualClock();
		const batches = new LookupBatches(clock.now, clock.sleep, 200);
		const calls: string[][] = [];
		let letGo!: () => void;
		const turn = new Promise<void>((resolve) => (letGo = resolve));
		const failing = batches.lookup('scope', 'a', 5, recordingSender(calls, { turn, fail: new Error('call failed') }));
		const others = Promise.all(['b', 'c'].map((name) => batches.lookup('scope', name, 5, recordingSender(calls))));
		letGo();
		await expect(failing).rejects.toThrow('call failed');
		expect(await others).toEqual(['answer:b', 'answer:c']);
		expect(calls).toEqual([['a', 'b', 'c'], ['b'], ['c']]);
	});
});
