// The node and credential in real n8n's editor, in headless Chromium, as a user meets them: each
// test starts from an empty workflow (or the credentials page) and checks what the page shows.
// One n8n and one emulator per n8n version for the whole file. docs/*.png are taken here.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

import { INVENTORY } from '../../dev/emulator/inventory';
import type { TrafficMirror } from '../../dev/emulator/types';
import { ok } from '../emulator/signForTest';
import { artifactsDir, type EditorBrowser, launchEditorBrowser, withFailureArtifacts } from '../../dev/e2e/chromium';
import { installAsCommunityPackage } from '../../dev/e2e/communityPackage';
import {
	addCollectionField,
	addNodeWithAction,
	byTestId,
	chooseDropdownItem,
	chooseResourceLocatorItem,
	closeDropdown,
	collectionAddOptions,
	EDITOR_TIMEOUT_MS,
	fillText,
	imageIsDrawn,
	nodePanelItem,
	nodePanelItemTexts,
	openEmptyWorkflow,
	pickerNames,
	rlcItemTexts,
	resourceLocatorItems,
	sameList,
	searchNodePanel,
	searchResourceLocator,
	selectOption,
	shownText,
	shownParameterNames,
	waitForStillCanvas,
	waitUntil,
} from '../../dev/e2e/editorPage';
import { type EmulatorProcess, startEmulatorProcess } from '../../dev/e2e/emulatorProcess';
import { readManifest } from '../../dev/e2e/manifest';
import type { N8nInstall } from '../../dev/e2e/n8nInstall';
import { n8nEnvironment } from '../../dev/e2e/n8nEnv';
import { N8nCli } from '../../dev/e2e/n8nRunner';
import { N8nServer } from '../../dev/e2e/n8nServer';
import { freePort, progress, tail } from '../../dev/e2e/processes';
import { N8N_VERSIONS, REPO_ROOT } from '../../dev/e2e/versions';

const manifest = readManifest();
const NODE = 'Tencent Cloud VPC';
const TRIGGER = 'Tencent Cloud Observability Trigger';
const CREDENTIAL = { id: 'tencentCloudEmulator', name: 'Tencent Cloud emulator', type: 'tencentCloudApi' };
const DOCS = path.join(REPO_ROOT, 'docs');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
/** The README's screenshots come from the newest pinned n8n. */
const SCREENSHOT_VERSION: string = N8N_VERSIONS[0];
const ARTIFACTS = artifactsDir();
const GZ = 'ap-guangzhou';

/** The node's actions as the node panel lists them today (more may be added; none may go). */
const ACTIONS = [
	'Check a traffic mirror',
	'Create a traffic mirror',
	'Delete a traffic mirror',
	'Get a traffic mirror',
	'Get many traffic mirrors',
	'Reset the filters of a traffic mirror',
	'Reset the sources of a traffic mirror',
	'Reset the target of a traffic mirror',
	'Start a traffic mirror',
	'Stop a traffic mirror',
	'Update a traffic mirror',
	'Update all filters of a traffic mirror',
	'Update the direction of a traffic mirror',
];

/** Create's contract parameters in the order the form shows them; other parameters may sit between. */
const CREATE_FIELDS = [
	'resource',
	'operation',
	'region',
	'specifyBody',
	'vpcId',
	'trafficMirrorName',
	'type',
	'state',
	'direction',
	'collectorSrcs',
	'collectorTarget',
	'additionalFields',
	'options',
];
const CONTRACT_NAMES = new Set([...CREATE_FIELDS, 'jsonBody']);
const contractFieldsShown = async (page: Page) => (await shownParameterNames(page)).filter((name) => CONTRACT_NAMES.has(name));

interface ExampleWorkflow {
	file: string;
	id: string;
	/** docs/example-<basename>.png, plus the README's older name for two of them. */
	screenshots: string[];
	nodes: Array<{ name: string; type: string }>;
	/** The file's workflow as shipped. */
	workflow: Record<string, unknown>;
}

const README_NAMES: Record<string, string> = {
	'incident-traffic-mirror': 'incident-workflow.png',
	'incident-mirror-notify': 'incident-notify-workflow.png',
};

