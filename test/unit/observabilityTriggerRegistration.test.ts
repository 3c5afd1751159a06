import type { IDataObject } from 'n8n-workflow';
import fc from 'fast-check';

import {
	CALLBACK_URL_MAX_CHARS,
	callbackUrl,
	clearRegistration,
	isChosenPolicy,
	NOTICE_NAME_MAX_CHARS,
	noticeTemplateName,
	noticeTypeFor,
	parsePolicyIds,
	readRegistration,
	type Registration,
	registrationMismatch,
	withBinding,
	withoutBinding,
	writeRegistration,
} from '../../nodes/TencentCloudObservabilityTrigger/registration/callbackRegistration';
import { callbackSecretMatches, newCallbackSecret } from '../../nodes/TencentCloudObservabilityTrigger/incoming/callbackSecret';

describe('the notification template name', () => {
	test('is "n8n <workflow> <node>" when it fits', () => {
		expect(noticeTemplateName('Incident mirror', 'Tencent Cloud Observability Trigger')).toBe(
			'n8n Incident mirror Tencent Cloud Observability Trigger',
		);
	});

	test('is cut to 60 characters, the cut marked, for a long workflow name', () => {
		const name = noticeTemplateName('A very long workflow name that goes on and on about incidents', 'TCOP Trigger');
		expect(Array.from(name)).toHaveLength(NOTICE_NAME_MAX_CHARS);
		expect(name.startsWith('n8n A very long workflow name')).toBe(true);
		expect(name.endsWith('…')).toBe(true);
	});

	test('counts characters, not UTF-16 units, and never splits one (Chinese and emoji names)', () => {
		const name = noticeTemplateName('告警流程'.repeat(10), '触发器😀'.repeat(5));
		expect(Array.from(name).length).toBeLessThanOrEqual(NOTICE_NAME_MAX_CHARS);
		expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
	});

	test('any workflow and node name gives at most 60 characters, starting with "n8n"', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), fc.string({ minLength: 1, maxLength: 200 }), (workflow, node) => {
				const name = noticeTemplateName(workflow, node);
				return Array.from(name).length <= NOTICE_NAME_MAX_CHARS && name.startsWith('n8n');
			}),
		);
	});

	test('a workflow without a name still names the node', () => {
		expect(noticeTemplateName(undefined, 'Alarm')).toBe('n8n Alarm');
	});
});

describe('the callback URL', () => {
	test('is the webhook URL with the secret as query parameter "secret"', () => {
		expect(callbackUrl('https://n8n.example.com/webhook/abc/webhook', 's3cr3t')).toBe(
			'https://n8n.example.com/webhook/abc/webhook?secret=s3cr3t',
		);
	});

	test('appends to a URL that has a query already', () => {
		expect(callbackUrl('https://n8n.example.com/webhook/abc?x=1', 'k')).toBe('https://n8n.example.com/webhook/abc?x=1&secret=k');
	});

	test('is accepted at exactly 256 characters', () => {
		const secret = newCallbackSecret();
		const base = 'https://n8n.example.com/';
		const fill = CALLBACK_URL_MAX_CHARS - base.length - '?secret='.length - secret.length;
		const url = callbackUrl(base + 'p'.repeat(fill), secret);
		expect(url).toHaveLength(CALLBACK_URL_MAX_CHARS);
	});

	test('is refused beyond 256 characters, saying how long and without the secret in the message', () => {
		const secret = newCallbackSecret();
		const webhookUrl = `https://n8n.example.com/${'p'.repeat(230)}`;
		let message = '';
		try {
			callbackUrl(webhookUrl, secret);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/would be 2\d\d characters.*at most 256/);
		expect(message).toMatch(/WEBHOOK_URL/);
		expect(message).not.toContain(secret);
	});

	test('refuses a webhook URL that is not http(s)', () => {
		expect(() => callbackUrl('/webhook/abc', 'k')).toThrow(/not an http\(s\) URL/);
	});
});

