// The pure parts of signing any Tencent Cloud API call: service and version, the query as
// Tencent reads it, and the checks that turn an unsignable request into a clear message.
import { TENCENT_CLOUD_API_VERSIONS } from '../../credentials/common/tencentCloudApiVersions';
import {
	buildQueryString,
	encodeRfc3986,
	flattenQueryParameters,
	mergeQueryPairs,
} from '../../credentials/common/tencentCloudQuery';
import {
	absoluteTarget,
	callHeaders,
	callUrl,
	describeTencentCloudCall,
	headerValue,
	jsonPayload,
	type OutgoingRequest,
} from '../../credentials/common/tencentCloudRequest';
import { knownApiVersions, resolveApiVersion, resolveService } from '../../credentials/common/tencentCloudService';

describe('resolveService', () => {
	test.each([
		['cvm.tencentcloudapi.com', 'cvm'],
		['cvm.ap-guangzhou.tencentcloudapi.com', 'cvm'],
		['tag.intl.tencentcloudapi.com', 'tag'],
		['CLB.TencentCloudAPI.com', 'clb'],
	])('takes the service from the first label of %s', (host, service) => {
		expect(resolveService(undefined, host)).toBe(service);
	});

	test('X-TC-Service wins over the host, and is what a loopback endpoint needs', () => {
		expect(resolveService('monitor', 'cvm.tencentcloudapi.com')).toBe('monitor');
		expect(resolveService(' cvm ', '127.0.0.1')).toBe('cvm');
	});

	test.each(['127.0.0.1', 'localhost', 'tencentcloudapi.com', 'cvm.tencentcloudapi.com.evil.example', 'vpc.internal.example'])(
		'asks for X-TC-Service when the host %s names no service',
		(host) => {
			expect(() => resolveService(undefined, host)).toThrow(
				`Tencent Cloud cannot tell the service from the host "${host}": add the header X-TC-Service`,
			);
			expect(() => resolveService('', host)).toThrow(/add the header X-TC-Service/);
		},
	);

	test('refuses a service name that is not one', () => {
		expect(() => resolveService('cvm.ap-guangzhou', '127.0.0.1')).toThrow(/X-TC-Service "cvm.ap-guangzhou" is not a Tencent Cloud service name/);
	});
});

