import type { INodeParameters, IWorkflowBase } from 'n8n-workflow';

import type { Emulator } from '../../dev/emulator';
import { DEMO_KEY } from '../../dev/emulator';
import { TENCENT_CLOUD_VPC_TYPE } from '../../dev/harness/nodeTypes';

export const NODE_NAME = 'Tencent Cloud VPC';

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

/** A workflow of one Tencent Cloud VPC node that receives the test's items directly. */
export function singleNodeWorkflow(parameters: INodeParameters, onError: OnError = 'stopWorkflow'): IWorkflowBase {
	return {
		id: 'single-node',
		name: 'single node',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		connections: {},
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'node-under-test',
				name: NODE_NAME,
				type: TENCENT_CLOUD_VPC_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters,
				onError,
				credentials: { tencentCloudApi: { id: 'emulator', name: 'emulator' } },
			},
		],
	} as IWorkflowBase;
}

/** Credential data pointing at the emulator with its demo key; override to test bad keys. */
export function emulatorCredentials(emulator: Emulator, overrides: Record<string, string> = {}) {
	return {
		tencentCloudApi: {
			secretId: DEMO_KEY.secretId,
			secretKey: DEMO_KEY.secretKey,
			sessionToken: '',
			site: 'intl',
			endpoint: emulator.url,
			...overrides,
		},
	};
}

export function createParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'trafficMirror',
		operation: 'create',
		region: 'ap-guangzhou',
		vpcId: { __rl: true, mode: 'id', value: 'vpc-emu00001' },
		trafficMirrorName: '=mirror-{{ $json.n }}',
		collectorSrcs: '={{ $json.eni }}',
		collectorTarget: { targetType: 'IP', targetIps: '10.0.2.20', algHash: 'ENI' },
		...overrides,
	};
}
