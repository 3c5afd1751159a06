import { isIpv4 } from '../network/networkFormats';

/**
 * What a Collector Sources value names. ENI and subnet IDs go to Tencent as they are; CVM
 * instance IDs and private IPv4 addresses are first resolved to the ENIs they stand for.
 * Anything else is passed on for Tencent to judge.
 */
export type CollectorSourceKind = 'eni' | 'subnet' | 'instance' | 'privateIp' | 'other';

const INSTANCE_ID_PATTERN = /^ins-[a-z0-9]{8}$/;

export function classifyCollectorSource(value: string): CollectorSourceKind {
	if (value.startsWith('eni-')) return 'eni';
	if (value.startsWith('subnet-')) return 'subnet';
	if (INSTANCE_ID_PATTERN.test(value)) return 'instance';
	if (isIpv4(value)) return 'privateIp';
	return 'other';
}

/** The values of each kind that need resolving, each once, in the order given. */
export interface ValuesToResolve {
	instanceIds: string[];
	privateIps: string[];
}

export function valuesToResolve(values: string[]): ValuesToResolve {
	const distinct = [...new Set(values)];
	return {
		instanceIds: distinct.filter((value) => classifyCollectorSource(value) === 'instance'),
		privateIps: distinct.filter((value) => classifyCollectorSource(value) === 'privateIp'),
	};
}

export function needsResolution(values: string[]): boolean {
	const { instanceIds, privateIps } = valuesToResolve(values);
	return instanceIds.length + privateIps.length > 0;
}
