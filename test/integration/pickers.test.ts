import type { INodeParameters } from 'n8n-workflow';

import { INVENTORY } from '../../dev/emulator';
import { listSearch, loadOptions } from '../../dev/harness/loadOptions';
import { createMirrorDirectly, requestsOf } from '../support/trafficMirrors';
import { emulatorCredentials } from '../support/workflows';
import { emulatorForTests } from '../support/emulatorSuite';

const emulator = emulatorForTests({ rateLimit: 0 });

/** The editor's current parameters of a lifecycle operation on `trafficMirrorId`. */
function onMirror(trafficMirrorId: string, overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'trafficMirror',
		operation: 'resetSources',
		region: 'ap-guangzhou',
		trafficMirrorId: { __rl: true, mode: 'list', value: trafficMirrorId },
		...overrides,
	};
}

/** The editor's current parameters of an operation with a VPC parameter (Create, Check). */
function inVpc(vpcId: string, region = 'ap-guangzhou'): INodeParameters {
	return { resource: 'trafficMirror', operation: 'check', region, vpcId: { __rl: true, mode: 'list', value: vpcId } };
}

const pick = async (method: string, parameters: INodeParameters) =>
	await loadOptions(method, { parameters, credentials: emulatorCredentials(emulator) });
const values = (options: Array<{ value: unknown }>) => options.map((option) => option.value).sort();

const inventory = {
	subnets: (region: string, vpcId: string) =>
		INVENTORY.subnets.filter((s) => s.region === region && s.vpcId === vpcId).map((s) => s.subnetId).sort(),
	enis: (region: string, vpcId: string) => INVENTORY.enis.filter((e) => e.region === region && e.vpcId === vpcId).map((e) => e.eniId).sort(),
	nats: (region: string, vpcId: string) =>
		INVENTORY.natGateways.filter((n) => n.region === region && n.vpcId === vpcId).map((n) => n.natId).sort(),
};

