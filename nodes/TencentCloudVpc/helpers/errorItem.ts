import type { INodeExecutionData } from 'n8n-workflow';

/**
 * The item "Continue On Fail" emits for a failed input item: paired to it, with the Tencent
 * code and RequestId as fields of their own so a later node can branch on them.
 */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const context = ((error as { context?: Record<string, unknown> }).context ?? {}) as Record<string, unknown>;
	const json: INodeExecutionData['json'] = { error: (error as Error).message };
	if (typeof context.tencentCode === 'string') json.code = context.tencentCode;
	if (typeof context.requestId === 'string') json.RequestId = context.requestId;
	return { json, pairedItem: { item: itemIndex } };
}
