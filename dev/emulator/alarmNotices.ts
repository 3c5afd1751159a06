// TCOP notification templates and alarm policies (monitor 2018-07-24): the account's state and the
// actions a trigger uses on it, with the limits of monitor-alarm-notice.md. A template's PolicyIds
// and a policy's NoticeIds are read from one list of bindings, so the two views cannot disagree.
import { apiError } from './apiError';
import { formatBeijingTime } from './netFormats';
import { NOTICE_SEEDS, POLICY_SEEDS, type PolicySeed, SEEDED_AT_MS, type UserNotice } from './alarmPolicies';

export const MONITOR_SERVICE = 'monitor';
export const MONITOR_VERSION = '2018-07-24';

export const NAME_MAX = 60;
export const URL_NOTICES_MAX = 3;
export const URL_MAX = 256;
export const USER_NOTICES_MAX = 5;
export const NOTICE_PAGE_SIZE_MAX = 200;
export const POLICY_PAGE_SIZE_MAX = 100;
export const POLICY_PAGE_SIZE_DEFAULT = 20;
export const POLICY_IDS_MAX = 30;

const NOTICE_TYPES = ['ALARM', 'OK', 'ALL'] as const;
const NOTICE_LANGUAGES = ['en-US', 'zh-CN'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export interface URLNotice {
	URL: string;
	IsValid: number;
	ValidationCode: string;
	StartTime: number;
	EndTime: number;
	Weekday: number[];
}

interface StoredNotice {
	Id: string;
	Name: string;
	NoticeType: NoticeType;
	NoticeLanguage: string;
	UserNotices: UserNotice[];
	URLNotices: URLNotice[];
	CLSNotices: unknown[];
	Tags: unknown[];
	updatedMs: number;
	/** Breaks ties between templates changed in the same millisecond. */
	updatedSeq: number;
}

interface Binding {
	noticeId: string;
	policyId: string;
}

/** The AlarmNotice object as the Describe actions and the side door answer it. */
export type AlarmNotice = Omit<StoredNotice, 'updatedMs' | 'updatedSeq'> & {
	UpdatedAt: string;
	UpdatedBy: string;
	IsPreset: number;
	PolicyIds: string[];
	AMPConsumerId: string;
};

/** A URL the emulator must check once the answer is out (CreateAlarmNotice / ModifyAlarmNotice). */
export interface UrlToCheck {
	noticeId: string;
	url: string;
}

export interface TcopActionContext {
	body: Record<string, unknown>;
	nowMs: number;
	state: AlarmNoticeState;
	/** Collects URLs saved by this call; checked after the answer. */
	checkUrl(check: UrlToCheck): void;
}

export type TcopActionHandler = (ctx: TcopActionContext) => Record<string, unknown>;

const clone = <T>(value: T): T => structuredClone(value);

export class AlarmNoticeState {
	private readonly notices = new Map<string, StoredNotice>();
	private bindings: Binding[] = [];
	private seq = 0;

	constructor(private readonly newNoticeId: () => string) {
		this.reset();
	}

	reset(): void {
		this.notices.clear();
		this.bindings = [];
		for (const seed of NOTICE_SEEDS) {
			this.notices.set(seed.Id, {
				...clone(seed),
				URLNotices: [],
				CLSNotices: [],
				Tags: [],
				updatedMs: SEEDED_AT_MS,
				updatedSeq: this.seq++,
			});
		}
		for (const policy of POLICY_SEEDS) {
			for (const noticeId of policy.noticeIds) this.bindings.push({ noticeId, policyId: policy.PolicyId });
		}
	}

	policy(policyId: string): PolicySeed | undefined {
		return POLICY_SEEDS.find((p) => p.PolicyId === policyId);
	}

	hasNotice(noticeId: string): boolean {
		return this.notices.has(noticeId);
	}

	noticeIdsOf(policyId: string): string[] {
		return this.bindings.filter((b) => b.policyId === policyId).map((b) => b.noticeId);
	}

	policyIdsOf(noticeId: string): string[] {
		return this.bindings.filter((b) => b.noticeId === noticeId).map((b) => b.policyId);
	}

	/** Sets a policy's templates, keeping the bindings of the ones it already had in their place. */
	setPolicyNotices(policyId: string, noticeIds: string[]): void {
		const wanted = new Set(noticeIds);
		this.bindings = this.bindings.filter((b) => b.policyId !== policyId || wanted.has(b.noticeId));
		const have = new Set(this.noticeIdsOf(policyId));
		for (const noticeId of wanted) if (!have.has(noticeId)) this.bindings.push({ noticeId, policyId });
	}

	/** Sets a template's policies. */
	setNoticePolicies(noticeId: string, policyIds: string[]): void {
		const wanted = new Set(policyIds);
		this.bindings = this.bindings.filter((b) => b.noticeId !== noticeId || wanted.has(b.policyId));
		const have = new Set(this.policyIdsOf(noticeId));
		for (const policyId of wanted) if (!have.has(policyId)) this.bindings.push({ noticeId, policyId });
	}

	createNotice(fields: Omit<StoredNotice, 'Id' | 'updatedMs' | 'updatedSeq'>, nowMs: number): string {
		const Id = this.newNoticeId();
		this.notices.set(Id, { ...clone(fields), Id, updatedMs: nowMs, updatedSeq: this.seq++ });
		return Id;
	}

	replaceNotice(noticeId: string, fields: Omit<StoredNotice, 'Id' | 'updatedMs' | 'updatedSeq'>, nowMs: number): void {
		this.notices.set(noticeId, { ...clone(fields), Id: noticeId, updatedMs: nowMs, updatedSeq: this.seq++ });
	}

	/** Deletes a template and its bindings; false when there was none. */
	deleteNotice(noticeId: string): boolean {
		if (!this.notices.delete(noticeId)) return false;
		this.bindings = this.bindings.filter((b) => b.noticeId !== noticeId);
		return true;
	}

	storedUrlNotices(noticeId: string): URLNotice[] {
		return clone(this.notices.get(noticeId)?.URLNotices ?? []);
	}

	/** Records a URL check's verdict on every URLNotice of the template with that URL, if still there. */
	markUrlChecked(noticeId: string, url: string, valid: boolean): void {
		for (const notice of this.notices.get(noticeId)?.URLNotices ?? []) {
			if (notice.URL === url) notice.IsValid = valid ? 1 : 0;
		}
	}

	notice(noticeId: string): AlarmNotice | undefined {
		const stored = this.notices.get(noticeId);
		return stored && this.present(stored);
	}

	/** Every template, most recently updated last. */
	allNotices(): AlarmNotice[] {
		return this.sortedNotices('ASC').map((n) => this.present(n));
	}

	sortedNotices(order: 'ASC' | 'DESC'): StoredNotice[] {
		const sorted = [...this.notices.values()].sort((a, b) => a.updatedMs - b.updatedMs || a.updatedSeq - b.updatedSeq);
		return order === 'ASC' ? sorted : sorted.reverse();
	}

	present(stored: StoredNotice): AlarmNotice {
		const { Id, Name, NoticeType, NoticeLanguage, UserNotices, URLNotices, CLSNotices, Tags } = clone(stored);
		return {
			Id,
			Name,
			NoticeType,
			NoticeLanguage,
			UserNotices,
			URLNotices,
			CLSNotices,
			Tags,
			UpdatedAt: formatBeijingTime(stored.updatedMs),
			UpdatedBy: '100000000001',
			IsPreset: 0,
			PolicyIds: this.policyIdsOf(stored.Id),
			AMPConsumerId: '',
		};
	}

	/** The AlarmPolicy object as DescribeAlarmPolicies answers it. */
	presentPolicy(policy: PolicySeed): Record<string, unknown> {
		const noticeIds = this.noticeIdsOf(policy.PolicyId);
		const seconds = Math.floor(SEEDED_AT_MS / 1000);
		return {
			PolicyId: policy.PolicyId,
			PolicyName: policy.PolicyName,
			Remark: '',
			MonitorType: 'MT_QCE',
			Enable: 1,
			UseSum: 1,
			ProjectId: 0,
			ProjectName: 'Default Project',
			Namespace: policy.Namespace,
			NamespaceShowName: policy.NamespaceShowName,
			NoticeIds: noticeIds,
			Notices: noticeIds.map((id) => this.notice(id)).filter((n) => n !== undefined),
			UpdateTime: seconds,
			InsertTime: seconds,
			Region: [],
			IsDefault: 0,
		};
	}

	/** Every policy: PolicyId, PolicyName, Namespace, NoticeIds. */
	allPolicies(): Array<{ PolicyId: string; PolicyName: string; Namespace: string; NoticeIds: string[] }> {
		return POLICY_SEEDS.map((p) => ({ PolicyId: p.PolicyId, PolicyName: p.PolicyName, Namespace: p.Namespace, NoticeIds: this.noticeIdsOf(p.PolicyId) }));
	}
}

// ---- request checks: UnknownParameter, MissingParameter, InvalidParameterValue ----

function checkKnown(body: Record<string, unknown>, known: readonly string[]): void {
	for (const name of Object.keys(body)) {
		if (!known.includes(name)) throw apiError('UnknownParameter', `The parameter \`${name}\` is not recognized.`);
	}
}

function requireString(body: Record<string, unknown>, name: string): string {
	const value = body[name];
	if (value === undefined) throw apiError('MissingParameter', `The parameter \`${name}\` is required.`);
	if (typeof value !== 'string') throw apiError('InvalidParameterValue', `\`${name}\` must be a string.`);
	return value;
}

function optionalStringArray(body: Record<string, unknown>, name: string): string[] | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		throw apiError('InvalidParameterValue', `\`${name}\` must be an array of strings.`);
	}
	return value as string[];
}