describe('pickers list the account\'s resources of the chosen VPC and region', () => {
	test('the VPC comes from the VPC parameter where the operation has one', async () => {
		expect(values(await pick('getSubnets', inVpc('vpc-emu00001')))).toEqual(inventory.subnets('ap-guangzhou', 'vpc-emu00001'));
		expect(values(await pick('getNetworkInterfaces', inVpc('vpc-emu00001')))).toEqual(inventory.enis('ap-guangzhou', 'vpc-emu00001'));
		expect(values(await pick('getNatGateways', inVpc('vpc-emu00002')))).toEqual(inventory.nats('ap-guangzhou', 'vpc-emu00002'));
		expect(values(await pick('getSubnets', inVpc('vpc-emu00003', 'ap-shanghai')))).toEqual(['subnet-emu00004']);
	});

	test('otherwise from the chosen mirror, looked up by ID', async () => {
		const staging = await createMirrorDirectly(emulator, { body: { VpcId: 'vpc-emu00002', CollectorTarget: { TargetIps: ['172.16.1.99'] } } });
		expect(values(await pick('getNatGateways', onMirror(staging.TrafficMirrorId)))).toEqual(['nat-emu00002']);
		expect(values(await pick('getSubnets', onMirror(staging.TrafficMirrorId)))).toEqual(['subnet-emu00003']);
		expect(values(await pick('getNetworkInterfaces', onMirror(staging.TrafficMirrorId)))).toEqual(['eni-emu00005', 'eni-stg0001a']);
		expect(requestsOf(emulator, 'DescribeTrafficMirrors')[0].body).toEqual({ TrafficMirrorIds: [staging.TrafficMirrorId] });
	});

	test('entries name the resource, its ID and address', async () => {
		expect(await pick('getNatGateways', inVpc('vpc-emu00001'))).toEqual([
			{ name: 'incident-nat (nat-emu00001, 203.0.113.10)', value: 'nat-emu00001' },
		]);
		expect(await pick('getSubnets', inVpc('vpc-emu00001'))).toEqual([
			{ name: 'app (subnet-emu00001, 10.0.1.0/24)', value: 'subnet-emu00001', description: 'Subnet in ap-guangzhou-3' },
			{ name: 'tools (subnet-emu00002, 10.0.2.0/24)', value: 'subnet-emu00002', description: 'Subnet in ap-guangzhou-3' },
		]);
	});

	test('collector sources: the VPC\'s subnets, then every one of its ENIs, paging past 100', async () => {
		const fleetMirror = await createMirrorDirectly(emulator, {
			body: { VpcId: 'vpc-emu00009', CollectorTarget: { TargetIps: ['10.9.200.10'] } },
		});
		const options = await pick('getCollectorSources', onMirror(fleetMirror.TrafficMirrorId));
		const expected = [...inventory.subnets('ap-guangzhou', 'vpc-emu00009'), ...inventory.enis('ap-guangzhou', 'vpc-emu00009')];
		expect(options).toHaveLength(expected.length);
		expect(values(options)).toEqual(expected.sort());
		expect(options[0]).toMatchObject({ value: 'subnet-emu00009', name: 'Subnet: fleet (subnet-emu00009, 10.9.0.0/16)' });
		expect(options.slice(1, 4).map((option) => option.value)).toEqual(['eni-flt00000', 'eni-flt00001', 'eni-flt00002']);

		// DescribeNetworkInterfaces pages with numbers, DescribeSubnets with strings; both filter by VPC.
		const eniPages = requestsOf(emulator, 'DescribeNetworkInterfaces').map((entry) => entry.body as Record<string, unknown>);
		expect(eniPages).toHaveLength(Math.ceil(expected.length / 100));
		expect(eniPages[0]).toEqual({ Offset: 0, Limit: 100, Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00009'] }] });
		expect(eniPages[1]).toMatchObject({ Offset: 100, Limit: 100 });
		expect(requestsOf(emulator, 'DescribeSubnets').map((entry) => entry.body)).toEqual([
			{ Offset: '0', Limit: '100', Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00009'] }] },
		]);
	});

	test('VPCs of the region (for Get Many\'s VPC filter)', async () => {
		const options = await pick('getVpcs', { region: 'ap-guangzhou' });
		expect(values(options)).toEqual(INVENTORY.vpcs.filter((v) => v.region === 'ap-guangzhou').map((v) => v.vpcId).sort());
		expect(options.find((option) => option.value === 'vpc-emu00009')?.name).toBe('fleet (vpc-emu00009, 10.9.0.0/16)');
		expect(requestsOf(emulator, 'DescribeVpcs')[0].body).toEqual({ Offset: '0', Limit: '100' });
	});

	test('without a VPC or mirror, or with a mirror that does not exist, the picker says what to do', async () => {
		await expect(pick('getSubnets', onMirror(''))).rejects.toThrow(/Choose the Traffic Mirror \(or VPC\) first/);
		await expect(pick('getSubnets', onMirror('={{ $json.id }}'))).rejects.toThrow(/Choose the Traffic Mirror \(or VPC\) first/);
		await expect(pick('getSubnets', onMirror('imgf-zzzzzzzz'))).rejects.toThrow(
			'Traffic mirror imgf-zzzzzzzz was not found in region ap-guangzhou',
		);
		await expect(pick('getVpcs', { region: '={{ $json.region }}' })).rejects.toThrow(/Choose a Region/);
	});
});

describe('searchTrafficMirrors (the Traffic Mirror picker\'s list)', () => {
	const search = async (filter?: string, paginationToken?: string) =>
		await listSearch('searchTrafficMirrors', { parameters: { region: 'ap-guangzhou' }, credentials: emulatorCredentials(emulator) }, filter, paginationToken);

	test('searches by name with the traffic-mirror-name filter', async () => {
		const one = await createMirrorDirectly(emulator, { body: { TrafficMirrorName: 'incident-INC-1' } });
		const ten = await createMirrorDirectly(emulator, { body: { TrafficMirrorName: 'incident-INC-10', VpcId: 'vpc-emu00002', CollectorTarget: { TargetIps: ['172.16.1.99'] } } });
		await createMirrorDirectly(emulator, { body: { TrafficMirrorName: 'other' } });
		const result = await search('INC-1');
		expect(result).toEqual({
			results: [
				{ name: `incident-INC-1 (${one.TrafficMirrorId}, vpc-emu00001, RUNNING)`, value: one.TrafficMirrorId },
				{ name: `incident-INC-10 (${ten.TrafficMirrorId}, vpc-emu00002, RUNNING)`, value: ten.TrafficMirrorId },
			],
			paginationToken: undefined,
		});
		expect(requestsOf(emulator, 'DescribeTrafficMirrors')[0].body).toEqual({
			Offset: 0,
			Limit: 100,
			Filters: { Name: 'traffic-mirror-name', Values: ['INC-1'] },
		});
	});

	test('pages: a full page of 100 hands out a token for the next', async () => {
		for (let n = 0; n < 105; n++) {
			await createMirrorDirectly(emulator, { body: { TrafficMirrorName: `m-${n}`, VpcId: 'vpc-emu00009', CollectorTarget: { TargetIps: ['10.9.200.10'] } } });
		}
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const second = await search(undefined, first.paginationToken);
		expect(second.results.map((item) => item.name.split(' ')[0])).toEqual(['m-100', 'm-101', 'm-102', 'm-103', 'm-104']);
		expect(second.paginationToken).toBeUndefined();
		expect(requestsOf(emulator, 'DescribeTrafficMirrors').map((entry) => entry.body)).toEqual([
			{ Offset: 0, Limit: 100 },
			{ Offset: 100, Limit: 100 },
		]);
	});
});
