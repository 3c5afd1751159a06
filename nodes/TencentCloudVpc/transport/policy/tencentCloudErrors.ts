/** What a Tencent `Response.Error` means for the person reading the n8n error. */
export interface TencentCloudErrorDetails {
	code: string;
	message: string;
	requestId?: string;
}

const HINTS_BY_CODE: Record<string, string> = {
	'AuthFailure.SecretIdNotFound':
		'The credential\'s Secret ID is unknown to Tencent Cloud: check it exists and is enabled, and that Site matches the account (International or China).',
	'AuthFailure.SignatureFailure':
		'The credential\'s Secret Key does not match its Secret ID.',
	'AuthFailure.SignatureExpire':
		'The n8n host\'s clock differs from Tencent Cloud\'s by more than 5 minutes: synchronise it (NTP).',
	'AuthFailure.TokenFailure':
		'The Session Token is missing, wrong or expired: temporary keys need their current token, permanent keys need none.',
	'AuthFailure.InvalidSecretId': 'The credential\'s Secret ID is malformed.',
	'AuthFailure.InvalidAuthorization': 'The request signature is malformed; check the credential\'s Endpoint.',
	'AuthFailure.UnauthorizedOperation':
		'The key works but lacks permission for this action: grant it in CAM (e.g. QcloudVPCFullAccess, or a policy allowing this action).',
	UnauthorizedOperation:
		'The key works but lacks permission for this action: grant it in CAM (e.g. QcloudVPCFullAccess, or a policy allowing this action).',
	UnsupportedRegion:
		'Traffic mirroring is not offered in this region: pick one of the regions in the Region list.',
	RequestLimitExceeded: 'Tencent Cloud allows 20 requests per second per action; lower the rate or retry later.',
	ResourceNotFound: 'A resource ID in the request (VPC, ENI, subnet, NAT gateway or mirror) does not exist in this region.',
	'InvalidParameter.Coexist':
		'A NAT gateway (NAT ID) and five-tuple filters (Collector Normal Filters) cannot be used together.',
	'InvalidParameterValue.ObjectVpcNotCurrentVpc':
		'A collector source (Collector Srcs) belongs to another VPC than VPC ID.',
	'InvalidParameterValue.ObjectUseInTrafficMirror':
		'A collector source (Collector Srcs) is already mirrored by another traffic mirror.',
	'InvalidParameterValue.TagDuplicateKey': 'Two tags share one key (Additional Fields → Tags).',
	'UnsupportedOperation.TrafficMirrorNotSupportSameSrcTarget':
		'The collector target (Collector Target) is also a collector source (Collector Srcs).',
	MissingParameter: 'A required field is missing from the request body.',
	UnknownParameter: 'The request body has a field this action does not know; check JSON mode bodies for typos.',
};

const HINTS_BY_PREFIX: Array<[string, string]> = [
	['AuthFailure', 'Check the credential: Secret ID and Key, Session Token, and the n8n host\'s clock.'],
	[
		'InvalidParameterValue',
		'A field has a value Tencent Cloud rejects; the message names it (e.g. VpcId, CollectorSrcs, CollectorTarget).',
	],
	['InvalidParameter', 'A field is invalid; the message names it.'],
	['LimitExceeded', 'A Tencent Cloud quota is reached for this account or region.'],
	['InternalError', 'Tencent Cloud failed internally; for a create, look the mirror up before retrying, as it may exist.'],
];

/** Where an API's own meaning of a code differs from VPC's (the table above). */
const HINTS_BY_SERVICE: Record<string, Record<string, string>> = {
	monitor: {
		'AuthFailure.UnauthorizedOperation':
			'The key works but lacks a Cloud Monitor permission: allow the monitor:* actions the README lists for the trigger in its CAM policy.',
		UnauthorizedOperation:
			'The key works but lacks a Cloud Monitor permission: allow the monitor:* actions the README lists for the trigger in its CAM policy.',
		ResourceNotFound: 'The notification template or alarm policy does not exist (any more) in this account.',
		LimitExceeded: 'A Cloud Monitor quota is reached, e.g. at most 3 callback URLs per notification template.',
	},
};

export function hintForTencentCloudError(code: string, service = 'vpc'): string | undefined {
	const serviceHint = HINTS_BY_SERVICE[service]?.[code];
	if (serviceHint) return serviceHint;
	if (HINTS_BY_CODE[code]) return HINTS_BY_CODE[code];
	return HINTS_BY_PREFIX.find(([prefix]) => code === prefix || code.startsWith(`${prefix}.`))?.[1];
}

/** Reads `Response.Error` from a Tencent answer; undefined for a success. */
export function extractTencentCloudError(answer: unknown): TencentCloudErrorDetails | undefined {
	const response = (answer as { Response?: { Error?: { Code?: unknown; Message?: unknown }; RequestId?: unknown } })
		?.Response;
	if (!response?.Error) return undefined;
	return {
		code: String(response.Error.Code ?? 'UnknownError'),
		message: String(response.Error.Message ?? ''),
		requestId: typeof response.RequestId === 'string' ? response.RequestId : undefined,
	};
}

/** The message and description an n8n user sees for a Tencent error; support asks for the RequestId. */
export function describeTencentCloudError(
	details: TencentCloudErrorDetails,
	service = 'vpc',
): {
	message: string;
	description: string;
} {
	const hint = hintForTencentCloudError(details.code, service);
	const requestId = details.requestId ? ` (RequestId ${details.requestId})` : '';
	return {
		message: `Tencent Cloud error ${details.code}: ${details.message}${requestId}`,
		description: hint ?? '',
	};
}

/** Whether a NodeApiError the client raised says the resource named in the call does not exist. */
export function isResourceNotFound(error: unknown): boolean {
	const code = (error as { context?: { tencentCode?: unknown } })?.context?.tencentCode;
	return typeof code === 'string' && (code === 'ResourceNotFound' || code.startsWith('ResourceNotFound.'));
}
