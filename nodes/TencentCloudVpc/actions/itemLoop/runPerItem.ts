import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { clock, type FinishedItem, finishedItems, itemFingerprint } from '../../processState';
import { asNodeError, itemConcurrency, type ItemClient, TencentCloudClient } from '../../transport';
import { readCallOptions } from '../common.descriptions';
import { errorItem } from './errorItem';
import { ItemTimes } from './itemTimes';
import { runWithConcurrency } from './runWithConcurrency';
import { answersToolErrors, toolErrorAnswer } from './toolInvocation';

/** Identifies one run of this node in one execution; a Retry On Fail try has the same. */
function runKeyOf(context: IExecuteFunctions): string | undefined {
	const executionId = context.getExecutionId();
	if (!executionId) return undefined;
	const runIndex = context.getWorkflowDataProxy(0).$thisRunIndex;
	return [executionId, context.getNode().name, runIndex].join('\u0000');
}

/** The client of one item: its Region, Timeout and Rate Limit. */
function clientForItem(context: IExecuteFunctions, itemIndex: number): ItemClient {
	const { rateLimit, timeout } = readCallOptions.call(context, itemIndex);
	const region = context.getNodeParameter('region', itemIndex);
	return TencentCloudClient.forItem(context, { region, itemIndex, rateLimit, timeout });
}

/**
 * The item loop every operation shares: items run with a concurrency sized to the rate limit,
 * the observed latency and what this run's items take, the output keeps the input's order, every output item is paired to
 * the item it came from, and with Continue On Fail a failing item yields one error item while
 * the others still run. Run as an AI Agent's tool, a failing item's error is the tool's answer
 * (toolInvocation.ts). When n8n retries the node (Retry On Fail), an item that finished on an
 * earlier try returns what it returned then, without calling Tencent again.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handleItem: (client: ItemClient) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const { maxConcurrency, rateLimit } = readCallOptions.call(this, 0);
	const operation = String(this.getNodeParameter('operation', 0));
	const runKey = runKeyOf(this);
	const earlierTry = runKey ? finishedItems.take(runKey) : undefined;
	const finished = new Map<number, INodeExecutionData[]>();
	const fingerprintOf = (itemIndex: number) => itemFingerprint(operation, items[itemIndex].json);
	let anyFailed = false;
	const itemTimes = new ItemTimes();

	const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		const remembered = earlierTry?.get(itemIndex);
		if (remembered && remembered.fingerprint === fingerprintOf(itemIndex)) {
			finished.set(itemIndex, remembered.output);
			return remembered.output;
		}
		const startedAt = clock.now();
		try {
			const client = clientForItem(this, itemIndex);
			const results = await handleItem(client);
			// Items that failed (maybe before any call) say little about what an item takes.
			itemTimes.observe(clock.now() - startedAt - client.keyWaitMs, client.requestsByAction);
			const output = results.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
			finished.set(itemIndex, output);
			return output;
		} catch (error) {
			anyFailed = true;
			const node = this.getNode();
			if (answersToolErrors(node)) {
				return [{ json: toolErrorAnswer(asNodeError(node, error, itemIndex)), pairedItem: { item: itemIndex } }];
			}
			if (this.continueOnFail()) return [errorItem(node, error, itemIndex)];
			throw asNodeError(node, error, itemIndex);
		}
	};

	try {
		const limit = await itemConcurrency(this, rateLimit, maxConcurrency, () =>
			itemTimes.ms === undefined ? undefined : { itemMs: itemTimes.ms, requestsPerItem: itemTimes.busiestActionRequests ?? 1 },
		);
		return (await runWithConcurrency(items.length, limit, runItem)).flat();
	} finally {
		// A run with a failed item may be tried again (n8n also retries when the first output
		// item is an error item); one without is not, and needs no memory.
		// Fingerprints are taken only then, so a run without failures pays nothing for them.
		if (runKey && anyFailed) {
			const remembered = new Map<number, FinishedItem>();
			for (const [itemIndex, output] of finished) remembered.set(itemIndex, { fingerprint: fingerprintOf(itemIndex), output });
			finishedItems.remember(runKey, remembered);
		}
	}
}
