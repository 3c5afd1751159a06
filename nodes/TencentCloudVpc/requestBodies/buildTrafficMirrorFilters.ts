import type { IDataObject } from 'n8n-workflow';

import { buildFilters, type FilterParameters } from './buildCreateTrafficMirrorBody';

/**
 * How an operation sets a mirror's filter. Tencent takes a NAT gateway or five-tuple rules,
 * never both; `none` sends neither (ResetTrafficMirrorFilter then clears the filter), `keep`
 * sends neither to UpdateTrafficMirrorAllFilter, which then leaves the filter as it is.
 */
export const FILTER_TYPES = {
	natGateway: 'natGateway',
	fiveTuple: 'fiveTuple',
	none: 'none',
	keep: 'keep',
} as const;

export interface TrafficMirrorFilterParameters {
	filterType?: string;
	natId?: unknown;
	collectorNormalFilters?: { filter?: FilterParameters[] };
}

/** The NatId or CollectorNormalFilters members of a request body; throws when the chosen kind is empty. */
export function buildTrafficMirrorFilters(parameters: TrafficMirrorFilterParameters): IDataObject {
	switch (parameters.filterType) {
		case FILTER_TYPES.natGateway: {
			const natId = typeof parameters.natId === 'string' ? parameters.natId.trim() : '';
			if (!natId) throw new Error('Choose the NAT gateway to filter by (NAT Gateway), or another filter type');
			return { NatId: natId };
		}
		case FILTER_TYPES.fiveTuple: {
			const filters = buildFilters(parameters.collectorNormalFilters?.filter);
			if (!filters.length) {
				throw new Error('Add at least one five-tuple rule (Collector Normal Filters), or choose another filter type');
			}
			return { CollectorNormalFilters: filters };
		}
		case FILTER_TYPES.none:
		case FILTER_TYPES.keep:
			return {};
		default:
			throw new Error(`Unknown filter type "${String(parameters.filterType)}"`);
	}
}
