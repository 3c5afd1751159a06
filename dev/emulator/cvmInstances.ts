// CVM instances behind the inventory's ENIs, and DescribeInstances (cvm 2017-03-12) over them.
// Shapes follow Tencent's Instance object; each instance is built from its primary ENI, so an
// instance's VPC, subnet, zone and private IP always agree with what the VPC actions answer.
import { apiError } from './apiError';
import { INVENTORY, type InventoryEni } from './inventory';

/** Names with spaces and non-ASCII text, as real consoles have them; the others take their ENI's name. */
const INSTANCE_NAMES: Record<string, string> = {
	'ins-emu00004': 'packet collector 抓包机',
};

const INSTANCE_TAGS: Record<string, Array<{ Key: string; Value: string }>> = {
	'ins-emu00001': [{ Key: 'service', Value: 'checkout' }, { Key: 'env', Value: 'prod' }],
	'ins-emu00002': [{ Key: 'service', Value: 'checkout' }, { Key: 'env', Value: 'prod' }],
	'ins-emu00003': [{ Key: 'env', Value: 'prod' }],
	'ins-emu00005': [{ Key: 'env', Value: 'staging' }],
};

interface InstanceRecord {
	eni: InventoryEni;
	instanceId: string;
	name: string;
	tags: Array<{ Key: string; Value: string }>;
}

/** One instance per primary ENI, in inventory order. */
function instanceRecords(): InstanceRecord[] {
	const seen = new Set<string>();
	const out: InstanceRecord[] = [];
	for (const eni of INVENTORY.enis) {
		if (!eni.primary || !eni.instanceId || seen.has(eni.instanceId)) continue;
		seen.add(eni.instanceId);
		out.push({
			eni,
			instanceId: eni.instanceId,
			name: INSTANCE_NAMES[eni.instanceId] ?? eni.name,
			tags: INSTANCE_TAGS[eni.instanceId] ?? [],
		});
	}
	return out;
}

let records: InstanceRecord[] | undefined;
function allInstances(): InstanceRecord[] {
	records ??= instanceRecords();
	return records;
}

/** Inventory time `YYYY-MM-DD HH:MM:SS` (UTC+8) as CVM's ISO 8601 UTC `CreatedTime`. */
function isoCreatedTime(createdTime: string): string {
	return new Date(`${createdTime.replace(' ', 'T')}+08:00`).toISOString().replace('.000Z', 'Z');
}

function uuidOf(instanceId: string): string {
	const hex = Buffer.from(instanceId).toString('hex').padEnd(32, '0').slice(0, 32);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The Instance object as DescribeInstances returns it. */
export function describeInstance(record: InstanceRecord): Record<string, unknown> {
	const { eni, instanceId } = record;
	const suffix = instanceId.slice(4);
	return {
		Placement: { Zone: eni.zone, ProjectId: 0, HostId: null },
		InstanceId: instanceId,
		Uuid: uuidOf(instanceId),
		InstanceName: record.name,
		InstanceType: 'SA5.MEDIUM4',
		CPU: 2,
		Memory: 4,
		GPUInfo: null,
		InstanceState: 'RUNNING',
		RestrictState: 'NORMAL',
		InstanceChargeType: 'POSTPAID_BY_HOUR',
		StopChargingMode: 'NOT_APPLICABLE',
		RenewFlag: null,
		SystemDisk: { DiskType: 'CLOUD_BSSD', DiskId: `disk-${suffix}`, DiskSize: 50 },
		DataDisks: null,
		PrivateIpAddresses: [eni.privateIp],
		PublicIpAddresses: null,
		IPv6Addresses: null,
		InternetAccessible: { InternetChargeType: 'TRAFFIC_POSTPAID_BY_HOUR', InternetMaxBandwidthOut: 0, PublicIpAssigned: false },
		VirtualPrivateCloud: { VpcId: eni.vpcId, SubnetId: eni.subnetId, AsVpcGateway: false, PrivateIpAddresses: null, Ipv6AddressCount: 0 },
		SecurityGroupIds: ['sg-emu00001'],
		LoginSettings: { KeyIds: null },
		ImageId: 'img-eb30mz89',
		OsName: 'TencentOS Server 3.1 (TK4)',
		CreatedTime: isoCreatedTime(eni.createdTime),
		ExpiredTime: null,
		Tags: record.tags,
		LatestOperation: 'RunInstances',
		LatestOperationState: 'SUCCESS',
		LatestOperationRequestId: `c7de1287-061d-4ace-8caf-${suffix.padStart(12, '0')}`,
		LatestOperationErrorMsg: null,
		DisasterRecoverGroupId: '',
		CamRoleName: '',
		HpcClusterId: '',
		RdmaIpAddresses: null,
		DedicatedClusterId: '',
		IsolatedSource: 'NOTISOLATED',
		LicenseType: 'TencentCloud',
		DisableApiTermination: false,
		DefaultLoginUser: 'root',
		DefaultLoginPort: 22,
	};
}

type Matcher = (record: InstanceRecord, values: string[]) => boolean;

/** The Filters DescribeInstances documents that the emulator answers. */
const FILTERS: Record<string, Matcher> = {
	zone: (r, v) => v.includes(r.eni.zone),
	'vpc-id': (r, v) => v.includes(r.eni.vpcId),
	'subnet-id': (r, v) => v.includes(r.eni.subnetId),
	'instance-id': (r, v) => v.includes(r.instanceId),
	'instance-name': (r, v) => v.includes(r.name),
	'instance-state': (_r, v) => v.includes('RUNNING'),
	'instance-charge-type': (_r, v) => v.includes('POSTPAID_BY_HOUR'),
	'private-ip-address': (r, v) => v.includes(r.eni.privateIp),
	'project-id': (_r, v) => v.includes('0'),
	'tag-key': (r, v) => r.tags.some((t) => v.includes(t.Key)),
	'tag-value': (r, v) => r.tags.some((t) => v.includes(t.Value)),
};

function matcherFor(name: string): Matcher {
	if (Object.prototype.hasOwnProperty.call(FILTERS, name)) return FILTERS[name];
	if (name.startsWith('tag:')) {
		const key = name.slice(4);
		return (r, v) => r.tags.some((t) => t.Key === key && v.includes(t.Value));
	}
	throw apiError('InvalidFilter', `The filter \`${name}\` is not supported.`);
}

function integer(value: unknown, name: string, fallback: number, max?: number): number {
	if (value === undefined) return fallback;
	const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
		throw apiError('InvalidParameterValue', `The value of \`${name}\` must be a non-negative integer.`);
	}
	if (max !== undefined && n > max) {
		throw apiError('InvalidParameterValue.LimitExceeded', `The value of \`${name}\` must not exceed ${max}.`);
	}
	return n;
}

