import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeTencentCloudError, extractTencentCloudError } from '../helpers/tencentCloudErrors';

export const CREDENTIAL_TYPE = 'tencentCloudApi';

type TencentCloudContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface TencentCloudRequest {
	action: string;
	region: string;
	body: IDataObject;
	itemIndex?: number;
	/** Milliseconds before the call is abandoned. */
	timeout?: number;
}

/** Tencent's `Response` object of a successful call, including its RequestId. */
export type TencentCloudResult = IDataObject & { RequestId: string };

/**
 * NodeApiError swaps a message for a stock one when it merely contains a Node error code, and
 * Tencent's codes trip that ("ResourceNotFound" contains ENOTFOUND): keep ours.
 */
function withExactMessage(error: NodeApiError, message: string): NodeApiError {
	error.message = message;
	return error;
}

/**
 * The one place a VPC API call leaves the node. The credential signs it (TC3-HMAC-SHA256)
 * and routes it by the X-TC-Action and X-TC-Region headers.
 */
export async function tencentCloudApiRequest(
	this: TencentCloudContext,
	{ action, region, body, itemIndex, timeout }: TencentCloudRequest,
): Promise<TencentCloudResult> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: '/',
		headers: { 'X-TC-Action': action, 'X-TC-Region': region },
		body,
		json: true,
		...(timeout ? { timeout } : {}),
	};

	let answer: unknown;
	try {
		answer = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options);
	} catch (error) {
		// Rebuilt from the message alone: the original carries the signed request's headers.
		throw withExactMessage(
			new NodeApiError(this.getNode(), { message: (error as Error).message } as JsonObject, { itemIndex }),
			`Could not complete ${action}: ${(error as Error).message}`,
		);
	}

	const tencentError = extractTencentCloudError(answer);
	if (tencentError) {
		const { message, description } = describeTencentCloudError(tencentError);
		const apiError = withExactMessage(
			new NodeApiError(
				this.getNode(),
				{ Code: tencentError.code, Message: tencentError.message, RequestId: tencentError.requestId ?? '' },
				{ description, itemIndex },
			),
			message,
		);
		apiError.context.tencentCode = tencentError.code;
		apiError.context.requestId = tencentError.requestId;
		throw apiError;
	}
	const response = (answer as { Response?: TencentCloudResult })?.Response;
	if (!response || typeof response !== 'object') {
		throw new NodeApiError(this.getNode(), { message: 'Unexpected answer' } as JsonObject, {
			message: `Tencent Cloud returned an answer without "Response" to ${action}`,
			itemIndex,
		});
	}
	return response;
}
