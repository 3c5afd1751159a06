// What the scale scenarios of `npm run bench` compute from the emulator's request log (the source
// of truth for rates and throttling) and from what the n8n processes output.

/** One CreateTrafficMirror answer as the emulator logged it. */
export interface CreateAnswer {
	/** When the emulator answered (its clock, ms). */
	answeredAt: number;
	code: string;
	trafficMirrorName: string;
}

export const isThrottle = (code: string) => code.startsWith('RequestLimitExceeded');

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Successful answers per second between the first and the last: N answers span N-1 intervals. */
export function achievedRate(successTimes: number[]): number {
	if (successTimes.length < 2) return NaN;
	const spanS = (Math.max(...successTimes) - Math.min(...successTimes)) / 1000;
	return (successTimes.length - 1) / spanS;
}

/**
 * Answers per whole second since `startMs`, by code class: {Success: [..], RequestLimitExceeded:
 * [..], <other code>: [..]}, every array as long as the run.
 */
export function codesPerSecond(answers: CreateAnswer[], startMs: number): Record<string, number[]> {
	const seconds = answers.length ? Math.floor((Math.max(...answers.map((a) => a.answeredAt)) - startMs) / 1000) + 1 : 0;
	const series: Record<string, number[]> = { Success: new Array(seconds).fill(0), RequestLimitExceeded: new Array(seconds).fill(0) };
	for (const answer of answers) {
		const second = Math.floor((answer.answeredAt - startMs) / 1000);
		if (second < 0) continue;
		const key = isThrottle(answer.code) ? 'RequestLimitExceeded' : answer.code;
		series[key] ??= new Array(seconds).fill(0);
		series[key][second]++;
	}
	return series;
}

/**
 * Seconds after `fromMs` until the successes in `successTimes` reach `threshold` per second and
 * stay there: the first 1 s window starting at or after `fromMs` (in 100 ms steps) holding at
 * least `threshold` successes such that every window starting in the next `holdMs` does too (as
 * far as the traffic lasts). Undefined when that never happens.
 */
export function recoveryTime(successTimes: number[], fromMs: number, threshold: number, holdMs = 3000): number | undefined {
	const times = [...successTimes].sort((a, b) => a - b);
	if (!times.length) return undefined;
	// Windows that end after the last success would count the end of the work as a slowdown.
	const lastWindowStart = times[times.length - 1] - 1000 + 1;
	const countIn = (start: number) => times.filter((t) => t >= start && t < start + 1000).length;
	const stepMs = 100;
	for (let start = fromMs; start <= lastWindowStart; start += stepMs) {
		if (countIn(start) < threshold) continue;
		let holds = true;
		for (let later = start + stepMs; later <= Math.min(start + holdMs, lastWindowStart); later += stepMs) {
			if (countIn(later) < threshold) {
				holds = false;
				break;
			}
		}
		if (holds) return (start - fromMs) / 1000;
	}
	return undefined;
}

/**
 * Mirrors the emulator holds against the mirrors the executions output: names created more than
 * once, and mirrors no output item carries (created, but no workflow knows about them).
 */
export function mirrorAccounting(
	mirrors: Array<{ TrafficMirrorId: string; TrafficMirrorName: string }>,
	outputMirrorIds: string[],
) {
	const output = new Set(outputMirrorIds);
	const perName = new Map<string, number>();
	for (const mirror of mirrors) perName.set(mirror.TrafficMirrorName, (perName.get(mirror.TrafficMirrorName) ?? 0) + 1);
	return {
		mirrorsCreated: mirrors.length,
		itemsOutput: outputMirrorIds.length,
		duplicateMirrors: [...perName.values()].reduce((sum, count) => sum + count - 1, 0),
		orphanMirrors: mirrors.filter((mirror) => !output.has(mirror.TrafficMirrorId)).length,
	};
}

/**
 * What exactly-once cost in calls besides the creates: DescribeTrafficMirrors calls (each page
 * counts) per successful create and per item, their throttled answers, and DeleteTrafficMirror
 * calls (a process removing its own younger duplicate).
 */
export function lookupAccounting(log: Array<{ action?: string; code: string }>, successfulCreates: number, items: number) {
	const describes = log.filter((entry) => entry.action === 'DescribeTrafficMirrors');
	const throttledDescribes = describes.filter((entry) => isThrottle(entry.code)).length;
	const round = (value: number) => Number(value.toFixed(3));
	return {
		lookupCalls: describes.length,
		lookupsThrottled: throttledDescribes,
		lookupsPerCreate: successfulCreates ? round(describes.length / successfulCreates) : null,
		lookupsPerItem: items ? round(describes.length / items) : null,
		deleteCalls: log.filter((entry) => entry.action === 'DeleteTrafficMirror').length,
		allCallsThrottledPct: round((100 * log.filter((entry) => isThrottle(entry.code)).length) / Math.max(1, log.length)),
	};
}
