// Authentication, common-parameter checks and their order, over real HTTP.
import * as http from 'node:http';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';

import { DEMO_KEY, type Emulator, type EmulatorKey, startEmulator } from '../../dev/emulator';
import { call, codeOf, nowSeconds, ok, send, signRequest } from './signForTest';

const TOKEN_KEY: EmulatorKey = { secretId: 'AKIDtokenKEY', secretKey: 'token-secret', sessionToken: 'session-token-1' };
const LIMITED_KEY: EmulatorKey = { secretId: 'AKIDreadONLY', secretKey: 'read-only-secret', allowedActions: ['DescribeTrafficMirrors'] };

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ keys: [DEMO_KEY, TOKEN_KEY, LIMITED_KEY], rateLimit: 0 });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

async function codeFor(action: string, body: unknown, opts: Parameters<typeof signRequest>[3] = {}): Promise<string> {
	return codeOf(await call(emu.url, action, body, opts));
}

describe('a correctly signed request', () => {
	it('succeeds and is logged with verdict ok, without the secret key', async () => {
		const res = await ok(emu.url, 'DescribeTrafficMirrors', {});
		expect(res.TrafficMirrorSet).toEqual([]);
		expect(res.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		const entry = emu.log[emu.log.length - 1];
		expect(entry).toMatchObject({
			action: 'DescribeTrafficMirrors',
			region: 'ap-guangzhou',
			secretId: DEMO_KEY.secretId,
			signatureVerdict: 'ok',
			code: 'Success',
			requestId: res.RequestId,
			status: 'answered',
			rawBody: '{}',
			body: {},
		});
		expect(entry.headers.authorization).toContain('Signature=');
		expect(JSON.stringify(emu.log)).not.toContain(DEMO_KEY.secretKey);
	});

	it('accepts a plain application/json content type and a session token when the key has one', async () => {
		expect(await codeFor('DescribeVpcs', {}, { contentType: 'application/json' })).toBe('Success');
		expect(await codeFor('DescribeVpcs', {}, { key: TOKEN_KEY })).toBe('Success');
	});

	it('works with the official SDK client end to end', async () => {
		// The SDK derives the service from the endpoint's first label, so point vpc.emulator.test at the emulator.
		const agent = new http.Agent({
			lookup: ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
				options.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) as never,
		});
		const client = new CommonClient('vpc.emulator.test', '2017-03-12', {
			credential: { secretId: DEMO_KEY.secretId, secretKey: DEMO_KEY.secretKey },
			region: 'ap-guangzhou',
			profile: { httpProfile: { endpoint: `vpc.emulator.test:${emu.port}`, protocol: 'http://', agent } },
		});
		const created = await client.request('CreateTrafficMirror', {
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'via-sdk',
			CollectorSrcs: ['eni-emu00001'],
			CollectorTarget: { TargetType: 'ENI', TargetIps: ['eni-emu00004'] },
		});
		expect(created.TrafficMirror.TrafficMirrorId).toMatch(/^imgf-[a-z0-9]{8}$/);
		await expect(client.request('DeleteTrafficMirror', { TrafficMirrorId: 'imgf-00000000' })).rejects.toMatchObject({
			code: 'ResourceNotFound',
		});
		agent.destroy();
	});
});

describe('signature failures over HTTP', () => {
	it('a body changed by one byte after signing → AuthFailure.SignatureFailure', async () => {
		const req = signRequest(emu.url, 'DescribeTrafficMirrors', '{"Limit":10}');
		req.body = Buffer.from('{"Limit":11}');
		const res = JSON.parse((await send(emu.url, req)).text);
		expect(res.Response.Error.Code).toBe('AuthFailure.SignatureFailure');
		expect(emu.log[0].signatureVerdict).toBe('AuthFailure.SignatureFailure');
	});

	it('a signature changed by one character → AuthFailure.SignatureFailure', async () => {
		const code = await codeFor('DescribeTrafficMirrors', {}, {
			mutate: (r) => {
				const a = r.headers.Authorization;
				const last = a[a.length - 1];
				r.headers.Authorization = a.slice(0, -1) + (last === '0' ? '1' : '0');
			},
		});
		expect(code).toBe('AuthFailure.SignatureFailure');
	});

	it('a signature of the wrong length → AuthFailure.SignatureFailure', async () => {
		expect(await codeFor('DescribeTrafficMirrors', {}, { mutate: (r) => (r.headers.Authorization += '00') })).toBe(
			'AuthFailure.SignatureFailure',
		);
	});

	it('a different content type than the signed one → AuthFailure.SignatureFailure', async () => {
		expect(
			await codeFor('DescribeTrafficMirrors', {}, { mutate: (r) => (r.headers['Content-Type'] = 'application/json') }),
		).toBe('AuthFailure.SignatureFailure');
	});

	it('a wrong secret key → AuthFailure.SignatureFailure', async () => {
		expect(await codeFor('DescribeVpcs', {}, { key: { secretId: DEMO_KEY.secretId, secretKey: 'not-the-key' } })).toBe(
			'AuthFailure.SignatureFailure',
		);
	});
});

