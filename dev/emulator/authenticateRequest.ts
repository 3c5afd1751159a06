// TC3 verification of one request, in Tencent's check order; shared by the VPC pipeline and the
// generic-service mode, which differ only in which credential-scope services they accept.
import { type ApiError, apiError } from './apiError';
import { buildCanonicalRequest, computeSignature, parseAuthorization, signaturesMatch, utcDate } from './tc3Verify';
import type { EmulatorKey, RequestLogEntry } from './types';

/** Tencent's tolerance between X-TC-Timestamp and server time. */
export const MAX_CLOCK_DIFFERENCE_S = 300;

export interface SignedRequest {
	method: string;
	/** Path and query as received. */
	url: string;
	/** By lower-case name. */
	headers: Record<string, string>;
	raw: Buffer;
}

export interface Authenticated {
	key: EmulatorKey;
	service: string;
	timestamp: number;
}

/**
 * MissingParameter (Authorization, X-TC-Action, X-TC-Timestamp, X-TC-Version) → InvalidParameterValue
 * (timestamp) → InvalidAuthorization (malformed, wrong service, wrong date) → SignatureExpire →
 * SecretIdNotFound → SignatureFailure → TokenFailure. Records the verdict on the log entry.
 */
export function authenticateRequest(
	request: SignedRequest,
	entry: RequestLogEntry,
	options: { keys: Map<string, EmulatorKey>; nowMs: number; acceptsService(service: string): string | undefined },
): Authenticated {
	const h = request.headers;
	for (const name of ['Authorization', 'X-TC-Action', 'X-TC-Timestamp', 'X-TC-Version']) {
		if (!h[name.toLowerCase()]) throw apiError('MissingParameter', `The request is missing a required header \`${name}\`.`);
	}
	const tsText = h['x-tc-timestamp'];
	if (!/^\d{1,12}$/.test(tsText)) {
		throw apiError('InvalidParameterValue', `The value \`${tsText}\` of header \`X-TC-Timestamp\` is not a unix timestamp in seconds.`);
	}
	const timestamp = Number(tsText);

	const authFailure = (code: string, message: string): ApiError => {
		entry.signatureVerdict = code;
		return apiError(code, message);
	};
	const auth = parseAuthorization(h['authorization']);
	if (!auth) throw authFailure('AuthFailure.InvalidAuthorization', 'The Authorization header is not a valid TC3-HMAC-SHA256 authorization.');
	entry.secretId = auth.secretId;
	const refusal = options.acceptsService(auth.service);
	if (refusal) throw authFailure('AuthFailure.InvalidAuthorization', refusal);
	if (auth.date !== utcDate(timestamp)) {
		throw authFailure('AuthFailure.InvalidAuthorization', `The credential scope date \`${auth.date}\` is not the UTC date of X-TC-Timestamp (${utcDate(timestamp)}).`);
	}
	if (Math.abs(timestamp * 1000 - options.nowMs) > MAX_CLOCK_DIFFERENCE_S * 1000) {
		throw authFailure('AuthFailure.SignatureExpire', 'The signature has expired: X-TC-Timestamp differs from the server time by more than five minutes.');
	}
	const key = options.keys.get(auth.secretId);
	if (!key) throw authFailure('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');

	const q = request.url.indexOf('?');
	const canonical = buildCanonicalRequest({
		method: request.method,
		path: q === -1 ? request.url : request.url.slice(0, q),
		query: q === -1 ? '' : request.url.slice(q + 1),
		headers: h,
		signedHeaders: auth.signedHeaders,
		body: request.raw,
	});
	if (!signaturesMatch(computeSignature(key.secretKey, timestamp, auth.service, canonical), auth.signature)) {
		throw authFailure('AuthFailure.SignatureFailure', 'The provided credentials could not be validated: the signature does not match.');
	}
	const token = h['x-tc-token'] ?? '';
	if (key.sessionToken !== undefined ? token !== key.sessionToken : token !== '') {
		throw authFailure('AuthFailure.TokenFailure', key.sessionToken !== undefined ? 'The X-TC-Token is missing or invalid.' : 'An X-TC-Token was sent for a key without a session token.');
	}
	entry.signatureVerdict = 'ok';
	return { key, service: auth.service, timestamp };
}