function optionalArray(body: Record<string, unknown>, name: string, max?: number): unknown[] | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (!Array.isArray(value)) throw apiError('InvalidParameterValue', `\`${name}\` must be an array.`);
	if (max !== undefined && value.length > max) throw apiError('InvalidParameterValue', `\`${name}\` takes at most ${max} entries, not ${value.length}.`);
	return value;
}

function integer(body: Record<string, unknown>, name: string, { min, max, required, fallback }: { min: number; max?: number; required?: boolean; fallback?: number }): number {
	const value = body[name];
	if (value === undefined) {
		if (required) throw apiError('MissingParameter', `The parameter \`${name}\` is required.`);
		return fallback ?? min;
	}
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
		throw apiError('InvalidParameterValue', `\`${name}\` must be an integer from ${min}${max === undefined ? '' : ` to ${max}`}.`);
	}
	return value;
}

function oneOf<T extends string>(value: string, name: string, allowed: readonly T[]): T {
	if (!(allowed as readonly string[]).includes(value)) throw apiError('InvalidParameterValue', `\`${name}\` must be one of ${allowed.join(', ')}, not \`${value}\`.`);
	return value as T;
}

function checkName(name: string): string {
	if (name.trim() === '') throw apiError('InvalidParameterValue', '`Name` must not be empty.');
	if ([...name].length > NAME_MAX) throw apiError('InvalidParameterValue', `\`Name\` takes at most ${NAME_MAX} characters, not ${[...name].length}.`);
	return name;
}