describe('common-parameter errors', () => {
	it.each(['Authorization', 'X-TC-Action', 'X-TC-Timestamp', 'X-TC-Version'])('missing %s → MissingParameter', async (header) => {
		const res = await call(emu.url, 'DescribeVpcs', {}, { mutate: (r) => delete r.headers[header] });
		expect(res.Response.Error).toMatchObject({ Code: 'MissingParameter' });
		expect(res.Response.Error!.Message).toContain(header);
		expect(emu.log[0].signatureVerdict).toBe('unchecked');
	});

	it.each([
		['another algorithm', (a: string) => a.replace('TC3-HMAC-SHA256', 'HMAC-SHA256')],
		['a malformed credential scope', (a: string) => a.replace('/tc3_request', '')],
		['no SignedHeaders', (a: string) => a.replace(/ SignedHeaders=[^,]*,/, '')],
	])('%s → AuthFailure.InvalidAuthorization', async (_name, change) => {
		expect(await codeFor('DescribeVpcs', {}, { mutate: (r) => (r.headers.Authorization = change(r.headers.Authorization)) })).toBe(
			'AuthFailure.InvalidAuthorization',
		);
	});

	it('a credential scope for another service → AuthFailure.InvalidAuthorization', async () => {
		expect(await codeFor('DescribeVpcs', {}, { service: 'cvm' })).toBe('AuthFailure.InvalidAuthorization');
	});

	it("a scope date that is not the timestamp's UTC date → AuthFailure.InvalidAuthorization", async () => {
		const ts = nowSeconds();
		const code = await codeFor('DescribeVpcs', {}, {
			timestamp: ts,
			mutate: (r) => (r.headers['X-TC-Timestamp'] = String(ts - 86400)),
		});
		expect(code).toBe('AuthFailure.InvalidAuthorization');
	});

	it('a non-numeric timestamp → InvalidParameterValue', async () => {
		expect(await codeFor('DescribeVpcs', {}, { mutate: (r) => (r.headers['X-TC-Timestamp'] = 'yesterday') })).toBe(
			'InvalidParameterValue',
		);
	});

	it('timestamps more than 300 s away → AuthFailure.SignatureExpire; 299 s is fine', async () => {
		expect(await codeFor('DescribeVpcs', {}, { timestamp: nowSeconds() - 302 })).toBe('AuthFailure.SignatureExpire');
		expect(await codeFor('DescribeVpcs', {}, { timestamp: nowSeconds() + 302 })).toBe('AuthFailure.SignatureExpire');
		expect(await codeFor('DescribeVpcs', {}, { timestamp: nowSeconds() - 298 })).toBe('Success');
		expect(emu.log[0].signatureVerdict).toBe('AuthFailure.SignatureExpire');
	});

	it('an unknown SecretId → AuthFailure.SecretIdNotFound', async () => {
		expect(await codeFor('DescribeVpcs', {}, { key: { secretId: 'AKIDnobody', secretKey: 'x' } })).toBe('AuthFailure.SecretIdNotFound');
		expect(emu.log[0].secretId).toBe('AKIDnobody');
	});

	it('session tokens: missing, wrong, or sent for a key without one → AuthFailure.TokenFailure', async () => {
		expect(await codeFor('DescribeVpcs', {}, { key: TOKEN_KEY, token: null })).toBe('AuthFailure.TokenFailure');
		expect(await codeFor('DescribeVpcs', {}, { key: TOKEN_KEY, token: 'other-token' })).toBe('AuthFailure.TokenFailure');
		expect(await codeFor('DescribeVpcs', {}, { token: 'stray-token' })).toBe('AuthFailure.TokenFailure');
	});

	it('another API version → NoSuchVersion', async () => {
		expect(await codeFor('DescribeVpcs', {}, { version: '2018-01-01' })).toBe('NoSuchVersion');
	});

	it('an unknown action → InvalidAction', async () => {
		expect(await codeFor('DescribeInstances', {})).toBe('InvalidAction');
		expect(await codeFor('createTrafficMirror', {})).toBe('InvalidAction');
	});

	it('a key whose allowedActions lacks the action → UnauthorizedOperation', async () => {
		expect(await codeFor('DescribeTrafficMirrors', {}, { key: LIMITED_KEY })).toBe('Success');
		expect(
			await codeFor('CreateTrafficMirror', { VpcId: 'vpc-emu00001', TrafficMirrorName: 'x' }, { key: LIMITED_KEY }),
		).toBe('UnauthorizedOperation');
		expect(emu.mirrors()).toEqual([]);
	});

	it('a missing region → MissingParameter; an unsupported one → UnsupportedRegion', async () => {
		expect(await codeFor('DescribeVpcs', {}, { region: null })).toBe('MissingParameter');
		expect(await codeFor('DescribeVpcs', {}, { region: 'ap-mars' })).toBe('UnsupportedRegion');
		expect(await codeFor('DescribeVpcs', {}, { region: 'eu-frankfurt' })).toBe('Success');
	});

	it('non-POST → UnsupportedProtocol; non-JSON body or content type → InvalidParameter', async () => {
		expect(await codeFor('DescribeVpcs', {}, { method: 'PUT' })).toBe('UnsupportedProtocol');
		expect(await codeFor('DescribeVpcs', '{not json')).toBe('InvalidParameter');
		expect(await codeFor('DescribeVpcs', 'Limit=1', { contentType: 'application/x-www-form-urlencoded' })).toBe('InvalidParameter');
		expect(await codeFor('DescribeVpcs', '')).toBe('Success');
	});
});