function stringList(value: unknown, name: string): string[] {
	if (value === undefined) return [];
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		throw apiError('InvalidParameter', `\`${name}\` must be an array of strings.`);
	}
	return value as string[];
}

/** DescribeInstances: InstanceIds or Filters (not both), Offset, Limit (default 20, at most 100). */
export function describeInstances(region: string, params: Record<string, unknown>): Record<string, unknown> {
	const known = new Set(['InstanceIds', 'Filters', 'Offset', 'Limit']);
	for (const name of Object.keys(params)) {
		if (!known.has(name)) throw apiError('UnknownParameter', `The parameter \`${name}\` is not recognized.`);
	}
	const instanceIds = stringList(params.InstanceIds, 'InstanceIds');
	const filters = params.Filters === undefined ? [] : params.Filters;
	if (!Array.isArray(filters)) throw apiError('InvalidParameter', '`Filters` must be an array of {Name, Values}.');
	if (instanceIds.length > 0 && filters.length > 0) {
		throw apiError('InvalidParameter', '`InstanceIds` and `Filters` cannot be specified at the same time.');
	}
	if (filters.length > 10) throw apiError('InvalidParameterValue.LimitExceeded', 'At most 10 `Filters` may be given.');
	for (const id of instanceIds) {
		if (!/^ins-[a-z0-9]{8}$/.test(id)) throw apiError('InvalidInstanceId.Malformed', `The instance ID \`${id}\` is malformed.`);
	}
	const offset = integer(params.Offset, 'Offset', 0);
	const limit = integer(params.Limit, 'Limit', 20, 100);

	const conditions = filters.map((filter: unknown, index: number) => {
		const { Name, Values } = (filter ?? {}) as { Name?: unknown; Values?: unknown };
		if (typeof Name !== 'string' || Name === '') throw apiError('MissingParameter', `\`Filters.${index}.Name\` is required.`);
		const values = stringList(Values, `Filters.${index}.Values`);
		if (values.length === 0) throw apiError('MissingParameter', `\`Filters.${index}.Values\` is required.`);
		if (values.length > 5) throw apiError('InvalidParameterValue.LimitExceeded', `At most 5 values per filter (\`${Name}\`).`);
		const matches = matcherFor(Name);
		return (record: InstanceRecord) => matches(record, values);
	});
	const found = allInstances().filter(
		(r) =>
			r.eni.region === region &&
			(instanceIds.length === 0 || instanceIds.includes(r.instanceId)) &&
			conditions.every((matches) => matches(r)),
	);
	return { TotalCount: found.length, InstanceSet: found.slice(offset, offset + limit).map(describeInstance) };
}
