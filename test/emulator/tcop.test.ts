// The emulator playing TCOP over real HTTP: the Monitor 2018-07-24 alarm-notice actions signed for
// service monitor, their limits, the bindings between templates and policies, the URL check, and
// the alarm/recovery pushes with their retries, seen from a loopback receiver and the side door.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { type Emulator, startEmulator } from '../../dev/emulator';
import { call, type CallOptions, codeOf, type Loose, send } from './signForTest';

const MONITOR: CallOptions = { service: 'monitor', version: '2018-07-24', region: null };

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ rateLimit: 0, tcopRetryDelayMs: 20 });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

function monitor(action: string, body: Record<string, unknown>, opts: CallOptions = {}) {
	return call(emu.url, action, { Module: 'monitor', ...body }, { ...MONITOR, ...opts });
}

async function monitorOk(action: string, body: Record<string, unknown>): Promise<Record<string, Loose>> {
	const res = await monitor(action, body);
	if (res.Response.Error) throw new Error(`${action}: ${res.Response.Error.Code}: ${res.Response.Error.Message}`);
	return res.Response;
}

/** A loopback callback receiver; `answer` decides each reply from the request count and body. */
interface Receiver {
	url: string;
	requests: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
	close(): Promise<void>;
}

async function receiver(answer: (n: number, body: string) => { status: number; body: string; delayMs?: number }): Promise<Receiver> {
	const requests: Receiver['requests'] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			requests.push({ headers: req.headers, body });
			const reply = answer(requests.length, body);
			setTimeout(() => {
				if (res.destroyed) return;
				res.writeHead(reply.status, { 'Content-Type': 'application/json' });
				res.end(reply.body);
			}, reply.delayMs ?? 0);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tcop?secret=s3cr3t`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Answers like a good receiver: 200 with the sessionId echoed and retCode 0; the URL check gets 200 too. */
const acknowledge = (_n: number, body: string) => ({ status: 200, body: JSON.stringify({ sessionId: (JSON.parse(body) as { sessionId?: string }).sessionId, retCode: 0 }) });

const receivers: Receiver[] = [];
async function newReceiver(answer: Parameters<typeof receiver>[0] = acknowledge): Promise<Receiver> {
	const r = await receiver(answer);
	receivers.push(r);
	return r;
}
afterEach(async () => {
	await emu.tcopIdle();
	await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function createTemplate(name: string, urls: string[], noticeType = 'ALL'): Promise<string> {
	const res = await monitorOk('CreateAlarmNotice', { Name: name, NoticeType: noticeType, NoticeLanguage: 'en-US', URLNotices: urls.map((URL) => ({ URL })) });
	return res.NoticeId as string;
}

async function sideDoor(method: string, route: string, body?: unknown): Promise<{ status: number; json: Loose }> {
	const raw = Buffer.from(body === undefined ? '' : JSON.stringify(body));
	const res = await send(emu.url, { method, path: `/_emulator/${route}`, headers: { 'Content-Type': 'application/json' }, body: raw });
	return { status: res.status, json: JSON.parse(res.text) };
}

describe('the Monitor API in the default mode', () => {
	test('DescribeAlarmPolicies is signed for service monitor, needs Module, and lists the seeded policies with their templates', async () => {
		const res = await monitorOk('DescribeAlarmPolicies', { PageNumber: 1, PageSize: 100 });
		expect(res.TotalCount).toBe(12);
		const byId = new Map(res.Policies.map((p: Loose) => [p.PolicyId, p]));
		expect(byId.get('policy-a1b2c3d4')).toMatchObject({ PolicyName: 'prod-web-cpu-high', Namespace: 'cvm_device', NoticeIds: ['notice-ops00001'], MonitorType: 'MT_QCE', Enable: 1 });
		expect((byId.get('policy-a1b2c3d4') as Loose).Notices.map((n: Loose) => n.Id)).toEqual(['notice-ops00001']);
		expect(byId.get('policy-e5f6g7h8')).toMatchObject({ PolicyName: 'prod-web-ping-unreachable', NoticeIds: ['notice-ops00001', 'notice-sec00002'] });
		expect(byId.get('policy-m9n0p1q2')).toMatchObject({ Namespace: 'cdb_detail', NoticeIds: [] });

		const entry = emu.log[emu.log.length - 1];
		expect(entry).toMatchObject({ action: 'DescribeAlarmPolicies', service: 'monitor', version: '2018-07-24', signatureVerdict: 'ok', code: 'Success' });
		expect(entry.headers.authorization).toMatch(/\/monitor\/tc3_request, /);

		expect(codeOf(await call(emu.url, 'DescribeAlarmPolicies', { PageNumber: 1 }, MONITOR))).toBe('InvalidParameter');
		expect(codeOf(await monitor('DescribeAlarmPolicies', { Module: 'cvm' }))).toBe('InvalidParameter');
		expect(codeOf(await monitor('DescribeAlarmPolicies', {}, { version: '2023-06-16' }))).toBe('NoSuchVersion');
		expect(codeOf(await monitor('GetMonitorData', {}))).toBe('InvalidAction');
		expect(codeOf(await monitor('DescribeAlarmPolicies', {}, { key: { secretId: 'AKIDemulatorDEMOKEY0000000000000000', secretKey: 'wrong' } }))).toBe('AuthFailure.SignatureFailure');
		expect(codeOf(await monitor('DescribeAlarmPolicies', { Bogus: 1 }))).toBe('UnknownParameter');
	});

	test('DescribeAlarmPolicies pages (default 20, 1-100) and finds policies by part of the name, any case', async () => {
		const first = await monitorOk('DescribeAlarmPolicies', { PageSize: 5 });
		const second = await monitorOk('DescribeAlarmPolicies', { PageSize: 5, PageNumber: 2 });
		const third = await monitorOk('DescribeAlarmPolicies', { PageSize: 5, PageNumber: 3 });
		expect([first.Policies.length, second.Policies.length, third.Policies.length]).toEqual([5, 5, 2]);
		const ids = [...first.Policies, ...second.Policies, ...third.Policies].map((p: Loose) => p.PolicyId);
		expect(new Set(ids).size).toBe(12);
		expect((await monitorOk('DescribeAlarmPolicies', {})).Policies).toHaveLength(12);

		const found = await monitorOk('DescribeAlarmPolicies', { PolicyName: 'WEB-CPU' });
		expect(found.Policies.map((p: Loose) => p.PolicyName).sort()).toEqual(['prod-web-cpu-critical', 'prod-web-cpu-high', 'staging-web-cpu-high']);
		expect((await monitorOk('DescribeAlarmPolicies', { PolicyIds: ['policy-m9n0p1q2'] })).Policies.map((p: Loose) => p.PolicyName)).toEqual(['prod-mysql-cpu-high']);
		expect((await monitorOk('DescribeAlarmPolicies', { NoticeIds: ['notice-sec00002'] })).TotalCount).toBe(1);

		for (const PageSize of [0, 101, 2.5]) expect(codeOf(await monitor('DescribeAlarmPolicies', { PageSize }))).toBe('InvalidParameterValue');
		expect(codeOf(await monitor('DescribeAlarmPolicies', { PageNumber: 0 }))).toBe('InvalidParameterValue');
	});

	test('CreateAlarmNotice keeps the documented limits: name <= 60 characters, <= 3 callbacks, URL <= 256 characters', async () => {
		const base = { NoticeType: 'ALL', NoticeLanguage: 'en-US' };
		const sixty = '告'.repeat(10) + 'n'.repeat(50);
		expect(codeOf(await monitor('CreateAlarmNotice', { ...base, Name: sixty }))).toBe('Success');
		expect(codeOf(await monitor('CreateAlarmNotice', { ...base, Name: `${sixty}x` }))).toBe('InvalidParameterValue');

		const urls = (n: number) => Array.from({ length: n }, (_, i) => ({ URL: `http://127.0.0.1:9/never-${i}` }));
		expect(codeOf(await monitor('CreateAlarmNotice', { ...base, Name: 'three', URLNotices: urls(3) }))).toBe('Success');
		expect(codeOf(await monitor('CreateAlarmNotice', { ...base, Name: 'four', URLNotices: urls(4) }))).toBe('InvalidParameterValue');

		const at256 = `http://127.0.0.1:9/${'p'.repeat(256 - 'http://127.0.0.1:9/'.length)}`;
		expect(at256).toHaveLength(256);
		expect(codeOf(await monitor('CreateAlarmNotice', { ...base, Name: 'long', URLNotices: [{ URL: at256 }] }))).toBe('Success');
		expect(codeOf(await monitor('CreateAlarmNotice', { ...base, Name: 'longer', URLNotices: [{ URL: `${at256}p` }] }))).toBe('InvalidParameterValue');

		expect(codeOf(await monitor('CreateAlarmNotice', { ...base, Name: 'x', NoticeType: 'SOMETIMES' }))).toBe('InvalidParameterValue');
		expect(codeOf(await monitor('CreateAlarmNotice', { ...base, Name: 'x', NoticeLanguage: 'fr-FR' }))).toBe('InvalidParameterValue');
		expect(codeOf(await monitor('CreateAlarmNotice', { NoticeType: 'ALL', NoticeLanguage: 'en-US' }))).toBe('MissingParameter');
		expect(codeOf(await monitor('CreateAlarmNotice', { ...base, Name: 'x', PolicyIds: ['policy-a1b2c3d4'] }))).toBe('UnknownParameter');
		// 2 seeds + the three that passed.
		expect(emu.alarmNotices()).toHaveLength(5);
	});

	test('DescribeAlarmNotices needs PageNumber, PageSize 1-200 and Order, sorts by update time and pages', async () => {
		expect(codeOf(await monitor('DescribeAlarmNotices', { PageSize: 10, Order: 'ASC' }))).toBe('MissingParameter');
		expect(codeOf(await monitor('DescribeAlarmNotices', { PageNumber: 1, Order: 'ASC' }))).toBe('MissingParameter');
		expect(codeOf(await monitor('DescribeAlarmNotices', { PageNumber: 1, PageSize: 10 }))).toBe('MissingParameter');
		expect(codeOf(await monitor('DescribeAlarmNotices', { PageNumber: 1, PageSize: 201, Order: 'ASC' }))).toBe('InvalidParameterValue');
		expect(codeOf(await monitor('DescribeAlarmNotices', { PageNumber: 1, PageSize: 10, Order: 'UP' }))).toBe('InvalidParameterValue');

		const created = [];
		for (let i = 0; i < 3; i++) created.push(await createTemplate(`n8n wf-${i}`, []));
		const asc = await monitorOk('DescribeAlarmNotices', { PageNumber: 1, PageSize: 200, Order: 'ASC' });
		expect(asc.TotalCount).toBe(5);
		expect(asc.Notices.map((n: Loose) => n.Id)).toEqual(['notice-ops00001', 'notice-sec00002', ...created]);
		const page2 = await monitorOk('DescribeAlarmNotices', { PageNumber: 2, PageSize: 2, Order: 'DESC' });
		expect(page2.Notices.map((n: Loose) => n.Id)).toEqual([created[0], 'notice-sec00002']);
		const byName = await monitorOk('DescribeAlarmNotices', { PageNumber: 1, PageSize: 20, Order: 'ASC', Name: 'N8N' });
		expect(byName.TotalCount).toBe(3);
		const byId = await monitorOk('DescribeAlarmNotices', { PageNumber: 1, PageSize: 20, Order: 'ASC', NoticeIds: ['notice-sec00002'] });
		expect(byId.Notices).toEqual([
			expect.objectContaining({ Id: 'notice-sec00002', Name: 'security-team', NoticeType: 'ALARM', URLNotices: [], PolicyIds: ['policy-e5f6g7h8'], IsPreset: 0 }),
		]);
		expect(byId.Notices[0].UpdatedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	});
});