describe('resolveApiVersion', () => {
	test('a service with one version needs no X-TC-Version', () => {
		expect(resolveApiVersion('cvm', undefined)).toBe('2017-03-12');
		expect(resolveApiVersion('tag', '')).toBe('2018-08-13');
		expect(resolveApiVersion('vpc', undefined)).toBe('2017-03-12');
	});

	test('X-TC-Version wins, for a service of several versions or one the table does not know', () => {
		expect(resolveApiVersion('monitor', '2018-07-24')).toBe('2018-07-24');
		expect(resolveApiVersion('cvm', '2099-01-01')).toBe('2099-01-01');
		expect(resolveApiVersion('brandnewservice', '2026-01-01')).toBe('2026-01-01');
	});

	test('a service of several versions: the error names them', () => {
		expect(() => resolveApiVersion('monitor', undefined)).toThrow(
			'Tencent Cloud service "monitor" has several API versions (2023-06-16, 2018-07-24): set the header X-TC-Version to the one you call',
		);
		expect(() => resolveApiVersion('iotvideo', '')).toThrow('(2021-11-25, 2020-12-15, 2019-11-26)');
	});

	test('a service the table does not know asks for X-TC-Version', () => {
		expect(() => resolveApiVersion('brandnewservice', undefined)).toThrow(
			/"brandnewservice" is not in this credential's table of API versions: set the header X-TC-Version/,
		);
		// Not fooled by names every object has.
		expect(knownApiVersions('constructor')).toBeUndefined();
		expect(() => resolveApiVersion('constructor', undefined)).toThrow(/not in this credential's table/);
	});

	test('refuses a version that is not a date', () => {
		expect(() => resolveApiVersion('cvm', 'latest')).toThrow('X-TC-Version "latest" is not an API version');
	});

	test('the shipped table holds every service with its versions, newest first', () => {
		const services = Object.keys(TENCENT_CLOUD_API_VERSIONS);
		expect(services.length).toBeGreaterThan(250);
		for (const versions of Object.values(TENCENT_CLOUD_API_VERSIONS)) {
			expect([...versions].sort().reverse()).toEqual(versions);
		}
	});
});

describe('query parameters as Tencent reads them', () => {
	test('nested values flatten to dotted names, arrays by index, in order', () => {
		expect(
			flattenQueryParameters({
				Filters: [
					{ Name: 'zone', Values: ['ap-guangzhou-3', 'ap-guangzhou-4'] },
					{ Name: 'instance-name', Values: ['web 1'] },
				],
				Limit: 20,
				DryRun: false,
				Skipped: null,
				Empty: [],
			}),
		).toEqual([
			['Filters.0.Name', 'zone'],
			['Filters.0.Values.0', 'ap-guangzhou-3'],
			['Filters.0.Values.1', 'ap-guangzhou-4'],
			['Filters.1.Name', 'instance-name'],
			['Filters.1.Values.0', 'web 1'],
			['Limit', '20'],
			['DryRun', 'false'],
		]);
	});

	test('names already written the flat way stay as they are', () => {
		expect(flattenQueryParameters({ 'Filters.0.Name': 'zone', 'Filters.0.Values.0': 'ap-guangzhou-3' })).toEqual([
			['Filters.0.Name', 'zone'],
			['Filters.0.Values.0', 'ap-guangzhou-3'],
		]);
	});

	test('RFC 3986 encoding in UTF-8, capital hex, nothing but unreserved characters left bare', () => {
		expect(encodeRfc3986("a b+c/d?e=f&g'h(i)*!~._-")).toBe('a%20b%2Bc%2Fd%3Fe%3Df%26g%27h%28i%29%2A%21~._-');
		expect(encodeRfc3986('未命名 é')).toBe('%E6%9C%AA%E5%91%BD%E5%90%8D%20%C3%A9');
		expect(buildQueryString([['Filters.0.Name', 'instance-name'], ['Filters.0.Values.0', '未命名 web']])).toBe(
			'Filters.0.Name=instance-name&Filters.0.Values.0=%E6%9C%AA%E5%91%BD%E5%90%8D%20web',
		);
	});

	test('the URL query and the query parameters merge; a name given twice is refused', () => {
		expect(mergeQueryPairs([['Limit', '1']], [['Offset', '0']])).toEqual([
			['Limit', '1'],
			['Offset', '0'],
		]);
		expect(() => mergeQueryPairs([['Limit', '1']], [['Limit', '2']])).toThrow('The query parameter "Limit" is given twice');
	});
});

describe('absoluteTarget: which requests are the HTTP Request node\'s', () => {
	test('a path only (the VPC node, the credential Test) has none', () => {
		expect(absoluteTarget({ url: '/' })).toBeUndefined();
		expect(absoluteTarget({ url: '/', headers: { 'X-TC-Action': 'DescribeVpcs' } })).toBeUndefined();
	});

	test('uri (legacy options), url, or baseURL and url', () => {
		expect(absoluteTarget({ uri: 'https://cvm.tencentcloudapi.com/' })?.href).toBe('https://cvm.tencentcloudapi.com/');
		expect(absoluteTarget({ url: 'http://127.0.0.1:4000/x' })?.host).toBe('127.0.0.1:4000');
		expect(absoluteTarget({ baseURL: 'https://tag.tencentcloudapi.com/', url: '/' })?.href).toBe('https://tag.tencentcloudapi.com/');
	});
});

describe('describeTencentCloudCall', () => {
	const describeCall = (options: OutgoingRequest) => describeTencentCloudCall(options, absoluteTarget(options)!);

	test('a POST with an object body: service from the host, the only version, JSON as sent', () => {
		const call = describeCall({
			method: 'POST',
			uri: 'https://cvm.ap-guangzhou.tencentcloudapi.com/',
			headers: { 'x-tc-action': 'DescribeInstances', 'x-tc-region': 'ap-guangzhou' },
			body: { Limit: 1, Filters: [{ Name: 'zone', Values: ['ap-guangzhou-3'] }] },
		});
		expect(call).toEqual({
			method: 'POST',
			origin: 'https://cvm.ap-guangzhou.tencentcloudapi.com',
			path: '/',
			signedHost: 'cvm.ap-guangzhou.tencentcloudapi.com',
			service: 'cvm',
			version: '2017-03-12',
			action: 'DescribeInstances',
			region: 'ap-guangzhou',
			query: '',
			contentType: 'application/json; charset=utf-8',
			payload: '{"Limit":1,"Filters":[{"Name":"zone","Values":["ap-guangzhou-3"]}]}',
			otherHeaders: {},
		});
	});

	test('a GET: the URL query and qs merged and flattened, an empty payload, form content type', () => {
		const call = describeCall({
			method: 'GET',
			uri: 'http://127.0.0.1:4000/api?Limit=10&Note=two%20words',
			qs: { Filters: [{ Name: 'instance-name', Values: ['web 未命名'] }] },
			headers: { 'X-TC-Service': 'cvm', 'X-TC-Action': 'DescribeInstances', Accept: 'application/json' },
		});
		expect(call).toMatchObject({
			method: 'GET',
			origin: 'http://127.0.0.1:4000',
			path: '/api',
			signedHost: '127.0.0.1',
			service: 'cvm',
			query: 'Limit=10&Note=two%20words&Filters.0.Name=instance-name&Filters.0.Values.0=web%20%E6%9C%AA%E5%91%BD%E5%90%8D',
			contentType: 'application/x-www-form-urlencoded',
			payload: '',
			otherHeaders: { Accept: 'application/json' },
		});
		expect(callUrl(call)).toBe(
			'http://127.0.0.1:4000/api?Limit=10&Note=two%20words&Filters.0.Name=instance-name&Filters.0.Values.0=web%20%E6%9C%AA%E5%91%BD%E5%90%8D',
		);
		// What the HTTP client will send is exactly what was signed: URL parsing leaves it as is.
		expect(new URL(callUrl(call)).search.slice(1)).toBe(call.query);
	});

	test('a JSON string body is signed as written, trimmed as n8n sends it', () => {
		expect(jsonPayload('  {"Limit": 1,\n "Offset":0}\n')).toBe('{"Limit": 1,\n "Offset":0}');
		expect(jsonPayload(undefined)).toBe('{}');
		expect(jsonPayload('')).toBe('{}');
	});

	test('headers are read whatever their case, and each goes out once in its own spelling', () => {
		const call = describeCall({
			method: 'POST',
			uri: 'https://tag.tencentcloudapi.com/',
			headers: {
				'x-tc-action': 'GetResources',
				'X-Tc-Region': 'ap-guangzhou',
				'x-tc-version': '2018-08-13',
				'content-type': 'application/json',
				'X-TC-Language': 'en-US',
				authorization: 'left over',
				'x-tc-timestamp': '1',
			},
			body: '{}',
		});
		const headers = callHeaders(call, { authorization: 'TC3-HMAC-SHA256 …', timestamp: 1700000000, sessionToken: 'token' });
		expect(headers).toEqual({
			'X-TC-Language': 'en-US',
			'Content-Type': 'application/json; charset=utf-8',
			'X-TC-Action': 'GetResources',
			'X-TC-Version': '2018-08-13',
			'X-TC-Region': 'ap-guangzhou',
			'X-TC-Timestamp': '1700000000',
			'X-TC-Token': 'token',
			Authorization: 'TC3-HMAC-SHA256 …',
		});
		expect(headerValue({ 'x-tc-region': 'a', 'X-TC-Region': 'a' }, 'X-TC-REGION')).toBe('a');
		expect(() => headerValue({ 'x-tc-region': 'a', 'X-TC-Region': 'b' }, 'X-TC-Region')).toThrow('given twice with different values');
	});

	test('X-TC-Service is never sent; no region header when none is given', () => {
		const call = describeCall({ method: 'POST', uri: 'http://[::1]:9/', headers: { 'x-tc-service': 'cvm', 'x-tc-action': 'DescribeZones' } });
		const headers = callHeaders(call, { authorization: 'a', timestamp: 1 });
		expect(Object.keys(headers).map((h) => h.toLowerCase())).toEqual(['content-type', 'x-tc-action', 'x-tc-version', 'x-tc-timestamp', 'authorization']);
		expect(call.signedHost).toBe('[::1]');
	});

	const post = { method: 'POST', uri: 'https://cvm.tencentcloudapi.com/', headers: { 'X-TC-Action': 'DescribeInstances' } };
	test.each<[string, OutgoingRequest, string | RegExp]>([
		['no action', { ...post, headers: {} }, 'Set the header X-TC-Action to the Tencent Cloud API action to call'],
		['a loopback URL without X-TC-Service', { ...post, uri: 'http://127.0.0.1:4000/' }, 'Tencent Cloud cannot tell the service from the host "127.0.0.1": add the header X-TC-Service'],
		['plain http off loopback', { ...post, uri: 'http://cvm.tencentcloudapi.com/' }, /must use https:\/\/ \(http:\/\/ is accepted only for 127.0.0.1, localhost or \[::1\]\), not http:\/\/cvm/],
		['PUT', { ...post, method: 'PUT' }, 'Tencent Cloud API 3.0 takes GET or POST requests, not PUT'],
		['a form-urlencoded POST (legacy form)', { ...post, form: { Limit: '1' } }, /does not take a form-urlencoded body/],
		['a form-urlencoded POST (content type)', { ...post, headers: { ...post.headers, 'content-type': 'application/x-www-form-urlencoded' }, body: 'Limit=1' }, /does not take a form-urlencoded body/],
		['a multipart POST (legacy formData)', { ...post, formData: { file: 'x' } }, /does not sign multipart\/form-data bodies/],
		['a multipart content type', { ...post, headers: { ...post.headers, 'Content-Type': 'multipart/form-data; boundary=x' } }, /does not sign multipart\/form-data bodies/],
		['a stream body', { ...post, body: { pipe: () => undefined } }, /does not sign a binary or streamed body/],
		['a binary body', { ...post, body: Buffer.from('{}') }, /does not sign a binary or streamed body/],
		['a body that is not JSON', { ...post, body: 'Limit=1' }, 'The request body is not JSON'],
		['a JSON array body', { ...post, body: '[1]' }, 'The request body must be a JSON object'],
		['a text content type', { ...post, headers: { ...post.headers, 'content-type': 'text/plain' }, body: '{}' }, 'takes a POST body as application/json, not text/plain'],
		['query parameters on a POST', { ...post, qs: { Limit: 1 } }, /A POST request to Tencent Cloud carries its parameters in the JSON body/],
		['a GET with a body', { ...post, method: 'GET', body: { Limit: 1 } }, /A GET request to Tencent Cloud carries its parameters in the query/],
		['a several-version service without X-TC-Version', { ...post, uri: 'https://monitor.tencentcloudapi.com/' }, /"monitor" has several API versions \(2023-06-16, 2018-07-24\)/],
	])('refuses %s with a message that says what to change', (_name, options, message) => {
		expect(() => describeCall(options)).toThrow(message);
	});
});
