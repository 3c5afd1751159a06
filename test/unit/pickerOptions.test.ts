import {
	collectorSourceOptions,
	natGatewayOption,
	networkInterfaceOption,
	sortOptions,
	subnetOption,
	trafficMirrorSearchItem,
	vpcOption,
} from '../../nodes/TencentCloudVpc/methods/pickerLabels';

const subnet = { SubnetId: 'subnet-emu00001', SubnetName: 'app', CidrBlock: '10.0.1.0/24', Zone: 'ap-guangzhou-3' };
const eni = {
	NetworkInterfaceId: 'eni-emu00001',
	NetworkInterfaceName: 'app-1',
	SubnetId: 'subnet-emu00001',
	PrivateIpAddressSet: [
		{ PrivateIpAddress: '10.0.1.99', Primary: false },
		{ PrivateIpAddress: '10.0.1.10', Primary: true },
	],
};

describe('picker entries', () => {
	test('each names the resource, its ID and what tells it apart', () => {
		expect(vpcOption({ VpcId: 'vpc-emu00001', VpcName: 'incident-prod', CidrBlock: '10.0.0.0/16' })).toEqual({
			name: 'incident-prod (vpc-emu00001, 10.0.0.0/16)',
			value: 'vpc-emu00001',
		});
		expect(subnetOption(subnet)).toEqual({
			name: 'app (subnet-emu00001, 10.0.1.0/24)',
			value: 'subnet-emu00001',
			description: 'Subnet in ap-guangzhou-3',
		});
		expect(networkInterfaceOption(eni)).toEqual({
			name: 'app-1 (eni-emu00001, 10.0.1.10)',
			value: 'eni-emu00001',
			description: 'ENI in subnet-emu00001',
		});
		expect(
			natGatewayOption({
				NatGatewayId: 'nat-emu00001',
				NatGatewayName: 'incident-nat',
				PublicIpAddressSet: [{ PublicIpAddress: '203.0.113.10' }, { PublicIpAddress: '203.0.113.11' }],
			}),
		).toEqual({ name: 'incident-nat (nat-emu00001, 203.0.113.10, 203.0.113.11)', value: 'nat-emu00001' });
		expect(
			trafficMirrorSearchItem({ TrafficMirrorId: 'imgf-abcd1234', TrafficMirrorName: 'incident-1', VpcId: 'vpc-emu00001', State: 'STOPED' }),
		).toEqual({ name: 'incident-1 (imgf-abcd1234, vpc-emu00001, STOPED)', value: 'imgf-abcd1234' });
	});

	test('a resource without a name shows its ID', () => {
		expect(vpcOption({ VpcId: 'vpc-emu00001', VpcName: '', CidrBlock: '10.0.0.0/16' }).name).toBe('vpc-emu00001, 10.0.0.0/16');
		expect(natGatewayOption({ NatGatewayId: 'nat-emu00001' }).name).toBe('nat-emu00001');
	});

	test('names sort naturally', () => {
		const sorted = sortOptions(['fleet-10', 'fleet-2', 'app', 'fleet-1'].map((name) => ({ name, value: name })));
		expect(sorted.map((option) => option.name)).toEqual(['app', 'fleet-1', 'fleet-2', 'fleet-10']);
	});

	test('collector sources list the subnets first, then the ENIs, each marked', () => {
		const options = collectorSourceOptions([subnet], [eni, { ...eni, NetworkInterfaceId: 'eni-emu00000', NetworkInterfaceName: 'app-0' }]);
		expect(options.map((option) => option.value)).toEqual(['subnet-emu00001', 'eni-emu00000', 'eni-emu00001']);
		expect(options.map((option) => option.name)).toEqual([
			'Subnet: app (subnet-emu00001, 10.0.1.0/24)',
			'ENI: app-0 (eni-emu00000, 10.0.1.10)',
			'ENI: app-1 (eni-emu00001, 10.0.1.10)',
		]);
	});
});
