import { classifyCollectorSource, needsResolution, valuesToResolve } from '../../nodes/TencentCloudVpc/sourceResolution/classifyCollectorSources';
import { buildNetworkInterfaceQueries, MAX_FILTER_VALUES } from '../../nodes/TencentCloudVpc/sourceResolution/describeNetworkInterfacesQueries';
import {
	type NetworkInterfaceAnswer,
	networkInterfacesOf,
	resolveCollectorSourceList,
} from '../../nodes/TencentCloudVpc/sourceResolution/mapNetworkInterfaces';

const VPC = 'vpc-aaaa1111';

function eni(id: string, instanceId: string | null, deviceIndex: number, ips: string[], vpcId = VPC): NetworkInterfaceAnswer {
	return {
		NetworkInterfaceId: id,
		VpcId: vpcId,
		Primary: deviceIndex === 0,
		PrivateIpAddressSet: ips.map((PrivateIpAddress) => ({ PrivateIpAddress })),
		Attachment: instanceId ? { InstanceId: instanceId, DeviceIndex: deviceIndex } : null,
	};
}

describe('classifyCollectorSource', () => {
	test.each([
		['eni-39lpv32n', 'eni'],
		['subnet-7v7ev09m', 'subnet'],
		['ins-3nqpdn3i', 'instance'],
		['10.0.1.23', 'privateIp'],
		['ins-short', 'other'],
		['10.0.1.256', 'other'],
		['2001:db8::1', 'other'],
		['vpc-39lpv32n', 'other'],
	])('%s is %s', (value, kind) => {
		expect(classifyCollectorSource(value)).toBe(kind);
	});

	test('only instance IDs and IPv4s need resolving, each once', () => {
		expect(needsResolution(['eni-39lpv32n', 'subnet-7v7ev09m'])).toBe(false);
		expect(needsResolution(['eni-39lpv32n', '10.0.1.23'])).toBe(true);
		expect(valuesToResolve(['ins-aaaa0001', '10.0.1.2', 'eni-aaaa0001', 'ins-aaaa0001', '10.0.1.2'])).toEqual({
			instanceIds: ['ins-aaaa0001'],
			privateIps: ['10.0.1.2'],
		});
	});
});

describe('buildNetworkInterfaceQueries', () => {
	test('one query for the instances and one for the IPs, each scoped to the VPC', () => {
		expect(buildNetworkInterfaceQueries(VPC, { instanceIds: ['ins-aaaa0001', 'ins-aaaa0002'], privateIps: ['10.0.1.2', '10.0.1.3'] }, 'all')).toEqual([
			{
				kind: 'instance',
				values: ['ins-aaaa0001', 'ins-aaaa0002'],
				filters: [
					{ Name: 'vpc-id', Values: [VPC] },
					{ Name: 'attachment.instance-id', Values: ['ins-aaaa0001', 'ins-aaaa0002'] },
				],
			},
			{
				kind: 'privateIp',
				values: ['10.0.1.2', '10.0.1.3'],
				// Several values already match exactly; ip-exact-match would keep only the first.
				filters: [
					{ Name: 'vpc-id', Values: [VPC] },
					{ Name: 'address-ip', Values: ['10.0.1.2', '10.0.1.3'] },
				],
			},
		]);
	});

	test('a single IP is made exact (one value alone matches by suffix)', () => {
		expect(buildNetworkInterfaceQueries(VPC, { instanceIds: [], privateIps: ['10.0.1.2'] }, 'all')).toEqual([
			{
				kind: 'privateIp',
				values: ['10.0.1.2'],
				filters: [
					{ Name: 'vpc-id', Values: [VPC] },
					{ Name: 'address-ip', Values: ['10.0.1.2'] },
					{ Name: 'ip-exact-match', Values: ['TRUE'] },
				],
			},
		]);
	});

	test('primary only asks for primary ENIs; it does not change IP queries', () => {
		const [byInstance, byIp] = buildNetworkInterfaceQueries(VPC, { instanceIds: ['ins-aaaa0001'], privateIps: ['10.0.1.2'] }, 'primary');
		expect(byInstance.filters).toContainEqual({ Name: 'is-primary', Values: ['TRUE'] });
		expect(byIp.filters).not.toContainEqual({ Name: 'is-primary', Values: ['TRUE'] });
	});

	test(`more than ${MAX_FILTER_VALUES} values are split into queries of at most ${MAX_FILTER_VALUES}`, () => {
		const instanceIds = Array.from({ length: 12 }, (_, i) => `ins-aaaa${String(i).padStart(4, '0')}`);
		const queries = buildNetworkInterfaceQueries(VPC, { instanceIds, privateIps: [] }, 'all');
		expect(queries.map((query) => query.values.length)).toEqual([5, 5, 2]);
		expect(queries.flatMap((query) => query.values)).toEqual(instanceIds);
		for (const query of queries) {
			expect(query.filters.length).toBeLessThanOrEqual(10);
			for (const filter of query.filters) expect(filter.Values.length).toBeLessThanOrEqual(MAX_FILTER_VALUES);
		}
	});
});

