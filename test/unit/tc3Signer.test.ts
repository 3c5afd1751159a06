import { createHash } from 'node:crypto';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { buildCanonicalRequest, signTc3, tc3Date } from '../../credentials/common/tc3Signer';
import { TRAFFIC_MIRROR_REGIONS } from '../../nodes/TencentCloudVpc/helpers/regions';
import { PUBLISHED_TC3_VECTORS } from '../support/publishedTc3Vectors';
import { pick, randomText, seededRandom } from '../support/random';

// Tencent's own signer, used only as the oracle our implementation must agree with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TencentSdkSign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign').default as {
	sign3(options: {
		method: string;
		url: string;
		payload: Buffer;
		timestamp: number;
		service: string;
		secretId: string;
		secretKey: string;
		headers: Record<string, string>;
	}): string;
};

const vectorFile = PUBLISHED_TC3_VECTORS;

describe('TC3-HMAC-SHA256 signer', () => {
	test.each(vectorFile.vectors.map((vector) => [vector.name, vector] as const))(
		'reproduces Tencent\'s published example "%s"',
		(_name, vector) => {
			const input = {
				secretId: vectorFile.secretId,
				secretKey: vectorFile.secretKey,
				service: vector.service,
				host: vector.host,
				timestamp: vector.timestamp,
				contentType: vector.contentType,
				payload: vector.body,
				method: vector.method,
				path: vector.path,
				query: vector.query,
			};
			const signed = signTc3(input);
			expect(signed.date).toBe(vector.expectedDate);
			expect(signed.signature).toBe(vector.expectedSignature);
			if (vector.expectedCanonicalRequestHash) {
				// Despite its name this field holds the doc's HashedRequestPayload: the canonical
				// request's last line, sha256 of the body bytes.
				const canonicalRequest = buildCanonicalRequest(input);
				expect(canonicalRequest.split('\n').pop()).toBe(vector.expectedCanonicalRequestHash);
				expect(createHash('sha256').update(vector.body).digest('hex')).toBe(vector.expectedCanonicalRequestHash);
			}
			if (vector.expectedAuthorization) expect(signed.authorization).toBe(vector.expectedAuthorization);
		},
	);

	test('dates the scope by UTC, on both sides of midnight', () => {
		const midnight = Date.UTC(2026, 10, 28) / 1000;
		expect(tc3Date(midnight - 1)).toBe('2026-11-27');
		expect(tc3Date(midnight)).toBe('2026-11-28');
	});

	test('a one-byte change of the body changes the signature', () => {
		const base = {
			secretId: 'AKIDtest',
			secretKey: 'secret',
			service: 'vpc',
			host: 'vpc.intl.tencentcloudapi.com',
			timestamp: 1_700_000_000,
			contentType: 'application/json; charset=utf-8',
		};
		expect(signTc3({ ...base, payload: '{"a":1}' }).signature).not.toBe(
			signTc3({ ...base, payload: '{"a":2}' }).signature,
		);
	});
});

describe('the credential signs exactly as tencentcloud-sdk-nodejs-common', () => {
	const credentialType = new TencentCloudApi();
	const GENERATED_REQUESTS = 1200;
	const midnight = Date.UTC(2026, 10, 28) / 1000;
	const ACTIONS = ['CreateTrafficMirror', 'DescribeTrafficMirrors', 'DeleteTrafficMirror', 'DescribeVpcs'];

	afterEach(() => jest.restoreAllMocks());

	test(`agrees on ${GENERATED_REQUESTS} generated requests (unicode, tokens, every region, around UTC midnight)`, async () => {
		const random = seededRandom(20261127);
		let compared = 0;
		for (let i = 0; i < GENERATED_REQUESTS; i++) {
			const region = pick(random, TRAFFIC_MIRROR_REGIONS).value;
			const timestamp = pick(random, [midnight - 1, midnight, midnight + 1, midnight - 86_400, 1_551_113_065]) +
				Math.floor(random() * 3) * (random() < 0.5 ? -1 : 1);
			const credentials = {
				secretId: `AKID${randomText(random, 8).replace(/\s/g, 'x')}`,
				secretKey: randomText(random, 40).trim() || 'k',
				sessionToken: random() < 0.4 ? randomText(random, 60).trim() : '',
				site: pick(random, ['intl', 'china']),
				endpoint: pick(random, ['', '', 'http://127.0.0.1:8123', 'https://vpc.ap-guangzhou.tencentcloudapi.com', 'https://[::1]:9443/tc']),
			};
			const body = {
				VpcId: `vpc-${randomText(random, 8)}`,
				TrafficMirrorName: randomText(random),
				TrafficMirrorDescribe: randomText(random, 60),
				CollectorSrcs: [randomText(random, 12), randomText(random, 12)],
				Tags: [{ Key: randomText(random, 10), Value: randomText(random, 10) }],
			};
			jest.spyOn(Date, 'now').mockReturnValue(timestamp * 1000 + 999);

			const signed = await credentialType.authenticate(credentials, {
				method: 'POST',
				url: '/',
				headers: { 'X-TC-Action': pick(random, ACTIONS), 'X-TC-Region': region },
				body,
			});
			const headers = signed.headers as Record<string, string>;
			const oracle = TencentSdkSign.sign3({
				method: 'POST',
				url: signed.url,
				payload: Buffer.from(signed.body as string, 'utf8'),
				timestamp,
				service: 'vpc',
				secretId: credentials.secretId,
				secretKey: credentials.secretKey,
				headers: { 'Content-Type': headers['Content-Type'] },
			});
			expect(headers.Authorization).toBe(oracle);
			expect(JSON.parse(signed.body as string)).toEqual(body);
			expect(headers['X-TC-Timestamp']).toBe(String(timestamp));
			compared++;
		}
		expect(compared).toBe(GENERATED_REQUESTS);
	});
});
