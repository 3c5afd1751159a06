import type { IDataObject } from 'n8n-workflow';

/**
 * What activation registers in Cloud Monitor and how it is checked and undone, as pure
 * functions: the template's name, the callback URL, the policy bindings, and what the node
 * keeps in its static data between activation, incoming calls and deactivation.
 */

/** CreateAlarmNotice's `Name`: at most 60 characters. */
export const NOTICE_NAME_MAX_CHARS = 60;

/** URLNotice's `URL`: at most 256 characters. */
export const CALLBACK_URL_MAX_CHARS = 256;

/** URLNotices per template: the international SDK's limit (the China SDK's is 6). */
export const URL_NOTICES_MAX = 3;

/** The query parameter of the callback URL that carries the secret. */
export const SECRET_QUERY_PARAMETER = 'secret';

/** The `notifyOn` parameter's values and the NoticeType each stands for. */
export const NOTICE_TYPE_BY_NOTIFY_ON = {
	alarmsAndRecoveries: 'ALL',
	alarms: 'ALARM',
	recoveries: 'OK',
} as const;

export type NotifyOn = keyof typeof NOTICE_TYPE_BY_NOTIFY_ON;

export function noticeTypeFor(notifyOn: unknown): 'ALL' | 'ALARM' | 'OK' {
	return NOTICE_TYPE_BY_NOTIFY_ON[notifyOn as NotifyOn] ?? NOTICE_TYPE_BY_NOTIFY_ON.alarmsAndRecoveries;
}

/** Whether a push's policy is one the node was activated for (a push naming none is kept). */
export function isChosenPolicy(policyId: unknown, chosen: readonly string[] | undefined): boolean {
	if (typeof policyId !== 'string' || policyId === '' || !chosen || chosen.length === 0) return true;
	return chosen.includes(policyId);
}

/**
 * "n8n <workflow name> <node name>", cut to 60 characters (counted as Tencent counts them: by
 * character, not by UTF-16 unit), the cut marked with an ellipsis.
 */
export function noticeTemplateName(workflowName: string | undefined, nodeName: string): string {
	const full = ['n8n', (workflowName ?? '').trim(), nodeName.trim()].filter((part) => part !== '').join(' ').replace(/\s+/g, ' ');
	const characters = Array.from(full);
	if (characters.length <= NOTICE_NAME_MAX_CHARS) return full;
	return `${characters.slice(0, NOTICE_NAME_MAX_CHARS - 1).join('').trimEnd()}…`;
}

/**
 * The webhook URL with the secret as query parameter `secret`: what TCOP is told to call.
 * Longer than URLNotice allows, it is refused with the length and the URL without its secret.
 */
export function callbackUrl(webhookUrl: string, secret: string): string {
	if (!/^https?:\/\//i.test(webhookUrl)) {
		throw new Error(`The node's webhook URL "${webhookUrl}" is not an http(s) URL: set n8n's WEBHOOK_URL to the address Tencent Cloud can reach`);
	}
	const separator = webhookUrl.includes('?') ? '&' : '?';
	const url = `${webhookUrl}${separator}${SECRET_QUERY_PARAMETER}=${encodeURIComponent(secret)}`;
	const length = Array.from(url).length;
	if (length > CALLBACK_URL_MAX_CHARS) {
		throw new Error(
			`The callback URL would be ${length} characters, and Cloud Monitor accepts at most ${CALLBACK_URL_MAX_CHARS}: ` +
				`the webhook URL ${webhookUrl} leaves no room for the ${SECRET_QUERY_PARAMETER} parameter. Shorten n8n's WEBHOOK_URL (its host and path).`,
		);
	}
	return url;
}

/** A policy's NoticeIds with `noticeId` added, the others kept in their order. */
export function withBinding(noticeIds: readonly string[] | undefined, noticeId: string): string[] {
	const current = [...(noticeIds ?? [])];
	return current.includes(noticeId) ? current : [...current, noticeId];
}

/** A policy's NoticeIds without `noticeId`, the others kept in their order. */
export function withoutBinding(noticeIds: readonly string[] | undefined, noticeId: string): string[] {
	return (noticeIds ?? []).filter((id) => id !== noticeId);
}

