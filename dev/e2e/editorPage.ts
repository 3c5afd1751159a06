// What a user does in n8n's editor, as Playwright steps: open an empty workflow, add a node from
// the node panel, read and set parameters, open pickers. Every wait is on what the page shows.
import type { Locator, Page } from 'playwright-core';

/** How long the editor may take for one thing on a loaded machine (first page load included). */
export const EDITOR_TIMEOUT_MS = 60_000;

const DROPDOWN_ITEM = '.el-select-dropdown__item:visible';

export const byTestId = (root: Page | Locator, id: string): Locator => root.locator(`[data-test-id="${id}"]`);

/**
 * Polls `read` until `done` accepts its value; returns that value. On timeout throws with the
 * last value seen, so a failing check says what the page showed instead.
 */
export async function waitUntil<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = EDITOR_TIMEOUT_MS): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	for (;;) {
		last = await read();
		if (done(last)) return last;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the page showed:\n${JSON.stringify(last, null, 2)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

export function sameList(expected: string[]): (actual: string[]) => boolean {
	return (actual) => actual.length === expected.length && actual.every((value, i) => value === expected[i]);
}

/** A new, empty workflow, as from the editor's "Create workflow". */
export async function openEmptyWorkflow(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded', timeout: EDITOR_TIMEOUT_MS });
	await byTestId(page, 'canvas-add-button').waitFor({ state: 'visible', timeout: EDITOR_TIMEOUT_MS });
}

/** The node panel's search, from the empty canvas's "Add first step". */
export async function searchNodePanel(page: Page, text: string): Promise<void> {
	await byTestId(page, 'canvas-add-button').click();
	await byTestId(page, 'node-creator-search-bar').fill(text);
}

export function nodePanelItem(page: Page, nodeDisplayName: string): Locator {
	return byTestId(page, 'item-iterator-item').filter({ has: page.locator(`[data-test-id="node-creator-item-name"]:text-is("${nodeDisplayName}")`) });
}

/** The texts of the node panel's items as shown (after a node was picked: its triggers and actions). */
export async function nodePanelItemTexts(page: Page): Promise<string[]> {
	return (await byTestId(byTestId(page, 'node-creator'), 'item-iterator-item').allInnerTexts()).map((text) => text.trim());
}

/** Adds the node with one of its actions to an empty workflow; n8n adds a manual trigger before it. Returns the NDV. */
export async function addNodeWithAction(page: Page, baseUrl: string, nodeDisplayName: string, action: string): Promise<Locator> {
	await openEmptyWorkflow(page, baseUrl);
	await searchNodePanel(page, nodeDisplayName);
	await nodePanelItem(page, nodeDisplayName).click();
	await byTestId(page, 'item-iterator-item').filter({ hasText: action }).first().click();
	const ndv = byTestId(page, 'ndv');
	await ndv.waitFor({ state: 'visible' });
	return ndv;
}

/** A top-level parameter of the open node, found by its parameter name (the label's `for`). */
export function parameterItem(page: Page, name: string): Locator {
	return byTestId(byTestId(page, 'node-parameters'), 'parameter-item').filter({ has: page.locator(`label[for="${name}"]`) }).first();
}

/** The names of the parameters the Parameters tab shows, top level only, in order (read in the page). */
const SHOWN_PARAMETER_NAMES = `[...document.querySelectorAll('[data-test-id="node-parameters"] [data-test-id="parameter-item"]')]
	.filter((item) => !item.parentElement.closest('[data-test-id="parameter-item"]'))
	.filter((item) => item.offsetParent !== null)
	.map((item) => item.querySelector('label[for]')?.getAttribute('for'))
	.filter(Boolean)`;

export async function shownParameterNames(page: Page): Promise<string[]> {
	return (await page.evaluate(SHOWN_PARAMETER_NAMES)) as string[];
}

/** The visible dropdown's entries (element-plus selects render them in a popper on <body>). */
export async function dropdownTexts(page: Page): Promise<string[]> {
	return (await page.locator(DROPDOWN_ITEM).allInnerTexts()).map((text) => text.trim());
}

/** First lines only: the option names, without their descriptions. */
export async function dropdownNames(page: Page): Promise<string[]> {
	return (await dropdownTexts(page)).map((text) => text.split('\n')[0].trim());
}

export async function chooseDropdownItem(page: Page, name: string): Promise<void> {
	await page.locator(DROPDOWN_ITEM).filter({ hasText: name }).first().click();
}

/** Sets an options parameter to the option shown as `optionName`. */
export async function selectOption(page: Page, parameter: string, optionName: string): Promise<void> {
	await byTestId(page, `parameter-input-${parameter}`).locator('input').first().click();
	await chooseDropdownItem(page, optionName);
	await page.keyboard.press('Escape');
}

/** Opens a collection's "Add …" dropdown and returns what it offers, once it shows `expectAtLeastOne`. */
export async function collectionAddOptions(page: Page, collection: string, expectAtLeastOne: string): Promise<string[]> {
	// 2.x marks the "Add …" select; 1.x has it unmarked in .add-option.
	await parameterItem(page, collection).locator('[data-test-id="collection-parameter-add"], .add-option').first().click();
	return await waitUntil(`the "${collection}" add list`, async () => await dropdownNames(page), (names) => names.includes(expectAtLeastOne));
}

export async function addCollectionField(page: Page, collection: string, field: string): Promise<void> {
	await collectionAddOptions(page, collection, field);
	await chooseDropdownItem(page, field);
}

export async function fillText(page: Page, parameter: string, value: string): Promise<void> {
	const input = byTestId(page, `parameter-input-${parameter}`).locator('input, textarea').first();
	await input.fill(value);
}

/** Opens a resource locator's From List dropdown and waits for entries that pass `done`. */
export async function resourceLocatorItems(page: Page, parameter: string, done: (items: string[]) => boolean): Promise<string[]> {
	await byTestId(byTestId(page, `resource-locator-${parameter}`), 'rlc-input').click();
	return await waitUntil(`the ${parameter} list`, async () => await rlcItemTexts(page), done);
}

export async function rlcItemTexts(page: Page): Promise<string[]> {
	return (await page.locator('[data-test-id="rlc-item"]:visible').allInnerTexts()).map((text) => text.trim());
}

export async function searchResourceLocator(page: Page, text: string): Promise<void> {
	await page.locator('input[data-test-id="rlc-search"]:visible').fill(text);
}

export async function chooseResourceLocatorItem(page: Page, text: string): Promise<void> {
	await page.locator('[data-test-id="rlc-item"]:visible').filter({ hasText: text }).first().click();
}

/** Opens an options/multiOptions picker and waits for entries that pass `done`; returns their names. */
export async function pickerNames(page: Page, parameter: string, done: (names: string[]) => boolean): Promise<string[]> {
	// A multiOptions select keeps a disabled input under its tags; the one to click is enabled.
	await byTestId(page, `parameter-input-${parameter}`).locator('input:not([disabled])').first().click();
	const names = await waitUntil(`the ${parameter} picker`, async () => await dropdownNames(page), done);
	return names;
}

export async function closeDropdown(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.locator(DROPDOWN_ITEM).first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

/**
 * Waits until the canvas stops moving (e.g. after zoom to fit, which animates): the viewport's
 * transform reads the same in two animation frames in a row.
 */
const CANVAS_IS_STILL = `new Promise((resolve) => {
	const viewport = document.querySelector('.vue-flow__viewport');
	const before = viewport && viewport.style.transform;
	requestAnimationFrame(() => requestAnimationFrame(() => resolve(Boolean(viewport) && viewport.style.transform === before)));
})`;

export async function waitForStillCanvas(page: Page): Promise<void> {
	await page.waitForFunction(CANVAS_IS_STILL, undefined, { timeout: EDITOR_TIMEOUT_MS, polling: 100 });
}

/** Whether an <img> has loaded and has pixels (a broken icon has none). */
export async function imageIsDrawn(image: Locator): Promise<boolean> {
	return await image.evaluate((img) => {
		const { complete, naturalWidth } = img as unknown as { complete: boolean; naturalWidth: number };
		return complete && naturalWidth > 0;
	});
}

/** What an element shows: its text, or the values of the inputs in it (a select shows its choice in one). */
export async function shownText(element: Locator): Promise<string> {
	return await element.evaluate((root) => {
		const asInput = (node: unknown) => node as { value?: string; textContent: string | null; querySelectorAll(selector: string): ArrayLike<unknown> };
		const self = asInput(root);
		const values = [self.value ?? '', ...Array.from(self.querySelectorAll('input')).map((input) => asInput(input).value ?? '')];
		return [self.textContent ?? '', ...values].join(' ').trim();
	});
}
