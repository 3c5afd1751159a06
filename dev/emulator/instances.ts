// CVM instances and the ENIs bound to them, for resolving an instance or a private IP to ENIs
// (DescribeNetworkInterfaces, filters attachment.instance-id and address-ip). Tests use these ids.
import type { InventoryEni } from './inventory';

export interface InventoryInstance {
	region: string;
	instanceId: string;
	vpcId: string;
	name: string;
}

const CREATED = '2024-03-01 09:30:00';
const GZ = 'ap-guangzhou';

/** ENIs bound to the relay host ins-relay001: more than one page (100) of DescribeNetworkInterfaces. */
export const RELAY_HOST_ENI_COUNT = 120;

export const INSTANCES: InventoryInstance[] = [
	{ region: GZ, instanceId: 'ins-web00001', vpcId: 'vpc-emu00001', name: 'prod-web-1' },
	{ region: GZ, instanceId: 'ins-web00002', vpcId: 'vpc-emu00001', name: 'prod-web-2' },
	{ region: GZ, instanceId: 'ins-stg00001', vpcId: 'vpc-emu00002', name: 'staging-web-1' },
	{ region: GZ, instanceId: 'ins-relay001', vpcId: 'vpc-emu00009', name: 'fleet-relay' },
];

function mac(n: number): string {
	const hex = (0x800000 + n).toString(16).padStart(6, '0');
	return `20:90:6f:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

interface BoundEni {
	eniId: string;
	subnetId: string;
	name: string;
	/** The ENI's primary private IP first, then its secondary ones. */
	ips: string[];
}

/** An instance's ENIs in device order: the first is its primary ENI. */
function boundEnis(instanceId: string, enis: BoundEni[]): InventoryEni[] {
	const instance = INSTANCES.find((candidate) => candidate.instanceId === instanceId);
	if (!instance) throw new Error(`no instance ${instanceId}`);
	return enis.map(({ eniId, subnetId, name, ips }, deviceIndex) => ({
		region: instance.region,
		eniId,
		vpcId: instance.vpcId,
		subnetId,
		name,
		privateIp: ips[0],
		secondaryPrivateIps: ips.slice(1),
		primary: deviceIndex === 0,
		deviceIndex,
		macAddress: mac(INSTANCES.indexOf(instance) * 256 + deviceIndex),
		instanceId,
		zone: 'ap-guangzhou-3',
		createdTime: CREATED,
	}));
}

function relayHostEnis(): BoundEni[] {
	return Array.from({ length: RELAY_HOST_ENI_COUNT }, (_, i) => ({
		eniId: `eni-rly${String(i).padStart(5, '0')}`,
		subnetId: 'subnet-emu00009',
		name: `relay-${i}`,
		ips: [`10.9.250.${10 + i}`],
	}));
}

/** Every ENI bound to one of INSTANCES. */
export const INSTANCE_ENIS: InventoryEni[] = [
	// Two ENIs in two subnets; the primary one carries a secondary private IP too.
	...boundEnis('ins-web00001', [
		{ eniId: 'eni-web0001a', subnetId: 'subnet-emu00001', name: 'prod-web-1-eth0', ips: ['10.0.1.21', '10.0.1.121'] },
		{ eniId: 'eni-web0001b', subnetId: 'subnet-emu00002', name: 'prod-web-1-eth1', ips: ['10.0.2.21'] },
	]),
	...boundEnis('ins-web00002', [{ eniId: 'eni-web0002a', subnetId: 'subnet-emu00001', name: 'prod-web-2-eth0', ips: ['10.0.1.22'] }]),
	// Same last octets as prod-web-1 in another VPC: only the vpc-id filter tells them apart.
	...boundEnis('ins-stg00001', [{ eniId: 'eni-stg0001a', subnetId: 'subnet-emu00003', name: 'staging-web-1-eth0', ips: ['172.16.1.21'] }]),
	...boundEnis('ins-relay001', relayHostEnis()),
];
