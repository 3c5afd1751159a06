/** Where a VPC API call goes, from the credential's site/endpoint and the call's region. */

export const VPC_SERVICE = 'vpc';
export const VPC_API_VERSION = '2017-03-12';

export type TencentCloudSite = 'intl' | 'china';

const SITE_HOSTS: Record<TencentCloudSite, string> = {
	intl: 'vpc.intl.tencentcloudapi.com',
	china: 'vpc.tencentcloudapi.com',
};

/** Tencent serves its finance regions only from their regional hosts. */
export const FINANCE_REGIONS = ['ap-shanghai-fsi', 'ap-shenzhen-fsi'];

export interface ResolvedEndpoint {
	/** Scheme and authority, e.g. `https://vpc.intl.tencentcloudapi.com`. */
	baseUrl: string;
	/** The host as signed: name only, no port. */
	signedHost: string;
	/** The request path as signed and sent. */
	path: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * A custom endpoint replaces the standard host. Plain http is accepted only on loopback,
 * so signed requests (and a session token) never cross a network unencrypted.
 */
export function parseCustomEndpoint(endpoint: string): URL {
	if (!URL.canParse(endpoint.trim())) {
		throw new Error(`The credential's Endpoint "${endpoint}" is not a URL (e.g. https://vpc.ap-guangzhou.tencentcloudapi.com)`);
	}
	const url = new URL(endpoint.trim());
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw new Error(`The credential's Endpoint must use https:// (http:// is accepted only for 127.0.0.1, localhost or [::1])`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new Error(`The credential's Endpoint must start with https://`);
	}
	return url;
}

export function resolveEndpoint(site: string | undefined, endpoint: string | undefined, region: string): ResolvedEndpoint {
	if (endpoint && endpoint.trim() !== '') {
		const url = parseCustomEndpoint(endpoint);
		const path = `${url.pathname.replace(/\/+$/, '')}/`;
		return { baseUrl: `${url.protocol}//${url.host}`, signedHost: url.hostname, path };
	}
	const host = FINANCE_REGIONS.includes(region)
		? `vpc.${region}.tencentcloudapi.com`
		: SITE_HOSTS[(site as TencentCloudSite) in SITE_HOSTS ? (site as TencentCloudSite) : 'intl'];
	return { baseUrl: `https://${host}`, signedHost: host, path: '/' };
}
