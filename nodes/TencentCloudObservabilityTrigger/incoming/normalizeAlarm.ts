import type { IDataObject } from 'n8n-workflow';

import { regionIdFor } from '../../TencentCloudVpc/network/regions';
import { alarmStatusOf } from './classifyIncomingBody';

/**
 * The item an alarm starts the workflow with: the fields a workflow branches on, named the same
 * for metric and event alarms, and the body as TCOP sent it under `body`. Field meanings and
 * their sources: tcop-alarm-callback.md §2–5.
 */
export interface NormalizedAlarm extends IDataObject {
	/** `firing` (alarmStatus 1) or `resolved` (alarmStatus 0). */
	state: 'firing' | 'resolved';
	/** `metric` or `event`; TCOP's oldest samples omit it, and those are metric alarms. */
	alarmType: string;
	policyId: string | null;
	policyName: string | null;
	/** The policy type, e.g. cvm_device. */
	policyType: string | null;
	/** The full region ID (ap-guangzhou); the code as sent when it is not a known short code; null when absent. */
	region: string | null;
	/** `alarmObjInfo.region` as sent, e.g. gz. */
	regionCode: string | null;
	/** Whether `region` is a region ID: false when the code was unknown and `region` is that code. */
	regionResolved: boolean;
	/** e.g. qce/cvm; event alarms carry none. */
	namespace: string | null;
	/** The CVM instance (dimensions.unInstanceId); null when the object is not an instance (e.g. MySQL's uInstanceId). */
	instanceId: string | null;
	/** The alarmed object's dimensions, as sent. */
	dimensions: IDataObject;
	/** The metric (metricName) of a metric alarm. */
	metric: string | null;
	/** The event (eventName) of an event alarm. */
	event: string | null;
	/** The threshold rule, e.g. "cpu_usage > 80%"; null without a threshold. */
	condition: string | null;
	/** The value that triggered (or, on recovery, the current one): a number when numeric. */
	currentValue: number | string | null;
	/** firstOccurTime as ISO 8601, read as China Standard Time (UTC+8), which TCOP does not state. */
	firstOccurredAt: string | null;
	/** recoverTime as ISO 8601 (UTC+8 assumed) once resolved; null while firing. */
	recoveredAt: string | null;
	durationSeconds: number | null;
	/** The push's ID, answered back to TCOP; each push (and retry) has its own. */
	sessionId: string | null;
	/** The body as TCOP sent it. */
	body: IDataObject;
}

function objectAt(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};
}

function text(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const result = String(value).trim();
	return result === '' ? null : result;
}

function numberOrText(value: unknown): number | string | null {
	const raw = text(value);
	if (raw === null) return null;
	const number = Number(raw);
	return Number.isFinite(number) ? number : raw;
}

const TCOP_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/**
 * A TCOP time ("2024-05-20 14:03:00", no zone) as ISO 8601 with the assumed offset +08:00
 * (China Standard Time: TCOP does not document the zone). Null for "0", empty, or another shape.
 */
export function tcopTimeToIso(value: unknown): string | null {
	const raw = text(value);
	const match = raw === null ? null : TCOP_TIME.exec(raw);
	if (!match) return null;
	const [, year, month, day, hour, minute, second] = match.map(Number);
	const utc = new Date(Date.UTC(year, month - 1, day, hour - 8, minute, second));
	// Rejects dates that do not exist (2024-02-30), which Date.UTC would roll over.
	const local = new Date(utc.getTime() + 8 * 3600_000);
	if (local.getUTCDate() !== day || local.getUTCMonth() !== month - 1 || local.getUTCHours() !== hour) return null;
	return `${raw!.slice(0, 10)}T${raw!.slice(11)}+08:00`;
}

/** The region ID for TCOP's short code, and whether the code was known. */
export function regionFromCode(code: string | null): { region: string | null; regionResolved: boolean } {
	if (code === null) return { region: null, regionResolved: false };
	const regionId = regionIdFor(code);
	return regionId ? { region: regionId, regionResolved: true } : { region: code, regionResolved: false };
}

function conditionText(conditions: IDataObject): string | null {
	const metric = text(conditions.metricName);
	const operator = text(conditions.calcType);
	const threshold = text(conditions.calcValue);
	if (!metric || !operator || threshold === null) return null;
	return `${metric} ${operator} ${threshold}${text(conditions.calcUnit) ?? text(conditions.unit) ?? ''}`;
}

/** The workflow's item for an alarm body (one classifyIncomingBody calls an alarm). */
export function normalizeAlarm(body: IDataObject): NormalizedAlarm {
	const objectInfo = objectAt(body.alarmObjInfo);
	const policyInfo = objectAt(body.alarmPolicyInfo);
	const conditions = objectAt(policyInfo.conditions);
	const dimensions = objectAt(objectInfo.dimensions);
	const regionCode = text(objectInfo.region);
	const recoverTime = text(body.recoverTime);
	const duration = numberOrText(body.durationTime);
	return {
		state: alarmStatusOf(body) === '0' ? 'resolved' : 'firing',
		alarmType: text(body.alarmType) ?? 'metric',
		policyId: text(policyInfo.policyId),
		policyName: text(policyInfo.policyName),
		policyType: text(policyInfo.policyType),
		regionCode,
		...regionFromCode(regionCode),
		namespace: text(objectInfo.namespace),
		instanceId: text(dimensions.unInstanceId),
		dimensions,
		metric: text(conditions.metricName),
		event: text(conditions.eventName),
		condition: conditionText(conditions),
		currentValue: numberOrText(conditions.currentValue),
		firstOccurredAt: tcopTimeToIso(body.firstOccurTime),
		recoveredAt: recoverTime === null || recoverTime === '0' ? null : tcopTimeToIso(recoverTime),
		durationSeconds: typeof duration === 'number' ? duration : null,
		sessionId: text(body.sessionId),
		body,
	};
}
