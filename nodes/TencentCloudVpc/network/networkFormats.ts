/** Address, CIDR and port formats, checked without a network library (none may be bundled). */

const IPV4_OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_OCTET}(\\.${IPV4_OCTET}){3}$`);

export function isIpv4(value: string): boolean {
	return IPV4.test(value);
}

export function isIpv6(value: string): boolean {
	if (!/^[0-9a-fA-F:.]+$/.test(value) || value.includes(':::')) return false;
	let text = value;
	let groupsNeeded = 8;
	// An embedded IPv4 tail (::ffff:10.0.0.1) stands for two groups.
	const lastColon = text.lastIndexOf(':');
	if (text.includes('.')) {
		if (!isIpv4(text.slice(lastColon + 1))) return false;
		text = text.slice(0, lastColon + 1) + '0';
		groupsNeeded = 7;
	}
	const halves = text.split('::');
	if (halves.length > 2) return false;
	const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
	if (groups.flat().some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return false;
	const count = groups.flat().length;
	return halves.length === 2 ? count < groupsNeeded : count === groupsNeeded;
}

export function isIpAddress(value: string): boolean {
	return isIpv4(value) || isIpv6(value);
}

/** An address, or a CIDR block whose prefix fits its family (10.0.0.0/24, fd00::/8). */
export function isIpAddressOrCidr(value: string): boolean {
	const [address, prefix, ...rest] = value.split('/');
	if (rest.length) return false;
	if (prefix === undefined) return isIpAddress(address);
	if (!/^\d{1,3}$/.test(prefix)) return false;
	const bits = Number(prefix);
	if (isIpv4(address)) return bits <= 32;
	return isIpv6(address) && bits <= 128;
}

/** A port (1-65535) or an ascending range of them, as five-tuple filters take them. */
export function isPortOrRange(value: string): boolean {
	const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
	if (!match) return false;
	const low = Number(match[1]);
	const high = match[2] === undefined ? low : Number(match[2]);
	return low >= 1 && high <= 65535 && low <= high;
}
