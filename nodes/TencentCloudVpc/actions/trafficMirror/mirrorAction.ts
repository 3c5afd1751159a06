import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FILTER_TYPES, type TrafficMirrorFilterParameters } from '../../requestBodies/buildTrafficMirrorFilters';
import {
	type resolveTrafficMirrorSources,
	withResolvedSources,
} from '../../sourceResolution/resolveRequestSources';
import { runPerItem } from '../itemLoop/runPerItem';
import { readOptionParameter } from '../optionParameters';

/** What the operations on one existing mirror share: reading the mirror, and the call itself. */

/** The Traffic Mirror parameter's ID for one item (From List or By ID, expressions resolved). */
export function readTrafficMirrorId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('trafficMirrorId', itemIndex, '', { extractValue: true });
	const trafficMirrorId = typeof value === 'string' ? value.trim() : '';
	if (!trafficMirrorId) {
		throw new NodeOperationError(this.getNode(), 'Traffic Mirror is empty: choose a mirror or give its ID (imgf-…)', {
			itemIndex,
		});
	}
	return trafficMirrorId;
}

/** A request body builder's complaint about the parameters, as the node's error for that item. */
export function buildForItem<T>(node: INode, itemIndex: number, build: () => T): T {
	try {
		return build();
	} catch (error) {
		// A NodeOperationError passes through unchanged; anything else keeps its message.
		throw new NodeOperationError(node, error as Error, { itemIndex });
	}
}

/**
 * The item loop of an operation whose answer is only a RequestId: one call per item with the
 * body `buildBody` makes, and `{ success, TrafficMirrorId, RequestId }` out, paired to the item.
 */
export async function executeMirrorAction(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	action: string,
	buildBody: (trafficMirrorId: string, itemIndex: number) => IDataObject,
	/** Collector sources given as instance IDs or IPs, resolved to ENIs before the call (sourceResolution/). */
	resolveSources?: typeof resolveTrafficMirrorSources,
): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (client) => {
		const { itemIndex } = client;
		const trafficMirrorId = readTrafficMirrorId.call(this, itemIndex);
		const built = buildForItem(this.getNode(), itemIndex, () => buildBody(trafficMirrorId, itemIndex));
		const { body, resolved } = resolveSources
			? await resolveSources.call(this, client, trafficMirrorId, built)
			: { body: built, resolved: undefined };
		const response = await client.call(action, body);
		return [withResolvedSources({ json: { success: true, TrafficMirrorId: trafficMirrorId, RequestId: response.RequestId } }, resolved)];
	});
}

/**
 * The filter parameters of one item; only those the chosen filter type shows are read.
 * `filterTypeField` is the operation's Filter Type, whose kinds differ by operation.
 */
export function readFilterParameters(
	this: IExecuteFunctions,
	filterTypeField: INodeProperties,
	itemIndex: number,
): TrafficMirrorFilterParameters {
	const filterType = readOptionParameter.call(this, filterTypeField, itemIndex);
	return {
		filterType,
		natId: filterType === FILTER_TYPES.natGateway ? this.getNodeParameter('natId', itemIndex, '') : undefined,
		collectorNormalFilters:
			filterType === FILTER_TYPES.fiveTuple
				? (this.getNodeParameter('collectorNormalFilters', itemIndex, {}) as TrafficMirrorFilterParameters['collectorNormalFilters'])
				: undefined,
	};
}
