import { classifyIncomingBody } from '../../nodes/TencentCloudObservabilityTrigger/incoming/classifyIncomingBody';
import { normalizeAlarm, regionFromCode, tcopTimeToIso } from '../../nodes/TencentCloudObservabilityTrigger/incoming/normalizeAlarm';

/** tcop-alarm-callback.md §4, firing (composed from the documented fields). */
const metricFiring = {
	sessionId: 'Xk3pQ9vTz2LmA7cRw8NbY1dE',
	alarmStatus: '1',
	alarmType: 'metric',
	alarmObjInfo: {
		region: 'gz',
		namespace: 'qce/cvm',
		appId: '1250000000',
		uin: '100000000001',
		dimensions: { unInstanceId: 'ins-7k2n4p9q', objId: '3f6c1d2e-8a41-4b7e-9c55-0d2a7e6b1f90', objName: '10.0.1.23#1234567' },
	},
	alarmPolicyInfo: {
		policyId: 'policy-a1b2c3d4',
		policyType: 'cvm_device',
		policyName: 'prod-web-cpu-high',
		policyTypeCName: 'CVM - basic monitoring',
		conditions: {
			metricName: 'cpu_usage',
			metricShowName: 'CPU utilization',
			calcType: '>',
			calcValue: '80',
			calcUnit: '%',
			currentValue: '93.4',
			historyValue: '41.2',
			unit: '%',
			period: '60',
			periodNum: '3',
			alarmNotifyType: 'continuousAlarm',
			alarmNotifyPeriod: 300,
		},
	},
	firstOccurTime: '2024-05-20 14:03:00',
	durationTime: 0,
	recoverTime: '0',
};

const metricResolved = {
	...metricFiring,
	sessionId: 'Hq5WmR2sLx8YtB4nC0aZe6Vu',
	alarmStatus: '0',
	alarmPolicyInfo: {
		...metricFiring.alarmPolicyInfo,
		conditions: { ...metricFiring.alarmPolicyInfo.conditions, currentValue: '37.8', historyValue: '93.4' },
	},
	durationTime: 1260,
	recoverTime: '2024-05-20 14:24:00',
};

/** tcop-alarm-callback.md §3: an event alarm (no namespace, no thresholds). */
const eventFiring = {
	sessionId: 'ev-session-1',
	alarmStatus: '1',
	alarmType: 'event',
	alarmObjInfo: {
		region: 'sh',
		dimensions: { unInstanceId: 'ins-web00001', deviceName: 'web-1', objDetail: { deviceLanIp: '10.0.0.4', uniqVpcId: 'vpc-emu00001' } },
	},
	alarmPolicyInfo: {
		policyId: 'policy-e5f6g7h8',
		policyType: 'cvm_device',
		policyName: 'prod-web-ping-unreachable',
		conditions: {
			productName: 'cvm',
			productShowName: 'CVM',
			eventName: 'ping_unreachable',
			eventShowName: 'Ping unreachable',
			alarmNotifyType: 'singleAlarm',
			alarmNotifyPeriod: '0',
		},
		policyTypeCName: 'CVM',
	},
	firstOccurTime: '2024-05-20 23:59:59',
	recoverTime: '0',
};

describe('what an incoming call is', () => {
	test.each([undefined, null, '', '   ', {}, '{}'])('TCOP\'s URL check (%p) is a URL check', (body) => {
		expect(classifyIncomingBody(body)).toEqual({ kind: 'urlCheck' });
	});

	test.each([metricFiring, metricResolved, eventFiring])('an alarm push is an alarm', (body) => {
		expect(classifyIncomingBody(body)).toEqual({ kind: 'alarm', body });
	});

	test('an alarm sent as text (no JSON content type) is an alarm', () => {
		expect(classifyIncomingBody(JSON.stringify(metricFiring))).toEqual({ kind: 'alarm', body: metricFiring });
	});

	test('alarmStatus may be a number, as in the oldest samples', () => {
		expect(classifyIncomingBody({ ...metricFiring, alarmStatus: 1 }).kind).toBe('alarm');
		expect(classifyIncomingBody({ ...metricFiring, alarmStatus: 0 }).kind).toBe('alarm');
	});

	test.each([
		[{ hello: 'world' }, /alarmStatus is missing/],
		[{ ...metricFiring, alarmStatus: '2' }, /alarmStatus/],
		[{ ...metricFiring, alarmPolicyInfo: undefined }, /alarmPolicyInfo is missing/],
		[{ ...metricFiring, alarmObjInfo: 'gz' }, /alarmObjInfo is not an object/],
		[[metricFiring], /an array/],
		['not json', /not JSON/],
		['"a string"', /JSON string/],
		[42, /a number/],
	])('%p is not an alarm, with the reason', (body, reason) => {
		const call = classifyIncomingBody(body);
		expect(call.kind).toBe('notAnAlarm');
		expect((call as { reason: string }).reason).toMatch(reason);
	});
});

