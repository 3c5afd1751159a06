import { skippingClock } from '../support/skippingClock';

describe('the tests\' skipping clock', () => {
	test('a sleep returns at once in real time and moves the clock to the moment it was due', async () => {
		const clock = skippingClock();
		const realStart = Date.now();
		const start = clock.now();
		await clock.sleep(5000);
		expect(clock.now() - start).toBeGreaterThanOrEqual(5000);
		expect(Date.now() - realStart).toBeLessThan(1000);
	});

	test('overlapping sleeps move it once, to the latest of them, and it never runs back', async () => {
		const clock = skippingClock();
		const start = clock.now();
		await Promise.all([clock.sleep(300), clock.sleep(1000), clock.sleep(200)]);
		const after = clock.now() - start;
		expect(after).toBeGreaterThanOrEqual(1000);
		expect(after).toBeLessThan(1500);
		await clock.sleep(0);
		expect(clock.now() - start).toBeGreaterThanOrEqual(after);
	});
});
