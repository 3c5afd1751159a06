import { createHash } from 'node:crypto';
import * as querystring from 'node:querystring';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { buildCanonicalRequest, signTc3, tc3Date } from '../../credentials/common/tc3Signer';
import { TENCENT_CLOUD_API_VERSIONS } from '../../credentials/common/tencentCloudApiVersions';
import { TRAFFIC_MIRROR_REGIONS } from '../../nodes/TencentCloudVpc/network/regions';
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
				// As the VPC node names its calls (nodes/TencentCloudVpc/transport).
				headers: { 'X-TC-Service': 'vpc', 'X-TC-Version': '2017-03-12', 'X-TC-Action': pick(random, ACTIONS), 'X-TC-Region': region },
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

// The SDK's own flattening of nested parameters for a GET (AbstractClient.mergeData), used as an oracle.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SdkAbstractClient = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/abstract_client').AbstractClient as {
	prototype: { mergeData(data: unknown, prefix?: string): Record<string, unknown> };
};
function sdkFlatten(data: unknown): Record<string, unknown> {
	const mergeData = SdkAbstractClient.prototype.mergeData;
	return mergeData.call({ mergeData }, data);
}

describe('any Tencent Cloud API (HTTP Request node): the credential signs exactly as tencentcloud-sdk-nodejs-common', () => {
	const credentialType = new TencentCloudApi();
	const GENERATED_REQUESTS = 600;
	const midnight = Date.UTC(2026, 10, 28) / 1000;
	const SERVICES = Object.keys(TENCENT_CLOUD_API_VERSIONS);

	afterEach(() => jest.restoreAllMocks());

	test("reproduces Tencent's published GET example through authenticate()", async () => {
		const vector = vectorFile.vectors.find((v) => v.method === 'GET')!;
		jest.spyOn(Date, 'now').mockReturnValue(vector.timestamp * 1000);
		const signed = (await credentialType.authenticate(
			{ secretId: vectorFile.secretId, secretKey: vectorFile.secretKey, sessionToken: '' },
			{ method: 'GET', uri: `https://${vector.host}${vector.path}?${vector.query}`, headers: { 'x-tc-action': 'DescribeInstances' } } as never,
		)) as unknown as { uri: string; headers: Record<string, string> };
		expect(signed.uri).toBe(`https://${vector.host}/?${vector.query}`);
		expect(signed.headers.Authorization).toContain(`Signature=${vector.expectedSignature}`);
	});

	test(`agrees on ${GENERATED_REQUESTS} generated GET and POST requests to every kind of service (unicode, nested query, tokens)`, async () => {
		const random = seededRandom(20261203);
		let compared = 0;
		for (let i = 0; i < GENERATED_REQUESTS; i++) {
			const service = pick(random, SERVICES);
			const method = pick(random, ['GET', 'POST'] as const);
			const timestamp = pick(random, [midnight - 1, midnight, midnight + 1, 1_551_113_065]);
			const credentials = {
				secretId: `AKID${randomText(random, 8).replace(/\s/g, 'x')}`,
				secretKey: randomText(random, 40).trim() || 'k',
				sessionToken: random() < 0.4 ? randomText(random, 60).trim() : '',
			};
			const byHost = random() < 0.5;
			const host = byHost
				? pick(random, [`${service}.tencentcloudapi.com`, `${service}.ap-guangzhou.tencentcloudapi.com`, `${service}.intl.tencentcloudapi.com`])
				: pick(random, ['127.0.0.1:4599', 'localhost:8080', '[::1]:9443']);
			const scheme = byHost ? 'https' : 'http';
			const parameters = {
				Limit: Math.floor(random() * 100),
				Filters: [{ Name: randomText(random, 12), Values: [randomText(random, 12), randomText(random, 12)] }],
				Note: randomText(random, 30),
			};
			const versions = TENCENT_CLOUD_API_VERSIONS[service];
			const headerCase = (name: string) => (random() < 0.5 ? name.toLowerCase() : name);
			const headers: Record<string, string> = {
				[headerCase('X-TC-Action')]: 'DescribeSomething',
				[headerCase('X-TC-Region')]: 'ap-guangzhou',
				...(versions.length > 1 || random() < 0.3 ? { [headerCase('X-TC-Version')]: pick(random, versions) } : {}),
				...(byHost ? {} : { [headerCase('X-TC-Service')]: service }),
			};
			jest.spyOn(Date, 'now').mockReturnValue(timestamp * 1000 + 999);

			const request =
				method === 'GET'
					? { method, uri: `${scheme}://${host}/?Offset=${i}`, qs: parameters, headers }
					: { method, uri: `${scheme}://${host}/`, body: random() < 0.5 ? parameters : JSON.stringify(parameters, null, 1), headers };
			const signed = (await credentialType.authenticate(credentials, request as never)) as unknown as {
				uri: string;
				body?: string;
				headers: Record<string, string>;
			};
			const oracle = TencentSdkSign.sign3({
				method,
				url: signed.uri,
				payload: Buffer.from(method === 'GET' ? '' : signed.body!, 'utf8'),
				timestamp,
				service,
				secretId: credentials.secretId,
				secretKey: credentials.secretKey,
				headers: { 'Content-Type': signed.headers['Content-Type'] },
			});
			expect(signed.headers.Authorization).toBe(oracle);
			if (method === 'GET') {
				expect(signed.body).toBeUndefined();
				expect(signed.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
				// The query holds what the SDK would send for the same parameters, in Tencent's flat form.
				const sent = Object.fromEntries(new URL(signed.uri).searchParams);
				const sdkForm = Object.fromEntries(new URLSearchParams(querystring.stringify(sdkFlatten({ Offset: i, ...parameters }) as never)));
				expect(sent).toEqual(sdkForm);
			} else {
				expect(JSON.parse(signed.body!)).toEqual(parameters);
			}
			expect(signed.headers['X-TC-Version']).toBe(headers['X-TC-Version'] ?? headers['x-tc-version'] ?? versions[0]);
			expect(Object.keys(signed.headers).filter((h) => h.toLowerCase() === 'x-tc-service')).toEqual([]);
			expect(signed.headers['X-TC-Token']).toBe(credentials.sessionToken || undefined);
			compared++;
		}
		expect(compared).toBe(GENERATED_REQUESTS);
	});
});
