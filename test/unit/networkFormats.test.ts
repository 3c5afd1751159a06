import { isIpAddress, isIpAddressOrCidr, isIpv6, isPortOrRange } from '../../nodes/TencentCloudVpc/network/networkFormats';

describe('network formats', () => {
	test.each(['10.0.0.1', '0.0.0.0', '255.255.255.255', '::', '::1', 'fd00::1', '2001:db8:0:0:0:0:2:1', '::ffff:10.0.0.1', 'FE80::A'])(
		'%s is an IP address',
		(value) => expect(isIpAddress(value)).toBe(true),
	);
	test.each(['10.0.0.256', '10.0.0', '010.0.0.1', '10.0.0.1.', 'fd00:::1', '1:2:3:4:5:6:7:8:9', 'fd00::g', 'eni-emu00001', '', ' 10.0.0.1'])(
		'%s is not an IP address',
		(value) => expect(isIpAddress(value)).toBe(false),
	);
	test('a full IPv6 address with :: is too long', () => expect(isIpv6('1:2:3:4:5:6:7::8')).toBe(false));

	test.each(['10.0.0.0/8', '0.0.0.0/0', '10.0.1.10', 'fd00::/8', '::/0', '2001:db8::/128'])('%s is an address or CIDR', (value) =>
		expect(isIpAddressOrCidr(value)).toBe(true),
	);
	test.each(['10.0.0.0/33', 'fd00::/129', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/x', 'any'])('%s is not', (value) =>
		expect(isIpAddressOrCidr(value)).toBe(false),
	);

	test.each(['1', '443', '65535', '1-65535', '1000-2000', '80-80'])('%s is a port or range', (value) => expect(isPortOrRange(value)).toBe(true));
	test.each(['0', '65536', '2000-1000', '1-', '-1', 'http', '1,2', ' 80'])('%s is not', (value) => expect(isPortOrRange(value)).toBe(false));
});
