// The seeded TCOP alarm policies and notification templates (monitor 2018-07-24), and the callback
// body an alarm of each policy pushes (tcop-alarm-callback.md §2-§4). IDs are stable: tests and the
// examples name them.
import { formatBeijingTime } from './netFormats';

/** What an alarm of a policy looks like in the callback. */
export type AlarmDefinition =
	| {
			alarmType: 'metric';
			/** alarmObjInfo.namespace, e.g. qce/cvm. */
			namespace: string;
			/** The dimension that carries the object's ID: unInstanceId for CVM, uInstanceId for MySQL. */
			instanceKey: string;
			conditions: {
				metricName: string;
				metricShowName: string;
				calcType: string;
				calcValue: string;
				calcUnit: string;
				unit: string;
				period: string;
				periodNum: string;
				firingValue: string;
				recoveredValue: string;
			};
	  }
	| {
			alarmType: 'event';
			instanceKey: string;
			conditions: { productName: string; productShowName: string; eventName: string; eventShowName: string };
	  };

export interface PolicySeed {
	PolicyId: string;
	PolicyName: string;
	Namespace: string;
	NamespaceShowName: string;
	/** Region short code and object the side door fires for unless told otherwise. */
	regionCode: string;
	instanceId: string;
	alarm: AlarmDefinition;
	noticeIds: string[];
}

export interface UserNotice {
	ReceiverType: string;
	StartTime: number;
	EndTime: number;
	NoticeWay: string[];
	UserIds?: number[];
	GroupIds?: number[];
}

export interface NoticeSeed {
	Id: string;
	Name: string;
	NoticeType: 'ALARM' | 'OK' | 'ALL';
	NoticeLanguage: 'en-US' | 'zh-CN';
	UserNotices: UserNotice[];
}

/** The account's APPID and UIN, as the callback's alarmObjInfo carries them. */
export const ACCOUNT = { appId: '1250000000', uin: '100000000001' } as const;

const CPU_HIGH = {
	metricName: 'cpu_usage',
	metricShowName: 'CPU utilization',
	calcType: '>',
	calcValue: '80',
	calcUnit: '%',
	unit: '%',
	period: '60',
	periodNum: '3',
	firingValue: '93.4',
	recoveredValue: '37.8',
};

function cvmMetric(conditions: typeof CPU_HIGH): AlarmDefinition {
	return { alarmType: 'metric', namespace: 'qce/cvm', instanceKey: 'unInstanceId', conditions };
}

function cvmEvent(eventName: string, eventShowName: string): AlarmDefinition {
	return { alarmType: 'event', instanceKey: 'unInstanceId', conditions: { productName: 'cvm', productShowName: 'CVM', eventName, eventShowName } };
}

function cvmPolicy(PolicyId: string, PolicyName: string, instanceId: string, alarm: AlarmDefinition, noticeIds: string[] = []): PolicySeed {
	return { PolicyId, PolicyName, Namespace: 'cvm_device', NamespaceShowName: 'CVM - basic monitoring', regionCode: 'gz', instanceId, alarm, noticeIds };
}

export const POLICY_SEEDS: readonly PolicySeed[] = [
	cvmPolicy('policy-a1b2c3d4', 'prod-web-cpu-high', 'ins-web00001', cvmMetric(CPU_HIGH), ['notice-ops00001']),
	cvmPolicy('policy-e5f6g7h8', 'prod-web-ping-unreachable', 'ins-web00001', cvmEvent('ping_unreachable', 'Ping unreachable'), [
		'notice-ops00001',
		'notice-sec00002',
	]),
	{
		PolicyId: 'policy-m9n0p1q2',
		PolicyName: 'prod-mysql-cpu-high',
		Namespace: 'cdb_detail',
		NamespaceShowName: 'TencentDB for MySQL',
		regionCode: 'gz',
		instanceId: 'cdb-emu00001',
		alarm: { alarmType: 'metric', namespace: 'qce/cdb', instanceKey: 'uInstanceId', conditions: { ...CPU_HIGH, metricName: 'cpu_use_rate', firingValue: '88.1', recoveredValue: '22.5' } },
		noticeIds: [],
	},
	cvmPolicy('policy-r3s4t5u6', 'prod-web-mem-high', 'ins-web00002', cvmMetric({ ...CPU_HIGH, metricName: 'mem_usage', metricShowName: 'Memory utilization', calcValue: '90', firingValue: '95.2', recoveredValue: '61.0' })),
	cvmPolicy('policy-v7w8x9y0', 'prod-web-lan-outtraffic-high', 'ins-web00002', cvmMetric({ ...CPU_HIGH, metricName: 'lan_outtraffic', metricShowName: 'Private outbound bandwidth', calcValue: '800', calcUnit: 'Mbps', unit: 'Mbps', firingValue: '912.5', recoveredValue: '120.3' })),
	cvmPolicy('policy-z1a2b3c4', 'prod-web-disk-readonly', 'ins-web00001', cvmEvent('disk_readonly', 'Disk read-only')),
	cvmPolicy('policy-d5e6f7g8', 'staging-web-cpu-high', 'ins-stg00001', cvmMetric(CPU_HIGH)),
	cvmPolicy('policy-h9i0j1k2', 'staging-web-ping-unreachable', 'ins-stg00001', cvmEvent('ping_unreachable', 'Ping unreachable')),
	cvmPolicy('policy-l3m4n5o6', 'fleet-relay-cpu-high', 'ins-relay001', cvmMetric(CPU_HIGH)),
	cvmPolicy('policy-p7q8r9s0', 'fleet-relay-kernel-crash', 'ins-relay001', cvmEvent('guest_os_kernel_crash', 'Kernel crash')),
	cvmPolicy('policy-t1u2v3w4', 'prod-web-tcp-conn-high', 'ins-web00001', cvmMetric({ ...CPU_HIGH, metricName: 'tcp_curr_estab', metricShowName: 'TCP connections', calcValue: '20000', calcUnit: '', unit: '', firingValue: '24511', recoveredValue: '8012' })),
	cvmPolicy('policy-x5y6z7a8', 'prod-web-cpu-critical', 'ins-web00001', cvmMetric({ ...CPU_HIGH, calcValue: '95', firingValue: '98.9', recoveredValue: '40.1' })),
];

