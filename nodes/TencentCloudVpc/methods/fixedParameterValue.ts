/**
 * A parameter's value as a picker can use it: a string or a resource locator's value, trimmed.
 * Undefined when empty or still an unresolved expression ("={{ … }}"), which only a running
 * workflow can resolve.
 */
export function fixedParameterValue(value: unknown): string | undefined {
	const raw =
		value !== null && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim();
	if (text === '' || text.startsWith('=')) return undefined;
	return text;
}
