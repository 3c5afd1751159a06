// Generic-service mode (option `genericServices`): any Tencent Cloud API 3.0 service named in the
// credential scope, by GET or POST, as n8n's HTTP Request node calls it with the Tencent Cloud API
// credential. The signature is verified for that service, the version checked against the table
// of Tencent's services, and a few read actions answer with the shapes Tencent documents.
import { TENCENT_CLOUD_API_VERSIONS } from './tencentCloudApiVersions';
import { apiError } from './apiError';
import { authenticateRequest } from './authenticateRequest';
import { describeInstances } from './cvmInstances';
import { getMonitorData } from './monitorData';
import { SUPPORTED_REGIONS } from './regions';
import { parseAuthorization } from './tc3Verify';
import type { EmulatorKey, RequestLogEntry } from './types';

export interface GenericActionContext {
	region: string;
	/** The JSON body of a POST, or the query of a GET folded back into objects and arrays. */
	params: Record<string, unknown>;
	nowMs: number;
}

type GenericAction = (ctx: GenericActionContext) => Record<string, unknown>;

/** service → version → action: what the mode answers. Everything else is InvalidAction. */
export const GENERIC_ACTIONS: Record<string, Record<string, Record<string, GenericAction>>> = {
	cvm: {
		'2017-03-12': {
			DescribeInstances: ({ region, params }) => describeInstances(region, params),
		},
	},
	monitor: {
		'2018-07-24': {
			GetMonitorData: ({ params, nowMs }) => getMonitorData(params, nowMs),
		},
	},
};

/** The credential scope's service of a request, if its Authorization header parses. */
export function scopeService(headers: Record<string, string>): string | undefined {
	return parseAuthorization(headers['authorization'] ?? '')?.service;
}

/**
 * `Filters.0.Name=zone&Filters.0.Values.0=x` → `{Filters: [{Name: 'zone', Values: ['x']}]}`:
 * the flat names Tencent's GET requests use, back as the JSON a POST would carry. Values stay strings.
 */
export function unflattenQuery(pairs: Array<[string, string]>): Record<string, unknown> {
	const root: Record<string, unknown> = {};
	for (const [name, value] of pairs) {
		const path = name.split('.');
		let node: Record<string, unknown> | unknown[] = root;
		path.forEach((segment, i) => {
			const last = i === path.length - 1;
			const container = node as Record<string, unknown>;
			if (last) {
				if (container[segment] !== undefined) throw apiError('InvalidParameter', `The parameter \`${name}\` is given twice.`);
				container[segment] = value;
				return;
			}
			const nextIsIndex = /^\d+$/.test(path[i + 1]);
			if (container[segment] === undefined) container[segment] = nextIsIndex ? [] : {};
			const next = container[segment];
			if (typeof next !== 'object' || next === null || Array.isArray(next) !== nextIsIndex) {
				throw apiError('InvalidParameter', `The parameter \`${name}\` conflicts with another parameter.`);
			}
			node = next as Record<string, unknown> | unknown[];
		});
	}
	return root;
}

export interface GenericServiceRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	raw: Buffer;
	tooLarge: boolean;
	maxBodyBytes: number;
}

/**
 * UnsupportedProtocol (not GET/POST) → the TC3 checks → AuthFailure.InvalidAuthorization (a service
 * Tencent does not have) → NoSuchVersion → InvalidAction → MissingParameter / UnsupportedRegion
 * (X-TC-Region) → InvalidParameter (content type, JSON) → the action's own checks.
 */
export function serveGenericService(
	request: GenericServiceRequest,
	entry: RequestLogEntry,
	options: { keys: Map<string, EmulatorKey>; nowMs: number },
): Record<string, unknown> {
	const { method, headers: h } = request;
	if (method !== 'GET' && method !== 'POST') {
		throw apiError('UnsupportedProtocol', `Tencent Cloud API 3.0 accepts GET and POST requests only, not ${method}.`);
	}
	if (request.tooLarge) throw apiError('RequestSizeLimitExceeded', `The request body exceeds ${request.maxBodyBytes} bytes.`);

	const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
	const pairs = [...new URLSearchParams(query).entries()];
	if (method === 'GET') entry.query = Object.fromEntries(pairs);

	const { service } = authenticateRequest(request, entry, {
		...options,
		acceptsService: (name) =>
			Object.prototype.hasOwnProperty.call(TENCENT_CLOUD_API_VERSIONS, name)
				? undefined
				: `The credential scope service \`${name}\` is not a Tencent Cloud API service.`,
	});
	entry.service = service;
	const version = h['x-tc-version'];
	entry.version = version;
	const versions = TENCENT_CLOUD_API_VERSIONS[service];
	if (!versions.includes(version)) {
		throw apiError('NoSuchVersion', `The API version \`${version}\` does not exist for ${service}; it has ${versions.join(', ')}.`);
	}
	const action = h['x-tc-action'];
	const byAction = GENERIC_ACTIONS[service]?.[version] ?? {};
	const handler = Object.prototype.hasOwnProperty.call(byAction, action) ? byAction[action] : undefined;
	if (!handler) throw apiError('InvalidAction', `The action \`${action}\` does not exist in ${service} ${version} (or the emulator does not answer it).`);
	const region = h['x-tc-region'];
	if (!region) throw apiError('MissingParameter', 'The request is missing a required header `X-TC-Region`.');
	if (!SUPPORTED_REGIONS.includes(region)) throw apiError('UnsupportedRegion', `The region \`${region}\` is not supported by ${action}.`);

	const mediaType = (h['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	let params: Record<string, unknown>;
	if (method === 'GET') {
		if (mediaType !== 'application/x-www-form-urlencoded') {
			throw apiError('InvalidParameter', `A GET request takes Content-Type application/x-www-form-urlencoded, not \`${h['content-type'] ?? ''}\`.`);
		}
		params = unflattenQuery(pairs);
	} else {
		if (mediaType !== 'application/json') {
			throw apiError('InvalidParameter', `The emulator accepts a POST body as Content-Type application/json only, not \`${h['content-type'] ?? ''}\`.`);
		}
		if (query !== '') throw apiError('InvalidParameter', 'A POST request carries its parameters in the JSON body, not the query.');
		let body: unknown = {};
		if (request.raw.length > 0) {
			try {
				body = JSON.parse(entry.rawBody);
			} catch {
				throw apiError('InvalidParameter', 'The request body is not valid JSON.');
			}
		}
		if (typeof body !== 'object' || body === null || Array.isArray(body)) throw apiError('InvalidParameter', 'The request body must be a JSON object.');
		params = body as Record<string, unknown>;
	}
	entry.body = params;
	return handler({ region, params, nowMs: options.nowMs });
}