function checkUrlNotices(value: unknown[] | undefined): Array<Pick<URLNotice, 'URL' | 'StartTime' | 'EndTime' | 'Weekday'>> {
	if (value === undefined) return [];
	if (value.length > URL_NOTICES_MAX) throw apiError('InvalidParameterValue', `\`URLNotices\` takes at most ${URL_NOTICES_MAX} callbacks, not ${value.length}.`);
	return value.map((entry, i) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw apiError('InvalidParameterValue', `\`URLNotices.${i}\` must be an object.`);
		const notice = entry as Record<string, unknown>;
		checkKnown(notice, ['URL', 'IsValid', 'ValidationCode', 'StartTime', 'EndTime', 'Weekday']);
		const url = notice.URL;
		if (url === undefined) throw apiError('MissingParameter', `The parameter \`URLNotices.${i}.URL\` is required.`);
		if (typeof url !== 'string' || url === '') throw apiError('InvalidParameterValue', `\`URLNotices.${i}.URL\` must be a non-empty string.`);
		if (url.length > URL_MAX) throw apiError('InvalidParameterValue', `\`URLNotices.${i}.URL\` takes at most ${URL_MAX} characters, not ${url.length}.`);
		const weekday = notice.Weekday === undefined ? [1, 2, 3, 4, 5, 6, 7] : notice.Weekday;
		if (!Array.isArray(weekday) || weekday.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
			throw apiError('InvalidParameterValue', `\`URLNotices.${i}.Weekday\` must be numbers from 1 to 7.`);
		}
		return {
			URL: url,
			StartTime: integer(notice, 'StartTime', { min: 0, max: 86399, fallback: 0 }),
			EndTime: integer(notice, 'EndTime', { min: 0, max: 86399, fallback: 86399 }),
			Weekday: weekday as number[],
		};
	});
}

