// Monitor's GetMonitorData (monitor 2018-07-24): a metric's data points per instance. The values
// are made up but stable (a function of instance, metric and time), so a test can run twice.
import { createHash } from 'node:crypto';

import { apiError } from './apiError';

const METRICS_BY_NAMESPACE: Record<string, string[]> = {
	'QCE/CVM': ['CPUUsage', 'MemUsage', 'LanOuttraffic', 'LanIntraffic', 'TcpCurrEstab'],
};

const PERIODS = [10, 60, 300, 3600, 86400];
const MAX_POINTS = 10;

function stableValue(instanceId: string, metric: string, timestamp: number): number {
	const digest = createHash('sha256').update(`${instanceId}/${metric}/${timestamp}`).digest();
	return Math.round((digest.readUInt16BE(0) / 65535) * 10000) / 100;
}

function seconds(value: unknown, name: string): number | undefined {
	if (value === undefined) return undefined;
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	if (Number.isNaN(ms)) throw apiError('InvalidParameterValue', `\`${name}\` must be a time such as 2026-12-03T10:00:00+08:00.`);
	return Math.floor(ms / 1000);
}

/** UTC+8, the way the Monitor API writes its times. */
function beijingTime(timestamp: number): string {
	return new Date((timestamp + 8 * 3600) * 1000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

export function getMonitorData(params: Record<string, unknown>, nowMs: number): Record<string, unknown> {
	const { Namespace, MetricName, Instances } = params as { Namespace?: unknown; MetricName?: unknown; Instances?: unknown };
	if (typeof Namespace !== 'string') throw apiError('MissingParameter', 'The parameter `Namespace` is required.');
	if (typeof MetricName !== 'string') throw apiError('MissingParameter', 'The parameter `MetricName` is required.');
	const metrics = METRICS_BY_NAMESPACE[Namespace];
	if (!metrics) throw apiError('InvalidParameterValue', `The namespace \`${Namespace}\` is not supported by the emulator.`);
	if (!metrics.includes(MetricName)) throw apiError('InvalidParameterValue', `The metric \`${MetricName}\` does not exist in ${Namespace}.`);
	if (!Array.isArray(Instances) || Instances.length === 0) throw apiError('MissingParameter', 'The parameter `Instances` is required.');
	const period = params.Period === undefined ? 300 : Number(params.Period);
	if (!PERIODS.includes(period)) throw apiError('InvalidParameterValue', `\`Period\` must be one of ${PERIODS.join(', ')}.`);

	const now = Math.floor(nowMs / 1000);
	const end = Math.floor((seconds(params.EndTime, 'EndTime') ?? now) / period) * period;
	const start = Math.max(Math.ceil((seconds(params.StartTime, 'StartTime') ?? end - 4 * period) / period) * period, end - (MAX_POINTS - 1) * period);
	if (start > end) throw apiError('InvalidParameterValue', '`StartTime` must not be after `EndTime`.');

	const dataPoints = Instances.map((instance: unknown, index: number) => {
		const dimensions = (instance as { Dimensions?: unknown })?.Dimensions;
		const instanceId = Array.isArray(dimensions)
			? (dimensions as Array<{ Name?: unknown; Value?: unknown }>).find((d) => d?.Name === 'InstanceId')?.Value
			: undefined;
		if (typeof instanceId !== 'string') {
			throw apiError('MissingParameter', `\`Instances.${index}.Dimensions\` needs {Name: "InstanceId", Value}.`);
		}
		const timestamps: number[] = [];
		for (let t = start; t <= end; t += period) timestamps.push(t);
		return {
			Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
			Timestamps: timestamps,
			Values: timestamps.map((t) => stableValue(instanceId, MetricName, t)),
		};
	});
	return { Period: period, MetricName, DataPoints: dataPoints, StartTime: beijingTime(start), EndTime: beijingTime(end), Msg: '' };
}
