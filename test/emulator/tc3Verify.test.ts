import Sign from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign';

import {
	buildCanonicalRequest,
	computeSignature,
	hostWithoutPort,
	parseAuthorization,
	sha256Hex,
	signaturesMatch,
	utcDate,
} from '../../dev/emulator/tc3Verify';
import { type PublishedTc3Vector, PUBLISHED_TC3_VECTORS } from '../support/publishedTc3Vectors';


const PUBLISHED = PUBLISHED_TC3_VECTORS;

function canonicalFor(v: PublishedTc3Vector): string {
	return buildCanonicalRequest({
		method: v.method,
		path: v.path,
		query: v.query,
		headers: { 'content-type': v.contentType, host: v.host },
		signedHeaders: ['content-type', 'host'],
		body: Buffer.from(v.body, 'utf8'),
	});
}

describe('TC3 verifier against the published vectors', () => {
	it('vector A (POST JSON): canonical request hash, signature and Authorization', () => {
		const v = PUBLISHED.vectors[0];
		const canonical = canonicalFor(v);
		// Despite its name, the file's expectedCanonicalRequestHash is the hashed request payload
		// (the last line of the canonical request), as in Tencent's worked example.
		expect(sha256Hex(Buffer.from(v.body, 'utf8'))).toBe(v.expectedCanonicalRequestHash);
		expect(canonical.endsWith('\n' + v.expectedCanonicalRequestHash)).toBe(true);
		expect(utcDate(v.timestamp)).toBe(v.expectedDate);
		const sig = computeSignature(PUBLISHED.secretKey, v.timestamp, v.service, canonical);
		expect(sig).toBe(v.expectedSignature);
		const parsed = parseAuthorization(v.expectedAuthorization!);
		expect(parsed).toEqual({
			secretId: PUBLISHED.secretId,
			date: v.expectedDate,
			service: 'cvm',
			signedHeaders: ['content-type', 'host'],
			signature: v.expectedSignature,
		});
		expect(signaturesMatch(sig, parsed!.signature)).toBe(true);
	});

	it('vector B (GET with query string): signature', () => {
		const v = PUBLISHED.vectors[1];
		expect(utcDate(v.timestamp)).toBe(v.expectedDate);
		expect(computeSignature(PUBLISHED.secretKey, v.timestamp, v.service, canonicalFor(v))).toBe(v.expectedSignature);
	});

	it('one changed body byte changes the signature', () => {
		const v = PUBLISHED.vectors[0];
		const tampered = { ...v, body: v.body.replace('"Limit": 1', '"Limit": 2') };
		expect(computeSignature(PUBLISHED.secretKey, v.timestamp, v.service, canonicalFor(tampered))).not.toBe(v.expectedSignature);
	});
});

describe('TC3 verifier agrees with the Tencent SDK signer', () => {
	const bodies = ['{}', '{"VpcId":"vpc-emu00001","TrafficMirrorName":"名字"}', '', '{"Limit": 100, "Offset": 3}'];
	it.each(bodies.map((b, i) => [i, b]))('body #%i', (_i, body) => {
		const timestamp = 1700000000 + (body as string).length * 86399;
		const auth = Sign.sign3({
			method: 'POST',
			url: 'http://vpc.tencentcloudapi.com:8443/',
			payload: Buffer.from(body as string, 'utf8'),
			timestamp,
			service: 'vpc',
			secretId: 'AKIDtest',
			secretKey: 'secret-key',
			multipart: false,
			boundary: '',
			headers: { 'Content-Type': 'application/json' },
		});
		const parsed = parseAuthorization(auth)!;
		expect(parsed.date).toBe(utcDate(timestamp));
		const canonical = buildCanonicalRequest({
			method: 'POST',
			path: '/',
			query: '',
			// The Host header carries the port; the canonical host must not.
			headers: { 'content-type': 'application/json', host: 'vpc.tencentcloudapi.com:8443' },
			signedHeaders: parsed.signedHeaders,
			body: Buffer.from(body as string, 'utf8'),
		});
		expect(computeSignature('secret-key', timestamp, 'vpc', canonical)).toBe(parsed.signature);
	});
});

describe('parseAuthorization', () => {
	const good = 'TC3-HMAC-SHA256 Credential=AKIDx/2024-01-02/vpc/tc3_request, SignedHeaders=content-type;host, Signature=abcd';
	it('accepts the standard form and other signed-header lists', () => {
		expect(parseAuthorization(good)?.secretId).toBe('AKIDx');
		expect(parseAuthorization(good.replace('content-type;host', 'content-type;host;x-tc-action'))?.signedHeaders).toEqual([
			'content-type',
			'host',
			'x-tc-action',
		]);
	});
	it.each([
		['other algorithm', good.replace('TC3-HMAC-SHA256', 'HMAC-SHA256')],
		['no space after algorithm', good.replace('TC3-HMAC-SHA256 ', 'TC3-HMAC-SHA256')],
		['scope too short', good.replace('/vpc/tc3_request', '/vpc')],
		['bad terminator', good.replace('tc3_request', 'aws4_request')],
		['bad date', good.replace('2024-01-02', '20240102')],
		['empty secret id', good.replace('AKIDx', '')],
		['missing Signature', good.replace(', Signature=abcd', '')],
		['host not signed', good.replace('content-type;host', 'content-type')],
		['upper-case header name', good.replace('content-type;host', 'Content-Type;host')],
		['duplicate field', good + ', Signature=abcd'],
		['junk field', good + ', Foo=bar'],
	])('rejects %s', (_name, value) => {
		expect(parseAuthorization(value)).toBeUndefined();
	});
});

describe('helpers', () => {
	it('hostWithoutPort', () => {
		expect(hostWithoutPort('127.0.0.1:4000')).toBe('127.0.0.1');
		expect(hostWithoutPort('vpc.tencentcloudapi.com')).toBe('vpc.tencentcloudapi.com');
		expect(hostWithoutPort('[::1]:4000')).toBe('[::1]');
	});
	it('signaturesMatch tolerates different lengths', () => {
		expect(signaturesMatch('abcd', 'abc')).toBe(false);
		expect(signaturesMatch('abcd', 'abce')).toBe(false);
		expect(signaturesMatch('abcd', 'abcd')).toBe(true);
	});
	it('utcDate uses UTC, not local time', () => {
		// 2019-02-25T23:59:59Z and one second later.
		expect(utcDate(1551139199)).toBe('2019-02-25');
		expect(utcDate(1551139200)).toBe('2019-02-26');
	});
});