describe('the callback secret', () => {
	test('is 32 URL-safe characters, fresh each time', () => {
		const secrets = new Set(Array.from({ length: 50 }, () => newCallbackSecret()));
		expect(secrets.size).toBe(50);
		for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
	});

	test('matches only itself', () => {
		const secret = newCallbackSecret();
		expect(callbackSecretMatches(secret, secret)).toBe(true);
		expect(callbackSecretMatches(`${secret}x`, secret)).toBe(false);
		expect(callbackSecretMatches(secret.slice(1), secret)).toBe(false);
		expect(callbackSecretMatches('', secret)).toBe(false);
		expect(callbackSecretMatches(undefined, secret)).toBe(false);
		expect(callbackSecretMatches([secret], secret)).toBe(false);
	});

	test('nothing matches when no secret is registered', () => {
		expect(callbackSecretMatches('', '')).toBe(false);
		expect(callbackSecretMatches('anything', undefined)).toBe(false);
	});
});

describe('policy bindings', () => {
	test('binding adds the template and keeps the policy\'s other templates in order', () => {
		expect(withBinding(['notice-ops00001', 'notice-sec00002'], 'notice-n8n')).toEqual(['notice-ops00001', 'notice-sec00002', 'notice-n8n']);
	});

	test('binding a template already bound changes nothing', () => {
		expect(withBinding(['notice-ops00001', 'notice-n8n'], 'notice-n8n')).toEqual(['notice-ops00001', 'notice-n8n']);
	});

	test('binding a policy without templates', () => {
		expect(withBinding(undefined, 'notice-n8n')).toEqual(['notice-n8n']);
	});

	test('unbinding removes only that template', () => {
		expect(withoutBinding(['notice-ops00001', 'notice-n8n', 'notice-sec00002'], 'notice-n8n')).toEqual([
			'notice-ops00001',
			'notice-sec00002',
		]);
		expect(withoutBinding(['notice-ops00001'], 'notice-n8n')).toEqual(['notice-ops00001']);
		expect(withoutBinding(undefined, 'notice-n8n')).toEqual([]);
	});

	test('binding then unbinding gives back any policy\'s templates', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.stringMatching(/^notice-[a-z0-9]{4}$/), { maxLength: 6 }), (noticeIds) => {
				const ours = 'notice-n8n0';
				const others = noticeIds.filter((id) => id !== ours);
				expect(withoutBinding(withBinding(others, ours), ours)).toEqual(others);
			}),
		);
	});
});

describe('which pushes start a run', () => {
	test('a push of a chosen policy runs; one of another policy bound to the same template does not', () => {
		expect(isChosenPolicy('policy-a1b2c3d4', ['policy-a1b2c3d4', 'policy-m9n0p1q2'])).toBe(true);
		expect(isChosenPolicy('policy-e5f6g7h8', ['policy-a1b2c3d4', 'policy-m9n0p1q2'])).toBe(false);
	});

	test('a push that names no policy is kept: it cannot be told apart', () => {
		expect(isChosenPolicy(null, ['policy-a1b2c3d4'])).toBe(true);
		expect(isChosenPolicy('', ['policy-a1b2c3d4'])).toBe(true);
	});

	test('without a registration (nothing recorded) every push is kept', () => {
		expect(isChosenPolicy('policy-e5f6g7h8', undefined)).toBe(true);
		expect(isChosenPolicy('policy-e5f6g7h8', [])).toBe(true);
	});
});

describe('the alarm policy IDs parameter', () => {
	test('takes the picker\'s list, or an expression\'s comma-separated text, each ID once', () => {
		expect(parsePolicyIds(['policy-a1b2c3d4', ' policy-e5f6g7h8 '])).toEqual(['policy-a1b2c3d4', 'policy-e5f6g7h8']);
		expect(parsePolicyIds('policy-a1b2c3d4, policy-e5f6g7h8,policy-a1b2c3d4')).toEqual(['policy-a1b2c3d4', 'policy-e5f6g7h8']);
		expect(parsePolicyIds('')).toEqual([]);
		expect(parsePolicyIds(undefined)).toEqual([]);
		expect(parsePolicyIds([null, '', 'policy-x'])).toEqual(['policy-x']);
	});
});