describe('check order', () => {
	it('missing headers come before a bad Authorization', async () => {
		const code = await codeFor('DescribeVpcs', {}, {
			mutate: (r) => {
				delete r.headers['X-TC-Version'];
				r.headers.Authorization = 'garbage';
			},
		});
		expect(code).toBe('MissingParameter');
	});
	it('expiry comes before an unknown SecretId, which comes before the signature', async () => {
		const unknown = { secretId: 'AKIDnobody', secretKey: 'x' };
		expect(await codeFor('DescribeVpcs', {}, { key: unknown, timestamp: nowSeconds() - 1000 })).toBe('AuthFailure.SignatureExpire');
		expect(await codeFor('DescribeVpcs', {}, { key: unknown, mutate: (r) => (r.body = Buffer.from('{ }')) })).toBe(
			'AuthFailure.SecretIdNotFound',
		);
	});
	it('the signature comes before the token, version, action and region', async () => {
		const code = await codeFor('Nope', {}, {
			key: TOKEN_KEY,
			token: null,
			version: '1999-01-01',
			region: 'ap-mars',
			mutate: (r) => (r.body = Buffer.from('{"x":1}')),
		});
		expect(code).toBe('AuthFailure.SignatureFailure');
		expect(await codeFor('Nope', {}, { key: TOKEN_KEY, token: null, version: '1999-01-01' })).toBe('AuthFailure.TokenFailure');
	});
	it('version, then action, then permission, then region, then body', async () => {
		expect(await codeFor('Nope', { Bogus: 1 }, { version: '1999-01-01', region: 'ap-mars' })).toBe('NoSuchVersion');
		expect(await codeFor('Nope', { Bogus: 1 }, { region: 'ap-mars', key: LIMITED_KEY })).toBe('InvalidAction');
		expect(await codeFor('DescribeVpcs', { Bogus: 1 }, { region: 'ap-mars', key: LIMITED_KEY })).toBe('UnauthorizedOperation');
		expect(await codeFor('DescribeVpcs', { Bogus: 1 }, { region: 'ap-mars' })).toBe('UnsupportedRegion');
		expect(await codeFor('DescribeVpcs', { Bogus: 1 })).toBe('UnknownParameter');
	});
});

describe('side door', () => {
	it('serves /_emulator/ paths without touching the API log', async () => {
		const res = await send(emu.url, { method: 'GET', path: '/_emulator/health', headers: {}, body: Buffer.alloc(0) });
		expect(JSON.parse(res.text)).toEqual({ ok: true, url: emu.url });
		expect(emu.log).toEqual([]);
	});
});
