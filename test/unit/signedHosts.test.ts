// The host rule: the credential signs only for Tencent Cloud's API, its own Endpoint, this
// machine and the hosts listed in Extra Hosts to Sign (issue 23).
import type { IHttpRequestOptions } from 'n8n-workflow';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import {
	assertMaySignFor,
	isLoopbackHost,
	isTencentCloudApiHost,
	maySignFor,
	parseExtraSignedHosts,
} from '../../credentials/common/signedHosts';

const may = (url: string, settings = {}) => maySignFor(new URL(url), settings);

describe('maySignFor: Tencent Cloud API hosts', () => {
	test.each([
		'https://cvm.tencentcloudapi.com/',
		'https://cvm.ap-guangzhou.tencentcloudapi.com/',
		'https://vpc.ap-shanghai-fsi.tencentcloudapi.com/',
		'https://tag.intl.tencentcloudapi.com/',
		'https://CVM.TencentCloudAPI.COM/',
		'https://cvm.tencentcloudapi.com./',
		'https://cvm.tencentcloudapi.com:8443/x?y=1',
	])('signs for %s', (url) => {
		expect(may(url)).toBe(true);
	});

	test.each([
		['a lookalike that ends in another domain', 'https://tencentcloudapi.com.attacker.example/'],
		['a lookalike that ends in another domain, service first', 'https://cvm.tencentcloudapi.com.attacker.example/'],
		['a name that only ends with the same letters', 'https://attacker-tencentcloudapi.com/'],
		['a name glued to the domain', 'https://xtencentcloudapi.com/'],
		['userinfo that looks like the host', 'https://cvm.tencentcloudapi.com@attacker.example/'],
		['userinfo with a password', 'https://cvm.tencentcloudapi.com:443@attacker.example/'],
		['a backslash, which WHATWG URL reads as a slash', 'https://attacker.example\\@cvm.tencentcloudapi.com/'],
		['the bare domain, which serves no API', 'https://tencentcloudapi.com/'],
		['another Tencent domain', 'https://cvm.tencentcloud.com/'],
		['a private address', 'https://10.1.2.3/'],
		['an IPv4-mapped loopback address', 'https://[::ffff:127.0.0.1]/'],
	])('refuses %s (%s)', (_name, url) => {
		expect(may(url)).toBe(false);
	});
});

describe('maySignFor: this machine', () => {
	test.each(['http://127.0.0.1:4599/', 'http://127.1.2.3/', 'http://localhost:8080/', 'http://LOCALHOST./', 'http://[::1]:9/', 'http://[0:0:0:0:0:0:0:1]/', 'http://2130706433/'])(
		'signs for loopback %s',
		(url) => {
			expect(may(url)).toBe(true);
		},
	);

	test('loopback by name only when the name is exactly localhost', () => {
		expect(isLoopbackHost('localhost.attacker.example')).toBe(false);
		expect(isLoopbackHost('127.0.0.1.attacker.example')).toBe(false);
		expect(isLoopbackHost('128.0.0.1')).toBe(false);
	});
});

