import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { callOptionsField, regionField } from '../common.descriptions';
import type { TencentCloudVpcType } from '../node.type';

import * as check from './check.operation';
import * as create from './create.operation';
import * as deleteTrafficMirror from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as resetFilters from './resetFilters.operation';
import * as resetSources from './resetSources.operation';
import * as resetTarget from './resetTarget.operation';
import * as start from './start.operation';
import * as stop from './stop.operation';
import * as update from './update.operation';
import * as updateAllFilters from './updateAllFilters.operation';
import * as updateDirection from './updateDirection.operation';
import { toolDescriptionFields } from './toolDescriptions';

/** What one operation module gives: its fields, its item loop, and any entries it adds to Options. */
interface Operation {
	description: INodeProperties[];
	extraOptions?: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/** The operations by the value the Operation parameter saves; the type makes it name every one. */
export const operations: Record<Extract<TencentCloudVpcType, { resource: 'trafficMirror' }>['operation'], Operation> = {
	check,
	create,
	delete: deleteTrafficMirror,
	get,
	getMany,
	resetFilters,
	resetSources,
	resetTarget,
	start,
	stop,
	update,
	updateAllFilters,
	updateDirection,
};

const showForEveryOperation = { show: { resource: ['trafficMirror'], operation: Object.keys(operations) } };

/**
 * Options, declared once: the call options every operation has, plus the entries some
 * operations add (each shown only for those), all in alphabetical order as the UI lists them.
 * Saved workflows keep their values under the one parameter name `options`.
 */
function optionsField(): INodeProperties {
	const addedBy = new Map<string, { option: INodeProperties; operations: string[] }>();
	for (const [operation, { extraOptions = [] }] of Object.entries(operations)) {
		for (const option of extraOptions) {
			const entry = addedBy.get(option.name) ?? { option, operations: [] };
			entry.operations.push(operation);
			addedBy.set(option.name, entry);
		}
	}
	const added = [...addedBy.values()].map(({ option, operations: shownFor }) => ({
		...option,
		displayOptions: { show: { '/operation': shownFor } },
	}));
	const options = [...added, ...((callOptionsField.options ?? []) as INodeProperties[])];
	return {
		...callOptionsField,
		displayOptions: showForEveryOperation,
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/**
 * Region first and Options last for every operation, each operation's own fields between; as
 * an AI Agent's tool, its description first.
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trafficMirror'] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				description: 'Check that a public IP mirror\'s collectors and receivers are free to use',
				action: 'Check a traffic mirror',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a traffic mirror that copies ENI or subnet traffic to a collector',
				action: 'Create a traffic mirror',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a traffic mirror',
				action: 'Delete a traffic mirror',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a traffic mirror by ID',
				action: 'Get a traffic mirror',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many traffic mirrors',
				action: 'Get many traffic mirrors',
			},
			{
				name: 'Reset Filters',
				value: 'resetFilters',
				description: 'Replace the filter with a NAT gateway, five-tuple rules, or none',
				action: 'Reset the filters of a traffic mirror',
			},
			{
				name: 'Reset Sources',
				value: 'resetSources',
				description: 'Replace the ENIs or subnets whose traffic is mirrored',
				action: 'Reset the sources of a traffic mirror',
			},
			{
				name: 'Reset Target',
				value: 'resetTarget',
				description: 'Replace the receiver of the mirrored traffic',
				action: 'Reset the target of a traffic mirror',
			},
			{
				name: 'Start',
				value: 'start',
				description: 'Start collecting traffic',
				action: 'Start a traffic mirror',
			},
			{
				name: 'Stop',
				value: 'stop',
				description: 'Stop collecting traffic; the mirror is kept',
				action: 'Stop a traffic mirror',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name or description',
				action: 'Update a traffic mirror',
			},
			{
				name: 'Update All Filters',
				value: 'updateAllFilters',
				description: 'Change direction, sources and filter in one call',
				action: 'Update all filters of a traffic mirror',
			},
			{
				name: 'Update Direction',
				value: 'updateDirection',
				description: 'Change which direction of traffic is mirrored',
				action: 'Update the direction of a traffic mirror',
			},
		],
		default: 'create',
	},
	...toolDescriptionFields(),
	{ ...regionField, displayOptions: showForEveryOperation },
	...Object.values(operations).flatMap((operation) => operation.description),
	optionsField(),
];
