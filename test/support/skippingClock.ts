import type { Clock } from '../../nodes/TencentCloudVpc/processState';

/**
 * A clock for tests whose waits (pacing, backoff, the exactly-once settle wait) need not pass in
 * real time: it runs with the system clock, but a sleep returns on the next turn of the event loop
 * with the clock moved on to the moment the sleep was due. Sleeps that overlap move it once, to
 * the latest of them. Give the emulator the same clock (its `now` option), so that its rate window
 * and CreateTime see the time the node sees.
 *
 * One item's sleep also moves the time of the others while their calls are in flight, so a test
 * whose items race a short Timeout option against each other's waits (test/integration/faults)
 * keeps the system clock.
 */
export function skippingClock(): Clock {
	let skipped = 0;
	const now = () => Date.now() + skipped;
	return {
		now,
		sleep: async (ms: number) => {
			const due = now() + Math.max(0, ms);
			await new Promise((resolve) => setImmediate(resolve));
			skipped = Math.max(skipped, due - Date.now());
		},
	};
}