describe('bindings: a policy\'s NoticeIds and a template\'s PolicyIds are one set', () => {
	test('ModifyAlarmPolicyNotice sets the policy\'s templates; the template side shows the same', async () => {
		const mine = await createTemplate('mine', []);
		await monitorOk('ModifyAlarmPolicyNotice', { PolicyIds: ['policy-a1b2c3d4', 'policy-e5f6g7h8'], NoticeIds: ['notice-ops00001', mine] });
		const policies = new Map(emu.alarmPolicies().map((p) => [p.PolicyId, p.NoticeIds]));
		expect(policies.get('policy-a1b2c3d4')).toEqual(['notice-ops00001', mine]);
		// It SETS: security-team is dropped from the ping policy because the call did not name it.
		expect(policies.get('policy-e5f6g7h8')).toEqual(['notice-ops00001', mine]);
		expect((await monitorOk('DescribeAlarmNotice', { NoticeId: mine })).Notice.PolicyIds).toEqual(['policy-a1b2c3d4', 'policy-e5f6g7h8']);
		expect((await monitorOk('DescribeAlarmNotice', { NoticeId: 'notice-sec00002' })).Notice.PolicyIds).toEqual([]);

		// PolicyId alone, and PolicyIds winning over it.
		await monitorOk('ModifyAlarmPolicyNotice', { PolicyId: 'policy-m9n0p1q2', NoticeIds: [mine] });
		await monitorOk('ModifyAlarmPolicyNotice', { PolicyId: 'policy-m9n0p1q2', PolicyIds: ['policy-r3s4t5u6'], NoticeIds: ['notice-sec00002'] });
		expect(emu.alarmPolicies().find((p) => p.PolicyId === 'policy-m9n0p1q2')!.NoticeIds).toEqual([mine]);
		expect(emu.alarmPolicies().find((p) => p.PolicyId === 'policy-r3s4t5u6')!.NoticeIds).toEqual(['notice-sec00002']);
	});

	test('ModifyAlarmPolicyNotice refuses unknown IDs and more than 30 policies, changing nothing', async () => {
		const before = emu.alarmPolicies();
		expect(codeOf(await monitor('ModifyAlarmPolicyNotice', { PolicyIds: ['policy-a1b2c3d4'], NoticeIds: ['notice-gone0000'] }))).toBe('ResourceNotFound');
		expect(codeOf(await monitor('ModifyAlarmPolicyNotice', { PolicyIds: ['policy-nope0000'], NoticeIds: [] }))).toBe('ResourceNotFound');
		const many = Array.from({ length: 31 }, () => 'policy-a1b2c3d4');
		expect(codeOf(await monitor('ModifyAlarmPolicyNotice', { PolicyIds: many, NoticeIds: [] }))).toBe('InvalidParameterValue');
		expect(codeOf(await monitor('ModifyAlarmPolicyNotice', { NoticeIds: [] }))).toBe('MissingParameter');
		expect(emu.alarmPolicies()).toEqual(before);
		expect(codeOf(await monitor('ModifyAlarmPolicyNotice', { PolicyIds: many.slice(0, 30), NoticeIds: [] }))).toBe('Success');
	});

	test('ModifyAlarmNotice replaces the template and, with PolicyIds, sets its policies; DeleteAlarmNotices takes the bindings with it', async () => {
		const mine = await createTemplate('mine', []);
		await monitorOk('ModifyAlarmNotice', { NoticeId: mine, Name: 'mine v2', NoticeType: 'ALARM', NoticeLanguage: 'zh-CN', PolicyIds: ['policy-a1b2c3d4', 'policy-e5f6g7h8'] });
		expect(emu.alarmPolicies().find((p) => p.PolicyId === 'policy-e5f6g7h8')!.NoticeIds).toEqual(['notice-ops00001', 'notice-sec00002', mine]);
		await monitorOk('ModifyAlarmNotice', { NoticeId: mine, Name: 'mine v3', NoticeType: 'ALL', NoticeLanguage: 'en-US', PolicyIds: ['policy-e5f6g7h8'] });
		const notice = (await monitorOk('DescribeAlarmNotice', { NoticeId: mine })).Notice;
		expect(notice).toMatchObject({ Name: 'mine v3', NoticeType: 'ALL', NoticeLanguage: 'en-US', PolicyIds: ['policy-e5f6g7h8'] });
		expect(emu.alarmPolicies().find((p) => p.PolicyId === 'policy-a1b2c3d4')!.NoticeIds).toEqual(['notice-ops00001']);
		// Without PolicyIds the bindings stay.
		await monitorOk('ModifyAlarmNotice', { NoticeId: mine, Name: 'mine v4', NoticeType: 'ALL', NoticeLanguage: 'en-US' });
		expect((await monitorOk('DescribeAlarmNotice', { NoticeId: mine })).Notice.PolicyIds).toEqual(['policy-e5f6g7h8']);

		expect(codeOf(await monitor('ModifyAlarmNotice', { NoticeId: 'notice-gone0000', Name: 'x', NoticeType: 'ALL', NoticeLanguage: 'en-US' }))).toBe('ResourceNotFound');
		expect(codeOf(await monitor('DescribeAlarmNotice', { NoticeId: 'notice-gone0000' }))).toBe('ResourceNotFound');
		expect(codeOf(await monitor('DeleteAlarmNotices', { NoticeIds: [mine, 'notice-gone0000'] }))).toBe('ResourceNotFound');
		expect(emu.alarmNotices().map((n) => n.Id)).toContain(mine);

		await monitorOk('DeleteAlarmNotices', { NoticeIds: [mine], NoticeBindPolicys: [{ NoticeId: mine, PolicyIds: ['policy-e5f6g7h8'] }] });
		expect(emu.alarmNotices().map((n) => n.Id)).toEqual(['notice-ops00001', 'notice-sec00002']);
		expect(emu.alarmPolicies().find((p) => p.PolicyId === 'policy-e5f6g7h8')!.NoticeIds).toEqual(['notice-ops00001', 'notice-sec00002']);
	});

	test('reset() restores the seeded templates and bindings', async () => {
		const mine = await createTemplate('mine', []);
		await monitorOk('ModifyAlarmPolicyNotice', { PolicyId: 'policy-a1b2c3d4', NoticeIds: [mine] });
		expect(emu.deleteAlarmNoticeInConsole('notice-sec00002')).toBe(true);
		emu.reset();
		expect(emu.alarmNotices().map((n) => n.Id)).toEqual(['notice-ops00001', 'notice-sec00002']);
		expect(emu.alarmPolicies().find((p) => p.PolicyId === 'policy-a1b2c3d4')!.NoticeIds).toEqual(['notice-ops00001']);
		expect(emu.alarmPolicies().find((p) => p.PolicyId === 'policy-e5f6g7h8')!.NoticeIds).toEqual(['notice-ops00001', 'notice-sec00002']);
	});
});

