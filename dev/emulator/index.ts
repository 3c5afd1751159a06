// Local Tencent Cloud API 3.0 emulator: the VPC traffic-mirror actions (vpc 2017-03-12) and the TCOP
// alarm-notice actions with their callback pushes (monitor 2018-07-24).
import { EmulatorServer } from './server';
import type { Emulator, EmulatorOptions } from './types';

export type {
	AlarmNotice,
	AlarmPolicySummary,
	PushAttempt,
	PushRecord,
	TcopFireRequest,
	TcopPushSettings,
	URLNotice,
	UrlCheckRecord,
	Emulator,
	EmulatorKey,
	EmulatorOptions,
	FaultOptions,
	ForcedFault,
	LatencySetting,
	RequestLogEntry,
	Tag,
	TrafficMirror,
	TrafficMirrorFilter,
	TrafficMirrorTarget,
	TrafficMirrorTargetResourceInfo,
} from './types';
export { DEMO_KEY, DEFAULT_RATE_LIMIT, MAX_CLOCK_DIFFERENCE_S } from './server';
export { INVENTORY, FLEET_ENI_COUNT } from './inventory';
export { SUPPORTED_REGIONS, API_VERSION, SERVICE } from './regions';
export { POLICY_SEEDS, NOTICE_SEEDS } from './alarmPolicies';
export { MONITOR_SERVICE, MONITOR_VERSION } from './alarmNotices';

export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return EmulatorServer.start(options);
}
