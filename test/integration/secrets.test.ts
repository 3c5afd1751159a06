import { LoggerProxy } from 'n8n-workflow';

import type { Emulator } from '../../dev/emulator';
import { startEmulator } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { createParameters, NODE_NAME, singleNodeWorkflow } from '../support/workflows';

const SECRET_KEY = 'SecretKeyThatMustNeverBeSeen0001';
const SESSION_TOKEN = 'SessionTokenThatMustNeverBeSeen0002';
const KEY = { secretId: 'AKIDsecretsTest00000000000000000000', secretKey: SECRET_KEY, sessionToken: SESSION_TOKEN };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ keys: [KEY] });
});
afterAll(async () => {
	await emulator.stop();
});
beforeEach(() => emulator.reset());

/** Everything reachable from a value, including non-enumerable properties such as an error's cause. */
function deepText(value: unknown, seen = new Set<unknown>()): string {
	if (value === null || typeof value !== 'object') return String(value);
	if (seen.has(value)) return '';
	seen.add(value);
	return Object.getOwnPropertyNames(value)
		.map((name) => {
			let child: unknown;
			try {
				child = (value as Record<string, unknown>)[name];
			} catch {
				return name;
			}
			return `${name}=${typeof child === 'function' ? '' : deepText(child, seen)}`;
		})
		.join('\n');
}

/** Captures n8n's log at every level for the duration of a run. */
function captureLogs() {
	const lines: string[] = [];
	const record = (level: string) => (message: string, meta?: object) => lines.push(`${level} ${message} ${deepText(meta)}`);
	LoggerProxy.init({
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => LoggerProxy,
	} as unknown as Parameters<typeof LoggerProxy.init>[0]);
	return lines;
}

const credentials = (overrides: Record<string, string> = {}) => ({
	tencentCloudApi: { ...KEY, site: 'intl', endpoint: emulator.url, ...overrides },
});

const SCENARIOS: Array<[string, Record<string, string>, () => void]> = [
	['a successful create', {}, () => undefined],
	['a Tencent error', {}, () => emulator.failNext('CreateTrafficMirror', 'InternalError', 1)],
	['a wrong Secret ID', { secretId: 'AKIDunknown000000000000000000000000' }, () => undefined],
	['a wrong session token', { sessionToken: 'another-token' }, () => undefined],
	['a timeout', {}, () => emulator.failNext('CreateTrafficMirror', { latencyMs: 1500 }, 1)],
	['a dropped connection', {}, () => emulator.failNext('CreateTrafficMirror', 'drop', 1)],
];

describe('the Secret Key and session token never reach output, errors or logs', () => {
	test.each(SCENARIOS)('%s', async (_case, credentialOverrides, arrangeFault) => {
		arrangeFault();
		const logs = captureLogs();
		const consoleLines: string[] = [];
		const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
			jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(deepText(args))),
		);
		try {
			for (const onError of ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const) {
				const result = await runWorkflow(singleNodeWorkflow(createParameters({ options: { timeout: 1 } }), onError), {
					credentials: credentials(credentialOverrides),
					triggerItems: [{ json: { n: 0, eni: 'eni-emu00001' } }],
				});
				const everything = [
					JSON.stringify(result.run),
					deepText(result.run),
					deepText(result.error(NODE_NAME)),
					...logs,
					...consoleLines,
				].join('\n');
				expect(everything).not.toContain(SECRET_KEY);
				expect(everything).not.toContain(SESSION_TOKEN);
				emulator.reset();
			}
		} finally {
			spies.forEach((spy) => spy.mockRestore());
		}
	});

	test('the session token is sent as X-TC-Token, so the tests above searched for a value that was in use', async () => {
		await runWorkflow(singleNodeWorkflow(createParameters()), {
			credentials: credentials(),
			triggerItems: [{ json: { n: 0, eni: 'eni-emu00001' } }],
		});
		expect(emulator.log[0].headers['x-tc-token']).toBe(SESSION_TOKEN);
		expect(emulator.log[0].signatureVerdict).toBe('ok');
	});
});
