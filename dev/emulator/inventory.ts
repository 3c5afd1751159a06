// The fixed, read-only network inventory the emulator serves. Tests and the demo use these exact ids.
import { INSTANCE_ENIS } from './instances';

export interface InventoryVpc {
	region: string;
	vpcId: string;
	name: string;
	cidrBlock: string;
	isDefault: boolean;
	createdTime: string;
}

export interface InventorySubnet {
	region: string;
	subnetId: string;
	vpcId: string;
	name: string;
	cidrBlock: string;
	zone: string;
	isDefault: boolean;
	createdTime: string;
}

export interface InventoryEni {
	region: string;
	eniId: string;
	vpcId: string;
	subnetId: string;
	name: string;
	privateIp: string;
	/** Further private IPs of the ENI (PrivateIpAddressSet entries with Primary false). */
	secondaryPrivateIps?: string[];
	/** Primary ENI of its instance (the API's NetworkInterface.Primary). */
	primary: boolean;
	/** Position among its instance's ENIs (Attachment.DeviceIndex); 0 when not given. */
	deviceIndex?: number;
	macAddress: string;
	instanceId: string;
	zone: string;
	createdTime: string;
}

export interface InventoryNatGateway {
	region: string;
	natId: string;
	vpcId: string;
	subnetId: string;
	name: string;
	publicIp: string;
	zone: string;
	createdTime: string;
}

/** Private CLB instances, usable as a TargetType CLB receiver. */
export interface InventoryClb {
	region: string;
	clbId: string;
	vpcId: string;
	subnetId: string;
	name: string;
	vip: string;
}

export interface Inventory {
	vpcs: InventoryVpc[];
	subnets: InventorySubnet[];
	enis: InventoryEni[];
	natGateways: InventoryNatGateway[];
	clbs: InventoryClb[];
}

const CREATED = '2024-01-15 10:00:00';
const GZ = 'ap-guangzhou';
const SH = 'ap-shanghai';

/** Number of generated ENIs in the `fleet` VPC, eni-flt00000 … eni-flt03999: enough sources for the benchmark. */
export const FLEET_ENI_COUNT = 4000;

