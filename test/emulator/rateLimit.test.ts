// Rate limiting on a controllable clock, so nothing here depends on wall time.
import { DEMO_KEY, type Emulator, type EmulatorKey, startEmulator } from '../../dev/emulator';
import { SlidingWindowRateLimiter } from '../../dev/emulator/rateLimiter';
import { call, codeOf, type CallOptions } from './signForTest';

describe('SlidingWindowRateLimiter', () => {
	it('allows `limit` per key in any 1000 ms window and does not count refusals', () => {
		const limiter = new SlidingWindowRateLimiter(3);
		expect([0, 100, 200, 300].map((t) => limiter.tryAcquire('k', t))).toEqual([true, true, true, false]);
		expect(limiter.tryAcquire('other', 300)).toBe(true);
		expect(limiter.tryAcquire('k', 999)).toBe(false);
		// t=0 leaves the window at t=1000 (the window is (t-1000, t]); the refusals at 300/999 never counted.
		expect(limiter.tryAcquire('k', 1000)).toBe(true);
		expect(limiter.tryAcquire('k', 1050)).toBe(false);
		expect(limiter.tryAcquire('k', 1100)).toBe(true);
	});
	it('limit 0 is off; setLimit and reset apply immediately', () => {
		const limiter = new SlidingWindowRateLimiter(0);
		for (let i = 0; i < 100; i++) expect(limiter.tryAcquire('k', 5)).toBe(true);
		limiter.setLimit(1);
		expect(limiter.tryAcquire('k', 5)).toBe(true);
		expect(limiter.tryAcquire('k', 5)).toBe(false);
		limiter.reset();
		expect(limiter.tryAcquire('k', 5)).toBe(true);
	});
});

describe('rate limit over HTTP', () => {
	const SECOND_KEY: EmulatorKey = { secretId: 'AKIDsecondKEY', secretKey: 'second-secret' };
	let clock = Date.UTC(2025, 0, 1, 12, 0, 0);
	let emu: Emulator;
	const at = (): CallOptions => ({ timestamp: Math.floor(clock / 1000) });

	beforeAll(async () => {
		emu = await startEmulator({ keys: [DEMO_KEY, SECOND_KEY], now: () => clock });
	});
	afterAll(() => emu.stop());
	beforeEach(() => {
		emu.reset();
		emu.configure({ rateLimit: 20 });
		clock = Date.UTC(2025, 0, 1, 12, 0, 0);
	});

	function createBody(i: number) {
		return {
			VpcId: 'vpc-emu00009',
			TrafficMirrorName: `rl-${i}`,
			CollectorSrcs: [`eni-flt${String(i).padStart(5, '0')}`],
			CollectorTarget: { TargetIps: ['10.9.200.10'] },
		};
	}

	it('the 21st request of one SecretId+Action within a second is refused and changes nothing', async () => {
		const codes: string[] = [];
		for (let i = 0; i < 21; i++) {
			codes.push(codeOf(await call(emu.url, 'CreateTrafficMirror', createBody(i), at())));
			clock += 10;
		}
		expect(codes.slice(0, 20)).toEqual(Array(20).fill('Success'));
		expect(codes[20]).toBe('RequestLimitExceeded');
		expect(emu.mirrors()).toHaveLength(20);
		expect(emu.log[20]).toMatchObject({ code: 'RequestLimitExceeded', signatureVerdict: 'ok' });

		// Another action and another SecretId are unaffected.
		expect(codeOf(await call(emu.url, 'DescribeTrafficMirrors', {}, at()))).toBe('Success');
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', createBody(21), { ...at(), key: SECOND_KEY }))).toBe('Success');

		// Accepted at +0, +10, … +190 ms: at +1000 the first leaves the window, so exactly one more fits.
		clock = Date.UTC(2025, 0, 1, 12, 0, 1);
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', createBody(22), at()))).toBe('Success');
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', createBody(23), at()))).toBe('RequestLimitExceeded');
		clock += 10;
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', createBody(23), at()))).toBe('Success');
		expect(emu.mirrors()).toHaveLength(23);
	});

	it('requests failing authentication are not counted', async () => {
		for (let i = 0; i < 30; i++) {
			await call(emu.url, 'DescribeVpcs', {}, { ...at(), mutate: (r) => (r.body = Buffer.from('{"x":1}')) });
		}
		expect(emu.log.every((e) => e.code === 'AuthFailure.SignatureFailure')).toBe(true);
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}, at()))).toBe('Success');
	});

	it('configure({rateLimit}) changes the limit at run time; 0 turns it off', async () => {
		emu.configure({ rateLimit: 2 });
		const codes = [];
		for (let i = 0; i < 3; i++) codes.push(codeOf(await call(emu.url, 'DescribeVpcs', {}, at())));
		expect(codes).toEqual(['Success', 'Success', 'RequestLimitExceeded']);
		emu.configure({ rateLimit: 0 });
		for (let i = 0; i < 25; i++) expect(codeOf(await call(emu.url, 'DescribeVpcs', {}, at()))).toBe('Success');
	});

	it('the injected clock also drives signature expiry', async () => {
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}))).toBe('AuthFailure.SignatureExpire');
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}, at()))).toBe('Success');
	});
});
