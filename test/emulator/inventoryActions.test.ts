import { type Emulator, FLEET_ENI_COUNT, INVENTORY, startEmulator } from '../../dev/emulator';
import { RELAY_HOST_ENI_COUNT } from '../../dev/emulator/instances';
import { SCHEMA } from '../../dev/emulator/schema';
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
		// 5 private IPs in use: eni-emu00001, eni-emu00002, eni-web0002a and eni-web0001a with its secondary IP.
		expect(res.SubnetSet[0]).toMatchObject({ VpcId: 'vpc-emu00001', TotalIpAddressCount: 253, AvailableIpAddressCount: 248 });
	});
});

describe('DescribeNetworkInterfaces', () => {
	it('filters by vpc-id with the reference NetworkInterface members and a primary private IP', async () => {
		const res = await ok(emu.url, 'DescribeNetworkInterfaces', { Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00001'] }] });
		expect(res.TotalCount).toBe(7);
		expect(res.NetworkInterfaceSet.map((e: Loose) => [e.NetworkInterfaceId, e.SubnetId, e.PrivateIpAddressSet[0].PrivateIpAddress])).toEqual([
			['eni-emu00001', 'subnet-emu00001', '10.0.1.10'],
			['eni-emu00002', 'subnet-emu00001', '10.0.1.11'],
			['eni-emu00003', 'subnet-emu00002', '10.0.2.10'],
			['eni-emu00004', 'subnet-emu00002', '10.0.2.20'],
			['eni-web0001a', 'subnet-emu00001', '10.0.1.21'],
			['eni-web0001b', 'subnet-emu00002', '10.0.2.21'],
			['eni-web0002a', 'subnet-emu00001', '10.0.1.22'],
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
		expect(bySubnet.TotalCount).toBe(3);
		const byIds = await ok(emu.url, 'DescribeNetworkInterfaces', { NetworkInterfaceIds: ['eni-emu00006'] });
		expect(byIds.TotalCount).toBe(0);
		const fleet = await ok(emu.url, 'DescribeNetworkInterfaces', { Filters: [{ Name: 'vpc-id', Values: ['vpc-emu00009'] }], Offset: 200, Limit: 100 });
		// The fleet, its collector and the relay host's ENIs.
		expect(fleet.TotalCount).toBe(FLEET_ENI_COUNT + 1 + RELAY_HOST_ENI_COUNT);
		expect(fleet.NetworkInterfaceSet).toHaveLength(100);
		expect(await codeFor('DescribeNetworkInterfaces', { Limit: '10' })).toBe('InvalidParameter');
	});
});

describe('DescribeNetworkInterfaces: instances and private IPs', () => {
	const ids = (res: Loose) => res.NetworkInterfaceSet.map((e: Loose) => e.NetworkInterfaceId);
	const filters = (...list: Array<[string, string[]]>) => ({ Filters: list.map(([Name, Values]) => ({ Name, Values })) });

	it('attachment.instance-id: every ENI of the instance, the primary one first with EniType 1 and DeviceIndex 0', async () => {
		const res = await ok(emu.url, 'DescribeNetworkInterfaces', filters(['vpc-id', ['vpc-emu00001']], ['attachment.instance-id', ['ins-web00001']]));
		expect(res.TotalCount).toBe(2);
		expect(res.NetworkInterfaceSet.map((e: Loose) => [e.NetworkInterfaceId, e.Primary, e.EniType, e.Attachment.InstanceId, e.Attachment.DeviceIndex])).toEqual([
			['eni-web0001a', true, 1, 'ins-web00001', 0],
			['eni-web0001b', false, 0, 'ins-web00001', 1],
		]);
		expect(res.NetworkInterfaceSet[0].PrivateIpAddressSet.map((ip: Loose) => [ip.PrivateIpAddress, ip.Primary])).toEqual([
			['10.0.1.21', true],
			['10.0.1.121', false],
		]);
		const primaryOnly = await ok(emu.url, 'DescribeNetworkInterfaces', filters(['attachment.instance-id', ['ins-web00001', 'ins-web00002']], ['is-primary', ['TRUE']]));
		expect(ids(primaryOnly)).toEqual(['eni-web0001a', 'eni-web0002a']);
		const secondary = await ok(emu.url, 'DescribeNetworkInterfaces', filters(['attachment.instance-id', ['ins-web00001']], ['eni-type', ['0']]));
		expect(ids(secondary)).toEqual(['eni-web0001b']);
		const otherVpc = await ok(emu.url, 'DescribeNetworkInterfaces', filters(['vpc-id', ['vpc-emu00001']], ['attachment.instance-id', ['ins-stg00001']]));
		expect(otherVpc).toMatchObject({ TotalCount: 0, NetworkInterfaceSet: [] });
	});

	it('address-ip: one value matches by suffix unless ip-exact-match; several match exactly; secondary IPs count', async () => {
		const twoVpcs: [string, string[]] = ['vpc-id', ['vpc-emu00001', 'vpc-emu00002']];
		expect(ids(await ok(emu.url, 'DescribeNetworkInterfaces', filters(twoVpcs, ['address-ip', ['1.21']])))).toEqual(['eni-web0001a', 'eni-stg0001a']);
		expect(ids(await ok(emu.url, 'DescribeNetworkInterfaces', filters(twoVpcs, ['address-ip', ['1.21']], ['ip-exact-match', ['TRUE']])))).toEqual([]);
		expect(ids(await ok(emu.url, 'DescribeNetworkInterfaces', filters(['address-ip', ['10.0.1.121']], ['ip-exact-match', ['TRUE']])))).toEqual(['eni-web0001a']);
		expect(ids(await ok(emu.url, 'DescribeNetworkInterfaces', filters(['address-ip', ['10.0.1.121', '10.0.2.21', '10.0.2.2']])))).toEqual(['eni-web0001a', 'eni-web0001b']);
		// The reference: with ip-exact-match only the first of several values is used.
		expect(ids(await ok(emu.url, 'DescribeNetworkInterfaces', filters(['address-ip', ['10.0.1.22', '10.0.2.21']], ['ip-exact-match', ['TRUE']])))).toEqual(['eni-web0002a']);
	});

	it('pages the relay host\'s ENIs by 100', async () => {
		const body = (offset: number) => ({ ...filters(['attachment.instance-id', ['ins-relay001']]), Offset: offset, Limit: 100 });
		const first = await ok(emu.url, 'DescribeNetworkInterfaces', body(0));
		const second = await ok(emu.url, 'DescribeNetworkInterfaces', body(100));
		expect([first.TotalCount, first.NetworkInterfaceSet.length, second.NetworkInterfaceSet.length]).toEqual([RELAY_HOST_ENI_COUNT, 100, RELAY_HOST_ENI_COUNT - 100]);
		expect(new Set([...ids(first), ...ids(second)]).size).toBe(RELAY_HOST_ENI_COUNT);
	});

	it('takes at most 10 filters of at most 5 values (the limit its sibling actions state)', async () => {
		const six = ['ins-a0000001', 'ins-a0000002', 'ins-a0000003', 'ins-a0000004', 'ins-a0000005', 'ins-a0000006'];
		expect(await codeFor('DescribeNetworkInterfaces', filters(['attachment.instance-id', six]))).toBe('InvalidParameterValue.LimitExceeded');
		expect(await codeFor('DescribeNetworkInterfaces', filters(['attachment.instance-id', six.slice(0, 5)]))).toBe('Success');
		const eleven = Array.from({ length: 11 }, () => ['vpc-id', ['vpc-emu00001']] as [string, string[]]);
		expect(await codeFor('DescribeNetworkInterfaces', filters(...eleven))).toBe('InvalidParameterValue.LimitExceeded');
		expect(await codeFor('DescribeNetworkInterfaces', { Limit: 101 })).toBe('InvalidParameterValue');
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
