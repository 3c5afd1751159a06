import type { TrafficMirror } from '../trafficMirrors/trafficMirror';

/**
 * Of several mirrors with one name, the one every process keeps: the oldest by CreateTime, then
 * the smallest TrafficMirrorId. Every process that lists the same mirrors picks the same one,
 * without talking to the others. CreateTime ("2026-12-03 10:00:00") sorts as text.
 */
export function survivingTrafficMirror(trafficMirrors: TrafficMirror[]): TrafficMirror | undefined {
	const key = (mirror: TrafficMirror) => [String(mirror.CreateTime ?? ''), mirror.TrafficMirrorId] as const;
	return [...trafficMirrors].sort((a, b) => {
		const [timeA, idA] = key(a);
		const [timeB, idB] = key(b);
		if (timeA !== timeB) return timeA < timeB ? -1 : 1;
		return idA < idB ? -1 : idA > idB ? 1 : 0;
	})[0];
}
