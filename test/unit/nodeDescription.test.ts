import type { INodeProperties } from 'n8n-workflow';

import { TencentCloudVpc } from '../../nodes/TencentCloudVpc/TencentCloudVpc.node';
import * as trafficMirror from '../../nodes/TencentCloudVpc/actions/trafficMirror';
import { callOptionsField, regionField } from '../../nodes/TencentCloudVpc/actions/common.descriptions';
import { TRAFFIC_MIRROR_ID_PATTERN } from '../../nodes/TencentCloudVpc/actions/trafficMirror/shared.descriptions';

const node = new TencentCloudVpc();
const properties = node.description.properties;
const operationProperty = properties.find((p) => p.name === 'operation')!;
const operations = (operationProperty.options as Array<{ name: string; value: string; action?: string }>) ?? [];

/** The properties an operation shows on the node (displayOptions.show.operation names it), not as an AI tool only. */
function fieldsOf(operation: string): INodeProperties[] {
	return properties.filter(
		(p) => (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation) && !p.displayOptions?.show?.['@tool'],
	);
}
const field = (operation: string, name: string) => fieldsOf(operation).find((p) => p.name === name);

const LIFECYCLE = ['delete', 'get', 'resetFilters', 'resetSources', 'resetTarget', 'start', 'stop', 'update', 'updateAllFilters', 'updateDirection'];

describe('the node\'s operations (values are a contract)', () => {
	test('every operation, sorted by name, each with an action text and an execute', () => {
		expect(operations.map((o) => o.value).sort()).toEqual(
			['check', 'create', 'getMany', ...LIFECYCLE].sort(),
		);
		expect(operations.map((o) => o.name)).toEqual([...operations.map((o) => o.name)].sort());
		for (const operation of operations) {
			expect(operation.action).toMatch(/traffic mirror/);
			const operations = trafficMirror.operations as Record<string, unknown>;
			expect(typeof operations[operation.value]).toBe('object');
			expect(typeof (operations[operation.value] as { execute?: unknown }).execute).toBe('function');
		}
	});

	test.each(operations.map((o) => o.value))('%s takes region and the shared call options', (operation) => {
		expect(field(operation, 'region')).toMatchObject({ ...regionField, displayOptions: expect.anything() });
		const options = field(operation, 'options');
		expect(options?.type).toBe('collection');
		expect(options?.options).toEqual(expect.arrayContaining(callOptionsField.options!));
	});

	test.each(operations.map((o) => o.value))('%s shows exactly one Region, first, and one Options collection, last', (operation) => {
		const shown = fieldsOf(operation);
		expect(shown.filter((p) => p.name === 'region')).toHaveLength(1);
		expect(shown.filter((p) => p.name === 'options')).toHaveLength(1);
		expect(shown[0].name).toBe('region');
		expect(shown[shown.length - 1].name).toBe('options');
	});

	test.each([
		['create', ['ifExists', 'instanceInterfaces', 'maxConcurrency', 'rateLimit', 'timeout']],
		['resetSources', ['instanceInterfaces', 'maxConcurrency', 'rateLimit', 'timeout']],
		['updateAllFilters', ['instanceInterfaces', 'maxConcurrency', 'rateLimit', 'timeout']],
		['get', ['maxConcurrency', 'rateLimit', 'timeout']],
		['check', ['maxConcurrency', 'rateLimit', 'timeout']],
	])('%s offers these Options, in this order', (operation, names) => {
		const options = (field(operation, 'options')?.options ?? []) as INodeProperties[];
		const shownFor = (option: INodeProperties) =>
			(option.displayOptions?.show?.['/operation'] as string[] | undefined)?.includes(operation) ?? true;
		expect(options.filter(shownFor).map((option) => option.name)).toEqual(names);
	});

	test.each(LIFECYCLE)('%s chooses the mirror with the trafficMirrorId locator: From List or By ID', (operation) => {
		const locator = field(operation, 'trafficMirrorId');
		expect(locator).toMatchObject({ type: 'resourceLocator', required: true });
		expect(locator?.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod])).toEqual([
			['list', 'searchTrafficMirrors'],
			['id', undefined],
		]);
		const regex = new RegExp(TRAFFIC_MIRROR_ID_PATTERN);
		expect(regex.test('imgf-cvfp7xo8')).toBe(true);
		expect(['imgf-CVFP7XO8', 'imgf-cvfp7xo', 'vpc-cvfp7xo8', ' imgf-cvfp7xo8'].some((id) => regex.test(id))).toBe(false);
	});

	test('parameter names of update and getMany', () => {
		expect(field('update', 'updateFields')?.options?.map((o) => o.name).sort()).toEqual(['trafficMirrorDescription', 'trafficMirrorName']);
		expect(field('getMany', 'returnAll')?.type).toBe('boolean');
		expect(field('getMany', 'limit')).toMatchObject({ type: 'number', default: 50, displayOptions: { show: { returnAll: [false] } } });
		expect(field('getMany', 'filters')?.options?.map((o) => o.name).sort()).toEqual(['tagKey', 'trafficMirrorName', 'vpcId']);
	});

	test('sources, target and filters reuse Create\'s sub-field names', () => {
		expect(field('resetSources', 'collectorSrcs')?.type).toBe('multiOptions');
		expect(field('resetTarget', 'collectorTarget')?.options?.map((o) => o.name).sort()).toEqual([
			'algHash',
			'targetEndPoints',
			'targetIps',
			'targetType',
		]);
		const filters = field('resetFilters', 'collectorNormalFilters')?.options?.[0] as { name: string; values: INodeProperties[] };
		expect(filters.name).toBe('filter');
		expect(filters.values.map((v) => v.name).sort()).toEqual(['dstNet', 'dstPort', 'protocol', 'srcNet', 'srcPort']);
		expect(field('resetFilters', 'natId')?.typeOptions?.loadOptionsMethod).toBe('getNatGateways');
		expect(field('updateDirection', 'direction')?.options?.map((o) => (o as { value: string }).value)).toEqual(['ALL', 'EGRESS', 'INGRESS']);
	});

	test('every picker method the description names exists on the node', () => {
		const named = new Set<string>();
		const walk = (list: Array<INodeProperties | { values?: INodeProperties[] }>) => {
			for (const item of list) {
				const property = item as INodeProperties & { values?: INodeProperties[] };
				if (property.typeOptions?.loadOptionsMethod) named.add(`loadOptions.${property.typeOptions.loadOptionsMethod}`);
				for (const mode of property.modes ?? []) {
					if (mode.typeOptions?.searchListMethod) named.add(`listSearch.${mode.typeOptions.searchListMethod}`);
				}
				walk((property.options as INodeProperties[] | undefined)?.filter((o) => typeof o === 'object') ?? []);
				walk(property.values ?? []);
			}
		};
		walk(properties);
		expect([...named].sort()).toEqual([
			'listSearch.searchTrafficMirrors',
			'listSearch.searchVpcs',
			'loadOptions.getCollectorSources',
			'loadOptions.getNatGateways',
			'loadOptions.getSubnets',
			'loadOptions.getVpcs',
		]);
		for (const name of named) {
			const [kind, method] = name.split('.') as ['loadOptions' | 'listSearch', string];
			expect(typeof (node.methods[kind] as Record<string, unknown>)[method]).toBe('function');
		}
		expect(typeof node.methods.loadOptions.getNetworkInterfaces).toBe('function');
	});
});
