import type { MirrorStore } from './mirrorStore';

/** What an action handler gets. The body has already passed schema validation. */
export interface ActionContext {
	region: string;
	body: Record<string, unknown>;
	/** Emulator clock, epoch ms. */
	nowMs: number;
	store: MirrorStore;
	/** A fresh id: prefix + 8 lowercase letters/digits, unique among existing mirrors. */
	newId(prefix: string): string;
}

/** Returns the Response members other than RequestId. */
export type ActionHandler = (ctx: ActionContext) => Record<string, unknown>;
