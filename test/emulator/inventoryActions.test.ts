import { type Emulator, FLEET_ENI_COUNT, INVENTORY, startEmulator } from '../../emulator';
import { SCHEMA } from '../../emulator/schema';
import { call, codeOf, ok, type CallOptions, type Loose } from './signForTest';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ rateLimit: 0 });
});
afterAll(() => emu.stop());

const members = (name: string) => SCHEMA.objects[name].map((m) => m.name);

async function codeFor(action: string, body: unknown, opts: CallOptions = {}): Promise<string> {
	return codeOf(await call(emu.url, action, body, opts));
}

describe('inventory data', () => {
	it('has the documented ids and well-formed generated ENIs', () => {
		const ids = [...INVENTORY.vpcs.map((v) => v.vpcId), ...INVENTORY.subnets.map((s) => s.subnetId), ...INVENTORY.enis.map((e) => e.eniId)];
		expect(ids).toEqual(expect.arrayContaining(['vpc-emu00001', 'vpc-emu00002', 'vpc-emu00003', 'vpc-emu00009', 'subnet-emu00004', 'eni-emu00006', 'eni-flt00000', 'eni-flt00255']));
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of [...ids, ...INVENTORY.natGateways.map((n) => n.natId), ...INVENTORY.clbs.map((c) => c.clbId)]) {
			expect(id).toMatch(/^[a-z]+-[a-z0-9]{8}$/);
		}
		const ips = INVENTORY.enis.map((e) => `${e.region}/${e.vpcId}/${e.privateIp}`);
		expect(new Set(ips).size).toBe(ips.length);
		expect(INVENTORY.enis.filter((e) => e.vpcId === 'vpc-emu00009' && e.eniId.startsWith('eni-flt0'))).toHaveLength(FLEET_ENI_COUNT);
	});
});