const ONCALL_USERS: UserNotice = { ReceiverType: 'USER', StartTime: 0, EndTime: 86399, NoticeWay: ['EMAIL', 'SMS'], UserIds: [100000001] };

export const NOTICE_SEEDS: readonly NoticeSeed[] = [
	{ Id: 'notice-ops00001', Name: 'ops-oncall', NoticeType: 'ALL', NoticeLanguage: 'en-US', UserNotices: [ONCALL_USERS] },
	{
		Id: 'notice-sec00002',
		Name: 'security-team',
		NoticeType: 'ALARM',
		NoticeLanguage: 'en-US',
		UserNotices: [{ ReceiverType: 'GROUP', StartTime: 0, EndTime: 86399, NoticeWay: ['EMAIL'], GroupIds: [2001] }],
	},
];

/** When the seeds were last changed (UTC+8), the UpdatedAt / UpdateTime the account shows for them. */
export const SEEDED_AT_MS = Date.parse('2026-11-02T09:00:00+08:00');

export interface AlarmOccurrence {
	status: 'alarm' | 'recovery';
	regionCode: string;
	instanceId: string;
	firstOccurMs: number;
	nowMs: number;
}

/** A stable UUID-shaped objId per object, as CVM carries one. */
function objIdOf(instanceId: string): string {
	const hex = Buffer.from(instanceId).toString('hex').padEnd(32, '0').slice(0, 32);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The documented callback body for one push (without sessionId, which is fresh per push). */
export function callbackBody(policy: PolicySeed, occurrence: AlarmOccurrence): Record<string, unknown> {
	const firing = occurrence.status === 'alarm';
	const { alarm } = policy;
	const dimensions: Record<string, unknown> = { [alarm.instanceKey]: occurrence.instanceId, objId: objIdOf(occurrence.instanceId) };
	const alarmObjInfo: Record<string, unknown> = { region: occurrence.regionCode };
	let conditions: Record<string, unknown>;
	if (alarm.alarmType === 'metric') {
		alarmObjInfo.namespace = alarm.namespace;
		dimensions.objName = `${occurrence.instanceId}#${policy.PolicyId}`;
		const { firingValue, recoveredValue, ...rest } = alarm.conditions;
		conditions = {
			...rest,
			currentValue: firing ? firingValue : recoveredValue,
			historyValue: firing ? recoveredValue : firingValue,
			alarmNotifyType: 'continuousAlarm',
			alarmNotifyPeriod: 300,
		};
	} else {
		dimensions.deviceName = occurrence.instanceId;
		conditions = { ...alarm.conditions, alarmNotifyType: 'singleAlarm', alarmNotifyPeriod: '0' };
	}
	alarmObjInfo.appId = ACCOUNT.appId;
	alarmObjInfo.uin = ACCOUNT.uin;
	alarmObjInfo.dimensions = dimensions;
	const body: Record<string, unknown> = {
		alarmStatus: firing ? '1' : '0',
		alarmType: alarm.alarmType,
		alarmObjInfo,
		alarmPolicyInfo: {
			policyId: policy.PolicyId,
			policyType: policy.Namespace,
			policyName: policy.PolicyName,
			policyTypeCName: policy.NamespaceShowName,
			conditions,
		},
		firstOccurTime: formatBeijingTime(occurrence.firstOccurMs),
	};
	if (alarm.alarmType === 'metric') body.durationTime = Math.max(0, Math.floor((occurrence.nowMs - occurrence.firstOccurMs) / 1000));
	body.recoverTime = firing ? '0' : formatBeijingTime(occurrence.nowMs);
	return body;
}