/**
 * The alarm policy IDs of the `alarmPolicyIds` parameter: the picker's list, or an expression's
 * list or comma-separated text. Trimmed, empty entries dropped, each once.
 */
export function parsePolicyIds(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
	const ids = entries.map((entry) => (typeof entry === 'string' ? entry.trim() : '')).filter((id) => id !== '');
	return [...new Set(ids)];
}

/** What activation registered, kept in the node's static data for checkExists, webhook() and delete(). */
export interface Registration {
	/** The template that carries the callback. */
	noticeId: string;
	/** Whether activation created the template (deactivation deletes it) or added to the user's (removes only its URL). */
	createdNotice: boolean;
	/** The random secret the callback URL carries. */
	secret: string;
	/** The callback URL as saved in the template (it contains the secret). */
	callbackUrl: string;
	/** The policies the callback was registered for. */
	policyIds: string[];
	/** Of those, the ones activation bound to the template (deactivation unbinds only these). */
	boundPolicyIds: string[];
}

const REGISTRATION_KEYS = ['noticeId', 'createdNotice', 'secret', 'callbackUrl', 'policyIds', 'boundPolicyIds'] as const;

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

/** The registration in a node's static data, or undefined when there is none (or it is not whole). */
export function readRegistration(staticData: IDataObject): Registration | undefined {
	const { noticeId, createdNotice, secret, callbackUrl: url, policyIds, boundPolicyIds } = staticData;
	if (typeof noticeId !== 'string' || noticeId === '') return undefined;
	if (typeof secret !== 'string' || secret === '' || typeof url !== 'string') return undefined;
	if (typeof createdNotice !== 'boolean' || !isStringArray(policyIds) || !isStringArray(boundPolicyIds)) return undefined;
	return { noticeId, createdNotice, secret, callbackUrl: url, policyIds: [...policyIds], boundPolicyIds: [...boundPolicyIds] };
}

/**
 * Stores a registration in the node's static data, key by key: n8n saves static data only when
 * one of its own keys changes, and a test webhook's copy must stay plain JSON.
 */
export function writeRegistration(staticData: IDataObject, registration: Registration): void {
	staticData.noticeId = registration.noticeId;
	staticData.createdNotice = registration.createdNotice;
	staticData.secret = registration.secret;
	staticData.callbackUrl = registration.callbackUrl;
	staticData.policyIds = [...registration.policyIds];
	staticData.boundPolicyIds = [...registration.boundPolicyIds];
}

export function clearRegistration(staticData: IDataObject): void {
	for (const key of REGISTRATION_KEYS) delete staticData[key];
}

/** The part of an AlarmNotice (DescribeAlarmNotice) the check reads. */
export interface NoticeView {
	NoticeType?: unknown;
	URLNotices?: Array<{ URL?: unknown }> | null;
	PolicyIds?: unknown;
}

/**
 * Why a registration no longer matches what the node wants, or undefined when it does: the
 * template still carries the callback URL (for the node's current webhook URL), is bound to
 * every chosen policy, and (a template the node created) still tells what `notifyOn` asks for.
 */
export function registrationMismatch(
	registration: Registration,
	notice: NoticeView,
	wanted: { callbackUrl: string; policyIds: readonly string[]; noticeType?: string },
): string | undefined {
	if (registration.callbackUrl !== wanted.callbackUrl) return 'the webhook URL changed';
	const urls = (notice.URLNotices ?? []).map((entry) => entry?.URL);
	if (!urls.includes(registration.callbackUrl)) return 'the template no longer carries the callback URL';
	const bound = isStringArray(notice.PolicyIds) ? notice.PolicyIds : [];
	const unbound = wanted.policyIds.filter((id) => !bound.includes(id));
	if (unbound.length > 0) return `the template is not bound to ${unbound.join(', ')}`;
	const dropped = registration.policyIds.filter((id) => !wanted.policyIds.includes(id));
	if (dropped.length > 0) return `${dropped.join(', ')} no longer chosen`;
	if (registration.createdNotice && wanted.noticeType && notice.NoticeType !== wanted.noticeType) {
		return `the template notifies ${String(notice.NoticeType)}, not ${wanted.noticeType}`;
	}
	return undefined;
}