describe('DescribeVpcs', () => {
	it('lists the VPCs of the region with the reference Vpc members', async () => {
		const res = await ok(emu.url, 'DescribeVpcs', {});
		expect(res.TotalCount).toBe(3);
		expect(res.VpcSet.map((v: Loose) => v.VpcId)).toEqual(['vpc-emu00001', 'vpc-emu00002', 'vpc-emu00009']);
		expect(Object.keys(res.VpcSet[0]).sort()).toEqual(members('Vpc').sort());
		expect(res.VpcSet[0]).toMatchObject({ VpcName: 'incident-prod', CidrBlock: '10.0.0.0/16', IsDefault: false });
		const sh = await ok(emu.url, 'DescribeVpcs', {}, { region: 'ap-shanghai' });
		expect(sh.VpcSet.map((v: Loose) => [v.VpcId, v.VpcName])).toEqual([['vpc-emu00003', 'shanghai-core']]);
	});

	it('filters by vpc-name (fuzzy) and vpc-id, and by VpcIds', async () => {
		const byName = await ok(emu.url, 'DescribeVpcs', { Filters: [{ Name: 'vpc-name', Values: ['incident'] }] });
		expect(byName.VpcSet.map((v: Loose) => v.VpcId)).toEqual(['vpc-emu00001']);
		const byId = await ok(emu.url, 'DescribeVpcs', { Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00002', 'vpc-emu00003'] }] });
		expect(byId.VpcSet.map((v: Loose) => v.VpcId)).toEqual(['vpc-emu00002']);
		const both = await ok(emu.url, 'DescribeVpcs', { Filters: [{ Name: 'vpc-name', Values: ['e'] }, { Name: 'vpc-id', Values: ['vpc-emu00009'] }] });
		expect(both.TotalCount).toBe(1);
		const ids = await ok(emu.url, 'DescribeVpcs', { VpcIds: ['vpc-emu00009', 'vpc-nothere0'] });
		expect(ids.VpcSet.map((v: Loose) => v.VpcId)).toEqual(['vpc-emu00009']);
	});

	it('pages with string Offset/Limit; rejects bad paging, unknown filters and VpcIds+Filters', async () => {
		const page = await ok(emu.url, 'DescribeVpcs', { Offset: '1', Limit: '1' });
		expect(page).toMatchObject({ TotalCount: 3, VpcSet: [expect.objectContaining({ VpcId: 'vpc-emu00002' })] });
		expect(await codeFor('DescribeVpcs', { Limit: 'ten' })).toBe('InvalidParameterValue');
		expect(await codeFor('DescribeVpcs', { Limit: '101' })).toBe('InvalidParameterValue');
		expect(await codeFor('DescribeVpcs', { Filters: [{ Name: 'colour', Values: ['x'] }] })).toBe('InvalidParameterValue');
		expect(await codeFor('DescribeVpcs', { VpcIds: ['vpc-emu00001'], Filters: [] })).toBe('InvalidParameter.Coexist');
	});
});

describe('DescribeSubnets', () => {
	it('filters by vpc-id with the reference Subnet members', async () => {
		const res = await ok(emu.url, 'DescribeSubnets', { Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00001'] }] });
		expect(res.TotalCount).toBe(2);
		expect(res.SubnetSet.map((s: Loose) => [s.SubnetId, s.SubnetName, s.CidrBlock])).toEqual([
			['subnet-emu00001', 'app', '10.0.1.0/24'],
			['subnet-emu00002', 'tools', '10.0.2.0/24'],
		]);
		expect(Object.keys(res.SubnetSet[0]).sort()).toEqual(members('Subnet').sort());
		expect(res.SubnetSet[0]).toMatchObject({ VpcId: 'vpc-emu00001', TotalIpAddressCount: 253, AvailableIpAddressCount: 251 });
	});
});

describe('DescribeNetworkInterfaces', () => {
	it('filters by vpc-id with the reference NetworkInterface members and a primary private IP', async () => {
		const res = await ok(emu.url, 'DescribeNetworkInterfaces', { Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00001'] }] });
		expect(res.TotalCount).toBe(4);
		expect(res.NetworkInterfaceSet.map((e: Loose) => [e.NetworkInterfaceId, e.SubnetId, e.PrivateIpAddressSet[0].PrivateIpAddress])).toEqual([
			['eni-emu00001', 'subnet-emu00001', '10.0.1.10'],
			['eni-emu00002', 'subnet-emu00001', '10.0.1.11'],
			['eni-emu00003', 'subnet-emu00002', '10.0.2.10'],
			['eni-emu00004', 'subnet-emu00002', '10.0.2.20'],
		]);
		const collector = res.NetworkInterfaceSet[3];
		expect(Object.keys(collector).sort()).toEqual(members('NetworkInterface').sort());
		expect(collector).toMatchObject({ NetworkInterfaceName: 'packet-collector', VpcId: 'vpc-emu00001' });
		expect(collector.PrivateIpAddressSet[0]).toMatchObject({ Primary: true });
		for (const key of Object.keys(collector.PrivateIpAddressSet[0])) expect(members('PrivateIpAddressSpecification')).toContain(key);
	});

	it('by address-ip, subnet-id and ids; the fleet pages by 100', async () => {
		const byIp = await ok(emu.url, 'DescribeNetworkInterfaces', { Filters: [{ Name: 'address-ip', Values: ['10.0.2.20', '10.0.1.10'] }] });
		expect(byIp.NetworkInterfaceSet.map((e: Loose) => e.NetworkInterfaceId)).toEqual(['eni-emu00001', 'eni-emu00004']);
		const bySubnet = await ok(emu.url, 'DescribeNetworkInterfaces', { Filters: [{ Name: 'subnet-id', Values: ['subnet-emu00002'] }] });
		expect(bySubnet.TotalCount).toBe(2);
		const byIds = await ok(emu.url, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: ['eni-emu00006'] });
		expect(byIds.TotalCount).toBe(0);
		const fleet = await ok(emu.url, 'DescribeNetworkInterfaces', { Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00009'] }], Offset: 200, Limit: 100 });
		expect(fleet.TotalCount).toBe(FLEET_ENI_COUNT + 1);
		expect(fleet.NetworkInterfaceSet).toHaveLength(Math.min(100, FLEET_ENI_COUNT + 1 - 200));
		expect(await codeFor('DescribeNetworkInterfaces', { Limit: '10' })).toBe('InvalidParameter');
	});
});

describe('DescribeNatGateways', () => {
	it('filters by vpc-id with the reference NatGateway members', async () => {
		const res = await ok(emu.url, 'DescribeNatGateways', { Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00001'] }] });
		expect(res.TotalCount).toBe(1);
		expect(res.NatGatewaySet[0]).toMatchObject({ NatGatewayId: 'nat-emu00001', VpcId: 'vpc-emu00001', State: 'AVAILABLE' });
		expect(Object.keys(res.NatGatewaySet[0]).sort()).toEqual(members('NatGateway').sort());
		const sh = await ok(emu.url, 'DescribeNatGateways', {}, { region: 'ap-shanghai' });
		expect(sh).toMatchObject({ TotalCount: 0, NatGatewaySet: [] });
	});
});

describe('response members', () => {
	it.each([
		['DescribeVpcs', 'DescribeVpcsResponse'],
		['DescribeSubnets', 'DescribeSubnetsResponse'],
		['DescribeNetworkInterfaces', 'DescribeNetworkInterfacesResponse'],
		['DescribeNatGateways', 'DescribeNatGatewaysResponse'],
	])('%s answers with exactly the members of %s', async (action, object) => {
		const res = await ok(emu.url, action, {});
		expect(Object.keys(res).sort()).toEqual(members(object).sort());
	});
});
