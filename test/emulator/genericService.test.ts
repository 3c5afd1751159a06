// Generic-service mode over real HTTP, driven by Tencent's own SDK client (an independent signer
// and GET encoder): any service in the credential scope, GET and POST, versions, the request log.
import * as http from 'node:http';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';

import { DEMO_KEY, type Emulator, startEmulator } from '../../dev/emulator';
import { unflattenQuery } from '../../dev/emulator/genericService';
import { call, codeOf, type Loose } from './signForTest';

let emu: Emulator;
let plain: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ genericServices: true, rateLimit: 0 });
	plain = await startEmulator({ rateLimit: 0 });
});
afterAll(async () => {
	await emu.stop();
	await plain.stop();
});
beforeEach(() => emu.reset());

// The SDK derives the service from the endpoint's first label: resolve *.emulator.test to the emulator.
const agent = new http.Agent({
	lookup: ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
		options.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) as never,
});

function sdkClient(service: string, version: string, reqMethod: 'GET' | 'POST' = 'POST', secretKey = DEMO_KEY.secretKey) {
	return new CommonClient(`${service}.emulator.test`, version, {
		credential: { secretId: DEMO_KEY.secretId, secretKey },
		region: 'ap-guangzhou',
		profile: { httpProfile: { endpoint: `${service}.emulator.test:${emu.port}`, protocol: 'http://', agent, reqMethod } },
	});
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (e) {
		return String((e as { code?: string }).code);
	}
	return 'Success';
}

