import type { IDataObject } from 'n8n-workflow';

/**
 * What a call to the trigger's URL carries (reference: tcop-alarm-callback.md):
 * - `urlCheck`: no body, or `{}`: Cloud Monitor checking a newly saved callback URL;
 * - `alarm`: an alarm or recovery push (`alarmStatus` 1 or 0, and `alarmPolicyInfo`);
 * - `notAnAlarm`: anything else, with the reason.
 */
export type IncomingCall =
	| { kind: 'urlCheck' }
	| { kind: 'alarm'; body: IDataObject }
	| { kind: 'notAnAlarm'; reason: string };

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `alarmStatus` as TCOP sends it: "1"/"0" in most samples, 1/0 in some. */
export function alarmStatusOf(body: IDataObject): '1' | '0' | undefined {
	const status = String(body.alarmStatus ?? '').trim();
	return status === '1' || status === '0' ? status : undefined;
}

export function classifyIncomingBody(body: unknown): IncomingCall {
	if (body === undefined || body === null) return { kind: 'urlCheck' };
	if (typeof body === 'string') {
		if (body.trim() === '') return { kind: 'urlCheck' };
		let parsed: unknown;
		try {
			parsed = JSON.parse(body);
		} catch {
			return { kind: 'notAnAlarm', reason: 'the body is not JSON' };
		}
		return typeof parsed === 'string' ? { kind: 'notAnAlarm', reason: 'the body is a JSON string, not an object' } : classifyIncomingBody(parsed);
	}
	if (!isObject(body)) return { kind: 'notAnAlarm', reason: `the body is ${Array.isArray(body) ? 'an array' : `a ${typeof body}`}, not an object` };
	if (Object.keys(body).length === 0) return { kind: 'urlCheck' };
	if (alarmStatusOf(body) === undefined) {
		return { kind: 'notAnAlarm', reason: 'alarmStatus is missing or neither 1 (alarm) nor 0 (recovery)' };
	}
	if (!isObject(body.alarmPolicyInfo)) return { kind: 'notAnAlarm', reason: 'alarmPolicyInfo is missing' };
	if (body.alarmObjInfo !== undefined && !isObject(body.alarmObjInfo)) {
		return { kind: 'notAnAlarm', reason: 'alarmObjInfo is not an object' };
	}
	return { kind: 'alarm', body };
}
