// Request helper for the emulator tests. Signatures come from the official Tencent Cloud SDK's
// TC3 signer (tencentcloud-sdk-nodejs-common), an oracle independent of dev/emulator/tc3Verify.ts.
import * as http from 'node:http';
import Sign from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign';

import { DEMO_KEY, type EmulatorKey } from '../../dev/emulator';

export interface CallOptions {
	key?: Pick<EmulatorKey, 'secretId' | 'secretKey' | 'sessionToken'>;
	/** null omits the header. */
	region?: string | null;
	version?: string;
	/** Unix seconds; default now. */
	timestamp?: number;
	contentType?: string;
	/** Credential-scope service used for signing (default vpc). */
	service?: string;
	/** Send this X-TC-Token (overrides key.sessionToken; null omits it). */
	token?: string | null;
	/** Tweak the signed request before it is sent. */
	mutate?: (req: PreparedRequest) => void;
	method?: string;
}

export interface PreparedRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: Buffer;
}

// Response bodies are checked structurally with jest matchers; one loose alias keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface ApiResponse {
	Response: Record<string, Loose> & { RequestId: string; Error?: { Code: string; Message: string } };
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

/** Builds a signed POST. `body` is JSON-encoded unless it is already a string. */
export function signRequest(url: string, action: string, body: unknown, opts: CallOptions = {}): PreparedRequest {
	const key = opts.key ?? DEMO_KEY;
	const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
	const timestamp = opts.timestamp ?? nowSeconds();
	const contentType = opts.contentType ?? 'application/json; charset=utf-8';
	const authorization = Sign.sign3({
		method: 'POST',
		url: url + '/',
		payload: raw,
		timestamp,
		service: opts.service ?? 'vpc',
		secretId: key.secretId,
		secretKey: key.secretKey,
		multipart: false,
		boundary: '',
		headers: { 'Content-Type': contentType },
	});
	const headers: Record<string, string> = {
		'Content-Type': contentType,
		Host: new URL(url).host,
		'X-TC-Action': action,
		'X-TC-Version': opts.version ?? '2017-03-12',
		'X-TC-Timestamp': String(timestamp),
		Authorization: authorization,
	};
	const region = opts.region === undefined ? 'ap-guangzhou' : opts.region;
	if (region !== null) headers['X-TC-Region'] = region;
	const token = opts.token === undefined ? key.sessionToken : opts.token;
	if (token !== undefined && token !== null) headers['X-TC-Token'] = token;
	const req: PreparedRequest = { method: opts.method ?? 'POST', path: '/', headers, body: raw };
	opts.mutate?.(req);
	return req;
}

/** Sends a prepared request on a fresh connection; rejects on socket errors (e.g. a dropped connection). */
export function send(url: string, req: PreparedRequest): Promise<{ status: number; text: string }> {
	const target = new URL(url);
	return new Promise((resolve, reject) => {
		const r = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: req.path,
				headers: { ...req.headers, 'Content-Length': String(req.body.length) },
				agent: false,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', reject);
			},
		);
		r.on('error', reject);
		r.end(req.body);
	});
}

export async function call(url: string, action: string, body: unknown = {}, opts: CallOptions = {}): Promise<ApiResponse> {
	const { status, text } = await send(url, signRequest(url, action, body, opts));
	if (status !== 200) throw new Error(`HTTP ${status}: ${text}`);
	return JSON.parse(text) as ApiResponse;
}

/** 'Success' or the error code. */
export function codeOf(res: ApiResponse): string {
	return res.Response.Error?.Code ?? 'Success';
}

/** Calls and asserts success, returning the Response members. */
export async function ok(url: string, action: string, body: unknown = {}, opts: CallOptions = {}): Promise<Record<string, Loose>> {
	const res = await call(url, action, body, opts);
	if (res.Response.Error) throw new Error(`${action} failed: ${res.Response.Error.Code}: ${res.Response.Error.Message}`);
	return res.Response;
}
