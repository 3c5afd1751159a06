import { KeyedLock } from '../../nodes/TencentCloudVpc/processState/keyedLock';

const tick = async () => await new Promise((resolve) => setImmediate(resolve));

const locks = new KeyedLock();
const withKeyLock = async <T>(key: string, task: () => Promise<T>) => await locks.run(key, task);

describe('KeyedLock', () => {
	test('runs tasks of one key one after another and other keys alongside', async () => {
		const events: string[] = [];
		const task = (name: string) => async () => {
			events.push(`${name} start`);
			await tick();
			await tick();
			events.push(`${name} end`);
			return name;
		};
		const results = await Promise.all([withKeyLock('a', task('a1')), withKeyLock('a', task('a2')), withKeyLock('b', task('b1'))]);
		expect(results).toEqual(['a1', 'a2', 'b1']);
		expect(events.indexOf('a2 start')).toBeGreaterThan(events.indexOf('a1 end'));
		expect(events.indexOf('b1 start')).toBeLessThan(events.indexOf('a1 end'));
	});

	test('a failing task does not block the next one', async () => {
		const first = withKeyLock('k', async () => {
			throw new Error('boom');
		});
		const second = withKeyLock('k', async () => 'ran');
		await expect(first).rejects.toThrow('boom');
		await expect(second).resolves.toBe('ran');
	});
});
