import { achievedRate, codesPerSecond, lookupAccounting, mirrorAccounting, recoveryTime } from '../../dev/bench/benchStats';

/** `perSecond[s]` successes spread evenly over second s, starting at `startMs`. */
function successTimes(perSecond: number[], startMs = 0): number[] {
	return perSecond.flatMap((count, second) =>
		Array.from({ length: count }, (_, n) => startMs + second * 1000 + Math.floor((n * 1000) / count)),
	);
}

describe('recoveryTime', () => {
	test('counts from the stop to the first second that reaches the threshold and stays there', () => {
		// Three processes at 20/s, one stops at 5 s, the other two sit at 13/s for 4 s, then 19-20/s.
		const times = successTimes([20, 20, 20, 20, 20, 13, 13, 13, 13, 19, 20, 20, 20, 20]);
		// A 1 s window reaches 18 a little before the second at 19/s starts, in 100 ms steps.
		const recovery = recoveryTime(times, 5000, 18)!;
		expect(recovery).toBeGreaterThan(3.5);
		expect(recovery).toBeLessThanOrEqual(4);
	});

	test('a single good second does not count as recovered', () => {
		const times = successTimes([13, 19, 12, 13, 13, 20, 20, 20, 20, 20]);
		const recovery = recoveryTime(times, 0, 18)!;
		expect(recovery).toBeGreaterThan(4.5);
		expect(recovery).toBeLessThanOrEqual(5);
	});

	test('is zero when the rate never dropped, and undefined when it never comes back', () => {
		expect(recoveryTime(successTimes([20, 20, 20, 20, 20, 20]), 2000, 18)).toBe(0);
		expect(recoveryTime(successTimes([20, 20, 13, 13, 13, 13, 13]), 2000, 18)).toBeUndefined();
		expect(recoveryTime([], 0, 18)).toBeUndefined();
	});
});

test('codesPerSecond buckets answers by second since the start and groups throttling codes', () => {
	const series = codesPerSecond(
		[
			{ answeredAt: 1000, code: 'Success', trafficMirrorName: 'a' },
			{ answeredAt: 1999, code: 'RequestLimitExceeded', trafficMirrorName: 'b' },
			{ answeredAt: 2500, code: 'RequestLimitExceeded.UinLimitExceeded', trafficMirrorName: 'c' },
			{ answeredAt: 3100, code: 'InternalError', trafficMirrorName: 'd' },
			{ answeredAt: 3200, code: 'Success', trafficMirrorName: 'e' },
		],
		1000,
	);
	expect(series).toEqual({ Success: [1, 0, 1], RequestLimitExceeded: [1, 1, 0], InternalError: [0, 0, 1] });
});

test('achievedRate: N answers over their span are N-1 intervals', () => {
	expect(achievedRate(successTimes([20, 20]))).toBeCloseTo(39 / 1.95, 5);
	expect(achievedRate([5])).toBeNaN();
});

test('mirrorAccounting finds names created twice and mirrors no output item carries', () => {
	const mirrors = [
		{ TrafficMirrorId: 'tm-1', TrafficMirrorName: 'a' },
		{ TrafficMirrorId: 'tm-2', TrafficMirrorName: 'a' },
		{ TrafficMirrorId: 'tm-3', TrafficMirrorName: 'b' },
		{ TrafficMirrorId: 'tm-4', TrafficMirrorName: 'c' },
	];
	expect(mirrorAccounting(mirrors, ['tm-1', 'tm-3'])).toEqual({
		mirrorsCreated: 4,
		itemsOutput: 2,
		duplicateMirrors: 1,
		orphanMirrors: 2,
	});
});

describe('lookupAccounting', () => {
	test('counts DescribeTrafficMirrors calls (every page) per create and per item, their throttles, deletes and all throttles', () => {
		const log = [
			{ action: 'DescribeTrafficMirrors', code: 'Success' },
			{ action: 'DescribeTrafficMirrors', code: 'RequestLimitExceeded' },
			{ action: 'DescribeTrafficMirrors', code: 'Success' },
			{ action: 'CreateTrafficMirror', code: 'Success' },
			{ action: 'CreateTrafficMirror', code: 'RequestLimitExceeded.UinLimitExceeded' },
			{ action: 'CreateTrafficMirror', code: 'Success' },
			{ action: 'DeleteTrafficMirror', code: 'Success' },
			{ action: 'CreateTrafficMirror', code: 'Success' },
		];
		expect(lookupAccounting(log, 3, 6)).toEqual({
			lookupCalls: 3,
			lookupsThrottled: 1,
			lookupsPerCreate: 1,
			lookupsPerItem: 0.5,
			deleteCalls: 1,
			allCallsThrottledPct: 25,
		});
		expect(lookupAccounting([], 0, 0).lookupsPerCreate).toBeNull();
	});
});
