export function isIpv4(value: string): boolean {
	const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
	return m !== null && m.slice(1).every((p) => Number(p) <= 255);
}

export function isIpv4Cidr(value: string): boolean {
	const slash = value.indexOf('/');
	if (slash === -1) return false;
	const bits = value.slice(slash + 1);
	return isIpv4(value.slice(0, slash)) && /^\d{1,2}$/.test(bits) && Number(bits) <= 32;
}

/** Filter network: an address or a CIDR block. */
export function isIpv4Net(value: string): boolean {
	return isIpv4(value) || isIpv4Cidr(value);
}

/** Filter port: '' (any), 'N' or 'N-M' within 1..65535. */
export function isPortSpec(value: string): boolean {
	if (value === '') return true;
	const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
	if (!m) return false;
	const lo = Number(m[1]);
	const hi = m[2] === undefined ? lo : Number(m[2]);
	return lo >= 1 && hi <= 65535 && lo <= hi;
}

/** 'ip:port' receiver endpoint of a public-IP mirror. */
export function isIpv4Endpoint(value: string): boolean {
	const colon = value.lastIndexOf(':');
	if (colon === -1) return false;
	const port = value.slice(colon + 1);
	return isIpv4(value.slice(0, colon)) && /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;
}

/** Number of addresses in a CIDR block. */
export function cidrSize(cidr: string): number {
	const bits = Number(cidr.slice(cidr.indexOf('/') + 1));
	return 2 ** (32 - bits);
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC+8 (Beijing time, as Tencent's API and console show it). */
export function formatBeijingTime(epochMs: number): string {
	return new Date(epochMs + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
