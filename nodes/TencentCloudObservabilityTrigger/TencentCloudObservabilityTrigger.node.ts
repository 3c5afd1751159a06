import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { receiveCallback } from './incoming/receiveCallback';
import { getAlarmNotices, getAlarmPolicies } from './methods/loadOptions';
import { registerCallback, registrationExists, unregisterCallback } from './registration/webhookLifecycle';

export class TencentCloudObservabilityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Cloud Observability Trigger',
		name: 'tencentCloudObservabilityTrigger',
		icon: { light: 'file:../../icons/tencentCloudObservability.svg', dark: 'file:../../icons/tencentCloudObservability.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"on " + {"alarmsAndRecoveries": "alarms and recoveries", "alarms": "alarms", "recoveries": "recoveries"}[$parameter["notifyOn"]]}}',
		description: 'Starts the workflow when a Tencent Cloud Observability (Cloud Monitor) alarm policy fires or recovers',
		defaults: { name: 'Tencent Cloud Observability Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentCloudApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'On activation the trigger creates a notification template in Cloud Monitor whose callback is this workflow\'s webhook URL (with a secret), and binds it to the chosen alarm policies; on deactivation it removes them. Tencent Cloud must reach n8n at that URL: set n8n\'s WEBHOOK_URL to its public address.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Alarm Policy Names or IDs',
				name: 'alarmPolicyIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getAlarmPolicies' },
				required: true,
				default: [],
				description:
					'The alarm policies whose alarms start the workflow (PolicyIds, e.g. policy-a1b2c3d4). Their other notification templates are kept. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Notify On',
				name: 'notifyOn',
				type: 'options',
				options: [
					{ name: 'Alarms and Recoveries', value: 'alarmsAndRecoveries', description: 'NoticeType ALL' },
					{ name: 'Alarms', value: 'alarms', description: 'NoticeType ALARM: only when a policy fires' },
					{ name: 'Recoveries', value: 'recoveries', description: 'NoticeType OK: only when an alarm resolves' },
				],
				default: 'alarmsAndRecoveries',
				description: 'What starts the workflow: the template\'s NoticeType. With an existing template, pushes of the other kind are answered and ignored.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Notification Language',
						name: 'noticeLanguage',
						type: 'options',
						options: [
							{ name: 'English', value: 'en-US' },
							{ name: 'Chinese', value: 'zh-CN' },
						],
						default: 'en-US',
						description: 'NoticeLanguage of the template the trigger creates',
					},
					{
						displayName: 'Notification Template Name or ID',
						name: 'noticeId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getAlarmNotices' },
						default: '',
						description:
							'Add the callback to this existing template (NoticeId) instead of creating one; deactivation removes only the callback and the bindings it added. A template holds at most 3 callback URLs. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	};

	methods = { loadOptions: { getAlarmPolicies, getAlarmNotices } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await registrationExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerCallback.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await unregisterCallback.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCallback.call(this);
	}
}
