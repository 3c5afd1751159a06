import { isLoopbackHost } from './signedHosts';
import { resolveEndpoint } from './tencentCloudEndpoint';
import { TC_HEADERS } from './tencentCloudHeaders';
import { buildQueryString, flattenQueryParameters, mergeQueryPairs, type QueryPair } from './tencentCloudQuery';
import { resolveApiVersion, resolveService } from './tencentCloudService';

/**
 * A request as n8n hands it to the credential: `IHttpRequestOptions` (url, baseURL) from
 * httpRequestWithAuthentication, or the legacy options (uri, form, formData) that the HTTP
 * Request node passes to requestWithAuthentication. Only the members read here are listed.
 */
export interface OutgoingRequest {
	method?: string;
	uri?: string | URL;
	/** A proxy: the legacy options' URL text, or IHttpRequestOptions' host and port. */
	proxy?: unknown;
	url?: string;
	baseURL?: string;
	qs?: unknown;
	body?: unknown;
	form?: unknown;
	formData?: unknown;
	headers?: Record<string, unknown>;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const QUERY_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Headers the credential reads and writes itself; whatever case the user gave them in, they go out once. */
const OWN_HEADERS = [...Object.values(TC_HEADERS), 'Authorization', 'Content-Type'].map((name) => name.toLowerCase());

/** A call to any Tencent Cloud API 3.0 service, checked and ready to sign. */
export interface TencentCloudCall {
	method: 'GET' | 'POST';
	/** Scheme, host, port and path as the user gave them; no query. */
	origin: string;
	path: string;
	/** The host as signed: name only, no port. */
	signedHost: string;
	service: string;
	version: string;
	action: string;
	region?: string;
	/** X-TC-Token the user set themselves; the credential's session token replaces it. */
	token?: string;
	/** The query as sent and signed, '' for POST. */
	query: string;
	contentType: string;
	/** The body as sent and signed, '' for GET. */
	payload: string;
	/** The user's other headers, passed on unchanged. */
	otherHeaders: Record<string, unknown>;
}

/** The value of a header whatever the case of its name; several spellings must agree. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const wanted = name.toLowerCase();
	let found: string | undefined;
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
		const text = String(value);
		if (found !== undefined && found !== text) {
			throw new Error(`The header ${name} is given twice with different values: give it once`);
		}
		found = text;
	}
	return found;
}

function withoutOwnHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> {
	return Object.fromEntries(Object.entries(headers ?? {}).filter(([key]) => !OWN_HEADERS.includes(key.toLowerCase())));
}

/**
 * The URL of a request. n8n's HTTP clients read `url` first and `uri` after it, so a request that
 * names two different URLs is refused: signing one while the other is sent would carry the
 * signature past the host rule.
 */
function requestUrl(options: OutgoingRequest): string {
	const uri = options.uri instanceof URL ? options.uri.href : options.uri;
	if (uri !== undefined && options.url !== undefined && uri !== options.url) {
		throw new Error(`The request names two different URLs ("${options.url}" and "${uri}"): give one`);
	}
	return options.url ?? uri ?? '';
}

/**
 * The absolute URL a request goes to, or undefined when it names a path only (this package's
 * nodes and the credential Test), which the credential routes by its Site and Endpoint.
 */
export function absoluteTarget(options: OutgoingRequest): URL | undefined {
	const url = requestUrl(options);
	const joined =
		options.baseURL && !/^[a-z][a-z0-9+.-]*:/i.test(url)
			? `${options.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
			: url;
	if (!/^https?:\/\//i.test(joined)) return undefined;
	if (!URL.canParse(joined)) throw new Error(`The URL "${joined}" is not valid`);
	return new URL(joined);
}

/** The credential's settings that route a request naming a path only. */
export interface RouteSettings {
	site?: string;
	endpoint?: string;
}

/**
 * Where a request goes: its own URL, or, for a path only, the credential's Endpoint or the
 * standard host of the service named in X-TC-Service (for the Site, or a finance region's host).
 */
export function callTarget(options: OutgoingRequest, settings: RouteSettings): URL {
	const absolute = absoluteTarget(options);
	if (absolute) return absolute;
	const customEndpoint = (settings.endpoint ?? '').trim() !== '';
	const service = (headerValue(options.headers, TC_HEADERS.service) ?? '').trim();
	if (!customEndpoint && service === '') {
		throw new Error(
			`A request without a URL of its own goes to its service's standard host: add the header ${TC_HEADERS.service} with the service's name (e.g. vpc). It is used to sign the request and is not sent.`,
		);
	}
	const region = (headerValue(options.headers, TC_HEADERS.region) ?? '').trim();
	const endpoint = resolveEndpoint(settings.site, settings.endpoint, region, service === '' ? service : resolveService(service, ''));
	const path = `${endpoint.path.replace(/\/+$/, '')}/${requestUrl(options).replace(/^\/+/, '')}`;
	return new URL(`${endpoint.baseUrl}${path}`);
}

function isStream(body: unknown): boolean {
	return typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';
}

function isMultipart(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		(typeof (body as { getBoundary?: unknown }).getBoundary === 'function' ||
			(typeof FormData !== 'undefined' && body instanceof FormData))
	);
}

function isEmptyBody(body: unknown): boolean {
	if (body === undefined || body === null || body === '') return true;
	return typeof body === 'object' && !Buffer.isBuffer(body) && !isStream(body) && Object.keys(body).length === 0;
}

const FORM_ERROR =
	'Tencent Cloud API 3.0 does not take a form-urlencoded body: send the parameters as JSON (Body Content Type: JSON) with POST, or as query parameters with GET';
const MULTIPART_ERROR =
	'The Tencent Cloud API credential does not sign multipart/form-data bodies (n8n builds them after signing, so their bytes cannot be signed): send the content in a JSON body, base64-encoded where the action accepts it';
const BINARY_ERROR =
	'The Tencent Cloud API credential does not sign a binary or streamed body: send the parameters as a JSON body (Body Content Type: JSON)';

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** The exact JSON text of a POST body: an object is serialised, a string is sent as written. */
export function jsonPayload(body: unknown): string {
	if (body === undefined || body === null || body === '') return '{}';
	if (isStream(body) || Buffer.isBuffer(body) || body instanceof Uint8Array) throw new Error(BINARY_ERROR);
	if (isMultipart(body)) throw new Error(MULTIPART_ERROR);
	if (body instanceof URLSearchParams) throw new Error(FORM_ERROR);
	if (typeof body === 'string') {
		// n8n's HTTP client trims a JSON string before sending it: sign the trimmed text.
		const text = body.trim();
		const parsed = parseJson(text);
		if (parsed === NOT_JSON) {
			throw new Error('The request body is not JSON: Tencent Cloud API 3.0 takes a JSON object as the POST body');
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			throw new Error('The request body must be a JSON object, e.g. {"Limit": 10}');
		}
		return text;
	}
	if (typeof body !== 'object' || Array.isArray(body)) {
		throw new Error('The request body must be a JSON object, e.g. {"Limit": 10}');
	}
	return JSON.stringify(body);
}

function urlQueryPairs(url: URL): QueryPair[] {
	return [...url.searchParams.entries()];
}

/**
 * Checks a request for any Tencent Cloud API 3.0 service and works out what to sign: service,
 * version, the query or body exactly as sent. Throws a message that says what to change.
 */
export function describeTencentCloudCall(options: OutgoingRequest, target: URL): TencentCloudCall {
	if (target.protocol === 'http:' && !isLoopbackHost(target.hostname)) {
		throw new Error(
			`Tencent Cloud API calls must use https:// (http:// is accepted only for 127.0.0.1, localhost or [::1]), not ${target.origin}`,
		);
	}
	const method = (options.method ?? 'GET').toUpperCase();
	if (method !== 'GET' && method !== 'POST') {
		throw new Error(`Tencent Cloud API 3.0 takes GET or POST requests, not ${method}`);
	}
	const headers = options.headers;
	const action = (headerValue(headers, TC_HEADERS.action) ?? '').trim();
	if (action === '') {
		throw new Error(`Set the header ${TC_HEADERS.action} to the Tencent Cloud API action to call (e.g. DescribeInstances)`);
	}
	const service = resolveService(headerValue(headers, TC_HEADERS.service), target.hostname);
	const version = resolveApiVersion(service, headerValue(headers, TC_HEADERS.version));
	const region = (headerValue(headers, TC_HEADERS.region) ?? '').trim();
	const token = headerValue(headers, TC_HEADERS.token);

	const mediaType = (headerValue(headers, 'Content-Type') ?? '').split(';')[0].trim().toLowerCase();
	if (options.form !== undefined || mediaType === QUERY_CONTENT_TYPE) {
		if (method === 'POST' || !isEmptyBody(options.form)) throw new Error(FORM_ERROR);
	}
	if (options.formData !== undefined || mediaType.startsWith('multipart/')) throw new Error(MULTIPART_ERROR);

	const pairs = mergeQueryPairs(urlQueryPairs(target), flattenQueryParameters(options.qs));
	let query = '';
	let payload: string;
	let contentType: string;
	if (method === 'GET') {
		if (!isEmptyBody(options.body)) {
			throw new Error('A GET request to Tencent Cloud carries its parameters in the query, not a body: turn off Send Body, or use POST');
		}
		query = buildQueryString(pairs);
		payload = '';
		contentType = QUERY_CONTENT_TYPE;
	} else {
		if (pairs.length > 0) {
			throw new Error(
				'A POST request to Tencent Cloud carries its parameters in the JSON body: move the query parameters into the body, or use GET',
			);
		}
		if (mediaType !== '' && mediaType !== 'application/json') {
			throw new Error(`Tencent Cloud API 3.0 takes a POST body as application/json, not ${mediaType}`);
		}
		payload = jsonPayload(options.body);
		contentType = JSON_CONTENT_TYPE;
	}

	return {
		method,
		origin: target.origin,
		path: target.pathname === '' ? '/' : target.pathname,
		signedHost: target.hostname,
		service,
		version,
		action,
		...(region !== '' ? { region } : {}),
		...(token !== undefined && token.trim() !== '' ? { token } : {}),
		query,
		contentType,
		payload,
		otherHeaders: withoutOwnHeaders(headers),
	};
}

/** The URL sent: the user's, with the query rebuilt in Tencent's form. */
export function callUrl(call: TencentCloudCall): string {
	return `${call.origin}${call.path}${call.query === '' ? '' : `?${call.query}`}`;
}

/** The headers sent: the user's others, then each of Tencent's once. */
export function callHeaders(
	call: TencentCloudCall,
	signature: { authorization: string; timestamp: number; sessionToken?: string },
): Record<string, unknown> {
	const token = signature.sessionToken || call.token;
	return {
		...call.otherHeaders,
		'Content-Type': call.contentType,
		[TC_HEADERS.action]: call.action,
		[TC_HEADERS.version]: call.version,
		...(call.region ? { [TC_HEADERS.region]: call.region } : {}),
		[TC_HEADERS.timestamp]: String(signature.timestamp),
		...(token ? { [TC_HEADERS.token]: token } : {}),
		Authorization: signature.authorization,
	};
}
