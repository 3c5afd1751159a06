import { isLoopbackHost } from './signedHosts';

/** Where a request without a URL of its own goes: the credential's Endpoint, or its service's standard host. */

/** The standard host of a service on each site (the credential's Site option). */
const SITE_HOSTS: Record<'intl' | 'china', (service: string) => string> = {
	intl: (service) => `${service}.intl.tencentcloudapi.com`,
	china: (service) => `${service}.tencentcloudapi.com`,
};

/** Tencent serves its finance regions only from their regional hosts. */
const FINANCE_REGIONS = ['ap-shanghai-fsi', 'ap-shenzhen-fsi'];

export interface ResolvedEndpoint {
	/** Scheme and authority, e.g. `https://vpc.intl.tencentcloudapi.com`. */
	baseUrl: string;
	/** The host as signed: name only, no port. */
	signedHost: string;
	/** The request path as signed and sent. */
	path: string;
}

/**
 * A custom endpoint replaces the standard host. Plain http is accepted only on loopback,
 * so signed requests (and a session token) never cross a network unencrypted.
 */
function parseCustomEndpoint(endpoint: string): URL {
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

/**
 * The Endpoint when set; otherwise the standard host of `service` for the Site, or the regional
 * host of a finance region. `service` must already be a checked service name: it becomes a host label.
 */
export function resolveEndpoint(
	site: string | undefined,
	endpoint: string | undefined,
	region: string,
	service: string,
): ResolvedEndpoint {
	if (endpoint && endpoint.trim() !== '') {
		const url = parseCustomEndpoint(endpoint);
		const path = `${url.pathname.replace(/\/+$/, '')}/`;
		return { baseUrl: `${url.protocol}//${url.host}`, signedHost: url.hostname, path };
	}
	const host = FINANCE_REGIONS.includes(region)
		? `${service}.${region}.tencentcloudapi.com`
		: SITE_HOSTS[site === 'china' ? 'china' : 'intl'](service);
	return { baseUrl: `https://${host}`, signedHost: host, path: '/' };
}
