import type { IDataObject, INode } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Whether n8n runs this node as an AI Agent's tool. n8n names the tool variant of a node type
 * `<type>Tool` (its '@tool' display condition tests the same suffix), and the 2.x engine also
 * marks a tool node it runs for an agent with `rewireOutputLogTo`.
 */
export function isToolInvocation(node: INode): boolean {
	return node.type.endsWith('Tool') || node.rewireOutputLogTo === NodeConnectionTypes.AiTool;
}

/**
 * Whether a failed item becomes the tool's answer. n8n 2.x hands a tool's error to the model
 * unless On Error is set to Stop Workflow explicitly; n8n 1.x stops the run instead. Answering
 * with the error here gives the model the same chance on both, and the what-to-do text too.
 */
export function answersToolErrors(node: INode): boolean {
	return isToolInvocation(node) && node.onError !== 'stopWorkflow';
}

/**
 * What the model reads for a refused or failed item: the message, what to do about it (the
 * error's description), and Tencent's code and RequestId when Tencent answered.
 */
export function toolErrorAnswer(error: unknown): IDataObject {
	const { message, description, context } = error as {
		message?: unknown;
		description?: unknown;
		context?: Record<string, unknown>;
	};
	const answer: IDataObject = { error: typeof message === 'string' && message ? message : String(error) };
	if (typeof description === 'string' && description.trim() && description !== answer.error) {
		answer.whatToDo = description.trim();
	}
	if (typeof context?.tencentCode === 'string') answer.code = context.tencentCode;
	if (typeof context?.requestId === 'string') answer.RequestId = context.requestId;
	return answer;
}