describe('the URL check on save', () => {
	test('a new URL is called once with {} after the answer; HTTP 200 marks it valid, anything else invalid', async () => {
		const good = await newReceiver();
		const bad = await newReceiver(() => ({ status: 503, body: 'down' }));
		const id = await createTemplate('checked', [good.url, bad.url]);
		await emu.tcopIdle();
		expect(good.requests).toEqual([{ headers: expect.objectContaining({ 'content-type': 'application/json' }), body: '{}' }]);
		expect(bad.requests).toHaveLength(1);
		const notice = emu.alarmNotices().find((n) => n.Id === id)!;
		expect(notice.URLNotices.map((u) => [u.URL, u.IsValid])).toEqual([[good.url, 1], [bad.url, 0]]);
		expect(emu.tcopChecks()).toEqual([
			{ url: good.url, noticeId: id, status: 200 },
			{ url: bad.url, noticeId: id, status: 503 },
		]);

		// Saving the template again with the same URLs checks nothing; a new URL is checked.
		const third = await newReceiver();
		await monitorOk('ModifyAlarmNotice', { NoticeId: id, Name: 'checked', NoticeType: 'ALL', NoticeLanguage: 'en-US', URLNotices: [{ URL: good.url }, { URL: third.url }] });
		await emu.tcopIdle();
		expect(good.requests).toHaveLength(1);
		expect(third.requests).toHaveLength(1);
		expect(emu.alarmNotices().find((n) => n.Id === id)!.URLNotices.map((u) => [u.URL, u.IsValid])).toEqual([[good.url, 1], [third.url, 1]]);
	});

	test('an unreachable URL is saved anyway and logged with its error', async () => {
		const gone = await newReceiver();
		await gone.close();
		const res = await monitor('CreateAlarmNotice', { Name: 'x', NoticeType: 'ALL', NoticeLanguage: 'en-US', URLNotices: [{ URL: gone.url }] });
		expect(codeOf(res)).toBe('Success');
		await emu.tcopIdle();
		expect(emu.tcopChecks()[0]).toMatchObject({ url: gone.url, error: expect.stringMatching(/ECONNREFUSED/) });
		expect(emu.alarmNotices().find((n) => n.Id === res.Response.NoticeId)!.URLNotices[0].IsValid).toBe(0);
	});
});

