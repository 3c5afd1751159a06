import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Case, spaces, hyphens and underscores do not tell two option values apart ("Public IP" = PUBLICIP). */
function comparable(text: string): string {
	return text.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * The option an expression's value stands for (`$fromAI` fills option fields with whatever the
 * model wrote): the saved value itself, or a value or display name written in another case or
 * spacing. Undefined when it names none of them.
 */
export function matchOptionValue(value: unknown, options: readonly INodePropertyOptions[]): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	const exact = options.find((option) => String(option.value) === text);
	if (exact) return String(exact.value);
	const wanted = comparable(text);
	if (!wanted) return undefined;
	const loose = options.find((option) => comparable(String(option.value)) === wanted || comparable(option.name) === wanted);
	return loose === undefined ? undefined : String(loose.value);
}

/** "ALL (All), EGRESS (Egress), INGRESS (Ingress)": the values and names a model or user may give. */
export function describeOptionValues(options: readonly INodePropertyOptions[]): string {
	return options.map((option) => (String(option.value) === option.name ? option.name : `${String(option.value)} (${option.name})`)).join(', ');
}

/** Options of an `options` field; an empty list for fields whose options load from the API. */
function optionsOf(field: INodeProperties): INodePropertyOptions[] {
	return ((field.options ?? []) as INodePropertyOptions[]).filter((option) => option.value !== undefined);
}

/**
 * An `options` parameter of one item as the value the API takes. A value that names none of
 * the options is refused before any call, with the values that would be accepted.
 */
export function readOptionParameter(this: IExecuteFunctions, field: INodeProperties, itemIndex: number): string {
	return optionValueOrError(this, field, this.getNodeParameter(field.name, itemIndex), itemIndex);
}

/**
 * An `options` parameter of one item, as the option's value when it names one in another case
 * or spacing, else as it is: for fields whose request body is checked as a whole before the
 * call (Create), so a wrong value gets that check's message.
 */
export function readLooseOptionParameter(this: IExecuteFunctions, field: INodeProperties, itemIndex: number, fallback: string): unknown {
	const value = this.getNodeParameter(field.name, itemIndex, fallback);
	return matchOptionValue(value, optionsOf(field)) ?? value;
}

/** `value` for `field`, or the node's error naming the field and what it accepts. */
export function optionValueOrError(context: IExecuteFunctions, field: INodeProperties, value: unknown, itemIndex: number): string {
	const options = optionsOf(field);
	const matched = matchOptionValue(value, options);
	if (matched !== undefined) return matched;
	throw new NodeOperationError(context.getNode(), `${field.displayName} "${String(value)}" of item ${itemIndex} is not one of the values it takes`, {
		itemIndex,
		description: `${field.displayName} (${field.name}) takes one of: ${describeOptionValues(options)}. Nothing was sent to Tencent Cloud.`,
	});
}
