import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CreateTrafficMirrorParameters } from '../../requestBodies/buildCreateTrafficMirrorBody';
import { buildResetTargetBody } from '../../requestBodies/buildTrafficMirrorResetBodies';
import { executeMirrorAction } from './mirrorAction';
import { collectorTargetField, subnetAdditionalFields, trafficMirrorIdLocator } from './shared.descriptions';

/** ResetTrafficMirrorTarget: the new receiver of the mirrored packets. */
const properties: INodeProperties[] = [
	trafficMirrorIdLocator,
	collectorTargetField,
	subnetAdditionalFields,
];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['resetTarget'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeMirrorAction.call(this, items, 'ResetTrafficMirrorTarget', (trafficMirrorId, itemIndex) => {
		const collectorTarget = this.getNodeParameter('collectorTarget', itemIndex, {}) as CreateTrafficMirrorParameters['collectorTarget'];
		const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		return buildResetTargetBody(trafficMirrorId, collectorTarget, additionalFields.subnetId);
	});
}