describe('the normalized alarm', () => {
	test('a firing metric alarm', () => {
		expect(normalizeAlarm(metricFiring)).toEqual({
			state: 'firing',
			alarmType: 'metric',
			policyId: 'policy-a1b2c3d4',
			policyName: 'prod-web-cpu-high',
			policyType: 'cvm_device',
			region: 'ap-guangzhou',
			regionCode: 'gz',
			regionResolved: true,
			namespace: 'qce/cvm',
			instanceId: 'ins-7k2n4p9q',
			dimensions: metricFiring.alarmObjInfo.dimensions,
			metric: 'cpu_usage',
			event: null,
			condition: 'cpu_usage > 80%',
			currentValue: 93.4,
			firstOccurredAt: '2024-05-20T14:03:00+08:00',
			recoveredAt: null,
			durationSeconds: 0,
			sessionId: 'Xk3pQ9vTz2LmA7cRw8NbY1dE',
			body: metricFiring,
		});
	});

	test('its recovery: resolved, with the recovery time and duration', () => {
		const alarm = normalizeAlarm(metricResolved);
		expect(alarm).toMatchObject({
			state: 'resolved',
			currentValue: 37.8,
			recoveredAt: '2024-05-20T14:24:00+08:00',
			durationSeconds: 1260,
			sessionId: 'Hq5WmR2sLx8YtB4nC0aZe6Vu',
		});
		expect(Date.parse(alarm.recoveredAt!) - Date.parse(alarm.firstOccurredAt!)).toBe(1260 * 1000);
	});

	test('an event alarm names the event, no metric, namespace or condition', () => {
		expect(normalizeAlarm(eventFiring)).toMatchObject({
			state: 'firing',
			alarmType: 'event',
			region: 'ap-shanghai',
			namespace: null,
			instanceId: 'ins-web00001',
			metric: null,
			event: 'ping_unreachable',
			condition: null,
			currentValue: null,
			durationSeconds: null,
		});
	});

	test('an alarm of another product carries no instance ID, its dimensions are kept', () => {
		const mysql = {
			...metricFiring,
			alarmObjInfo: { region: 'gz', namespace: 'qce/cdb', dimensions: { uInstanceId: 'cdb-1a2b3c4d', objId: 'x' } },
		};
		expect(normalizeAlarm(mysql)).toMatchObject({ instanceId: null, dimensions: { uInstanceId: 'cdb-1a2b3c4d', objId: 'x' } });
	});

	test('an unknown region code is kept as sent and flagged, the alarm still normalized', () => {
		const alarm = normalizeAlarm({ ...metricFiring, alarmObjInfo: { ...metricFiring.alarmObjInfo, region: 'qy' } });
		expect(alarm).toMatchObject({ region: 'qy', regionCode: 'qy', regionResolved: false, instanceId: 'ins-7k2n4p9q' });
	});

	test('a non-regional product: no region at all', () => {
		const objectInfo: Record<string, unknown> = { ...metricFiring.alarmObjInfo };
		delete objectInfo.region;
		expect(normalizeAlarm({ ...metricFiring, alarmObjInfo: objectInfo })).toMatchObject({ region: null, regionCode: null, regionResolved: false });
	});

	test('the oldest sample shape: no alarmType means a metric alarm, numeric status', () => {
		const old: Record<string, unknown> = { ...metricFiring };
		delete old.alarmType;
		expect(normalizeAlarm({ ...old, alarmStatus: 1 })).toMatchObject({ alarmType: 'metric', state: 'firing' });
	});

	test('the item never carries more than the body it was given (no secret, no URL)', () => {
		const alarm = normalizeAlarm(metricFiring);
		expect(JSON.stringify(alarm)).not.toMatch(/secret|https?:/);
	});
});

describe('TCOP times', () => {
	test('are read as UTC+8 and written as ISO 8601 with that offset', () => {
		expect(tcopTimeToIso('2024-05-20 14:03:00')).toBe('2024-05-20T14:03:00+08:00');
		expect(new Date(tcopTimeToIso('2024-05-20 14:03:00')!).toISOString()).toBe('2024-05-20T06:03:00.000Z');
		expect(new Date(tcopTimeToIso('2024-01-01 03:00:00')!).toISOString()).toBe('2023-12-31T19:00:00.000Z');
	});

	test.each(['0', '', null, undefined, 1260, '2024-02-30 10:00:00', '2024-05-20 25:00:00', '2024-05-20T14:03:00Z', 'yesterday'])(
		'%p is no time',
		(value) => {
			expect(tcopTimeToIso(value)).toBeNull();
		},
	);
});

describe('region codes', () => {
	test.each([
		['gz', 'ap-guangzhou'],
		['SH', 'ap-shanghai'],
		['th', 'ap-bangkok'],
		['ap-singapore', 'ap-singapore'],
	])('%s is region %s', (code, region) => {
		expect(regionFromCode(code)).toEqual({ region, regionResolved: true });
	});

	test.each(['bk', 'szx', 'qy'])('%s is unknown and kept', (code) => {
		expect(regionFromCode(code)).toEqual({ region: code, regionResolved: false });
	});
});
