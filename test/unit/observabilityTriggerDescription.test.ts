import { TencentCloudObservabilityTrigger } from '../../nodes/TencentCloudObservabilityTrigger/TencentCloudObservabilityTrigger.node';
import { alarmNoticeOption, alarmPolicyOption } from '../../nodes/TencentCloudObservabilityTrigger/methods/loadOptions';

const trigger = new TencentCloudObservabilityTrigger();
const { description } = trigger;
const property = (name: string) => description.properties.find((p) => p.name === name);

describe('the trigger\'s description (names are a contract)', () => {
	test('type, credential and one POST webhook answered on receipt', () => {
		expect(description.name).toBe('tencentCloudObservabilityTrigger');
		expect(description.displayName).toBe('Tencent Cloud Observability Trigger');
		expect(description.inputs).toEqual([]);
		expect(description.credentials).toEqual([{ name: 'tencentCloudApi', required: true }]);
		expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }]);
	});

	test('parameters: alarmPolicyIds, notifyOn, options.noticeId and options.noticeLanguage', () => {
		expect(property('alarmPolicyIds')).toMatchObject({ type: 'multiOptions', required: true, typeOptions: { loadOptionsMethod: 'getAlarmPolicies' } });
		expect(property('notifyOn')).toMatchObject({ type: 'options', default: 'alarmsAndRecoveries' });
		expect((property('notifyOn')!.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['alarmsAndRecoveries', 'alarms', 'recoveries']);
		const options = property('options')!.options as Array<{ name: string; default: unknown; typeOptions?: unknown }>;
		expect(options.map((o) => o.name).sort()).toEqual(['noticeId', 'noticeLanguage']);
		expect(options.find((o) => o.name === 'noticeId')).toMatchObject({ typeOptions: { loadOptionsMethod: 'getAlarmNotices' } });
		expect(options.find((o) => o.name === 'noticeLanguage')).toMatchObject({ default: 'en-US' });
	});

	test('every picker the description names exists, and checkExists/create/delete and webhook are there', () => {
		expect(Object.keys(trigger.methods.loadOptions).sort()).toEqual(['getAlarmNotices', 'getAlarmPolicies']);
		expect(Object.keys(trigger.webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
		expect(typeof trigger.webhook).toBe('function');
	});
});

describe('picker labels', () => {
	test('a policy is "name (policy-id)", its type as description', () => {
		expect(alarmPolicyOption({ PolicyId: 'policy-a1b2c3d4', PolicyName: 'prod-web-cpu-high', NamespaceShowName: 'CVM' })).toEqual({
			name: 'prod-web-cpu-high (policy-a1b2c3d4)',
			value: 'policy-a1b2c3d4',
			description: 'CVM',
		});
		expect(alarmPolicyOption({ PolicyId: 'policy-x' })).toEqual({ name: 'policy-x', value: 'policy-x' });
	});

	test('a template is "name (notice-id)", with how many callbacks it has', () => {
		expect(alarmNoticeOption({ Id: 'notice-ops00001', Name: 'ops-oncall', NoticeType: 'ALL', URLNotices: [] })).toEqual({
			name: 'ops-oncall (notice-ops00001)',
			value: 'notice-ops00001',
			description: '0 callback URLs, notifies ALL',
		});
	});
});