function checkUserNotices(value: unknown[] | undefined): UserNotice[] {
	if (value === undefined) return [];
	if (value.length > USER_NOTICES_MAX) throw apiError('InvalidParameterValue', `\`UserNotices\` takes at most ${USER_NOTICES_MAX} entries, not ${value.length}.`);
	return value.map((entry, i) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw apiError('InvalidParameterValue', `\`UserNotices.${i}\` must be an object.`);
		return clone(entry) as UserNotice;
	});
}

function checkPolicyIds(state: AlarmNoticeState, ids: string[], name: string): string[] {
	if (ids.length > POLICY_IDS_MAX) throw apiError('InvalidParameterValue', `\`${name}\` takes at most ${POLICY_IDS_MAX} policies, not ${ids.length}.`);
	for (const id of ids) if (!state.policy(id)) throw apiError('ResourceNotFound', `The alarm policy \`${id}\` does not exist.`);
	return [...new Set(ids)];
}

function checkNoticeIds(state: AlarmNoticeState, ids: string[]): string[] {
	for (const id of ids) if (!state.hasNotice(id)) throw apiError('ResourceNotFound', `The notification template \`${id}\` does not exist.`);
	return [...new Set(ids)];
}

/** The template fields CreateAlarmNotice and ModifyAlarmNotice both take. */
function templateFields(body: Record<string, unknown>, previous: URLNotice[]) {
	const Name = checkName(requireString(body, 'Name'));
	const NoticeType = oneOf(requireString(body, 'NoticeType'), 'NoticeType', NOTICE_TYPES);
	const NoticeLanguage = oneOf(requireString(body, 'NoticeLanguage'), 'NoticeLanguage', NOTICE_LANGUAGES);
	const UserNotices = checkUserNotices(optionalArray(body, 'UserNotices'));
	const urls = checkUrlNotices(optionalArray(body, 'URLNotices'));
	const CLSNotices = clone(optionalArray(body, 'CLSNotices', 1) ?? []);
	const Tags = clone(optionalArray(body, 'Tags') ?? []);
	// A URL the template already had keeps its verdict; a new one is unchecked until the check answers.
	const URLNotices: URLNotice[] = urls.map((u) => {
		const before = previous.find((p) => p.URL === u.URL);
		return { ...u, IsValid: before?.IsValid ?? 0, ValidationCode: before?.ValidationCode ?? '' };
	});
	const newUrls = [...new Set(urls.map((u) => u.URL).filter((url) => !previous.some((p) => p.URL === url)))];
	return { fields: { Name, NoticeType, NoticeLanguage, UserNotices, URLNotices, CLSNotices, Tags }, newUrls };
}