test('Notify On maps to the template\'s NoticeType', () => {
	expect(noticeTypeFor('alarmsAndRecoveries')).toBe('ALL');
	expect(noticeTypeFor('alarms')).toBe('ALARM');
	expect(noticeTypeFor('recoveries')).toBe('OK');
	expect(noticeTypeFor(undefined)).toBe('ALL');
});

describe('the registration in static data', () => {
	const registration: Registration = {
		noticeId: 'notice-n8n00001',
		createdNotice: true,
		secret: 'k'.repeat(32),
		callbackUrl: `https://n8n.example.com/webhook/x/webhook?secret=${'k'.repeat(32)}`,
		policyIds: ['policy-a1b2c3d4', 'policy-e5f6g7h8'],
		boundPolicyIds: ['policy-a1b2c3d4'],
	};

	test('is written and read back as plain JSON', () => {
		const staticData = {};
		writeRegistration(staticData, registration);
		expect(readRegistration(JSON.parse(JSON.stringify(staticData)))).toEqual(registration);
	});

	test('an incomplete one reads as none', () => {
		const staticData: IDataObject = {};
		writeRegistration(staticData, registration);
		delete staticData.secret;
		expect(readRegistration(staticData)).toBeUndefined();
		expect(readRegistration({})).toBeUndefined();
	});

	test('is cleared key by key, leaving other keys', () => {
		const staticData: IDataObject = { other: 1 };
		writeRegistration(staticData, registration);
		clearRegistration(staticData);
		expect(staticData).toEqual({ other: 1 });
	});

	describe('checked against the template', () => {
		const notice = {
			NoticeType: 'ALL',
			URLNotices: [{ URL: 'https://elsewhere.example/hook' }, { URL: registration.callbackUrl }],
			PolicyIds: ['policy-a1b2c3d4', 'policy-e5f6g7h8', 'policy-other'],
		};
		const wanted = { callbackUrl: registration.callbackUrl, policyIds: registration.policyIds, noticeType: 'ALL' };

		test('matches while the URL and every chosen binding are there', () => {
			expect(registrationMismatch(registration, notice, wanted)).toBeUndefined();
		});

		test('not when the URL was removed from the template', () => {
			expect(registrationMismatch(registration, { ...notice, URLNotices: [] }, wanted)).toMatch(/no longer carries/);
		});

		test('not when a chosen policy was unbound', () => {
			expect(registrationMismatch(registration, { ...notice, PolicyIds: ['policy-a1b2c3d4'] }, wanted)).toMatch(/policy-e5f6g7h8/);
		});

		test('not when the webhook URL changed (n8n moved)', () => {
			expect(registrationMismatch(registration, notice, { ...wanted, callbackUrl: 'https://new.example/x?secret=k' })).toMatch(/URL changed/);
		});

		test('not when a policy is chosen or dropped since', () => {
			expect(registrationMismatch(registration, notice, { ...wanted, policyIds: [...wanted.policyIds, 'policy-new'] })).toMatch(/policy-new/);
			expect(registrationMismatch(registration, notice, { ...wanted, policyIds: ['policy-a1b2c3d4'] })).toMatch(/no longer chosen/);
		});

		test('not when Notify On changed for a template of its own, but yes for the user\'s template', () => {
			expect(registrationMismatch(registration, notice, { ...wanted, noticeType: 'ALARM' })).toMatch(/notifies ALL, not ALARM/);
			expect(registrationMismatch({ ...registration, createdNotice: false }, notice, { ...wanted, noticeType: 'ALARM' })).toBeUndefined();
		});
	});
});
