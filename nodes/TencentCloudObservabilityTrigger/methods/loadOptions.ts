import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { sortOptions } from '../../TencentCloudVpc/methods/pickerLabels';
import type { AlarmNotice, AlarmPolicy } from '../monitor/alarmNotices';
import { describeAllAlarmNotices, describeAllAlarmPolicies, monitorClient } from '../monitor/alarmNotices';

/** The trigger's pickers: every alarm policy and every notification template of the account. */

export function alarmPolicyOption(policy: AlarmPolicy): INodePropertyOptions {
	const name = String(policy.PolicyName ?? '').trim();
	const namespace = String(policy.NamespaceShowName ?? policy.Namespace ?? '').trim();
	return {
		name: name ? `${name} (${policy.PolicyId})` : policy.PolicyId,
		value: policy.PolicyId,
		...(namespace ? { description: namespace } : {}),
	};
}

export function alarmNoticeOption(notice: AlarmNotice): INodePropertyOptions {
	const name = String(notice.Name ?? '').trim();
	const callbacks = notice.URLNotices?.length ?? 0;
	return {
		name: name ? `${name} (${notice.Id})` : notice.Id,
		value: notice.Id,
		description: `${callbacks} callback URL${callbacks === 1 ? '' : 's'}, notifies ${String(notice.NoticeType ?? 'ALL')}`,
	};
}

/** Alarm policies (DescribeAlarmPolicies, every page), labelled "name (policy-id)". */
export async function getAlarmPolicies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return sortOptions((await describeAllAlarmPolicies(monitorClient(this))).map(alarmPolicyOption));
}

/** Notification templates (DescribeAlarmNotices, every page), labelled "name (notice-id)". */
export async function getAlarmNotices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return sortOptions((await describeAllAlarmNotices(monitorClient(this))).map(alarmNoticeOption));
}