function mac(n: number): string {
	const hex = n.toString(16).padStart(6, '0');
	return `20:90:6f:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

function eni(
	region: string,
	n: number,
	eniId: string,
	vpcId: string,
	subnetId: string,
	name: string,
	privateIp: string,
	zone: string,
): InventoryEni {
	return {
		region,
		eniId,
		vpcId,
		subnetId,
		name,
		privateIp,
		primary: true,
		macAddress: mac(n),
		instanceId: `ins-emu${String(n).padStart(5, '0')}`,
		zone,
		createdTime: CREATED,
	};
}

function fleetEnis(): InventoryEni[] {
	const out: InventoryEni[] = [];
	for (let i = 0; i < FLEET_ENI_COUNT; i++) {
		const id = `eni-flt${String(i).padStart(5, '0')}`;
		// 10.9.1.4 … 10.9.1.253, then 10.9.2.4 … up to 10.9.16.253: inside subnet-emu00009 (10.9.0.0/16).
		const ip = `10.9.${1 + Math.floor(i / 250)}.${4 + (i % 250)}`;
		out.push(eni(GZ, 1000 + i, id, 'vpc-emu00009', 'subnet-emu00009', `fleet-${i}`, ip, 'ap-guangzhou-3'));
	}
	return out;
}

export const INVENTORY: Inventory = {
	vpcs: [
		{ region: GZ, vpcId: 'vpc-emu00001', name: 'incident-prod', cidrBlock: '10.0.0.0/16', isDefault: false, createdTime: CREATED },
		{ region: GZ, vpcId: 'vpc-emu00002', name: 'staging', cidrBlock: '172.16.0.0/16', isDefault: false, createdTime: CREATED },
		{ region: GZ, vpcId: 'vpc-emu00009', name: 'fleet', cidrBlock: '10.9.0.0/16', isDefault: false, createdTime: CREATED },
		{ region: SH, vpcId: 'vpc-emu00003', name: 'shanghai-core', cidrBlock: '10.1.0.0/16', isDefault: false, createdTime: CREATED },
	],
	subnets: [
		{ region: GZ, subnetId: 'subnet-emu00001', vpcId: 'vpc-emu00001', name: 'app', cidrBlock: '10.0.1.0/24', zone: 'ap-guangzhou-3', isDefault: false, createdTime: CREATED },
		{ region: GZ, subnetId: 'subnet-emu00002', vpcId: 'vpc-emu00001', name: 'tools', cidrBlock: '10.0.2.0/24', zone: 'ap-guangzhou-3', isDefault: false, createdTime: CREATED },
		{ region: GZ, subnetId: 'subnet-emu00003', vpcId: 'vpc-emu00002', name: 'staging-app', cidrBlock: '172.16.1.0/24', zone: 'ap-guangzhou-4', isDefault: false, createdTime: CREATED },
		{ region: GZ, subnetId: 'subnet-emu00009', vpcId: 'vpc-emu00009', name: 'fleet', cidrBlock: '10.9.0.0/16', zone: 'ap-guangzhou-3', isDefault: false, createdTime: CREATED },
		{ region: SH, subnetId: 'subnet-emu00004', vpcId: 'vpc-emu00003', name: 'shanghai-app', cidrBlock: '10.1.1.0/24', zone: 'ap-shanghai-2', isDefault: false, createdTime: CREATED },
	],
	enis: [
		eni(GZ, 1, 'eni-emu00001', 'vpc-emu00001', 'subnet-emu00001', 'app-1', '10.0.1.10', 'ap-guangzhou-3'),
		eni(GZ, 2, 'eni-emu00002', 'vpc-emu00001', 'subnet-emu00001', 'app-2', '10.0.1.11', 'ap-guangzhou-3'),
		eni(GZ, 3, 'eni-emu00003', 'vpc-emu00001', 'subnet-emu00002', 'tools-1', '10.0.2.10', 'ap-guangzhou-3'),
		eni(GZ, 4, 'eni-emu00004', 'vpc-emu00001', 'subnet-emu00002', 'packet-collector', '10.0.2.20', 'ap-guangzhou-3'),
		eni(GZ, 5, 'eni-emu00005', 'vpc-emu00002', 'subnet-emu00003', 'staging-1', '172.16.1.10', 'ap-guangzhou-4'),
		eni(GZ, 9, 'eni-fltrecv1', 'vpc-emu00009', 'subnet-emu00009', 'fleet-collector', '10.9.200.10', 'ap-guangzhou-3'),
		...fleetEnis(),
		eni(SH, 6, 'eni-emu00006', 'vpc-emu00003', 'subnet-emu00004', 'shanghai-1', '10.1.1.10', 'ap-shanghai-2'),
		...INSTANCE_ENIS,
	],
	natGateways: [
		{ region: GZ, natId: 'nat-emu00001', vpcId: 'vpc-emu00001', subnetId: 'subnet-emu00002', name: 'incident-nat', publicIp: '203.0.113.10', zone: 'ap-guangzhou-3', createdTime: CREATED },
		{ region: GZ, natId: 'nat-emu00002', vpcId: 'vpc-emu00002', subnetId: 'subnet-emu00003', name: 'staging-nat', publicIp: '203.0.113.20', zone: 'ap-guangzhou-4', createdTime: CREATED },
	],
	clbs: [{ region: GZ, clbId: 'lb-emu00001', vpcId: 'vpc-emu00001', subnetId: 'subnet-emu00002', name: 'collector-clb', vip: '10.0.2.100' }],
};

/** Lookup helpers scoped to a region: resources of other regions do not exist there. */
export function findVpc(region: string, vpcId: string): InventoryVpc | undefined {
	return INVENTORY.vpcs.find((v) => v.region === region && v.vpcId === vpcId);
}
export function findSubnet(region: string, subnetId: string): InventorySubnet | undefined {
	return INVENTORY.subnets.find((s) => s.region === region && s.subnetId === subnetId);
}
export function findEni(region: string, eniId: string): InventoryEni | undefined {
	return INVENTORY.enis.find((e) => e.region === region && e.eniId === eniId);
}
export function findEniByIp(region: string, vpcId: string, ip: string): InventoryEni | undefined {
	return INVENTORY.enis.find((e) => e.region === region && e.vpcId === vpcId && e.privateIp === ip);
}
export function findNatGateway(region: string, natId: string): InventoryNatGateway | undefined {
	return INVENTORY.natGateways.find((n) => n.region === region && n.natId === natId);
}
export function findClb(region: string, idOrVip: string, vpcId?: string): InventoryClb | undefined {
	return INVENTORY.clbs.find(
		(c) => c.region === region && (c.clbId === idOrVip || (c.vip === idOrVip && (!vpcId || c.vpcId === vpcId))),
	);
}
