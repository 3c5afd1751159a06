import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem } from '../helpers/errorItem';
import { runWithConcurrency } from '../helpers/runWithConcurrency';
import { type CallOptions, readCallOptions } from './common.descriptions';

/**
 * The item loop every operation shares: items run with bounded concurrency, the output keeps
 * the input's order, every output item is paired to the item it came from, and with Continue
 * On Fail a failing item yields one error item while the others still run.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handleItem: (itemIndex: number, callOptions: CallOptions) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const { maxConcurrency } = readCallOptions.call(this, 0);
	const perItem = await runWithConcurrency(items.length, maxConcurrency, async (itemIndex) => {
		try {
			const results = await handleItem(itemIndex, readCallOptions.call(this, itemIndex));
			return results.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
		} catch (error) {
			if (this.continueOnFail()) return [errorItem(this.getNode(), error, itemIndex)];
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	});
	return perItem.flat();
}