describe('maySignFor: the credential\'s Endpoint and Extra Hosts to Sign', () => {
	test('the Endpoint\'s host, whatever its port, case or trailing dot', () => {
		const settings = { endpoint: 'https://tencent-gw.corp.example:8443/tc' };
		expect(may('https://tencent-gw.corp.example/', settings)).toBe(true);
		expect(may('https://TENCENT-GW.corp.example.:9/other', settings)).toBe(true);
		expect(may('https://corp.example/', settings)).toBe(false);
		expect(may('https://x.tencent-gw.corp.example/', settings)).toBe(false);
		expect(may('https://tencent-gw.corp.example/')).toBe(false);
	});

	test('an Endpoint that is not a URL adds no host and does not stop calls to Tencent', () => {
		expect(may('https://cvm.tencentcloudapi.com/', { endpoint: 'not a url' })).toBe(true);
		expect(may('https://not/', { endpoint: 'not a url' })).toBe(false);
	});

	test('listed hosts, separated by commas or spaces, case and trailing dot ignored, port ignored', () => {
		const settings = { extraSignedHosts: ' proxy.corp.example , API.Other.example.,gw.example:8443\nfourth.example' };
		for (const url of ['https://proxy.corp.example/', 'https://api.other.example/', 'https://gw.example:1/', 'https://fourth.example/']) {
			expect(may(url, settings)).toBe(true);
		}
		expect(may('https://sub.proxy.corp.example/', settings)).toBe(false);
		expect(may('https://corp.example/', settings)).toBe(false);
		expect(may('https://proxy.corp.example.attacker.example/', settings)).toBe(false);
	});

	test('*.domain covers its subdomains at a label boundary, not the domain itself', () => {
		const settings = { extraSignedHosts: '*.apigw.example' };
		expect(may('https://a.apigw.example/', settings)).toBe(true);
		expect(may('https://a.b.apigw.example/', settings)).toBe(true);
		expect(may('https://apigw.example/', settings)).toBe(false);
		expect(may('https://xapigw.example/', settings)).toBe(false);
		expect(may('https://a.apigw.example.attacker.example/', settings)).toBe(false);
	});

	test('IPv6 hosts are listed in brackets', () => {
		expect(may('https://[fd00::1]/', { extraSignedHosts: '[FD00::1]' })).toBe(true);
		expect(may('https://[fd00::2]/', { extraSignedHosts: '[fd00::1]' })).toBe(false);
	});

	test('an empty field adds nothing', () => {
		expect(parseExtraSignedHosts('')).toEqual([]);
		expect(parseExtraSignedHosts(undefined)).toEqual([]);
		expect(parseExtraSignedHosts(' , ,')).toEqual([]);
		expect(may('https://proxy.corp.example/', { extraSignedHosts: '' })).toBe(false);
	});

	test.each(['https://proxy.corp.example', 'proxy.corp.example/path', 'user@proxy.corp.example', '*', '*.', 'a*.example', '*.*.example', '*.com', 'a b?c'])(
		'refuses the entry %s: it is not a host name',
		(entry) => {
			expect(() => parseExtraSignedHosts(entry)).toThrow(/Extra Hosts to Sign holds ".*", which is not a host name/);
		},
	);
});

describe('assertMaySignFor', () => {
	test('names the host and the field that allows it', () => {
		expect(() => assertMaySignFor(new URL('https://cvm.tencentcloudapi.com@Attacker.Example./x'), {})).toThrow(
			'The Tencent Cloud API credential does not sign requests to "attacker.example": it signs only for Tencent Cloud API hosts (*.tencentcloudapi.com), its own Endpoint and this machine (127.0.0.1, localhost, [::1]). If "attacker.example" serves Tencent Cloud\'s API (a private endpoint or a proxy), add it to the credential\'s Extra Hosts to Sign.',
		);
		expect(() => assertMaySignFor(new URL('https://cvm.tencentcloudapi.com/'), {})).not.toThrow();
	});

	test('isTencentCloudApiHost reads whole labels', () => {
		expect(isTencentCloudApiHost('a.b.c.tencentcloudapi.com')).toBe(true);
		expect(isTencentCloudApiHost('.tencentcloudapi.com')).toBe(false);
		expect(isTencentCloudApiHost('a_b.tencentcloudapi.com')).toBe(false);
	});
});

