import { resolveEndpoint } from '../../credentials/common/tencentCloudEndpoint';

describe('resolveEndpoint', () => {
	test('uses the international host by default and the China host for site china', () => {
		expect(resolveEndpoint(undefined, '', 'ap-guangzhou', 'vpc')).toEqual({
			baseUrl: 'https://vpc.intl.tencentcloudapi.com',
			signedHost: 'vpc.intl.tencentcloudapi.com',
			path: '/',
		});
		expect(resolveEndpoint('china', '', 'ap-beijing', 'vpc').signedHost).toBe('vpc.tencentcloudapi.com');
	});

	test.each(['ap-shanghai-fsi', 'ap-shenzhen-fsi'])('sends finance region %s to its regional host', (region) => {
		expect(resolveEndpoint('intl', '', region, 'vpc').baseUrl).toBe(`https://vpc.${region}.tencentcloudapi.com`);
	});

	test('a custom endpoint replaces the host, and the port is not part of the signed host', () => {
		expect(resolveEndpoint('intl', 'http://127.0.0.1:4599', 'ap-shanghai-fsi', 'vpc')).toEqual({
			baseUrl: 'http://127.0.0.1:4599',
			signedHost: '127.0.0.1',
			path: '/',
		});
		expect(resolveEndpoint('intl', 'https://vpc.ap-guangzhou.tencentcloudapi.com/', 'ap-guangzhou', 'vpc').signedHost).toBe(
			'vpc.ap-guangzhou.tencentcloudapi.com',
		);
	});

	test.each(['http://10.0.0.5:8080', 'http://vpc.example.com', 'ftp://127.0.0.1'])(
		'refuses %s: plain http only on loopback',
		(endpoint) => {
			expect(() => resolveEndpoint('intl', endpoint, 'ap-guangzhou', 'vpc')).toThrow(/https:\/\//);
		},
	);

	test.each(['http://localhost:1', 'http://[::1]:2', 'http://127.0.0.2:3'])('accepts loopback %s over http', (endpoint) => {
		expect(resolveEndpoint('intl', endpoint, 'ap-guangzhou', 'vpc').baseUrl).toBe(endpoint);
	});

	test('the standard host is the named service\'s, on each site and in the finance regions', () => {
		expect(resolveEndpoint('intl', '', 'ap-guangzhou', 'cvm').baseUrl).toBe('https://cvm.intl.tencentcloudapi.com');
		expect(resolveEndpoint('china', '', 'ap-guangzhou', 'monitor').baseUrl).toBe('https://monitor.tencentcloudapi.com');
		expect(resolveEndpoint('china', '', 'ap-shenzhen-fsi', 'cvm').baseUrl).toBe('https://cvm.ap-shenzhen-fsi.tencentcloudapi.com');
		// An Endpoint serves whichever service the caller names.
		expect(resolveEndpoint('intl', 'http://127.0.0.1:4599', 'ap-guangzhou', 'cvm').baseUrl).toBe('http://127.0.0.1:4599');
	});

	test('a Site value it does not know means the international site', () => {
		expect(resolveEndpoint('constructor', '', 'ap-guangzhou', 'vpc').baseUrl).toBe('https://vpc.intl.tencentcloudapi.com');
	});

	test('names the problem when the endpoint is not a URL', () => {
		expect(() => resolveEndpoint('intl', 'vpc.example', 'ap-guangzhou', 'vpc')).toThrow(/Endpoint "vpc.example" is not a URL/);
	});
});