describe('only this machine is ever called', () => {
	test('a URL on another host is saved, but its check and pushes are logged as not sent; localhost and a URL without a scheme are called', async () => {
		const local = await newReceiver();
		const port = new URL(local.url).port;
		const elsewhere = 'https://n8n.example.com/webhook/abc/webhook?secret=x';
		const id = await createTemplate('mixed', [elsewhere, `http://localhost:${port}/a`, `127.0.0.1:${port}/b`]);
		await emu.tcopIdle();
		expect(emu.tcopChecks().map((c) => [c.url, c.status, c.error])).toEqual([
			[elsewhere, undefined, 'not sent: n8n.example.com is not a loopback address (the emulator sends only to this machine)'],
			[`http://localhost:${port}/a`, 200, undefined],
			[`127.0.0.1:${port}/b`, 200, undefined],
		]);
		expect(local.requests.map((r) => r.body)).toEqual(['{}', '{}']);
		expect(emu.alarmNotices().find((n) => n.Id === id)!.URLNotices.map((u) => u.IsValid)).toEqual([0, 1, 1]);

		await monitorOk('ModifyAlarmPolicyNotice', { PolicyIds: ['policy-a1b2c3d4'], NoticeIds: [id] });
		const pushes = await emu.fireTcopAlarm({ policyId: 'policy-a1b2c3d4' });
		expect(pushes.map((p) => [p.attempts.length, p.delivered])).toEqual([[4, false], [1, true], [1, true]]);
		expect(pushes[0].attempts.every((a) => a.status === undefined && a.error?.startsWith('not sent:'))).toBe(true);
	});
});

