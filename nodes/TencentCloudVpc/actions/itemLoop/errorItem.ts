import type { INode, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The item "Continue On Fail" emits for a failed input item, paired to it.
 * On the regular output it carries Tencent's code and RequestId as fields of their own, so a
 * later node can branch on them. For the error output n8n routes only items that carry the
 * error itself, and then keeps just its message (which names the code and RequestId too).
 */
export function errorItem(node: INode, error: unknown, itemIndex: number): INodeExecutionData {
	const pairedItem = { item: itemIndex };
	const message = (error as Error).message;
	if (node.onError === 'continueErrorOutput') {
		return { json: { error: message }, error: error as NodeApiError | NodeOperationError, pairedItem };
	}
	const context = ((error as { context?: Record<string, unknown> }).context ?? {}) as Record<string, unknown>;
	const json: INodeExecutionData['json'] = { error: message };
	if (typeof context.tencentCode === 'string') json.code = context.tencentCode;
	if (typeof context.requestId === 'string') json.RequestId = context.requestId;
	return { json, pairedItem };
}
