import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { policyNoticeLocks } from '../../TencentCloudVpc/processState';
import {
	asNodeError,
	collectPages,
	isResourceNotFound,
	MONITOR_API,
	TencentCloudClient,
	type TencentCloudContext,
} from '../../TencentCloudVpc/transport';

/**
 * The Cloud Monitor actions the trigger calls (monitor 2018-07-24, account-wide), through the
 * package's one transport: the credential signs them, the client retries throttling and maps
 * Tencent's errors. Every body names `Module: monitor`, as the API requires.
 */

const MODULE = { Module: 'monitor' } as const;

/** DescribeAlarmPolicies returns at most 100 a page, DescribeAlarmNotices 200. */
const POLICY_PAGE_SIZE = 100;
const NOTICE_PAGE_SIZE = 200;

export function monitorClient(context: TencentCloudContext): TencentCloudClient {
	return new TencentCloudClient(context, { api: MONITOR_API, region: undefined });
}

/** The part of an AlarmPolicy the trigger reads. */
export interface AlarmPolicy extends IDataObject {
	PolicyId: string;
	PolicyName?: string;
	NoticeIds?: string[];
}

/** The part of an AlarmNotice the trigger reads and writes back. */
export interface AlarmNotice extends IDataObject {
	Id: string;
	Name?: string;
	NoticeType?: string;
	NoticeLanguage?: string;
	URLNotices?: Array<IDataObject & { URL?: string }>;
	PolicyIds?: string[];
}

/** Replaces every occurrence of `secret` in `text`. */
function redacted(text: string, secret: string | undefined): string {
	return secret ? text.split(secret).join('***') : text;
}

/**
 * Runs one step of registering or removing the callback; a failure says which step, keeping
 * Tencent's code and RequestId in the error. The callback's secret is cut out of the error,
 * Tencent's own message included, should it quote the URL.
 */
export async function monitorStep<T>(
	client: TencentCloudClient,
	what: string,
	run: () => Promise<T>,
	secret?: string,
): Promise<T> {
	try {
		return await run();
	} catch (error) {
		const nodeError = asNodeError(client.node, error, undefined);
		nodeError.message = redacted(`Could not ${what}: ${nodeError.message}`, secret);
		if (typeof nodeError.description === 'string') nodeError.description = redacted(nodeError.description, secret);
		const cause = (nodeError as { cause?: unknown }).cause;
		if (secret && cause && typeof cause === 'object') {
			for (const [key, value] of Object.entries(cause)) {
				if (typeof value === 'string') (cause as Record<string, unknown>)[key] = redacted(value, secret);
			}
		}
		if (secret && 'messages' in nodeError && Array.isArray(nodeError.messages)) {
			nodeError.messages = nodeError.messages.map((message) => redacted(String(message), secret));
		}
		throw nodeError;
	}
}

/** Pages numbered from 1 over the transport's offset paging: page N starts at offset (N-1)·size. */
function pageNumberOf(offset: number, size: number): number {
	return Math.floor(offset / size) + 1;
}

/** Every alarm policy of the account (DescribeAlarmPolicies, every page). */
export async function describeAllAlarmPolicies(client: TencentCloudClient): Promise<AlarmPolicy[]> {
	return await collectPages(
		async (offset, limit) => {
			const response = await client.call('DescribeAlarmPolicies', {
				...MODULE,
				PageNumber: pageNumberOf(offset, limit),
				PageSize: limit,
			});
			const items = ((response.Policies as AlarmPolicy[] | undefined) ?? []).filter((policy) => typeof policy?.PolicyId === 'string');
			return { items, total: response.TotalCount === undefined ? undefined : Number(response.TotalCount) };
		},
		{ pageSize: POLICY_PAGE_SIZE, idOf: (policy) => policy.PolicyId },
	);
}

/** Every notification template of the account (DescribeAlarmNotices, every page). */
export async function describeAllAlarmNotices(client: TencentCloudClient): Promise<AlarmNotice[]> {
	return await collectPages(
		async (offset, limit) => {
			const response = await client.call('DescribeAlarmNotices', {
				...MODULE,
				PageNumber: pageNumberOf(offset, limit),
				PageSize: limit,
				Order: 'ASC',
			});
			const items = ((response.Notices as AlarmNotice[] | undefined) ?? []).filter((notice) => typeof notice?.Id === 'string');
			return { items, total: response.TotalCount === undefined ? undefined : Number(response.TotalCount) };
		},
		{ pageSize: NOTICE_PAGE_SIZE, idOf: (notice) => notice.Id },
	);
}

/** One template (DescribeAlarmNotice); undefined when it does not exist (any more). */
export async function describeAlarmNotice(client: TencentCloudClient, noticeId: string): Promise<AlarmNotice | undefined> {
	try {
		const response = await client.call('DescribeAlarmNotice', { ...MODULE, NoticeId: noticeId });
		const notice = response.Notice as AlarmNotice | undefined;
		return notice && typeof notice === 'object' ? { ...notice, Id: notice.Id ?? noticeId } : undefined;
	} catch (error) {
		if (isResourceNotFound(error)) return undefined;
		throw asNodeError(client.node, error, undefined);
	}
}