describe('mapping answers to ENIs', () => {
	const answers = [
		eni('eni-b0000002', 'ins-aaaa0001', 1, ['10.0.2.21']),
		eni('eni-a0000001', 'ins-aaaa0001', 0, ['10.0.1.21', '10.0.1.121']),
		eni('eni-c0000003', 'ins-aaaa0002', 0, ['10.0.1.22']),
		// Suffix matches of address-ip, another VPC with the same IP, an unbound ENI.
		eni('eni-d0000004', null, 0, ['110.0.1.21']),
		eni('eni-e0000005', 'ins-bbbb0001', 0, ['10.0.1.22'], 'vpc-bbbb2222'),
		eni('eni-f0000006', null, 0, ['10.0.3.5']),
	];

	test("an instance's ENIs in NIC order; primary only keeps the primary one", () => {
		expect(networkInterfacesOf('ins-aaaa0001', answers, VPC, 'all')).toEqual(['eni-a0000001', 'eni-b0000002']);
		expect(networkInterfacesOf('ins-aaaa0001', answers, VPC, 'primary')).toEqual(['eni-a0000001']);
	});

	test('an IP resolves to the ENI holding it exactly, secondary IPs included, in the VPC only', () => {
		expect(networkInterfacesOf('10.0.1.21', answers, VPC, 'all')).toEqual(['eni-a0000001']);
		expect(networkInterfacesOf('10.0.1.121', answers, VPC, 'all')).toEqual(['eni-a0000001']);
		expect(networkInterfacesOf('10.0.3.5', answers, VPC, 'all')).toEqual(['eni-f0000006']);
		expect(networkInterfacesOf('10.0.1.22', answers, VPC, 'all')).toEqual(['eni-c0000003']);
		expect(networkInterfacesOf('0.1.21', answers, VPC, 'all')).toEqual([]);
	});

	test('a mixed list keeps its order, replaces instances and IPs by ENIs, and names each ENI once', () => {
		const result = resolveCollectorSourceList(
			['subnet-s0000001', 'ins-aaaa0001', 'eni-a0000001', '10.0.1.22', 'eni-z0000009', '10.0.2.21'],
			answers,
			VPC,
			'all',
		);
		expect(result).toEqual({
			collectorSrcs: ['subnet-s0000001', 'eni-a0000001', 'eni-b0000002', 'eni-c0000003', 'eni-z0000009'],
			resolved: { 'ins-aaaa0001': ['eni-a0000001', 'eni-b0000002'], '10.0.1.22': ['eni-c0000003'], '10.0.2.21': ['eni-b0000002'] },
			unresolved: [],
		});
	});

	test('values matching nothing in the VPC are reported, each once', () => {
		const result = resolveCollectorSourceList(['ins-bbbb0001', '10.9.9.9', 'ins-bbbb0001', 'eni-a0000001'], answers, VPC, 'all');
		expect(result.unresolved).toEqual(['ins-bbbb0001', '10.9.9.9']);
		expect(result.resolved).toEqual({});
		expect(result.collectorSrcs).toEqual(['eni-a0000001']);
	});
});
