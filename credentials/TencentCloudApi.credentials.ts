import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { assertMaySignFor, assertNoPlainProxy, EXTRA_SIGNED_HOSTS_NAME } from './common/signedHosts';
import { signTc3 } from './common/tc3Signer';
import { TC_HEADERS } from './common/tencentCloudHeaders';
import {
	callHeaders,
	callTarget,
	callUrl,
	describeTencentCloudCall,
	type OutgoingRequest,
} from './common/tencentCloudRequest';

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
		{
			displayName: EXTRA_SIGNED_HOSTS_NAME,
			name: 'extraSignedHosts',
			type: 'string',
			default: '',
			placeholder: 'tencent-proxy.internal.example, *.apigw.example',
			description:
				'Host names besides *.tencentcloudapi.com, the Endpoint and this machine that this credential may sign requests for (e.g. a proxy in front of Tencent Cloud), separated by commas; *.example.com covers its subdomains. Requests to any other host are refused.',
		},
	];

	/**
	 * Every request takes one path: its target (its own URL, or the Endpoint or its service's
	 * standard host), the host rule, then Tencent's headers and signature. The caller names the
	 * service and version in X-TC-Service and X-TC-Version.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signRequest(credentials, requestOptions);
	}

	// A cheap signed read; a key that lacks VPC permission still counts as working.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/',
			headers: {
				[TC_HEADERS.service]: 'vpc',
				[TC_HEADERS.version]: '2017-03-12',
				[TC_HEADERS.action]: 'DescribeVpcs',
				[TC_HEADERS.region]: TEST_REGION,
			},
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

/** The members of the legacy request options (the HTTP Request node's) that the credential sets. */
interface LegacyRequestOptions {
	uri?: string;
	followRedirect?: boolean;
	followAllRedirects?: boolean;
}

function text(value: unknown): string {
	return String(value ?? '').trim();
}

function signRequest(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const request = requestOptions as OutgoingRequest;
	const endpoint = text(credentials.endpoint);
	const target = callTarget(request, { site: text(credentials.site), endpoint });
	assertMaySignFor(target, { endpoint, extraSignedHosts: text(credentials.extraSignedHosts) });
	assertNoPlainProxy(target, request.proxy);
	const call = describeTencentCloudCall(request, target);
	const timestamp = Math.floor(Date.now() / 1000);
	const { authorization } = signTc3({
		secretId: text(credentials.secretId),
		secretKey: text(credentials.secretKey),
		service: call.service,
		host: call.signedHost,
		method: call.method,
		path: call.path,
		query: call.query,
		timestamp,
		contentType: call.contentType,
		payload: call.payload,
	});
	const signed: IHttpRequestOptions & LegacyRequestOptions = {
		...requestOptions,
		headers: callHeaders(call, { authorization, timestamp, sessionToken: text(credentials.sessionToken) }) as IDataObject,
	};
	// Both URL fields carry what was signed, whichever one n8n's client reads.
	signed.url = callUrl(call);
	if (signed.uri !== undefined) signed.uri = callUrl(call);
	signed.baseURL = undefined;
	// A redirect would carry the signature and session token past the host rule: none is followed
	// (the legacy options of the HTTP Request node, then n8n's own).
	signed.followRedirect = false;
	signed.followAllRedirects = false;
	signed.disableFollowRedirect = true;
	// The query is in the URL already, encoded as signed: n8n must not append it again.
	delete signed.qs;
	if (call.method === 'GET') delete signed.body;
	else signed.body = call.payload;
	return signed;
}