describe('CVM DescribeInstances', () => {
	test('by POST: instances with the shape Tencent documents, tied to the inventory ENIs', async () => {
		const answer: Loose = await sdkClient('cvm', '2017-03-12').request('DescribeInstances', {
			Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00001'] }],
		});
		expect(answer.TotalCount).toBe(6);
		expect(answer.InstanceSet.map((i: Loose) => i.InstanceId)).toEqual(['ins-emu00001', 'ins-emu00002', 'ins-emu00003', 'ins-emu00004', 'ins-web00001', 'ins-web00002']);
		expect(answer.InstanceSet[0]).toMatchObject({
			InstanceId: 'ins-emu00001',
			InstanceName: 'app-1',
			InstanceState: 'RUNNING',
			PrivateIpAddresses: ['10.0.1.10'],
			Placement: { Zone: 'ap-guangzhou-3', ProjectId: 0 },
			VirtualPrivateCloud: { VpcId: 'vpc-emu00001', SubnetId: 'subnet-emu00001', AsVpcGateway: false },
			CreatedTime: '2024-01-15T02:00:00Z',
			Tags: [{ Key: 'service', Value: 'checkout' }, { Key: 'env', Value: 'prod' }],
		});
		expect(typeof answer.RequestId).toBe('string');

		const entry = emu.log[emu.log.length - 1];
		expect(entry).toMatchObject({
			service: 'cvm',
			version: '2017-03-12',
			action: 'DescribeInstances',
			region: 'ap-guangzhou',
			signatureVerdict: 'ok',
			code: 'Success',
			body: { Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00001'] }] },
		});
		expect(entry.headers['x-tc-version']).toBe('2017-03-12');
		expect(entry.headers.authorization).toMatch(/\/cvm\/tc3_request, /);
		expect(JSON.stringify(emu.log)).not.toContain(DEMO_KEY.secretKey);
	});

	test('by GET: the SDK\'s flat query (Filters.0.Name) with spaces and non-ASCII text finds the instance', async () => {
		const answer: Loose = await sdkClient('cvm', '2017-03-12', 'GET').request('DescribeInstances', {
			Filters: [{ Name: 'instance-name', Values: ['packet collector 抓包机'] }],
			Limit: 5,
		});
		expect(answer.InstanceSet.map((i: Loose) => [i.InstanceId, i.InstanceName, i.PrivateIpAddresses])).toEqual([
			['ins-emu00004', 'packet collector 抓包机', ['10.0.2.20']],
		]);
		expect(emu.log[emu.log.length - 1]).toMatchObject({
			service: 'cvm',
			query: { 'Filters.0.Name': 'instance-name', 'Filters.0.Values.0': 'packet collector 抓包机', Limit: '5' },
			body: { Filters: [{ Name: 'instance-name', Values: ['packet collector 抓包机'] }], Limit: '5' },
			rawBody: '',
		});
	});

	test('filters by private IP, pages with Offset and Limit, and is scoped to the region', async () => {
		const client = sdkClient('cvm', '2017-03-12');
		const byIp: Loose = await client.request('DescribeInstances', { Filters: [{ Name: 'private-ip-address', Values: ['10.0.2.10', '172.16.1.10'] }] });
		expect(byIp.InstanceSet.map((i: Loose) => i.InstanceId)).toEqual(['ins-emu00003', 'ins-emu00005']);
		const page: Loose = await client.request('DescribeInstances', { Offset: 2, Limit: 3 });
		expect(page.TotalCount).toBeGreaterThan(4000);
		expect(page.InstanceSet).toHaveLength(3);
		const byTag: Loose = await client.request('DescribeInstances', { Filters: [{ Name: 'tag:env', Values: ['staging'] }] });
		expect(byTag.InstanceSet.map((i: Loose) => i.InstanceId)).toEqual(['ins-emu00005']);
		const byId: Loose = await client.request('DescribeInstances', { InstanceIds: ['ins-emu00006'] });
		expect(byId).toMatchObject({ TotalCount: 0, InstanceSet: [] });
	});

	test.each<[string, Record<string, unknown>, string]>([
		['InstanceIds with Filters', { InstanceIds: ['ins-emu00001'], Filters: [{ Name: 'zone', Values: ['ap-guangzhou-3'] }] }, 'InvalidParameter'],
		['a Limit over 100', { Limit: 101 }, 'InvalidParameterValue.LimitExceeded'],
		['an unknown filter', { Filters: [{ Name: 'colour', Values: ['red'] }] }, 'InvalidFilter'],
		['a malformed instance ID', { InstanceIds: ['i-123'] }, 'InvalidInstanceId.Malformed'],
		['an unknown parameter', { Limits: 1 }, 'UnknownParameter'],
	])('refuses %s', async (_name, body, code) => {
		expect(await errorCode(sdkClient('cvm', '2017-03-12').request('DescribeInstances', body))).toBe(code);
	});
});

describe('versions, services and signatures', () => {
	const metricRequest = {
		Namespace: 'QCE/CVM',
		MetricName: 'CPUUsage',
		Period: 60,
		Instances: [{ Dimensions: [{ Name: 'InstanceId', Value: 'ins-emu00001' }] }],
		StartTime: '2026-12-03T10:00:00+08:00',
		EndTime: '2026-12-03T10:03:00+08:00',
	};

	test('monitor 2018-07-24 answers GetMonitorData; 2023-06-16 has no such action', async () => {
		const answer: Loose = await sdkClient('monitor', '2018-07-24').request('GetMonitorData', metricRequest);
		expect(answer).toMatchObject({
			Period: 60,
			MetricName: 'CPUUsage',
			StartTime: '2026-12-03T10:00:00+08:00',
			EndTime: '2026-12-03T10:03:00+08:00',
			DataPoints: [{ Dimensions: [{ Name: 'InstanceId', Value: 'ins-emu00001' }], Timestamps: [0, 60, 120, 180].map((s) => Date.parse('2026-12-03T02:00:00Z') / 1000 + s) }],
		});
		expect(answer.DataPoints[0].Values).toHaveLength(4);
		expect(emu.log[emu.log.length - 1]).toMatchObject({ service: 'monitor', version: '2018-07-24' });
		expect(await errorCode(sdkClient('monitor', '2023-06-16').request('GetMonitorData', metricRequest))).toBe('InvalidAction');
	});

	test('a version the service does not have → NoSuchVersion, naming the versions', async () => {
		expect(await errorCode(sdkClient('cvm', '2018-01-01').request('DescribeInstances', {}))).toBe('NoSuchVersion');
		expect(emu.log[emu.log.length - 1]).toMatchObject({ code: 'NoSuchVersion', service: 'cvm', version: '2018-01-01' });
	});

	test('a service Tencent does not have → AuthFailure.InvalidAuthorization; an action the mode does not answer → InvalidAction', async () => {
		expect(await errorCode(sdkClient('nosuchservice', '2020-01-01').request('DescribeThings', {}))).toBe('AuthFailure.InvalidAuthorization');
		expect(await errorCode(sdkClient('tag', '2018-08-13').request('GetResources', {}))).toBe('InvalidAction');
	});

	test('the signature is verified for the scope\'s service: a wrong key fails, GET and POST', async () => {
		for (const method of ['GET', 'POST'] as const) {
			expect(await errorCode(sdkClient('cvm', '2017-03-12', method, 'not-the-secret-key').request('DescribeInstances', {}))).toBe(
				'AuthFailure.SignatureFailure',
			);
		}
	});

	test('VPC keeps its own pipeline: its actions answer, a GET to vpc is still refused', async () => {
		expect(codeOf(await call(emu.url, 'DescribeVpcs', {}))).toBe('Success');
		expect(await errorCode(sdkClient('vpc', '2017-03-12', 'GET').request('DescribeVpcs', {}))).toBe('UnsupportedProtocol');
	});

	test('without the mode, another service is refused as before', async () => {
		expect(codeOf(await call(plain.url, 'DescribeInstances', {}, { service: 'cvm' }))).toBe('AuthFailure.InvalidAuthorization');
	});
});

describe('unflattenQuery', () => {
	test('folds dotted names back into objects and arrays', () => {
		expect(
			unflattenQuery([
				['Filters.0.Name', 'zone'],
				['Filters.0.Values.0', 'a'],
				['Filters.0.Values.1', 'b'],
				['Limit', '1'],
			]),
		).toEqual({ Filters: [{ Name: 'zone', Values: ['a', 'b'] }], Limit: '1' });
	});

	test('refuses a name given twice or clashing with another', () => {
		expect(() => unflattenQuery([['Limit', '1'], ['Limit', '2']])).toThrow('given twice');
		expect(() => unflattenQuery([['Filters', 'x'], ['Filters.0.Name', 'zone']])).toThrow('conflicts');
	});
});
