import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signTc3 } from './common/tc3Signer';
import { TC_HEADERS } from './common/tencentCloudHeaders';
import { resolveEndpoint, VPC_API_VERSION, VPC_SERVICE } from './common/tencentCloudEndpoint';
import {
	absoluteTarget,
	callHeaders,
	callUrl,
	describeTencentCloudCall,
	type OutgoingRequest,
} from './common/tencentCloudRequest';

/** The node names its action and region in these headers; the credential signs and routes by them. */
export const ACTION_HEADER = 'X-TC-Action';
export const REGION_HEADER = 'X-TC-Region';

const CONTENT_TYPE = 'application/json; charset=utf-8';

/** The region the Test button signs its DescribeVpcs call for. */
const TEST_REGION = 'ap-guangzhou';

export class TencentCloudApi implements ICredentialType {
	name = 'tencentCloudApi';

	displayName = 'Tencent Cloud API';

	icon: Icon = {
		light: 'file:../icons/tencentCloud.svg',
		dark: 'file:../icons/tencentCloud.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-tencentcloud-vpc/n8n-nodes-tencentcloud-vpc?tab=readme-ov-file#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret ID',
			name: 'secretId',
			type: 'string',
			required: true,
			default: '',
			description: 'The SecretId of a Tencent Cloud API key (CAM console → Access Keys)',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary (STS) credentials; sent as the X-TC-Token header',
		},
		{
			displayName: 'Site',
			name: 'site',
			type: 'options',
			options: [
				{ name: 'International (vpc.intl.tencentcloudapi.com)', value: 'intl' },
				{ name: 'China (vpc.tencentcloudapi.com)', value: 'china' },
			],
			default: 'intl',
			description: 'Which standard API host to call; ignored when Endpoint is set',
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: '',
			placeholder: 'https://vpc.ap-guangzhou.tencentcloudapi.com',
			description:
				'Optional base URL that replaces the standard host: a regional or private endpoint, or http://127.0.0.1:PORT for a local emulator (plain http only on loopback)',
		},
	];

	/**
	 * A request with a URL of its own (n8n's HTTP Request node) is signed for whichever Tencent
	 * Cloud API it calls; the VPC node's calls and the Test name a path only and go to VPC.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const target = absoluteTarget(requestOptions as OutgoingRequest);
		if (target) return signAnyApiCall(credentials, requestOptions, target);
		return signVpcCall(credentials, requestOptions);
	}

	// A cheap signed read; a key that lacks VPC permission still counts as working.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/',
			headers: { [ACTION_HEADER]: 'DescribeVpcs', [REGION_HEADER]: TEST_REGION },
			body: { Limit: '1' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Response.Error.Code',
					value: 'AuthFailure.SecretIdNotFound',
					message: 'Unknown Secret ID: check that the key exists and is enabled in CAM (AuthFailure.SecretIdNotFound)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Response.Error.Code',
					value: 'AuthFailure.SignatureFailure',
					message: 'Signature rejected: the Secret Key does not match the Secret ID (AuthFailure.SignatureFailure)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Response.Error.Code',
					value: 'AuthFailure.SignatureExpire',
					message:
						"Signature expired: this machine's clock differs from Tencent Cloud's by more than 5 minutes (AuthFailure.SignatureExpire)",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Response.Error.Code',
					value: 'AuthFailure.TokenFailure',
					message:
						'Session token rejected: temporary credentials need their current, unexpired token, and permanent keys need none (AuthFailure.TokenFailure)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Response.Error.Code',
					value: 'AuthFailure.InvalidSecretId',
					message: 'The Secret ID is malformed (AuthFailure.InvalidSecretId)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Response.Error.Code',
					value: 'AuthFailure.InvalidAuthorization',
					message: 'The request signature is malformed (AuthFailure.InvalidAuthorization)',
				},
			},
		],
	};
}

/** The VPC node's own calls and the credential Test: routed by Site and Endpoint, as ever. */
function signVpcCall(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const headers = { ...(requestOptions.headers as IDataObject | undefined) };
	const region = typeof headers[REGION_HEADER] === 'string' ? (headers[REGION_HEADER] as string) : '';
	if (region === '') delete headers[REGION_HEADER];
	delete headers[TC_HEADERS.service];

	const endpoint = resolveEndpoint(
		credentials.site as string | undefined,
		credentials.endpoint as string | undefined,
		region,
	);
	// Sign the very text that is sent: a string body leaves n8n's HTTP layer unchanged.
	const payload =
		typeof requestOptions.body === 'string' ? requestOptions.body : JSON.stringify(requestOptions.body ?? {});
	const timestamp = Math.floor(Date.now() / 1000);
	const secretId = String(credentials.secretId ?? '').trim();
	const { authorization } = signTc3({
		secretId,
		secretKey: String(credentials.secretKey ?? '').trim(),
		service: VPC_SERVICE,
		host: endpoint.signedHost,
		path: endpoint.path,
		timestamp,
		contentType: CONTENT_TYPE,
		payload,
	});

	const sessionToken = String(credentials.sessionToken ?? '').trim();
	return {
		...requestOptions,
		baseURL: undefined,
		url: `${endpoint.baseUrl}${endpoint.path}`,
		body: payload,
		headers: {
			...headers,
			'Content-Type': CONTENT_TYPE,
			'X-TC-Version': VPC_API_VERSION,
			'X-TC-Timestamp': String(timestamp),
			Authorization: authorization,
			...(sessionToken ? { 'X-TC-Token': sessionToken } : {}),
		},
	};
}

/** Any Tencent Cloud API 3.0 call, to the URL the user gave (n8n's HTTP Request node). */
function signAnyApiCall(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	target: URL,
): IHttpRequestOptions {
	const call = describeTencentCloudCall(requestOptions as OutgoingRequest, target);
	const timestamp = Math.floor(Date.now() / 1000);
	const { authorization } = signTc3({
		secretId: String(credentials.secretId ?? '').trim(),
		secretKey: String(credentials.secretKey ?? '').trim(),
		service: call.service,
		host: call.signedHost,
		method: call.method,
		path: call.path,
		query: call.query,
		timestamp,
		contentType: call.contentType,
		payload: call.payload,
	});
	const sessionToken = String(credentials.sessionToken ?? '').trim();
	const signed: IHttpRequestOptions & { uri?: string } = {
		...requestOptions,
		headers: callHeaders(call, { authorization, timestamp, sessionToken }) as IDataObject,
	};
	// The HTTP Request node's legacy options carry the URL in `uri`, the others in `url`.
	if (signed.uri !== undefined) signed.uri = callUrl(call);
	else {
		signed.url = callUrl(call);
		signed.baseURL = undefined;
	}
	// The query is in the URL already, encoded as signed: n8n must not append it again.
	delete signed.qs;
	if (call.method === 'GET') delete signed.body;
	else signed.body = call.payload;
	return signed;
}
