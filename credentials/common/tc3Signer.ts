import { createHash, createHmac } from 'node:crypto';

/**
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0's request signature, as a pure function.
 * Kept free of n8n types so the published vectors and the SDK oracle can test it directly.
 */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3SigningInput {
	secretId: string;
	secretKey: string;
	/** The credential scope's service (`vpc`), never derived from the host. */
	service: string;
	/** Host name without port, as Tencent canonicalises it. */
	host: string;
	/** Unix time in seconds. */
	timestamp: number;
	contentType: string;
	/** The exact body text that goes on the wire. */
	payload: string | Buffer;
	method?: string;
	path?: string;
	query?: string;
}

export interface Tc3Signature {
	authorization: string;
	signature: string;
	canonicalRequest: string;
	stringToSign: string;
	date: string;
}

const SIGNED_HEADERS = 'content-type;host';

function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

function hmacSha256(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The UTC calendar date of a unix timestamp, `YYYY-MM-DD`: the scope date Tencent expects. */
export function tc3Date(timestamp: number): string {
	return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function buildCanonicalRequest(input: Tc3SigningInput): string {
	const canonicalHeaders =
		`content-type:${input.contentType.trim().toLowerCase()}\n` + `host:${input.host.trim().toLowerCase()}\n`;
	return [
		input.method ?? 'POST',
		input.path ?? '/',
		input.query ?? '',
		canonicalHeaders,
		SIGNED_HEADERS,
		sha256Hex(input.payload),
	].join('\n');
}

export function signTc3(input: Tc3SigningInput): Tc3Signature {
	const date = tc3Date(input.timestamp);
	const scope = `${date}/${input.service}/tc3_request`;
	const canonicalRequest = buildCanonicalRequest(input);
	const stringToSign = [TC3_ALGORITHM, String(input.timestamp), scope, sha256Hex(canonicalRequest)].join(
		'\n',
	);
	const signingKey = hmacSha256(
		hmacSha256(hmacSha256(`TC3${input.secretKey}`, date), input.service),
		'tc3_request',
	);
	const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
	const authorization = `${TC3_ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`;
	return { authorization, signature, canonicalRequest, stringToSign, date };
}
