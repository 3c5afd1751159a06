import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { buildCheckTrafficMirrorBody, type CheckTrafficMirrorParameters } from '../../requestBodies/buildCheckTrafficMirrorBody';
import { vpcIdLocator } from '../common.descriptions';
import { runPerItem } from '../itemLoop/runPerItem';
import { buildForItem } from './mirrorAction';
import { collectorTargetField, subnetAdditionalFields, trafficMirrorIdLocator } from './shared.descriptions';

/**
 * CheckTrafficMirror: whether a public IP mirror's collectors and receivers are free to use,
 * before creating it or changing an existing one. Changes nothing; a conflict is an error.
 */
const properties: INodeProperties[] = [
	vpcIdLocator,
	{
		...trafficMirrorIdLocator,
		required: false,
		description:
			'The public IP mirror being changed, if any: its own addresses and receivers do not count as taken (API field TrafficMirrorId)',
	},
	{
		displayName: 'Collector Sources',
		name: 'collectorSrcs',
		type: 'string',
		default: '',
		placeholder: '203.0.113.10, 203.0.113.11',
		description: 'Public IP addresses to collect, comma-separated; an expression may return an array (API field CollectorSources)',
	},
	collectorTargetField,
	subnetAdditionalFields,
];

const displayOptions = { show: { resource: ['trafficMirror'], operation: ['check'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (client) => {
		const { itemIndex } = client;
		const trafficMirrorId = String(this.getNodeParameter('trafficMirrorId', itemIndex, '', { extractValue: true }) ?? '').trim();
		const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const parameters: CheckTrafficMirrorParameters = {
			vpcId: String(this.getNodeParameter('vpcId', itemIndex, '', { extractValue: true }) ?? ''),
			trafficMirrorId,
			collectorSrcs: this.getNodeParameter('collectorSrcs', itemIndex, ''),
			collectorTarget: this.getNodeParameter('collectorTarget', itemIndex, {}) as CheckTrafficMirrorParameters['collectorTarget'],
			subnetId: additionalFields.subnetId,
		};
		const body = buildForItem(this.getNode(), itemIndex, () => buildCheckTrafficMirrorBody(parameters));
		const response = await client.call('CheckTrafficMirror', body);
		const json: IDataObject = { success: true, VpcId: body.VpcId };
		if (trafficMirrorId) json.TrafficMirrorId = trafficMirrorId;
		json.RequestId = response.RequestId;
		return [{ json }];
	});
}
