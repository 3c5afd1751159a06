import { type Emulator, startEmulator } from '../../dev/emulator';
import { call, codeOf, ok, send, signRequest } from './signForTest';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ rateLimit: 0, seed: 1 });
});
afterAll(() => emu.stop());
beforeEach(() => {
	emu.reset();
	emu.configure({ latencyMs: 0, internalErrorRate: 0, serviceUnavailableRate: 0, dropConnectionRate: 0, dropAfterApply: false, clockSkewMs: 0 });
});

const CREATE = {
	VpcId: 'vpc-emu00001',
	TrafficMirrorName: 'fault-test',
	CollectorSrcs: ['eni-emu00001'],
	CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-emu00004'] },
};

function createRaw() {
	return send(emu.url, signRequest(emu.url, 'CreateTrafficMirror', CREATE));
}

describe('forced faults (failNext)', () => {
	it('InternalError changes nothing, then the next request goes through', async () => {
		emu.failNext('CreateTrafficMirror', 'InternalError');
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', CREATE))).toBe('InternalError');
		expect(emu.mirrors()).toEqual([]);
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', CREATE))).toBe('Success');
		expect(emu.mirrors()).toHaveLength(1);
	});

	it('ServiceUnavailable and RequestLimitExceeded, count and other actions', async () => {
		emu.failNext('CreateTrafficMirror', 'ServiceUnavailable', 2);
		emu.failNext('DescribeTrafficMirrors', 'RequestLimitExceeded');
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}))).toBe('Success');
		expect(codeOf(await call(emu.url, 'DescribeTrafficMirrors', {}))).toBe('RequestLimitExceeded');
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', CREATE))).toBe('ServiceUnavailable');
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', CREATE))).toBe('ServiceUnavailable');
		expect(emu.mirrors()).toEqual([]);
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', CREATE))).toBe('Success');
	});

	it("'*' matches any action; a forced fault is not consumed by a request failing authentication", async () => {
		emu.failNext('*', 'InternalError');
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}, { region: 'ap-mars' }))).toBe('UnsupportedRegion');
		expect(codeOf(await call(emu.url, 'DescribeSubnets', {}))).toBe('InternalError');
		expect(codeOf(await call(emu.url, 'DescribeSubnets', {}))).toBe('Success');
	});

	it('drop: the client sees a reset connection and nothing is created', async () => {
		emu.failNext('CreateTrafficMirror', 'drop');
		await expect(createRaw()).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(emu.mirrors()).toEqual([]);
		expect(emu.log[0]).toMatchObject({ action: 'CreateTrafficMirror', status: 'dropped', code: 'Dropped', signatureVerdict: 'ok' });
	});

	it('dropAfterApply: the mirror is created but the client sees a socket hang up', async () => {
		emu.failNext('CreateTrafficMirror', 'dropAfterApply');
		await expect(createRaw()).rejects.toThrow(/socket hang up/);
		expect(emu.mirrors()).toHaveLength(1);
		expect(emu.log[0]).toMatchObject({ status: 'dropped', code: 'Success' });
		// A retry of the lost create now conflicts, as it would against Tencent.
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', CREATE))).toBe('InvalidParameterValue.ObjectUseInTrafficMirror');
	});

	it('{ latencyMs } delays the request and then answers normally', async () => {
		emu.failNext('DescribeVpcs', { latencyMs: 120 });
		const t = Date.now();
		const res = await ok(emu.url, 'DescribeVpcs');
		expect(Date.now() - t).toBeGreaterThanOrEqual(115);
		expect(res.TotalCount).toBe(3);
	});

	it('reset() forgets forced faults', async () => {
		emu.failNext('DescribeVpcs', 'InternalError', 5);
		emu.reset();
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}))).toBe('Success');
	});

	it('rejects a non-positive count', () => {
		expect(() => emu.failNext('DescribeVpcs', 'drop', 0)).toThrow(RangeError);
	});
});

describe('configured faults', () => {
	it('latencyMs (number or function of the action) is honoured, also for errors', async () => {
		emu.configure({ latencyMs: 150 });
		let t = Date.now();
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}, { region: 'ap-mars' }))).toBe('UnsupportedRegion');
		expect(Date.now() - t).toBeGreaterThanOrEqual(145);
		emu.configure({ latencyMs: (action) => (action === 'DescribeSubnets' ? 120 : 0) });
		t = Date.now();
		await ok(emu.url, 'DescribeSubnets');
		expect(Date.now() - t).toBeGreaterThanOrEqual(115);
	});

	it('internalErrorRate 1 answers InternalError without changing state', async () => {
		emu.configure({ internalErrorRate: 1 });
		expect(codeOf(await call(emu.url, 'CreateTrafficMirror', CREATE))).toBe('InternalError');
		expect(emu.mirrors()).toEqual([]);
	});

	it('serviceUnavailableRate 1 answers ServiceUnavailable', async () => {
		emu.configure({ serviceUnavailableRate: 1 });
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}))).toBe('ServiceUnavailable');
	});

	it('dropConnectionRate 1, with and without dropAfterApply', async () => {
		emu.configure({ dropConnectionRate: 1 });
		await expect(createRaw()).rejects.toBeDefined();
		expect(emu.mirrors()).toEqual([]);
		emu.configure({ dropAfterApply: true });
		await expect(createRaw()).rejects.toBeDefined();
		expect(emu.mirrors()).toHaveLength(1);
	});

	it('seeded rates are reproducible', async () => {
		const run = async (seed: number) => {
			const e = await startEmulator({ seed, internalErrorRate: 0.5, rateLimit: 0 });
			try {
				const codes = [];
				for (let i = 0; i < 12; i++) codes.push(codeOf(await call(e.url, 'DescribeVpcs', {})));
				return codes;
			} finally {
				await e.stop();
			}
		};
		const a = await run(42);
		expect(await run(42)).toEqual(a);
		expect(a).toContain('InternalError');
		expect(a).toContain('Success');
	});

	it('clockSkewMs shifts the emulator clock (signature expiry)', async () => {
		emu.configure({ clockSkewMs: 10 * 60 * 1000 });
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}))).toBe('AuthFailure.SignatureExpire');
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}, { timestamp: Math.floor(Date.now() / 1000) + 600 }))).toBe('Success');
	});
});
