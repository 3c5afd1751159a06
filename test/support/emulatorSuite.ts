import type { Emulator, EmulatorOptions } from '../../dev/emulator';
import { startEmulator } from '../../dev/emulator';

/**
 * One emulator for a test file, started before its tests, reset before each and stopped after
 * them. What it returns stands for that emulator once it runs (every property and method is the
 * running emulator's), so a test reads `emulator.url` or `emulator.log` as usual.
 */
export function emulatorForTests(options: EmulatorOptions = {}): Emulator {
	let running: Emulator | undefined;
	beforeAll(async () => {
		running = await startEmulator(options);
	});
	afterAll(async () => {
		await running?.stop();
	});
	beforeEach(() => running!.reset());
	return new Proxy({} as Emulator, {
		get(_, property) {
			if (!running) throw new Error('the emulator is used before beforeAll started it');
			const value: unknown = Reflect.get(running, property, running);
			return typeof value === 'function' ? value.bind(running) : value;
		},
	});
}
