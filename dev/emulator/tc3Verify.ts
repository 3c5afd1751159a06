// TC3-HMAC-SHA256 verification, written from Tencent's API 3.0 signature description.
// Deliberately independent of the node's signer: two implementations agreeing is the test.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface ParsedAuthorization {
	secretId: string;
	date: string;
	service: string;
	signedHeaders: string[];
	signature: string;
}

/** Parses `TC3-HMAC-SHA256 Credential=id/date/service/tc3_request, SignedHeaders=a;b, Signature=hex`; undefined when malformed. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
	const prefix = TC3_ALGORITHM + ' ';
	if (!value.startsWith(prefix)) return undefined;
	const fields = new Map<string, string>();
	for (const part of value.slice(prefix.length).split(',')) {
		const eq = part.indexOf('=');
		if (eq <= 0) return undefined;
		const key = part.slice(0, eq).trim();
		if (fields.has(key)) return undefined;
		fields.set(key, part.slice(eq + 1).trim());
	}
	const credential = fields.get('Credential');
	const signedHeaders = fields.get('SignedHeaders');
	const signature = fields.get('Signature');
	if (credential === undefined || signedHeaders === undefined || signature === undefined) return undefined;
	if (fields.size !== 3) return undefined;

	const scope = credential.split('/');
	if (scope.length !== 4) return undefined;
	const [secretId, date, service, terminator] = scope;
	if (!secretId || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !service || terminator !== 'tc3_request') return undefined;

	const headerNames = signedHeaders.split(';');
	if (headerNames.some((h) => !/^[a-z0-9-]+$/.test(h))) return undefined;
	if (new Set(headerNames).size !== headerNames.length) return undefined;
	// Tencent requires at least these two to be signed.
	if (!headerNames.includes('content-type') || !headerNames.includes('host')) return undefined;

	return { secretId, date, service, signedHeaders: headerNames, signature };
}

/** UTC calendar date (YYYY-MM-DD) of a unix timestamp in seconds. */
export function utcDate(timestampSeconds: number): string {
	return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Strips the port from a Host value, keeping IPv6 brackets. */
export function hostWithoutPort(host: string): string {
	const h = host.trim();
	if (h.startsWith('[')) {
		const end = h.indexOf(']');
		return end === -1 ? h : h.slice(0, end + 1);
	}
	const colon = h.indexOf(':');
	return colon === -1 ? h : h.slice(0, colon);
}

function canonicalHeaderValue(name: string, value: string): string {
	const v = name === 'host' ? hostWithoutPort(value) : value;
	return v.trim().toLowerCase();
}

export interface CanonicalRequestInput {
	method: string;
	/** URI path, e.g. '/'. */
	path: string;
	/** Query string without '?', '' for POST. */
	query: string;
	/** Request headers by lower-case name. */
	headers: Record<string, string | undefined>;
	signedHeaders: string[];
	body: string | Buffer;
}

export function buildCanonicalRequest(input: CanonicalRequestInput): string {
	const canonicalHeaders = input.signedHeaders
		.map((name) => `${name}:${canonicalHeaderValue(name, input.headers[name] ?? '')}\n`)
		.join('');
	return [
		input.method.toUpperCase(),
		input.path,
		input.query,
		canonicalHeaders,
		input.signedHeaders.join(';'),
		sha256Hex(input.body),
	].join('\n');
}

export function buildStringToSign(timestamp: number, service: string, canonicalRequest: string): string {
	return [TC3_ALGORITHM, String(timestamp), `${utcDate(timestamp)}/${service}/tc3_request`, sha256Hex(canonicalRequest)].join(
		'\n',
	);
}

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function deriveSigningKey(secretKey: string, date: string, service: string): Buffer {
	const kDate = hmac('TC3' + secretKey, date);
	const kService = hmac(kDate, service);
	return hmac(kService, 'tc3_request');
}

/** Hex signature of a canonical request. */
export function computeSignature(secretKey: string, timestamp: number, service: string, canonicalRequest: string): string {
	const key = deriveSigningKey(secretKey, utcDate(timestamp), service);
	return createHmac('sha256', key).update(buildStringToSign(timestamp, service, canonicalRequest), 'utf8').digest('hex');
}

/** Constant-time comparison of a presented signature with the expected hex string. */
export function signaturesMatch(expectedHex: string, presented: string): boolean {
	const a = Buffer.from(expectedHex, 'utf8');
	const b = Buffer.from(presented, 'utf8');
	// timingSafeEqual throws on different lengths; a length mismatch is simply a mismatch.
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}
