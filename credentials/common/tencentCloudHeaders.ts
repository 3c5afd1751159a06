/**
 * The headers of Tencent Cloud API 3.0 that callers set and the credential reads. A caller (this
 * package's nodes, or n8n's HTTP Request node) names its call with them; the credential signs it.
 * X-TC-Service is read to sign and is never sent.
 */
export const TC_HEADERS = {
	service: 'X-TC-Service',
	action: 'X-TC-Action',
	version: 'X-TC-Version',
	region: 'X-TC-Region',
	timestamp: 'X-TC-Timestamp',
	token: 'X-TC-Token',
} as const;