/** Every examples/*.workflow.json at run time, so examples added later are covered too. */
function exampleWorkflows(): ExampleWorkflow[] {
	return fs
		.readdirSync(EXAMPLES)
		.filter((file) => file.endsWith('.workflow.json'))
		.sort()
		.map((file) => {
			const base = file.replace(/\.workflow\.json$/, '');
			const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as Record<string, unknown> & Pick<ExampleWorkflow, 'nodes'>;
			return {
				workflow,
				nodes: workflow.nodes,
				file,
				id: `ex${createHash('sha1').update(base).digest('hex').slice(0, 14)}`,
				screenshots: [`example-${base}.png`, ...(README_NAMES[base] ? [README_NAMES[base]] : [])],
			};
		});
}

const vpcLabel = (vpc: (typeof INVENTORY.vpcs)[number]) => `${vpc.name} (${vpc.vpcId}, ${vpc.cidrBlock})`;
const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
/** The picker entries the emulator's inventory gives for one VPC, as the node labels them. */
function subnetNamesOf(vpcId: string): string[] {
	return INVENTORY.subnets.filter((s) => s.vpcId === vpcId).map((s) => `${s.name} (${s.subnetId}, ${s.cidrBlock})`).sort(byName);
}
function natNamesOf(vpcId: string): string[] {
	return INVENTORY.natGateways.filter((n) => n.vpcId === vpcId).map((n) => `${n.name} (${n.natId}, ${n.publicIp})`).sort(byName);
}
function collectorSourceNamesOf(vpcId: string): string[] {
	const enis = INVENTORY.enis.filter((e) => e.vpcId === vpcId).map((e) => `${e.name} (${e.eniId}, ${e.privateIp})`).sort(byName);
	return [...subnetNamesOf(vpcId).map((name) => `Subnet: ${name}`), ...enis.map((name) => `ENI: ${name}`)];
}
const mirrorLabel = (m: TrafficMirror) => `${m.TrafficMirrorName} (${m.TrafficMirrorId}, ${m.VpcId}, ${m.State})`;

