// Public types of the emulator. Shapes of TrafficMirror & co. follow the members of the
// reference objects of the same name (vpc 2017-03-12).
import type { AlarmNotice, URLNotice } from './alarmNotices';
import type { PushAttempt, PushRecord, TcopFireRequest, TcopPushSettings, UrlCheckRecord } from './tcopPushes';

export type { AlarmNotice, PushAttempt, PushRecord, TcopFireRequest, TcopPushSettings, URLNotice, UrlCheckRecord };

/** A TCOP alarm policy as the side door lists it; NoticeIds are its bound templates. */
export interface AlarmPolicySummary {
	PolicyId: string;
	PolicyName: string;
	Namespace: string;
	NoticeIds: string[];
}

export interface EmulatorKey {
	secretId: string;
	secretKey: string;
	/** When set, requests must carry the same value in X-TC-Token. */
	sessionToken?: string;
	/** When set, any other action is answered with UnauthorizedOperation. */
	allowedActions?: string[];
}

/** A number of milliseconds, or a function of the action (undefined when the header is missing). */
export type LatencySetting = number | ((action: string | undefined) => number);

export interface FaultOptions {
	latencyMs?: LatencySetting;
	internalErrorRate?: number;
	serviceUnavailableRate?: number;
	dropConnectionRate?: number;
	/** For random drops: apply the action first, then drop (a lost answer). */
	dropAfterApply?: boolean;
	/** Apply the action, then answer InternalError anyway (the change happened, the answer says it failed). */
	internalErrorAfterApplyRate?: number;
	/** When set, random faults hit only these actions (forced faults are unaffected). */
	faultActions?: string[];
	/** Added to the emulator clock (signature expiry, rate windows, CreateTime, log time). */
	clockSkewMs?: number;
}

export interface EmulatorOptions extends FaultOptions, TcopPushSettings {
	host?: string;
	port?: number;
	keys?: EmulatorKey[];
	/** Accepted requests per (SecretId, Action) in any sliding 1000 ms window; 0 = off. */
	rateLimit?: number;
	/** Seeds the random fault draws, mirror ids and request ids. */
	seed?: number;
	/** Clock in epoch milliseconds (default Date.now); clockSkewMs is added to it. */
	now?: () => number;
	/** Serve the /_emulator/ side door (default true). */
	sideDoor?: boolean;
	/**
	 * Generic-service mode: a request whose credential scope names another service than vpc is
	 * served by genericService.ts (GET and POST, any service in Tencent's table) instead of being
	 * refused. Off by default, so the VPC API behaves exactly as Tencent's VPC endpoint.
	 */
	genericServices?: boolean;
	/** Called once per finished API request with its log entry. */
	onLog?: (entry: RequestLogEntry) => void;
}

export type ForcedFault =
	| 'InternalError'
	| 'ServiceUnavailable'
	| 'RequestLimitExceeded'
	| 'drop'
	| 'dropAfterApply'
	| 'internalErrorAfterApply'
	| { latencyMs: number };

export interface RequestLogEntry {
	/** When the request arrived (emulator clock, ms). */
	time: number;
	/** When the answer was sent or the connection dropped, after any latency. */
	answeredAt?: number;
	action?: string;
	region?: string;
	/** Generic-service mode: the credential scope's service and X-TC-Version. */
	service?: string;
	version?: string;
	/** Generic-service mode, GET: the query's parameters, decoded. */
	query?: Record<string, string>;
	secretId?: string;
	headers: Record<string, string>;
	rawBody: string;
	body?: unknown;
	/** 'ok', an AuthFailure.* code, or 'unchecked' when the request failed before verification. */
	signatureVerdict: string;
	/** 'Success', an error code, or 'Dropped' when dropped before the action ran. */
	code: string;
	requestId: string;
	status: 'answered' | 'dropped';
	/** The fault injected into this request, if any (e.g. internalErrorAfterApply). */
	fault?: string;
}

export interface Tag {
	Key: string;
	Value?: string;
}

export interface TrafficMirrorFilter {
	SrcNet: string;
	DstNet: string;
	Protocol: string;
	SrcPort: string;
	DstPort: string;
}

export interface TrafficMirrorTarget {
	TargetIps: string[];
	AlgHash: string;
	TargetEndPoints: string[];
	TargetType: string;
}

export interface TrafficMirrorTargetResourceInfo {
	TargetId: string;
	TargetName: string;
}

export interface TrafficMirror {
	VpcId: string;
	TrafficMirrorId: string;
	TrafficMirrorName: string;
	TrafficMirrorDescribe: string;
	State: string;
	Direction: string;
	CollectorSrcs: string[];
	NatId: string;
	CollectorNormalFilters: TrafficMirrorFilter[];
	CollectorTarget: TrafficMirrorTarget;
	CreateTime: string;
	Type: string;
	SubnetId: string;
	TargetInfo: TrafficMirrorTargetResourceInfo[];
}

export interface Emulator {
	readonly url: string;
	readonly port: number;
	readonly log: RequestLogEntry[];
	stop(): Promise<void>;
	reset(): void;
	configure(settings: FaultOptions & TcopPushSettings & { rateLimit?: number }): void;
	failNext(action: string, fault: ForcedFault, count?: number): void;
	mirrors(region?: string): TrafficMirror[];
	tagsOf(trafficMirrorId: string): Tag[];
	/** TCOP: pushes an alarm or recovery of a policy to its templates' callback URLs; resolves when every push and retry is done. */
	fireTcopAlarm(request: TcopFireRequest): Promise<PushRecord[]>;
	/** TCOP: every push so far, in the order they started. */
	tcopPushes(): PushRecord[];
	/** TCOP: every URL check so far. */
	tcopChecks(): UrlCheckRecord[];
	/** TCOP: every notification template, least recently updated first. */
	alarmNotices(): AlarmNotice[];
	/** TCOP: every alarm policy and its templates. */
	alarmPolicies(): AlarmPolicySummary[];
	/** TCOP: someone deletes the template in the console (its bindings go with it); false when there was none. */
	deleteAlarmNoticeInConsole(noticeId: string): boolean;
	/** TCOP: resolves once every push and URL check started so far has finished. */
	tcopIdle(): Promise<void>;
}