export interface NewAlarmNotice {
	Name: string;
	NoticeType: string;
	NoticeLanguage: string;
	URLNotices: Array<{ URL: string }>;
}

/** CreateAlarmNotice; the new template's ID. */
export async function createAlarmNotice(client: TencentCloudClient, notice: NewAlarmNotice): Promise<string> {
	const response = await client.call('CreateAlarmNotice', { ...MODULE, ...notice });
	const noticeId = response.NoticeId;
	if (typeof noticeId !== 'string' || noticeId === '') {
		throw new NodeOperationError(client.node, `CreateAlarmNotice answered without a NoticeId (RequestId ${response.RequestId})`);
	}
	return noticeId;
}

/**
 * ModifyAlarmNotice takes the whole template: the template as read, with `changes` applied.
 * Its PolicyIds are sent as they are (unless changed), so no binding is lost whichever way
 * Tencent reads a missing list.
 */
async function modifyAlarmNotice(
	client: TencentCloudClient,
	notice: AlarmNotice,
	changes: { URLNotices: IDataObject[]; PolicyIds?: string[] },
): Promise<void> {
	const policyIds = changes.PolicyIds ?? notice.PolicyIds ?? [];
	const body: IDataObject = {
		...MODULE,
		NoticeId: notice.Id,
		Name: notice.Name ?? '',
		NoticeType: notice.NoticeType ?? 'ALL',
		NoticeLanguage: notice.NoticeLanguage ?? 'en-US',
		URLNotices: changes.URLNotices,
	};
	for (const key of ['UserNotices', 'CLSNotices'] as const) {
		if (Array.isArray(notice[key])) body[key] = notice[key];
	}
	if (policyIds.length > 0) body.PolicyIds = policyIds;
	await client.call('ModifyAlarmNotice', body);
}

/**
 * Changes one template's callbacks (and bindings) from a copy read right before, one change per
 * template at a time in the process: ModifyAlarmNotice sets the whole template, so two workflows
 * adding to or removing from the same template would otherwise drop each other's URL. `change`
 * returns undefined to leave the template as it is, and may throw to refuse it.
 */
export async function updateNoticeCallbacks(
	client: TencentCloudClient,
	noticeId: string,
	change: (notice: AlarmNotice) => { URLNotices: IDataObject[]; PolicyIds?: string[] } | undefined,
): Promise<'changed' | 'unchanged' | 'missing'> {
	return await policyNoticeLocks.run(`monitor-notice\u0000${noticeId}`, async () => {
		const notice = await describeAlarmNotice(client, noticeId);
		if (!notice) return 'missing';
		const changes = change(notice);
		if (!changes) return 'unchanged';
		await modifyAlarmNotice(client, notice, changes);
		return 'changed';
	});
}

/** DeleteAlarmNotices for one template; false when it was already gone. */
export async function deleteAlarmNotice(client: TencentCloudClient, noticeId: string): Promise<boolean> {
	try {
		await client.call('DeleteAlarmNotices', { ...MODULE, NoticeIds: [noticeId] });
		return true;
	} catch (error) {
		if (isResourceNotFound(error)) return false;
		throw asNodeError(client.node, error, undefined);
	}
}

/** One policy, read now (DescribeAlarmPolicies filtered by PolicyIds); undefined when it does not exist. */
export async function describeAlarmPolicy(client: TencentCloudClient, policyId: string): Promise<AlarmPolicy | undefined> {
	const response = await client.call('DescribeAlarmPolicies', { ...MODULE, PageNumber: 1, PageSize: 10, PolicyIds: [policyId] });
	return ((response.Policies as AlarmPolicy[] | undefined) ?? []).find((policy) => policy?.PolicyId === policyId);
}

/**
 * Changes one policy's templates: ModifyAlarmPolicyNotice SETS the policy's NoticeIds, so the
 * list is read right before it is written, and this process makes one such change per policy at
 * a time (two workflows activating together would otherwise each drop the other's template).
 * `missing` when the policy does not exist, `unchanged` when `change` keeps the list as it is.
 */
export async function updatePolicyNotices(
	client: TencentCloudClient,
	policyId: string,
	change: (noticeIds: string[]) => string[],
): Promise<'changed' | 'unchanged' | 'missing'> {
	return await policyNoticeLocks.run(`monitor-policy\u0000${policyId}`, async () => {
		const policy = await describeAlarmPolicy(client, policyId);
		if (!policy) return 'missing';
		const current = [...(policy.NoticeIds ?? [])];
		const next = change(current);
		if (next.length === current.length && next.every((id, index) => id === current[index])) return 'unchanged';
		await client.call('ModifyAlarmPolicyNotice', { ...MODULE, PolicyId: policyId, NoticeIds: next });
		return 'changed';
	});
}