const TEMPLATE_PARAMS = ['Module', 'Name', 'NoticeType', 'NoticeLanguage', 'UserNotices', 'URLNotices', 'CLSNotices', 'Tags'] as const;

function page<T>(items: T[], pageNumber: number, pageSize: number): T[] {
	return items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}

function fuzzy(haystack: string, needle: string | undefined): boolean {
	return needle === undefined || needle === '' || haystack.toLowerCase().includes(needle.toLowerCase());
}

export const TCOP_ACTIONS: Record<string, TcopActionHandler> = {
	CreateAlarmNotice: ({ body, nowMs, state, checkUrl }) => {
		checkKnown(body, TEMPLATE_PARAMS);
		const { fields, newUrls } = templateFields(body, []);
		const NoticeId = state.createNotice(fields, nowMs);
		for (const url of newUrls) checkUrl({ noticeId: NoticeId, url });
		return { NoticeId };
	},

	ModifyAlarmNotice: ({ body, nowMs, state, checkUrl }) => {
		checkKnown(body, [...TEMPLATE_PARAMS, 'NoticeId', 'PolicyIds']);
		const noticeId = requireString(body, 'NoticeId');
		if (!state.hasNotice(noticeId)) throw apiError('ResourceNotFound', `The notification template \`${noticeId}\` does not exist.`);
		const { fields, newUrls } = templateFields(body, state.storedUrlNotices(noticeId));
		const policyIds = optionalStringArray(body, 'PolicyIds');
		const policies = policyIds && checkPolicyIds(state, policyIds, 'PolicyIds');
		state.replaceNotice(noticeId, fields, nowMs);
		if (policies) state.setNoticePolicies(noticeId, policies);
		for (const url of newUrls) checkUrl({ noticeId, url });
		return {};
	},

	DeleteAlarmNotices: ({ body, state }) => {
		checkKnown(body, ['Module', 'NoticeIds', 'NoticeBindPolicys']);
		const noticeIds = optionalStringArray(body, 'NoticeIds');
		if (!noticeIds) throw apiError('MissingParameter', 'The parameter `NoticeIds` is required.');
		if (noticeIds.length === 0) throw apiError('InvalidParameterValue', '`NoticeIds` must name at least one template.');
		checkNoticeIds(state, noticeIds);
		for (const [i, entry] of (optionalArray(body, 'NoticeBindPolicys') ?? []).entries()) {
			if (typeof entry !== 'object' || entry === null) throw apiError('InvalidParameterValue', `\`NoticeBindPolicys.${i}\` must be an object.`);
			const bind = entry as Record<string, unknown>;
			checkKnown(bind, ['NoticeId', 'PolicyIds']);
			checkPolicyIds(state, optionalStringArray(bind, 'PolicyIds') ?? [], `NoticeBindPolicys.${i}.PolicyIds`);
		}
		// The bindings go with the templates, whether or not NoticeBindPolicys names them.
		for (const id of noticeIds) state.deleteNotice(id);
		return {};
	},

	DescribeAlarmNotices: ({ body, state }) => {
		checkKnown(body, ['Module', 'PageNumber', 'PageSize', 'Order', 'OwnerUid', 'Name', 'ReceiverType', 'UserIds', 'GroupIds', 'NoticeIds', 'Tags', 'OnCallFormIDs']);
		const pageNumber = integer(body, 'PageNumber', { min: 1, required: true });
		const pageSize = integer(body, 'PageSize', { min: 1, max: NOTICE_PAGE_SIZE_MAX, required: true });
		const order = oneOf(requireString(body, 'Order'), 'Order', ['ASC', 'DESC'] as const);
		const name = body.Name === undefined ? undefined : requireString(body, 'Name');
		const ids = optionalStringArray(body, 'NoticeIds') ?? [];
		const matching = state.sortedNotices(order).filter((n) => fuzzy(n.Name, name) && (ids.length === 0 || ids.includes(n.Id)));
		return { TotalCount: matching.length, Notices: page(matching, pageNumber, pageSize).map((n) => state.present(n)) };
	},

	DescribeAlarmNotice: ({ body, state }) => {
		checkKnown(body, ['Module', 'NoticeId']);
		const noticeId = requireString(body, 'NoticeId');
		const notice = state.notice(noticeId);
		if (!notice) throw apiError('ResourceNotFound', `The notification template \`${noticeId}\` does not exist.`);
		return { Notice: notice };
	},

	DescribeAlarmNoticeCallbacks: ({ body, state }) => {
		checkKnown(body, ['Module']);
		return { URLNotices: state.allNotices().flatMap((n) => n.URLNotices) };
	},

	DescribeAlarmPolicies: ({ body, state }) => {
		checkKnown(body, ['Module', 'PageNumber', 'PageSize', 'PolicyName', 'MonitorTypes', 'Namespaces', 'Field', 'Order', 'NoticeIds', 'Enable', 'PolicyIds', 'ProjectIds', 'Dimensions', 'RuleTypes', 'InstanceGroupId', 'NeedCorrespondence', 'OneClickPolicyType', 'NotBindAll', 'NotInstanceGroup', 'PolicyType', 'ReceiverUids', 'ReceiverGroups', 'ReceiverOnCallFormIDs', 'TriggerTasks', 'Tags', 'PromInsIds']);
		const pageNumber = integer(body, 'PageNumber', { min: 1, fallback: 1 });
		const pageSize = integer(body, 'PageSize', { min: 1, max: POLICY_PAGE_SIZE_MAX, fallback: POLICY_PAGE_SIZE_DEFAULT });
		const name = body.PolicyName === undefined ? undefined : requireString(body, 'PolicyName');
		const namespaces = optionalStringArray(body, 'Namespaces') ?? [];
		const noticeIds = optionalStringArray(body, 'NoticeIds') ?? [];
		const policyIds = optionalStringArray(body, 'PolicyIds') ?? [];
		const monitorTypes = optionalStringArray(body, 'MonitorTypes') ?? [];
		const order = body.Order === undefined ? 'DESC' : oneOf(requireString(body, 'Order'), 'Order', ['ASC', 'DESC'] as const);
		const matching = POLICY_SEEDS.filter(
			(p) =>
				fuzzy(p.PolicyName, name) &&
				(namespaces.length === 0 || namespaces.includes(p.Namespace)) &&
				(policyIds.length === 0 || policyIds.includes(p.PolicyId)) &&
				(monitorTypes.length === 0 || monitorTypes.includes('MT_QCE')) &&
				(noticeIds.length === 0 || state.noticeIdsOf(p.PolicyId).some((id) => noticeIds.includes(id))),
		);
		// Every seed has the same UpdateTime; the seed order stands for it (DESC: as listed).
		const ordered = order === 'DESC' ? matching : [...matching].reverse();
		return { TotalCount: matching.length, Policies: page(ordered, pageNumber, pageSize).map((p) => state.presentPolicy(p)) };
	},

	ModifyAlarmPolicyNotice: ({ body, state }) => {
		checkKnown(body, ['Module', 'PolicyId', 'NoticeIds', 'PolicyIds', 'HierarchicalNotices']);
		const policyIds = optionalStringArray(body, 'PolicyIds');
		const single = body.PolicyId === undefined ? undefined : requireString(body, 'PolicyId');
		// PolicyIds wins when both are given (monitor-alarm-notice.md).
		const targets = policyIds && policyIds.length > 0 ? policyIds : single !== undefined ? [single] : [];
		if (targets.length === 0) throw apiError('MissingParameter', 'The parameter `PolicyId` or `PolicyIds` is required.');
		const policies = checkPolicyIds(state, targets, policyIds && policyIds.length > 0 ? 'PolicyIds' : 'PolicyId');
		const noticeIds = checkNoticeIds(state, optionalStringArray(body, 'NoticeIds') ?? []);
		optionalArray(body, 'HierarchicalNotices');
		for (const policyId of policies) state.setPolicyNotices(policyId, noticeIds);
		return {};
	},
};
