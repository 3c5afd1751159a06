import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, type TencentCloudClient } from '../../TencentCloudVpc/transport';
import { newCallbackSecret } from '../incoming/callbackSecret';
import {
	type AlarmPolicy,
	createAlarmNotice,
	deleteAlarmNotice,
	describeAlarmNotice,
	describeAllAlarmPolicies,
	monitorClient,
	monitorStep,
	updateNoticeCallbacks,
	updatePolicyNotices,
} from '../monitor/alarmNotices';
import {
	callbackUrl,
	clearRegistration,
	noticeTemplateName,
	noticeTypeFor,
	parsePolicyIds,
	readRegistration,
	type Registration,
	registrationMismatch,
	URL_NOTICES_MAX,
	withBinding,
	withoutBinding,
	writeRegistration,
} from './callbackRegistration';

/**
 * The trigger's webhookMethods: register the callback in Cloud Monitor on activation (and for
 * "Listen for test event", with the test URL), check it is still there, remove it on
 * deactivation. What was registered lives in the node's static data, which n8n hands to
 * webhook() and delete() (for a test webhook, the copy n8n keeps with the registration).
 */

/** What the node's parameters ask to register. */
interface WantedRegistration {
	webhookUrl: string;
	policyIds: string[];
	noticeType: string;
	noticeLanguage: string;
	/** The user's template to add the callback to; undefined to create one. */
	existingNoticeId: string | undefined;
}

function wantedRegistration(context: IHookFunctions): WantedRegistration {
	const node = context.getNode();
	const webhookUrl = context.getNodeWebhookUrl('default');
	if (!webhookUrl) throw new NodeOperationError(node, 'n8n gave the trigger no webhook URL');
	const policyIds = parsePolicyIds(context.getNodeParameter('alarmPolicyIds', []));
	if (policyIds.length === 0) {
		throw new NodeOperationError(node, 'Choose at least one alarm policy in Alarm Policies (alarmPolicyIds)');
	}
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const existingNoticeId = typeof options.noticeId === 'string' && options.noticeId.trim() !== '' ? options.noticeId.trim() : undefined;
	return {
		webhookUrl,
		policyIds,
		noticeType: noticeTypeFor(context.getNodeParameter('notifyOn', 'alarmsAndRecoveries')),
		noticeLanguage: options.noticeLanguage === 'zh-CN' ? 'zh-CN' : 'en-US',
		existingNoticeId,
	};
}

function callbackUrlFor(context: IHookFunctions, webhookUrl: string, secret: string): string {
	try {
		return callbackUrl(webhookUrl, secret);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message);
	}
}

/** checkExists: the template, its callback URL and the chosen bindings are all still there. */
export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	const registration = readRegistration(this.getWorkflowStaticData('node'));
	if (!registration) return false;
	const wanted = wantedRegistration(this);
	if (registration.createdNotice ? wanted.existingNoticeId !== undefined : wanted.existingNoticeId !== registration.noticeId) {
		return false;
	}
	const client = monitorClient(this);
	const notice = await monitorStep(client, `read notification template ${registration.noticeId}`, async () =>
		await describeAlarmNotice(client, registration.noticeId),
	);
	if (!notice) return false;
	const mismatch = registrationMismatch(registration, notice, {
		callbackUrl: callbackUrlFor(this, wanted.webhookUrl, registration.secret),
		policyIds: wanted.policyIds,
		noticeType: wanted.noticeType,
	});
	if (mismatch) this.logger.debug(`Tencent Cloud Observability Trigger registers again: ${mismatch}`);
	return mismatch === undefined;
}

/**
 * create: a template of its own (or the user's, with the callback added) carrying the webhook
 * URL with a fresh secret, bound to the chosen policies next to their other templates. What an
 * earlier activation left (its static data) is removed first; a failure halfway removes what
 * this one added, since n8n keeps no static data of a failed activation.
 */
