/**
 * Which hosts the credential signs for. A signed request carries the SecretId, a signature valid
 * for minutes and, for temporary keys, the session token, so it goes only to Tencent Cloud's API,
 * the credential's own Endpoint, this machine, or a host the user listed in Extra Hosts to Sign.
 */

export const EXTRA_SIGNED_HOSTS_NAME = 'Extra Hosts to Sign';

/** `<label>.…tencentcloudapi.com`: at least one label before the domain, each a whole label. */
const TENCENT_CLOUD_API_HOST = /^(?:[a-z0-9-]+\.)+tencentcloudapi\.com$/;

/** Lower case, no trailing dot: how host names compare. */
function normalizeHost(hostname: string): string {
	return hostname.trim().toLowerCase().replace(/\.+$/, '');
}

export function isLoopbackHost(hostname: string): boolean {
	const host = normalizeHost(hostname);
	return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A host of Tencent Cloud API 3.0 (`cvm.tencentcloudapi.com`, regional, finance, intl); not the bare domain. */
export function isTencentCloudApiHost(hostname: string): boolean {
	return TENCENT_CLOUD_API_HOST.test(normalizeHost(hostname));
}

/** One entry of Extra Hosts to Sign: a host, or every subdomain of one (`*.example.com`). */
interface HostPattern {
	host: string;
	subdomains: boolean;
}

/**
 * Extra Hosts to Sign as patterns. Entries are separated by commas (or white space); a port is
 * ignored; anything else than a host name is refused so that a typo does not pass unnoticed.
 */
export function parseExtraSignedHosts(text: string | undefined): HostPattern[] {
	const entries = (text ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
	return entries.map((entry) => {
		const subdomains = entry.startsWith('*.');
		const name = subdomains ? entry.slice(2) : entry;
		// Nothing but a host and port: no scheme, path, userinfo or wildcard inside.
		const hostOnly = !/[/?#@\\*]/.test(name) && URL.canParse(`https://${name}/`);
		const url = hostOnly ? new URL(`https://${name}/`) : undefined;
		// A wildcard needs a domain of two labels at least: `*.com` would sign for a whole top-level domain.
		if (!url || normalizeHost(url.hostname) === '' || (subdomains && !normalizeHost(url.hostname).includes('.'))) {
			throw new Error(
				`${EXTRA_SIGNED_HOSTS_NAME} holds "${entry}", which is not a host name: list host names separated by commas, e.g. api.example.com, *.internal.example`,
			);
		}
		return { host: normalizeHost(url.hostname), subdomains };
	});
}

function matches(host: string, pattern: HostPattern): boolean {
	return pattern.subdomains ? host.endsWith(`.${pattern.host}`) : host === pattern.host;
}

export interface SignedHostSettings {
	/** The credential's Endpoint, if any; a value that is not a URL adds no host. */
	endpoint?: string;
	/** The credential's Extra Hosts to Sign. */
	extraSignedHosts?: string;
}

/** Whether a request to `url` may be signed. The host is WHATWG URL's, so userinfo cannot disguise it. */
export function maySignFor(url: URL, settings: SignedHostSettings): boolean {
	const host = normalizeHost(url.hostname);
	if (isTencentCloudApiHost(host) || isLoopbackHost(host)) return true;
	const endpoint = (settings.endpoint ?? '').trim();
	if (endpoint !== '' && URL.canParse(endpoint) && normalizeHost(new URL(endpoint).hostname) === host) return true;
	return parseExtraSignedHosts(settings.extraSignedHosts).some((pattern) => matches(host, pattern));
}

/** Refuses, before anything is sent, a request to a host the credential does not sign for. */
export function assertMaySignFor(url: URL, settings: SignedHostSettings): void {
	if (maySignFor(url, settings)) return;
	const host = normalizeHost(url.hostname);
	throw new Error(
		`The Tencent Cloud API credential does not sign requests to "${host}": it signs only for Tencent Cloud API hosts (*.tencentcloudapi.com), its own Endpoint and this machine (127.0.0.1, localhost, [::1]). If "${host}" serves Tencent Cloud's API (a private endpoint or a proxy), add it to the credential's ${EXTRA_SIGNED_HOSTS_NAME}.`,
	);
}

/** The host of a request's proxy: the legacy options' URL text, or IHttpRequestOptions' `host`. */
function proxyHost(proxy: unknown): string | undefined {
	if (typeof proxy === 'string' && proxy.trim() !== '') {
		const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy.trim()) ? proxy.trim() : `http://${proxy.trim()}`;
		return URL.canParse(text) ? normalizeHost(new URL(text).hostname) : proxy.trim();
	}
	if (typeof proxy === 'object' && proxy !== null && typeof (proxy as { host?: unknown }).host === 'string') {
		return normalizeHost((proxy as { host: string }).host);
	}
	return undefined;
}

/**
 * Plain http is signed for loopback only; through a proxy elsewhere the signature and session
 * token would cross the network unencrypted, so that is refused too.
 */
export function assertNoPlainProxy(url: URL, proxy: unknown): void {
	if (url.protocol !== 'http:') return;
	const host = proxyHost(proxy);
	if (host !== undefined && !isLoopbackHost(host)) {
		throw new Error(
			`Tencent Cloud API calls over plain http:// go to this machine only; through the proxy ${host} the signature would cross the network unencrypted: use https://`,
		);
	}
}
