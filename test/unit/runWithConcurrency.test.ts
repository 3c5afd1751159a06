import { ItemTimes } from '../../nodes/TencentCloudVpc/actions/itemLoop/itemTimes';
import { runWithConcurrency } from '../../nodes/TencentCloudVpc/actions/itemLoop/runWithConcurrency';

const tick = async () => await new Promise((resolve) => setImmediate(resolve));

describe('runWithConcurrency', () => {
	test('keeps at most `limit` tasks in flight and returns results in index order', async () => {
		let inFlight = 0;
		let peak = 0;
		const results = await runWithConcurrency(20, 4, async (index) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			// Later indexes finish first.
			for (let i = 0; i < 20 - index; i++) await tick();
			inFlight--;
			return index * 10;
		});
		expect(peak).toBe(4);
		expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index * 10));
	});

	test('after a failure starts nothing new and throws the lowest failing index\'s error', async () => {
		const started: number[] = [];
		const run = runWithConcurrency(10, 3, async (index) => {
			started.push(index);
			// Item 0 is still running when items 1 and 2 fail.
			for (let i = 0; i < (index === 0 ? 5 : 1); i++) await tick();
			if (index === 2 || index === 1) throw new Error(`item ${index}`);
			return index;
		});
		await expect(run).rejects.toThrow('item 1');
		expect(started).toEqual([0, 1, 2]);
	});

	test('runs nothing for no items', async () => {
		expect(await runWithConcurrency(0, 5, async () => 1)).toEqual([]);
	});
});

describe('runWithConcurrency with a limit that changes', () => {
	test('reads the limit before each task starts, so it can follow what the calls observe', async () => {
		let limit = 1;
		let inFlight = 0;
		const peaks: number[] = [];
		await runWithConcurrency(12, () => limit, async (index) => {
			inFlight++;
			peaks.push(inFlight);
			// After the third task the observed latency says more are needed.
			if (index === 2) limit = 4;
			for (let i = 0; i < 3; i++) await tick();
			inFlight--;
			return index;
		});
		expect(peaks.slice(0, 3)).toEqual([1, 1, 1]);
		expect(Math.max(...peaks)).toBe(4);
	});
});

describe('what a run\'s items take', () => {
	test('unknown until an item finished, then a moving average of what items took besides waiting for the key', () => {
		const times = new ItemTimes(0.5);
		expect(times.ms).toBeUndefined();
		times.observe(1500);
		expect(times.ms).toBe(1500);
		times.observe(500);
		expect(times.ms).toBe(1000);
		times.observe(-5);
		expect(times.ms).toBe(500);
	});
});

describe('requests of a run\'s items', () => {
	test('the busiest action\'s requests per item, as a moving average; an action an item did not send counts 0', () => {
		const times = new ItemTimes(0.5);
		expect(times.busiestActionRequests).toBeUndefined();
		// A new name: a lookup before and after, one create; then an existing name: one lookup.
		times.observe(1500, new Map([['DescribeTrafficMirrors', 2], ['CreateTrafficMirror', 1]]));
		expect(times.busiestActionRequests).toBe(2);
		times.observe(200, new Map([['DescribeTrafficMirrors', 1]]));
		expect(times.busiestActionRequests).toBe(1.5);
		times.observe(200, new Map([['DescribeTrafficMirrors', 0], ['DeleteTrafficMirror', 1]]));
		// Describe falls to 0.75; Delete, new to the run, counts 0 for the items before: 0.5.
		expect(times.busiestActionRequests).toBe(0.75);
		times.observe(200, new Map([['DeleteTrafficMirror', 1]]));
		expect(times.busiestActionRequests).toBe(0.75);
	});
});