describe('firing an alarm: pushes to every callback of every bound template', () => {
	async function bindTemplate(policyId: string, noticeId: string) {
		const current = emu.alarmPolicies().find((p) => p.PolicyId === policyId)!.NoticeIds;
		await monitorOk('ModifyAlarmPolicyNotice', { PolicyIds: [policyId], NoticeIds: [...current, noticeId] });
	}

	test('the alarm body is the documented one; a receiver that answers wrong twice gets the push three times', async () => {
		const flaky = await newReceiver((n, body) => {
			if (body === '{}') return { status: 200, body: '' };
			// 1 is the URL check; 2 and 3 answer wrong in two ways; 4 is right.
			if (n === 2) return { status: 500, body: 'oops' };
			if (n === 3) return { status: 200, body: JSON.stringify({ retCode: 1 }) };
			return acknowledge(n, body);
		});
		const noticeId = await createTemplate('n8n incident trigger', [flaky.url]);
		await bindTemplate('policy-a1b2c3d4', noticeId);
		await emu.tcopIdle();

		const [push, ...others] = await emu.fireTcopAlarm({ policyId: 'policy-a1b2c3d4' });
		expect(others).toEqual([]);
		expect(push).toMatchObject({ url: flaky.url, noticeId, policyId: 'policy-a1b2c3d4', status: 'alarm', delivered: true });
		expect(push.attempts.map((a) => a.status)).toEqual([500, 200, 200]);
		expect(push.attempts[1].body).toBe('{"retCode":1}');
		expect(push.sessionIds).toHaveLength(3);
		expect(new Set(push.sessionIds).size).toBe(3);

		const bodies = flaky.requests.slice(1).map((r) => JSON.parse(r.body) as Loose);
		expect(bodies.map((b) => b.sessionId)).toEqual(push.sessionIds);
		expect(flaky.requests[1].headers['content-type']).toBe('application/json');
		const body = bodies[0];
		expect(body).toEqual({
			sessionId: push.sessionIds[0],
			alarmStatus: '1',
			alarmType: 'metric',
			alarmObjInfo: {
				region: 'gz',
				namespace: 'qce/cvm',
				appId: '1250000000',
				uin: '100000000001',
				dimensions: { unInstanceId: 'ins-web00001', objId: expect.any(String), objName: expect.any(String) },
			},
			alarmPolicyInfo: {
				policyId: 'policy-a1b2c3d4',
				policyType: 'cvm_device',
				policyName: 'prod-web-cpu-high',
				policyTypeCName: 'CVM - basic monitoring',
				conditions: expect.objectContaining({ metricName: 'cpu_usage', calcType: '>', calcValue: '80', currentValue: '93.4', unit: '%', period: '60' }),
			},
			firstOccurTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
			durationTime: 0,
			recoverTime: '0',
		});
		// UTC+8: the wall time 8 hours ahead of UTC.
		const firstOccurUtc = Date.parse(`${body.firstOccurTime.replace(' ', 'T')}+08:00`);
		expect(Math.abs(firstOccurUtc - Date.now())).toBeLessThan(5000);
		// Every retry carries the same alarm, with its own sessionId.
		const withoutSession = (b: Loose) => ({ ...b, sessionId: undefined });
		expect(bodies.map(withoutSession)).toEqual([0, 1, 2].map(() => withoutSession(body)));
		expect(emu.tcopPushes()).toEqual([push]);
	});

	test('a receiver that never acknowledges gets the push 4 times (3 retries) and the push is not delivered; a slow one times out', async () => {
		const never = await newReceiver(() => ({ status: 404, body: 'no' }));
		const slow = await newReceiver((n, body) => (body === '{}' ? { status: 200, body: '' } : { ...acknowledge(n, body), delayMs: 600 }));
		emu.configure({ tcopPushTimeoutMs: 300 });
		const noticeId = await createTemplate('two urls', [never.url, slow.url]);
		await bindTemplate('policy-m9n0p1q2', noticeId);
		await emu.tcopIdle();
		const pushes = await emu.fireTcopAlarm({ policyId: 'policy-m9n0p1q2', instanceId: 'cdb-other001' });
		expect(pushes.map((p) => [p.url, p.attempts.length, p.delivered])).toEqual([
			[never.url, 4, false],
			[slow.url, 4, false],
		]);
		expect(pushes[1].attempts.every((a) => a.error === 'timeout after 300 ms')).toBe(true);
		// A MySQL alarm carries uInstanceId, not a CVM unInstanceId.
		const body = JSON.parse(never.requests[1].body) as Loose;
		expect(body.alarmObjInfo.dimensions).toMatchObject({ uInstanceId: 'cdb-other001' });
		expect(body.alarmObjInfo.dimensions.unInstanceId).toBeUndefined();
		expect(body.alarmObjInfo.namespace).toBe('qce/cdb');
	});

	test('NoticeType decides who hears what: ALARM templates alarms only, OK recoveries only, ALL both; the recovery keeps the first occurrence', async () => {
		const alarmsOnly = await newReceiver();
		const recoveriesOnly = await newReceiver();
		const both = await newReceiver();
		for (const [name, r, type] of [['a', alarmsOnly, 'ALARM'], ['o', recoveriesOnly, 'OK'], ['b', both, 'ALL']] as const) {
			await bindTemplate('policy-e5f6g7h8', await createTemplate(name, [r.url], type));
		}
		await emu.tcopIdle();
		const fired = await emu.fireTcopAlarm({ policyId: 'policy-e5f6g7h8' });
		expect(fired.map((p) => p.url)).toEqual([alarmsOnly.url, both.url]);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const recovered = await emu.fireTcopAlarm({ policyId: 'policy-e5f6g7h8', status: 'recovery' });
		expect(recovered.map((p) => p.url)).toEqual([recoveriesOnly.url, both.url]);

		const [alarm, recovery] = both.requests.slice(1).map((r) => JSON.parse(r.body) as Loose);
		expect(alarm).toMatchObject({ alarmStatus: '1', alarmType: 'event', recoverTime: '0', alarmPolicyInfo: { conditions: { eventName: 'ping_unreachable' } } });
		expect(alarm.alarmObjInfo.namespace).toBeUndefined();
		expect(recovery).toMatchObject({ alarmStatus: '0', alarmType: 'event', firstOccurTime: alarm.firstOccurTime });
		expect(recovery.recoverTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		expect(recovery.recoverTime > alarm.firstOccurTime).toBe(true);
		expect(recovery.sessionId).not.toBe(alarm.sessionId);
		expect(emu.tcopPushes().map((p) => p.status)).toEqual(['alarm', 'alarm', 'recovery', 'recovery']);
	});

	test('a policy bound to templates without URLs pushes nothing, and the seeded policy fires for its instance and region', async () => {
		expect(await emu.fireTcopAlarm({ policyId: 'policy-a1b2c3d4' })).toEqual([]);
		await expect(emu.fireTcopAlarm({ policyId: 'policy-nope0000' })).rejects.toThrow('no alarm policy policy-nope0000');
	});
});

describe('the side door', () => {
	test('tcop/fire, tcop/pushes, tcop/checks, tcop/notices, tcop/policies, tcop/delete-notice and reset', async () => {
		const r = await newReceiver();
		const noticeId = await createTemplate('side door', [r.url]);
		await monitorOk('ModifyAlarmPolicyNotice', { PolicyIds: ['policy-a1b2c3d4'], NoticeIds: ['notice-ops00001', noticeId] });

		const notices = await sideDoor('GET', 'tcop/notices');
		expect(notices.json.find((n: Loose) => n.Id === noticeId)).toMatchObject({ URLNotices: [{ URL: r.url, IsValid: 1 }], PolicyIds: ['policy-a1b2c3d4'] });
		expect((await sideDoor('GET', 'tcop/checks')).json).toEqual([{ url: r.url, noticeId, status: 200 }]);
		expect((await sideDoor('GET', 'tcop/policies')).json.find((p: Loose) => p.PolicyId === 'policy-a1b2c3d4')).toEqual({
			PolicyId: 'policy-a1b2c3d4',
			PolicyName: 'prod-web-cpu-high',
			Namespace: 'cvm_device',
			NoticeIds: ['notice-ops00001', noticeId],
		});

		const fired = await sideDoor('POST', 'tcop/fire', { policyId: 'policy-a1b2c3d4', status: 'recovery', instanceId: 'ins-web00002', region: 'sh' });
		expect(fired.status).toBe(200);
		expect(fired.json.pushes).toEqual([expect.objectContaining({ url: r.url, status: 'recovery', delivered: true, attempts: [expect.objectContaining({ status: 200 })] })]);
		const pushed = JSON.parse(r.requests[1].body) as Loose;
		expect(pushed).toMatchObject({ alarmStatus: '0', alarmObjInfo: { region: 'sh', dimensions: { unInstanceId: 'ins-web00002' } } });
		expect((await sideDoor('GET', 'tcop/pushes')).json).toEqual(fired.json.pushes);

		expect((await sideDoor('POST', 'tcop/fire', { policyId: 'policy-nope0000' })).status).toBe(404);
		expect((await sideDoor('POST', 'tcop/fire', {})).status).toBe(400);
		expect((await sideDoor('POST', 'tcop/fire', { policyId: 'policy-a1b2c3d4', status: 'maybe' })).status).toBe(400);

		expect((await sideDoor('POST', 'tcop/delete-notice', { noticeId })).status).toBe(200);
		expect((await sideDoor('POST', 'tcop/delete-notice', { noticeId })).status).toBe(404);
		expect((await sideDoor('GET', 'tcop/policies')).json.find((p: Loose) => p.PolicyId === 'policy-a1b2c3d4').NoticeIds).toEqual(['notice-ops00001']);
		expect(codeOf(await monitor('DescribeAlarmNotice', { NoticeId: noticeId }))).toBe('ResourceNotFound');

		expect((await sideDoor('POST', 'configure', { tcopRetryDelayMs: 5 })).status).toBe(200);
		expect((await sideDoor('POST', 'reset')).status).toBe(200);
		expect((await sideDoor('GET', 'tcop/pushes')).json).toEqual([]);
		expect((await sideDoor('GET', 'tcop/checks')).json).toEqual([]);
		expect((await sideDoor('GET', 'tcop/notices')).json.map((n: Loose) => n.Id)).toEqual(['notice-ops00001', 'notice-sec00002']);
	});
});

describe('with genericServices', () => {
	test('the alarm-notice actions are still served, and GetMonitorData still answers', async () => {
		const generic = await startEmulator({ rateLimit: 0, genericServices: true });
		try {
			const policies = await call(generic.url, 'DescribeAlarmPolicies', { Module: 'monitor' }, MONITOR);
			expect(policies.Response.TotalCount).toBe(12);
			const data = await call(
				generic.url,
				'GetMonitorData',
				{ Namespace: 'QCE/CVM', MetricName: 'CPUUsage', Instances: [{ Dimensions: [{ Name: 'InstanceId', Value: 'ins-web00001' }] }] },
				{ ...MONITOR, region: 'ap-guangzhou' },
			);
			expect(codeOf(data)).toBe('Success');
		} finally {
			await generic.stop();
		}
	});
});
