import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { buildUpdateDirectionBody } from '../../requestBodies/buildTrafficMirrorResetBodies';
import { readOptionParameter } from '../optionParameters';
import { executeMirrorAction } from './mirrorAction';
import { directionField, trafficMirrorIdLocator } from './shared.descriptions';

/** UpdateTrafficMirrorDirection. */
const properties: INodeProperties[] = [trafficMirrorIdLocator, { ...directionField, required: true }];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['updateDirection'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeMirrorAction.call(this, items, 'UpdateTrafficMirrorDirection', (trafficMirrorId, itemIndex) =>
		buildUpdateDirectionBody(trafficMirrorId, readOptionParameter.call(this, directionField, itemIndex)),
	);
}