describe.each(manifest.installs.map((install) => [install.version, install] as const))('n8n %s editor', (version: string, install: N8nInstall) => {
	const userFolder = path.join(manifest.workDir, `editor-${version}`);
	const examples = exampleWorkflows();
	const takesScreenshots = version === SCREENSHOT_VERSION;
	let emulator: EmulatorProcess;
	let server: N8nServer;
	let editor: EditorBrowser;
	let page: Page;

	beforeAll(async () => {
		const started = Date.now();
		fs.mkdirSync(userFolder, { recursive: true });
		await installAsCommunityPackage(userFolder, manifest.pack);
		emulator = await startEmulatorProcess();
		const port = await freePort();
		const env = n8nEnvironment(install, {
			userFolder,
			encryptionKey: randomBytes(24).toString('hex'),
			port,
			brokerPort: await freePort(),
			netLog: path.join(manifest.workDir, `outbound-editor-${version}.jsonl`),
		});
		const cli = new N8nCli(install, env, userFolder, path.join(manifest.workDir, `logs-editor-${version}`));
		const { banner } = emulator;
		await cli.importCredentials([
			{ ...CREDENTIAL, data: { secretId: banner.secretId, secretKey: banner.secretKey, sessionToken: '', site: 'intl', endpoint: banner.url } },
		]);
		await cli.importWorkflows(examples.map((example) => ({ ...example.workflow, id: example.id })));
		server = new N8nServer(install, env, userFolder, port);
		await server.start();
		await server.loginAsOwner();
		editor = await launchEditorBrowser(server.url, server.authCookie());
		progress(`editor tests: n8n ${version} on ${server.url}, ready after ${Math.round((Date.now() - started) / 1000)} s; failure artefacts go to ${ARTIFACTS}`);
	}, 300_000);

	afterAll(async () => {
		if (editor?.blocked.length) progress(`the editor tried ${editor.blocked.length} request(s) off 127.0.0.1 (aborted): ${[...new Set(editor.blocked)].slice(0, 5).join(', ')}`);
		await editor?.close();
		await server?.stop();
		await emulator?.stop();
	});

	/** A browser test: a fresh tab, and on failure a screenshot and trace in ARTIFACTS. */
	function browserTest(name: string, body: () => Promise<void>, timeoutMs = 240_000): void {
		test(
			name,
			async () => {
				await page?.close();
				page = await editor.context.newPage();
				page.setDefaultTimeout(EDITOR_TIMEOUT_MS / 2);
				try {
					await withFailureArtifacts(page, path.join(ARTIFACTS, `n8n-${version}`), name, body);
				} catch (error) {
					if (error instanceof Error) error.message += `\n\nn8n output:\n${tail(server.output(), 15)}`;
					throw error;
				}
			},
			timeoutMs,
		);
	}

	async function screenshot(...names: string[]): Promise<void> {
		if (!takesScreenshots) return;
		fs.mkdirSync(DOCS, { recursive: true });
		const image = await page.screenshot();
		for (const name of names) fs.writeFileSync(path.join(DOCS, name), image);
	}

	browserTest('adding the node: "Tencent" in the node panel finds it with its icon, then lists its operations by action name', async () => {
		await openEmptyWorkflow(page, server.url);
		await searchNodePanel(page, 'Tencent');
		const item = nodePanelItem(page, NODE);
		await item.waitFor({ state: 'visible' });
		// The icon is the package's own SVG, served by n8n and drawn (not a broken image).
		const icon = item.locator('img').first();
		expect(await icon.getAttribute('src')).toMatch(new RegExp(`/icons/${manifest.pack.name}/dist/icons/tencentCloud(\\.dark)?\\.svg$`));
		await waitUntil('the node icon to load', async () => await imageIsDrawn(icon), Boolean);

		await item.click();
		const shown = await waitUntil('the actions', async () => await nodePanelItemTexts(page), (texts) => ACTIONS.every((action) => texts.includes(action)));
		// Only this node's actions (and n8n's trigger suggestions) are listed.
		expect(shown.filter((text) => text.endsWith('traffic mirror') || text.endsWith('traffic mirrors'))).toEqual(expect.arrayContaining(ACTIONS));
		await screenshot('node-actions.png');

		await byTestId(page, 'item-iterator-item').filter({ hasText: 'Create a traffic mirror' }).first().click();
		const ndv = byTestId(page, 'ndv');
		await ndv.waitFor({ state: 'visible' });
		await expect(byTestId(ndv, 'parameter-input-operation').locator('input').inputValue()).resolves.toBe('Create');
		// The one credential of this type is picked for the new node.
		await waitUntil('the credential to be picked', async () => await shownText(byTestId(ndv, 'node-credentials-select')), (text) => text.includes(CREDENTIAL.name));
	});

	browserTest("Create's fields: the contract's fields in order; Public IP hides what Tencent fixes; JSON mode shows only the body editor", async () => {
		await addNodeWithAction(page, server.url, NODE, 'Create a traffic mirror');
		await waitUntil('the create form', async () => await contractFieldsShown(page), sameList(CREATE_FIELDS));
		const targetOptions = await collectionAddOptions(page, 'collectorTarget', 'Target IPs');
		expect(targetOptions).toEqual(expect.arrayContaining(['Load Balancing (AlgHash)', 'Target Endpoints', 'Target IPs', 'Target Type']));
		await closeDropdown(page);
		expect(await collectionAddOptions(page, 'additionalFields', 'Tags')).toEqual(
			expect.arrayContaining(['Collector Normal Filters', 'Description', 'NAT Gateway Name or ID', 'Subnet Name or ID', 'Tags']),
		);
		await closeDropdown(page);
		if (takesScreenshots) await page.setViewportSize({ width: 1440, height: 1400 });
		await screenshot('node-parameters.png');
		await page.setViewportSize({ width: 1440, height: 900 });

		// A public IP mirror: State and Direction go, a notice says why, Load Balancing is not offered.
		await selectOption(page, 'type', 'Public IP');
		const publicIpFields = CREATE_FIELDS.filter((name) => name !== 'state' && name !== 'direction');
		await waitUntil('the public IP form', async () => await contractFieldsShown(page), sameList(publicIpFields));
		await byTestId(page, 'node-parameters').getByText('A public IP mirror always runs, collects both directions and balances by five-tuple flow').waitFor();
		const publicTargetOptions = await collectionAddOptions(page, 'collectorTarget', 'Target IPs');
		expect(publicTargetOptions).not.toContain('Load Balancing (AlgHash)');
		expect(publicTargetOptions).toEqual(expect.arrayContaining(['Target Endpoints', 'Target IPs', 'Target Type']));
		await closeDropdown(page);
		await screenshot('node-parameters-public-ip.png');

		await selectOption(page, 'type', 'VPC');
		await waitUntil('the VPC form again', async () => await contractFieldsShown(page), sameList(CREATE_FIELDS));

		// JSON mode: the body editor with Tencent's field names replaces every body field.
		await selectOption(page, 'specifyBody', 'Using JSON');
		await waitUntil('the JSON form', async () => await contractFieldsShown(page), sameList(['resource', 'operation', 'region', 'specifyBody', 'jsonBody', 'options']));
		const bodyEditor = byTestId(page, 'parameter-input-jsonBody');
		await waitUntil('the JSON body editor', async () => await bodyEditor.innerText(), (text) => ['"VpcId"', '"TrafficMirrorName"', '"CollectorSrcs"', '"CollectorTarget"'].every((key) => text.includes(key)));
	});

	browserTest('the pickers: VPCs by name with search; subnets and NAT gateways of the chosen VPC only', async () => {
		await addNodeWithAction(page, server.url, NODE, 'Create a traffic mirror');
		const guangzhou = INVENTORY.vpcs.filter((vpc) => vpc.region === GZ).map(vpcLabel);
		await resourceLocatorItems(page, 'vpcId', sameList(guangzhou));
		await screenshot('vpc-picker.png');
		await searchResourceLocator(page, 'stag');
		await waitUntil('the VPC search for "stag"', async () => await rlcItemTexts(page), sameList(guangzhou.filter((label) => label.startsWith('staging '))));
		await searchResourceLocator(page, '');
		await waitUntil('the full VPC list again', async () => await rlcItemTexts(page), sameList(guangzhou));
		await chooseResourceLocatorItem(page, 'incident-prod');

		await addCollectionField(page, 'additionalFields', 'Subnet Name or ID');
		await addCollectionField(page, 'additionalFields', 'NAT Gateway Name or ID');
		await pickerNames(page, 'subnetId', sameList(subnetNamesOf('vpc-emu00001')));
		await closeDropdown(page);
		await pickerNames(page, 'natId', sameList(natNamesOf('vpc-emu00001')));
		await closeDropdown(page);

		// Another VPC: the same pickers now list that VPC's resources, and only those.
		await resourceLocatorItems(page, 'vpcId', (items) => items.length > 0);
		await chooseResourceLocatorItem(page, 'staging');
		await pickerNames(page, 'subnetId', sameList(subnetNamesOf('vpc-emu00002')));
		await closeDropdown(page);
		await pickerNames(page, 'natId', sameList(natNamesOf('vpc-emu00002')));
		await closeDropdown(page);
	});

	browserTest("the pickers: Traffic Mirror lists the region's mirrors; collector sources are the chosen mirror's VPC's subnets and ENIs", async () => {
		await emulator.reset();
		const create = async (region: string, body: Record<string, unknown>) =>
			(await ok(emulator.banner.url, 'CreateTrafficMirror', { CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'] }, ...body }, { region }))
				.TrafficMirror as TrafficMirror;
		const prod = await create(GZ, { VpcId: 'vpc-emu00001', TrafficMirrorName: 'browser-prod', CollectorSrcs: ['eni-emu00001'] });
		const staging = await create(GZ, { VpcId: 'vpc-emu00002', TrafficMirrorName: 'browser-staging', CollectorSrcs: ['eni-emu00005'], CollectorTarget: { TargetType: 'IP', TargetIps: ['172.16.1.50'] } });
		await create('ap-shanghai', { VpcId: 'vpc-emu00003', TrafficMirrorName: 'browser-shanghai', CollectorSrcs: ['eni-emu00006'], CollectorTarget: { TargetType: 'IP', TargetIps: ['10.1.1.50'] } });

		await addNodeWithAction(page, server.url, NODE, 'Reset the sources of a traffic mirror');
		// Guangzhou's two mirrors, not Shanghai's.
		const listed = await resourceLocatorItems(page, 'trafficMirrorId', (items) => items.length >= 2);
		expect([...listed].sort()).toEqual([mirrorLabel(prod), mirrorLabel(staging)].sort());
		await chooseResourceLocatorItem(page, staging.TrafficMirrorId);
		await pickerNames(page, 'collectorSrcs', sameList(collectorSourceNamesOf('vpc-emu00002')));
		await screenshot('collector-sources-picker.png');
		await closeDropdown(page);

		await resourceLocatorItems(page, 'trafficMirrorId', (items) => items.length >= 2);
		await chooseResourceLocatorItem(page, prod.TrafficMirrorId);
		await pickerNames(page, 'collectorSrcs', sameList(collectorSourceNamesOf('vpc-emu00001')));
		await closeDropdown(page);
	});

	browserTest('Execute step shows the TrafficMirror in table and JSON views; a bad CIDR shows the item error naming field, item and value', async () => {
		await emulator.reset();
		await addNodeWithAction(page, server.url, NODE, 'Create a traffic mirror');
		await resourceLocatorItems(page, 'vpcId', (items) => items.length > 0);
		await chooseResourceLocatorItem(page, 'incident-prod');
		await fillText(page, 'trafficMirrorName', 'browser-run');
		await fillText(page, 'collectorSrcs', 'eni-emu00001');
		await addCollectionField(page, 'collectorTarget', 'Target IPs');
		await fillText(page, 'targetIps', '10.0.2.20');
		await byTestId(page, 'node-execute-button').click();

		const output = byTestId(page, 'output-panel');
		await waitUntil('one output item', async () => await byTestId(output, 'ndv-items-count').innerText().catch(() => ''), (text) => /\b1 item\b/.test(text));
		const [mirror] = await emulator.mirrors(GZ);
		const [call] = (await emulator.log()).filter((entry) => entry.action === 'CreateTrafficMirror');
		expect(mirror).toMatchObject({ TrafficMirrorName: 'browser-run', VpcId: 'vpc-emu00001', CollectorSrcs: ['eni-emu00001'] });

		await byTestId(output, 'radio-button-table').click();
		const table = output.locator('table').first();
		await waitUntil('the table view', async () => await table.innerText().catch(() => ''), (text) => text.includes(mirror.TrafficMirrorId));
		const headers = (await table.locator('th').allInnerTexts()).map((text) => text.trim());
		expect(headers).toEqual(expect.arrayContaining(['VpcId', 'TrafficMirrorId', 'TrafficMirrorName', 'State', 'Direction', 'CollectorSrcs', 'CollectorTarget', 'RequestId']));
		const row = await table.locator('tbody tr').first().innerText();
		for (const value of [mirror.TrafficMirrorId, 'vpc-emu00001', 'browser-run', 'RUNNING', 'eni-emu00001', '10.0.2.20', call.requestId]) expect(row).toContain(value);

		await byTestId(output, 'radio-button-json').click();
		// The JSON view draws its lines over several frames: wait for the whole object, not its first line.
		const jsonLines = [`"TrafficMirrorId": "${mirror.TrafficMirrorId}"`, '"TrafficMirrorName": "browser-run"', '"VpcId": "vpc-emu00001"', `"RequestId": "${call.requestId}"`];
		const json = await waitUntil(
			'the JSON view with the whole TrafficMirror',
			async () => (await output.innerText()).replace(/\s+/g, ' '),
			(text) => jsonLines.every((line) => text.includes(line)),
		);
		for (const line of jsonLines) expect(json).toContain(line);
		await screenshot('run-output.png');

		// A source network that is no CIDR: refused before any call, the message names field, item and value.
		const callsBefore = (await emulator.log()).length;
		await addCollectionField(page, 'additionalFields', 'Collector Normal Filters');
		await byTestId(page, 'fixed-collection-add').or(page.getByRole('button', { name: 'Add Filter' })).first().click();
		await fillText(page, 'srcNet', '10.0.0.0/33');
		await fillText(page, 'dstNet', '0.0.0.0/0');
		await byTestId(page, 'node-execute-button').click();
		const message = byTestId(output, 'node-error-message');
		await message.waitFor({ state: 'visible' });
		expect((await message.innerText()).trim()).toBe(
			'Additional Fields → Collector Normal Filters → Source Network (srcNet), entry 1 of item 0: "10.0.0.0/33" is not an IPv4/IPv6 address or CIDR block',
		);
		expect((await emulator.log()).length).toBe(callsBefore);
		await screenshot('run-error.png');
	});

	// Before the credential modal test, which saves a second credential of the type (n8n then picks the newest).
	browserTest('the TCOP trigger: found in the node panel, its policy picker lists the policies by name, and listening for a test event receives a fired alarm', async () => {
		await emulator.reset();
		const seeded = await emulator.tcop.notices();
		const policyLabels = (await emulator.tcop.policies()).map((policy) => `${policy.PolicyName} (${policy.PolicyId})`);
		await openEmptyWorkflow(page, server.url);
		await searchNodePanel(page, 'Tencent');
		const item = nodePanelItem(page, TRIGGER);
		await item.waitFor({ state: 'visible' });
		await waitUntil('the trigger icon to load', async () => await imageIsDrawn(item.locator('img').first()), Boolean);
		await item.click();
		// A node without actions: 2.x shows its details with "Add to workflow" first.
		const ndv = byTestId(page, 'ndv');
		const addToWorkflow = page.getByRole('button', { name: 'Add to workflow' });
		await waitUntil('the trigger to open or offer "Add to workflow"', async () => (await ndv.isVisible()) || (await addToWorkflow.isVisible()), Boolean);
		if (!(await ndv.isVisible())) await addToWorkflow.click();
		await ndv.waitFor({ state: 'visible' });
		await waitUntil('the credential to be picked', async () => await shownText(byTestId(ndv, 'node-credentials-select')), (text) => text.includes(CREDENTIAL.name));

		// Every seeded policy, by name and ID (the emulator has fewer than one page of them).
		const listed = await pickerNames(page, 'alarmPolicyIds', (names) => names.length >= policyLabels.length);
		expect([...listed].sort()).toEqual([...policyLabels].sort());
		await chooseDropdownItem(page, 'prod-web-cpu-high (policy-a1b2c3d4)');
		await closeDropdown(page);

		// Executing a webhook trigger listens for a test event (n8n labels the button "Listen for test
		// event" only for its own Webhook node): the trigger registers the test URL with TCOP.
		await byTestId(ndv, 'node-execute-button').first().click();
		// The template is created first and bound to the policy after.
		const testTemplate = await waitUntil(
			'a template with the test URL, bound to the chosen policy',
			async () => (await emulator.tcop.notices()).find((notice) => notice.URLNotices.some((u) => u.URL.startsWith(`${server.url}/webhook-test/`))),
			(notice) => notice?.PolicyIds.includes('policy-a1b2c3d4') === true,
		);
		expect(testTemplate?.PolicyIds).toEqual(['policy-a1b2c3d4']);
		await ndv.getByText('Listening for test event').first().waitFor({ state: 'visible' });
		const [push] = await emulator.tcop.fire({ policyId: 'policy-a1b2c3d4' });
		expect(push).toMatchObject({ delivered: true, url: testTemplate?.URLNotices[0].URL });

		const output = byTestId(page, 'output-panel');
		await waitUntil('one output item', async () => await byTestId(output, 'ndv-items-count').innerText().catch(() => ''), (text) => /\b1 item\b/.test(text));
		await byTestId(output, 'radio-button-json').click();
		await waitUntil('the alarm in the JSON view', async () => (await output.innerText()).replace(/\s+/g, ' '), (text) =>
			['"state": "firing"', '"instanceId": "ins-web00001"', '"policyName": "prod-web-cpu-high"'].every((line) => text.includes(line)),
		);
		await screenshot('tcop-trigger.png');
		// The test event came: n8n stops listening and the trigger removes the test template.
		await waitUntil('the test template to be removed', async () => (await emulator.tcop.notices()).map((notice) => notice.Id).sort(), sameList(seeded.map((notice) => notice.Id).sort()));
	});

	browserTest('the credential modal: Test succeeds with the demo key, says which of Secret Key or Secret ID is wrong, and masks the secrets', async () => {
		await emulator.reset();
		const { banner } = emulator;
		await page.goto(`${server.url}/home/credentials/create`, { waitUntil: 'domcontentloaded' });
		const chooser = byTestId(page, 'selectCredential-modal');
		await chooser.waitFor({ state: 'visible', timeout: EDITOR_TIMEOUT_MS });
		await byTestId(chooser, 'new-credential-type-select').locator('input').fill('Tencent');
		await byTestId(page, 'new-credential-type-select-option').filter({ hasText: 'Tencent Cloud API' }).click();
		await byTestId(chooser, 'new-credential-type-button').click();

		const modal = byTestId(page, 'editCredential-modal');
		const input = (name: string) => byTestId(modal, `parameter-input-${name}`).locator('input').first();
		await input('secretId').waitFor({ state: 'visible' });
		// The Secret Key and the session token are password fields; the Secret ID is not a secret.
		expect(await input('secretKey').getAttribute('type')).toBe('password');
		expect(await input('sessionToken').getAttribute('type')).toBe('password');
		expect(await input('secretId').getAttribute('type')).toBe('text');

		await input('secretId').fill(banner.secretId);
		await input('secretKey').fill(banner.secretKey);
		await input('endpoint').fill(banner.url);
		await byTestId(modal, 'credential-save-button').click();
		await modal.getByText('Connection tested successfully').waitFor({ state: 'visible' });
		expect(await input('secretKey').getAttribute('type')).toBe('password');
		expect(await modal.innerText()).not.toContain(banner.secretKey);
		await screenshot('credential-test.png');

		// n8n shows "Couldn't connect with these settings"; the credential's own message is behind "More details".
		const testMessage = async (expected: string) => {
			await byTestId(modal, 'credential-save-button').click();
			const details = modal.getByText('More details');
			await waitUntil(`the message "${expected}"`, async () => {
				if (await details.isVisible()) await details.click().catch(() => undefined);
				return await modal.innerText();
			}, (text) => /Couldn.t connect with these settings/.test(text) && text.includes(expected));
		};
		await input('secretKey').fill('NotTheSecretKeyOfThisSecretId00');
		await testMessage('Signature rejected: the Secret Key does not match the Secret ID (AuthFailure.SignatureFailure)');
		await screenshot('credential-test-wrong-key.png');

		await input('secretId').fill('AKIDnoSuchKey000000000000000000000000');
		await testMessage('Unknown Secret ID: check that the key exists and is enabled in CAM (AuthFailure.SecretIdNotFound)');
		expect(await modal.innerText()).not.toContain('NotTheSecretKeyOfThisSecretId00');
		expect(await modal.innerText()).not.toContain(banner.secretKey);

		// What the Test button sent, in order: the demo key, then the wrong key, then the unknown ID.
		const codes = (await emulator.log()).filter((entry) => entry.action === 'DescribeVpcs').map((entry) => entry.code);
		const order = ['Success', 'AuthFailure.SignatureFailure', 'AuthFailure.SecretIdNotFound'].map((code) => codes.indexOf(code));
		expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]))).toBe(true);
	});

	browserTest(`each example workflow opens on the canvas with every node drawn (${examples.length} in examples/)`, async () => {
		expect(examples.length).toBeGreaterThan(0);
		for (const example of examples) {
			await page.goto(`${server.url}/workflow/${example.id}`, { waitUntil: 'domcontentloaded' });
			for (const node of example.nodes) {
				const drawn = page.locator(`[data-test-id="canvas-node"][data-node-name="${node.name}"], [data-node-name="${node.name}"]`).first();
				await drawn.waitFor({ state: 'visible', timeout: EDITOR_TIMEOUT_MS });
				// This package's nodes are drawn with their icon: n8n knows the type (an unknown one gets a "?").
				if (node.type.startsWith(`${manifest.pack.name}.`)) {
					const icon = page.locator(`[data-test-id="canvas-node"][data-node-name="${node.name}"] img[src*="/dist/icons/tencentCloud"]`).first();
					await waitUntil(`the icon of "${node.name}" in ${example.file}`, async () => (await icon.count()) > 0 && (await imageIsDrawn(icon)), Boolean, 15_000);
				}
			}
			await byTestId(page, 'zoom-to-fit').click();
			await waitForStillCanvas(page);
			await screenshot(...example.screenshots);
		}
		// Each example takes up to a minute to draw on a busy machine; the list grows with examples/.
	}, 90_000 * examples.length);
});