describe('authenticate(): one path for every caller, the host rule first', () => {
	const credentialType = new TencentCloudApi();
	const key = { secretId: 'AKIDexample', secretKey: 'secret', sessionToken: 'session-token' };
	const call = (url: string, extra: Record<string, string> = {}) =>
		({ method: 'POST', url, headers: { 'X-TC-Action': 'DescribeInstances', 'X-TC-Service': 'cvm', ...extra }, body: { Limit: 1 } }) as IHttpRequestOptions;

	test('refuses a host outside the rule before signing, whatever the headers say', async () => {
		await expect(credentialType.authenticate(key, call('https://cvm.tencentcloudapi.com@attacker.example/'))).rejects.toThrow(
			'does not sign requests to "attacker.example"',
		);
		await expect(credentialType.authenticate(key, call('https://attacker.example/'))).rejects.toThrow(/add it to the credential's Extra Hosts to Sign/);
	});

	test('the same request is signed once the host is listed, and goes to the host the rule checked', async () => {
		const signed = await credentialType.authenticate(
			{ ...key, extraSignedHosts: 'attacker.example' },
			call('https://cvm.tencentcloudapi.com@attacker.example/'),
		);
		expect(signed.url).toBe('https://attacker.example/');
		expect((signed.headers as Record<string, string>).Authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDexample\//);
	});

	test('a signed request follows no redirect, in either shape of request options', async () => {
		const signed = await credentialType.authenticate(key, call('https://cvm.tencentcloudapi.com/'));
		expect(signed.disableFollowRedirect).toBe(true);
		const legacy = (await credentialType.authenticate(key, {
			method: 'POST',
			uri: 'https://cvm.tencentcloudapi.com/',
			headers: { 'X-TC-Action': 'DescribeInstances' },
			followRedirect: true,
			followAllRedirects: true,
		} as never)) as unknown as Record<string, unknown>;
		expect(legacy).toMatchObject({ uri: 'https://cvm.tencentcloudapi.com/', followRedirect: false, followAllRedirects: false });
	});

	test('a request naming two different URLs is refused: n8n sends the one in url, so both must be the one checked', async () => {
		const twoUrls = { ...call('https://attacker.example/'), uri: 'https://cvm.tencentcloudapi.com/' } as IHttpRequestOptions;
		await expect(credentialType.authenticate({ ...key, extraSignedHosts: '' }, twoUrls)).rejects.toThrow('names two different URLs');
		const reversed = { ...call('https://cvm.tencentcloudapi.com/'), uri: 'https://attacker.example/' } as IHttpRequestOptions;
		await expect(credentialType.authenticate(key, reversed)).rejects.toThrow('names two different URLs');
	});

	test('when uri and url agree (n8n\'s paginated requests carry both), both carry the URL as signed', async () => {
		const url = 'https://cvm.tencentcloudapi.com/?Limit=1&Offset=20';
		const signed = (await credentialType.authenticate(key, {
			method: 'GET',
			url,
			uri: url,
			headers: { 'X-TC-Action': 'DescribeInstances', 'X-TC-Version': '2017-03-12' },
			qs: { Filters: [{ Name: 'zone', Values: ['ap-guangzhou-3'] }] },
		} as never)) as unknown as Record<string, unknown>;
		expect(signed.url).toBe(signed.uri);
		expect(String(signed.url)).toContain('Filters.0.Name=zone');
	});

	test('plain http to this machine through a proxy elsewhere is refused; through a local proxy, or https through any, it is signed', async () => {
		const emulatorCall = { ...call('http://127.0.0.1:9000/'), proxy: { host: 'proxy.corp.example', port: 3128 } } as IHttpRequestOptions;
		await expect(credentialType.authenticate(key, emulatorCall)).rejects.toThrow('through the proxy proxy.corp.example');
		await expect(credentialType.authenticate(key, { ...emulatorCall, proxy: 'http://proxy.corp.example:3128' } as never)).rejects.toThrow(
			'the signature would cross the network unencrypted',
		);
		const local = await credentialType.authenticate(key, { ...emulatorCall, proxy: { host: '127.0.0.1', port: 3128 } } as never);
		expect((local.headers as Record<string, string>).Authorization).toMatch(/^TC3-HMAC-SHA256 /);
		const tls = await credentialType.authenticate(key, { ...call('https://cvm.tencentcloudapi.com/'), proxy: { host: 'proxy.corp.example', port: 3128 } } as never);
		expect((tls.headers as Record<string, string>).Authorization).toMatch(/^TC3-HMAC-SHA256 /);
	});

	test('a malformed Extra Hosts to Sign stops the call with the field\'s name', async () => {
		await expect(credentialType.authenticate({ ...key, extraSignedHosts: 'https://x.example/' }, call('https://x.example/'))).rejects.toThrow(
			'Extra Hosts to Sign holds "https://x.example/"',
		);
	});

	test('a path only goes to the named service\'s standard host for the Site', async () => {
		const signed = await credentialType.authenticate({ ...key, site: 'china' }, call('/'));
		expect(signed.url).toBe('https://cvm.tencentcloudapi.com/');
		expect((signed.headers as Record<string, string>).Authorization).toContain('/cvm/tc3_request');
		const finance = await credentialType.authenticate(key, call('/', { 'X-TC-Region': 'ap-shanghai-fsi' }));
		expect(finance.url).toBe('https://cvm.ap-shanghai-fsi.tencentcloudapi.com/');
	});

	test('a path only, with an Endpoint: the Endpoint\'s host and path', async () => {
		const signed = await credentialType.authenticate({ ...key, endpoint: 'https://tencent-gw.corp.example:8443/tc' }, call('/'));
		expect(signed.url).toBe('https://tencent-gw.corp.example:8443/tc/');
		expect(signed.baseURL).toBeUndefined();
	});

	test('a path only without X-TC-Service and without an Endpoint asks for X-TC-Service, and a bad name is refused', async () => {
		const request = { method: 'POST', url: '/', headers: { 'X-TC-Action': 'DescribeVpcs' } } as IHttpRequestOptions;
		await expect(credentialType.authenticate(key, request)).rejects.toThrow(
			"A request without a URL of its own goes to its service's standard host: add the header X-TC-Service with the service's name (e.g. vpc)",
		);
		await expect(credentialType.authenticate(key, call('/', { 'X-TC-Service': 'attacker.example/' }))).rejects.toThrow(
			'X-TC-Service "attacker.example/" is not a Tencent Cloud service name',
		);
	});
});
