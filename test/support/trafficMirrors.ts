import type { INodeParameters } from 'n8n-workflow';

import type { Emulator, RequestLogEntry, Tag, TrafficMirror } from '../../dev/emulator';
import { ok, type CallOptions } from '../emulator/signForTest';

/** Parameters of one lifecycle operation on the mirror `trafficMirrorId` (By ID unless overridden). */
export function mirrorParameters(operation: string, trafficMirrorId: string, overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'trafficMirror',
		operation,
		region: 'ap-guangzhou',
		trafficMirrorId: { __rl: true, mode: 'id', value: trafficMirrorId },
		...overrides,
	};
}

export interface DirectMirror {
	body?: Record<string, unknown>;
	tags?: Tag[];
	region?: string;
	/** Signing options, e.g. a timestamp matching a skewed emulator clock. */
	call?: CallOptions;
}

/**
 * Creates a mirror straight through the emulator's API (signed with Tencent's own SDK signer),
 * for test setup that should not depend on the node.
 */
export async function createMirrorDirectly(emulator: Emulator, { body = {}, tags, region, call = {} }: DirectMirror = {}): Promise<TrafficMirror> {
	const request = {
		VpcId: 'vpc-emu00001',
		TrafficMirrorName: 'setup-mirror',
		CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'] },
		...body,
		...(tags ? { Tags: tags } : {}),
	};
	const response = await ok(emulator.url, 'CreateTrafficMirror', request, { region: region ?? 'ap-guangzhou', ...call });
	return response.TrafficMirror as TrafficMirror;
}

/** The emulator's log entries of one action, in arrival order. */
export function requestsOf(emulator: Emulator, action: string): RequestLogEntry[] {
	return emulator.log.filter((entry) => entry.action === action);
}

/** The stored mirror `id` (any region), or undefined once deleted. */
export function storedMirror(emulator: Emulator, id: string): TrafficMirror | undefined {
	return emulator.mirrors().find((mirror) => mirror.TrafficMirrorId === id);
}
