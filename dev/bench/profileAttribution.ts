// Splits a V8 CPU profile into the time spent in this package's own code (and what it calls
// directly: parameter resolution, signing, body building, mapping) and the rest (n8n's engine,
// the HTTP client, the network stack, idle).

export interface CpuProfile {
	nodes: Array<{ id: number; parent?: number; children?: number[]; callFrame: { functionName: string; url: string } }>;
	samples: number[];
	timeDeltas: number[];
}

export interface Attribution {
	/** Microseconds whose innermost own frame is not wrapped by a foreign frame. */
	ownUs: number;
	totalUs: number;
}

/**
 * A sample is "own" when its stack holds a frame of ours and no foreign frame (the HTTP client,
 * module loading) lies inside the innermost of ours: time in axios under our transport is n8n's
 * HTTP stack, while time in our credential's authenticate (called by n8n's request helper) is
 * ours again.
 */
export function attributeProfile(
	profile: CpuProfile,
	isOwnFrame: (url: string) => boolean,
	isForeignFrame: (url: string, functionName: string) => boolean,
): Attribution {
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));

	const ownCache = new Map<number, boolean>();
	const isOwnSample = (leafId: number): boolean => {
		const cached = ownCache.get(leafId);
		if (cached !== undefined) return cached;
		// Walk from the leaf outwards: a foreign frame met before any own frame means "not ours".
		let result = false;
		for (let id: number | undefined = leafId; id !== undefined; id = parentOf.get(id)) {
			const { url, functionName } = byId.get(id)!.callFrame;
			if (isOwnFrame(url)) {
				result = true;
				break;
			}
			if (isForeignFrame(url, functionName)) break;
		}
		ownCache.set(leafId, result);
		return result;
	};

	let ownUs = 0;
	let totalUs = 0;
	profile.samples.forEach((leafId, index) => {
		const delta = profile.timeDeltas[index] ?? 0;
		totalUs += delta;
		if (isOwnSample(leafId)) ownUs += delta;
	});
	return { ownUs, totalUs };
}