export async function registerCallback(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const client = monitorClient(this);
	const previous = readRegistration(staticData);
	if (previous) {
		await removeRegistration(client, previous);
		clearRegistration(staticData);
	}

	const wanted = wantedRegistration(this);
	const secret = newCallbackSecret();
	const url = callbackUrlFor(this, wanted.webhookUrl, secret);
	const policies = await monitorStep(client, 'list the alarm policies', async () => await describeAllAlarmPolicies(client));
	const policyById = new Map(policies.map((policy) => [policy.PolicyId, policy]));
	const unknown = wanted.policyIds.filter((id) => !policyById.has(id));
	if (unknown.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Alarm ${unknown.length > 1 ? 'policies' : 'policy'} ${unknown.join(', ')} ${unknown.length > 1 ? 'do' : 'does'} not exist in this account`,
			{ description: 'Choose the policies again in Alarm Policies: the list shows the account\'s alarm policies.' },
		);
	}

	let registration: Registration;
	if (wanted.existingNoticeId) {
		const noticeId = wanted.existingNoticeId;
		const outcome = await monitorStep(
			client,
			`add the callback URL to notification template ${noticeId}`,
			async () =>
				await updateNoticeCallbacks(client, noticeId, (notice) => {
					const urlNotices = notice.URLNotices ?? [];
					if (urlNotices.length >= URL_NOTICES_MAX) {
						throw new NodeOperationError(
							this.getNode(),
							`Notification template ${noticeId} already has ${urlNotices.length} callback URLs, the most Cloud Monitor allows (${URL_NOTICES_MAX})`,
							{ description: 'Remove one in the Cloud Monitor console, or leave Notification Template empty so the trigger creates its own.' },
						);
					}
					return { URLNotices: [...urlNotices, { URL: url }] };
				}),
			secret,
		);
		if (outcome === 'missing') {
			throw new NodeOperationError(this.getNode(), `Notification template ${noticeId} (Options → Notification Template) does not exist in this account`);
		}
		registration = { noticeId, createdNotice: false, secret, callbackUrl: url, policyIds: wanted.policyIds, boundPolicyIds: [] };
	} else {
		const name = noticeTemplateName(this.getWorkflow().name, this.getNode().name);
		const noticeId = await monitorStep(
			client,
			`create notification template "${name}"`,
			async () =>
				await createAlarmNotice(client, {
					Name: name,
					NoticeType: wanted.noticeType,
					NoticeLanguage: wanted.noticeLanguage,
					URLNotices: [{ URL: url }],
				}),
			secret,
		);
		registration = { noticeId, createdNotice: true, secret, callbackUrl: url, policyIds: wanted.policyIds, boundPolicyIds: [] };
	}

	try {
		for (const policyId of wanted.policyIds) {
			const outcome = await monitorStep(client, `bind alarm policy ${policyId} to notification template ${registration.noticeId}`, async () =>
				await updatePolicyNotices(client, policyId, (noticeIds) => withBinding(noticeIds, registration.noticeId)),
			);
			if (outcome === 'missing') {
				throw new NodeOperationError(this.getNode(), `Alarm policy ${policyId} was deleted while the trigger was being activated`);
			}
			if (outcome === 'changed') registration.boundPolicyIds.push(policyId);
		}
	} catch (error) {
		await removeRegistration(client, registration).catch((cleanupError: Error) => {
			this.logger.warn(`Tencent Cloud Observability Trigger could not undo a half-done registration: ${cleanupError.message}`);
		});
		throw asNodeError(this.getNode(), error, undefined);
	}
	writeRegistration(staticData, registration);
	return true;
}

/** delete: removes what the registration added; what is already gone is no error. */
export async function unregisterCallback(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const registration = readRegistration(staticData);
	if (!registration) return true;
	await removeRegistration(monitorClient(this), registration);
	clearRegistration(staticData);
	return true;
}

/** The policies that still list `noticeId` among `policyIds` (or among all, for `policyIds` undefined). */
function policiesListing(policies: AlarmPolicy[], noticeId: string, policyIds?: readonly string[]): AlarmPolicy[] {
	return policies.filter(
		(policy) => (policyIds === undefined || policyIds.includes(policy.PolicyId)) && (policy.NoticeIds ?? []).includes(noticeId),
	);
}

async function unbind(client: TencentCloudClient, policies: AlarmPolicy[], noticeId: string): Promise<void> {
	for (const policy of policies) {
		await monitorStep(client, `unbind alarm policy ${policy.PolicyId} from notification template ${noticeId}`, async () =>
			await updatePolicyNotices(client, policy.PolicyId, (noticeIds) => withoutBinding(noticeIds, noticeId)),
		);
	}
}

/**
 * Undoes a registration: its own template is unbound from every policy and deleted; from the
 * user's template only the callback URL goes, and the bindings activation added.
 */
async function removeRegistration(client: TencentCloudClient, registration: Registration): Promise<void> {
	const { noticeId } = registration;
	if (registration.createdNotice) {
		const policies = await monitorStep(client, 'list the alarm policies', async () => await describeAllAlarmPolicies(client));
		await unbind(client, policiesListing(policies, noticeId), noticeId);
		await monitorStep(client, `delete notification template ${noticeId}`, async () => await deleteAlarmNotice(client, noticeId));
		return;
	}
	const outcome = await monitorStep(
		client,
		`remove the callback URL from notification template ${noticeId}`,
		async () =>
			await updateNoticeCallbacks(client, noticeId, (notice) => {
				const urlNotices = notice.URLNotices ?? [];
				const keptUrls = urlNotices.filter((entry) => entry?.URL !== registration.callbackUrl);
				const keptPolicyIds = (notice.PolicyIds ?? []).filter((id) => !registration.boundPolicyIds.includes(id));
				const unchanged = keptUrls.length === urlNotices.length && keptPolicyIds.length === (notice.PolicyIds ?? []).length;
				return unchanged ? undefined : { URLNotices: keptUrls, PolicyIds: keptPolicyIds };
			}),
		registration.secret,
	);
	if (outcome === 'missing') return;
	if (registration.boundPolicyIds.length > 0) {
		const policies = await monitorStep(client, 'list the alarm policies', async () => await describeAllAlarmPolicies(client));
		await unbind(client, policiesListing(policies, noticeId, registration.boundPolicyIds), noticeId);
	}
}
