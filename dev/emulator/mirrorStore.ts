import type { Tag, TrafficMirror } from './types';

interface StoredMirror {
	region: string;
	mirror: TrafficMirror;
	/** TrafficMirror has no Tags member; kept aside for the tag-key filter and tagsOf(). */
	tags: Tag[];
}

function clone<T>(value: T): T {
	return structuredClone(value);
}

/** In-memory traffic mirrors per region, in creation order. */
export class MirrorStore {
	private readonly byRegion = new Map<string, Map<string, StoredMirror>>();

	private regionMap(region: string): Map<string, StoredMirror> {
		let m = this.byRegion.get(region);
		if (!m) {
			m = new Map();
			this.byRegion.set(region, m);
		}
		return m;
	}

	add(region: string, mirror: TrafficMirror, tags: Tag[]): void {
		this.regionMap(region).set(mirror.TrafficMirrorId, { region, mirror: clone(mirror), tags: clone(tags) });
	}

	/** The live record (callers mutate it to apply an action). */
	get(region: string, id: string): TrafficMirror | undefined {
		return this.byRegion.get(region)?.get(id)?.mirror;
	}

	delete(region: string, id: string): boolean {
		return this.byRegion.get(region)?.delete(id) ?? false;
	}

	/** Live records of one region, creation order. */
	list(region: string): TrafficMirror[] {
		return [...(this.byRegion.get(region)?.values() ?? [])].map((s) => s.mirror);
	}

	tags(region: string, id: string): Tag[] {
		return this.byRegion.get(region)?.get(id)?.tags ?? [];
	}

	/** Copies, as Describe returns them; all regions when region is omitted. */
	snapshot(region?: string): TrafficMirror[] {
		const regions = region === undefined ? [...this.byRegion.keys()] : [region];
		return regions.flatMap((r) => this.list(r).map(clone));
	}

	tagsOf(id: string): Tag[] {
		for (const m of this.byRegion.values()) {
			const s = m.get(id);
			if (s) return clone(s.tags);
		}
		return [];
	}

	idExists(id: string): boolean {
		for (const m of this.byRegion.values()) if (m.has(id)) return true;
		return false;
	}

	clear(): void {
		this.byRegion.clear();
	}
}
