import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A JSON-mode body: text that parses to an object, or an object an expression produced. */
export function parseJsonBody(node: INode, value: unknown, itemIndex: number): IDataObject {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(node, `JSON Body of item ${itemIndex} is not valid JSON: ${(error as Error).message}`, {
				itemIndex,
			});
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(node, `JSON Body of item ${itemIndex} must be a JSON object like {"VpcId": "vpc-…", …}`, {
			itemIndex,
		});
	}
	return parsed as IDataObject;
}
