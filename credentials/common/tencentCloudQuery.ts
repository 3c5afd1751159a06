/**
 * Query parameters the way Tencent Cloud API 3.0 reads them: nested values flattened to dotted
 * names (`Filters.0.Name`, `InstanceIds.1`), every name and value percent-encoded per RFC 3986
 * in UTF-8. The text built here is both sent and signed, so nothing re-encodes it on the way.
 */

export type QueryPair = [name: string, value: string];

/** Appends `value` under `name`, arrays by index and objects by member, as Tencent's SDKs do. */
function flattenQueryValue(name: string, value: unknown, into: QueryPair[] = []): QueryPair[] {
	if (value === undefined || value === null) return into;
	if (Array.isArray(value)) {
		value.forEach((element, index) => flattenQueryValue(`${name}.${index}`, element, into));
	} else if (typeof value === 'object' && !(value instanceof Date)) {
		for (const [member, memberValue] of Object.entries(value as Record<string, unknown>)) {
			flattenQueryValue(name === '' ? member : `${name}.${member}`, memberValue, into);
		}
	} else if (name === '') {
		throw new Error('A query parameter has no name');
	} else {
		into.push([name, value instanceof Date ? value.toISOString() : String(value)]);
	}
	return into;
}

/** n8n's `qs` object (keypairs or JSON query) as Tencent's flat pairs. */
export function flattenQueryParameters(qs: unknown): QueryPair[] {
	if (qs === undefined || qs === null) return [];
	if (typeof qs !== 'object' || Array.isArray(qs)) throw new Error('The query parameters must be an object of names and values');
	return flattenQueryValue('', qs);
}

/** The URL's own query first, then n8n's; a name given twice is refused rather than guessed at. */
export function mergeQueryPairs(fromUrl: QueryPair[], fromOptions: QueryPair[]): QueryPair[] {
	const seen = new Set<string>();
	for (const [name] of [...fromUrl, ...fromOptions]) {
		if (seen.has(name)) {
			throw new Error(`The query parameter "${name}" is given twice (in the URL or in the query parameters): give it once`);
		}
		seen.add(name);
	}
	return [...fromUrl, ...fromOptions];
}

/** RFC 3986: everything but `A–Z a–z 0–9 - _ . ~` percent-encoded, hex in capitals. */
export function encodeRfc3986(text: string): string {
	return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `name=value&…` in the given order: the TC3 canonical query string and the query sent. */
export function buildQueryString(pairs: QueryPair[]): string {
	return pairs.map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`).join('&');
}
