import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clock, nameLocks } from '../processState';
import { asNodeError, backoffMs, hasTimeForRetry, mayHaveBeenApplied, type TencentCloudClient } from '../transport';
import { findTrafficMirrorsByName } from '../trafficMirrors/describeTrafficMirrors';
import type { TrafficMirror } from '../trafficMirrors/trafficMirror';
import { survivingTrafficMirror } from './survivingTrafficMirror';

/**
 * CreateTrafficMirror has no idempotency token. With `ifExists` set to Return the Existing
 * Mirror (or Fail), this makes one name in one VPC end as one mirror, whatever n8n or the
 * network does:
 * - items and executions of this process that create one name queue on a lock, so the second
 *   finds the first;
 * - an answer that was lost, or an error after which the mirror may exist, is settled by
 *   looking the name up: found, it is the result; not found, the create is tried again while
 *   the item's time lasts;
 * - another process (a second queue-mode worker on the same alert) cannot see the lock, so
 *   after creating, the item lists the name and, when an older mirror of it exists, deletes the
 *   one it created itself and returns the older one.
 */

export type IfExists = 'createAnother' | 'returnExisting' | 'fail';

/**
 * Tencent stamps CreateTime to the second. Listing this long after the create answered means
 * any other mirror created in the same second is already visible, so every process compares the
 * same mirrors.
 */
export const SAME_SECOND_SETTLE_MS = 1100;

/** Tencent refused the create because the sources already feed a mirror: maybe this very name. */
const SOURCES_IN_USE_CODES = [
	'InvalidParameterValue.ObjectUseInTrafficMirror',
	'InvalidParameterValue.DuplicatedLbTrafficMirrorCollectors',
	'InvalidParameter.DuplicatedLbTrafficMirrorCollectors',
];

function asOutput(trafficMirror: TrafficMirror, requestId: string, extra: IDataObject = {}): INodeExecutionData {
	return { json: { ...trafficMirror, RequestId: requestId, ...extra } };
}

/** One CreateTrafficMirror call; its answer as the item's output. */
export async function createTrafficMirror(client: TencentCloudClient, body: IDataObject): Promise<INodeExecutionData> {
	const response = await client.call('CreateTrafficMirror', body);
	return asOutput(response.TrafficMirror as TrafficMirror, response.RequestId);
}

/** The VPC and name a create body makes a mirror of. */
function nameOf(body: IDataObject): { vpcId: string; name: string } {
	return { vpcId: String(body.VpcId), name: String(body.TrafficMirrorName) };
}

/**
 * After this item created `created`: the mirror every process keeps. When an older one of the
 * name exists, the one this item created is deleted and the older one returned.
 */
async function keepOneMirror(client: TencentCloudClient, body: IDataObject, created: INodeExecutionData): Promise<INodeExecutionData> {
	const ownId = String(created.json.TrafficMirrorId);
	const { vpcId, name } = nameOf(body);
	await clock.sleep(SAME_SECOND_SETTLE_MS);
	const { trafficMirrors, requestId } = await findTrafficMirrorsByName(client, vpcId, name);
	const survivor = survivingTrafficMirror(trafficMirrors);
	if (!survivor || survivor.TrafficMirrorId === ownId) return created;

	try {
		await client.call('DeleteTrafficMirror', { TrafficMirrorId: ownId });
	} catch (error) {
		const failure = asNodeError(client.node, error, client.itemIndex);
		failure.description = `Another process created ${survivor.TrafficMirrorId} with the same name first; deleting this item's own ${ownId} failed, so both exist. Delete ${ownId}.`;
		throw failure;
	}
	return asOutput(survivor, requestId);
}

/** The item's own create, tried again after failures that may have created nothing. */
async function createSettled(client: TencentCloudClient, body: IDataObject, ifExists: IfExists): Promise<INodeExecutionData> {
	const { vpcId, name } = nameOf(body);
	// The item's Timeout bounds how long lost answers are settled, as it bounds each call.
	const deadline = clock.now() + client.timeout;
	for (let attempt = 0; ; attempt++) {
		try {
			const created = await createTrafficMirror(client, body);
			return ifExists === 'returnExisting' ? await keepOneMirror(client, body, created) : created;
		} catch (error) {
			const failure = asNodeError(client.node, error, client.itemIndex);
			const code = failure.context.tencentCode;
			const sourcesInUse = typeof code === 'string' && SOURCES_IN_USE_CODES.includes(code);
			if (ifExists !== 'returnExisting' || !(sourcesInUse || mayHaveBeenApplied(failure.context))) throw failure;

			// Ours with a lost answer, or another process's mirror of this name: either is the result.
			const { trafficMirrors, requestId } = await findTrafficMirrorsByName(client, vpcId, name);
			const survivor = survivingTrafficMirror(trafficMirrors);
			if (survivor) return asOutput(survivor, requestId);
			if (sourcesInUse) throw failure;

			const pause = backoffMs(attempt);
			if (!hasTimeForRetry(clock.now(), deadline, pause)) {
				failure.description = `No mirror named "${name}" exists after this failure, so none was created. Tried ${attempt + 1} times within the item's timeout; running the item again is safe.`;
				throw failure;
			}
			await clock.sleep(pause);
		}
	}
}

/** Create only when no mirror of that name is in the VPC; settle lost answers and races. */
export async function createTrafficMirrorOnce(
	client: TencentCloudClient,
	body: IDataObject,
	ifExists: Exclude<IfExists, 'createAnother'>,
): Promise<INodeExecutionData> {
	const { vpcId, name } = nameOf(body);
	// Items (and executions) of this process creating the same name queue up, so the second finds the first.
	const lockKey = [client.region, vpcId, name].join('\u0000');
	return await nameLocks.run(lockKey, async () => {
		const { trafficMirrors, requestId } = await findTrafficMirrorsByName(client, vpcId, name);
		const existing = survivingTrafficMirror(trafficMirrors);
		if (existing && ifExists === 'fail') {
			throw new NodeOperationError(
				client.node,
				`Item ${client.itemIndex}: VPC ${vpcId} already has a traffic mirror named "${name}" (${existing.TrafficMirrorId})`,
				{ itemIndex: client.itemIndex, description: 'Options → If a Mirror With This Name Exists is set to Fail.' },
			);
		}
		if (existing) return asOutput(existing, requestId);
		return await createSettled(client, body, ifExists);
	});
}
