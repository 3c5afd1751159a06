import fc from 'fast-check';
import type { INodeParameters } from 'n8n-workflow';

import type { Emulator } from '../../dev/emulator';
import { startEmulator } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { emulatorCredentials, NODE_NAME, singleNodeWorkflow } from '../support/workflows';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ rateLimit: 0 });
});
afterAll(async () => {
	await emulator.stop();
});

const FUZZ_RUNS = 150;

// Values that are right, and values that are wrong in the ways users get them wrong.
const network = fc.oneof(
	fc.constantFrom('10.9.0.0/16', '0.0.0.0/0', '10.9.1.4', 'fd00::/8', '::/0', '2001:db8::1'),
	fc.constantFrom('10.9.0.0/33', '10.9.0', 'any', '', 'fd00:::/8', '10.9.0.0/16/1'),
	fc.string({ maxLength: 12 }),
);
const port = fc.oneof(
	fc.constantFrom('', '1', '443', '65535', '1-65535', '1000-2000'),
	fc.constantFrom('0', '65536', '2000-1000', '80,443', 'http'),
	fc.integer({ min: -5, max: 70000 }).map(String),
);
const protocol = fc.oneof(fc.constantFrom('ALL', 'TCP', 'UDP', 'ICMP'), fc.constantFrom('HTTP', 'gre', ''));
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('事件-镜像', '🚨 incident', 'a"b\\c', ''));

const parameterSets = fc.record({
	name: text,
	type: fc.constantFrom('VPC', 'PUBLICIP'),
	state: fc.constantFrom('RUNNING', 'STOPED'),
	direction: fc.constantFrom('ALL', 'EGRESS', 'INGRESS'),
	sourceCount: fc.integer({ min: 0, max: 22 }),
	targetIps: fc.oneof(fc.constant('10.9.200.10'), fc.constantFrom('10.9.200.300', 'collector', '')),
	algHash: fc.constantFrom('', 'ENI', 'FIVE_TUPLE_FLOW'),
	filters: fc.array(fc.record({ srcNet: network, dstNet: network, protocol, srcPort: port, dstPort: port }), { maxLength: 3 }),
	withNat: fc.boolean(),
	tags: fc.array(fc.record({ key: fc.constantFrom('incident', 'team', 'owner', ''), value: text }), { maxLength: 3 }),
	description: text,
	items: fc.integer({ min: 1, max: 3 }),
});

type ParameterSet = typeof parameterSets extends fc.Arbitrary<infer T> ? T : never;

function toNodeParameters(set: ParameterSet, firstSource: number): INodeParameters {
	return {
		resource: 'trafficMirror',
		operation: 'create',
		region: 'ap-guangzhou',
		vpcId: { __rl: true, mode: 'id', value: 'vpc-emu00009' },
		trafficMirrorName: `={{ ${JSON.stringify(set.name)} + ($itemIndex > 0 ? "-" + $itemIndex : "") }}`,
		type: set.type,
		state: set.state,
		direction: set.direction,
		// Each item mirrors its own fleet ENIs, so items never compete for a source.
		collectorSrcs: `={{ Array.from({ length: ${set.sourceCount} }, (_, i) => "eni-flt" + String(${firstSource} + $itemIndex * 25 + i).padStart(5, "0")) }}`,
		collectorTarget: { targetType: 'IP', targetIps: set.targetIps, ...(set.algHash ? { algHash: set.algHash } : {}) },
		additionalFields: {
			trafficMirrorDescribe: set.description,
			// The fleet VPC has no NAT gateway: a NAT ID is generated only beside filters, where
			// it is a mistake the node must catch (only Tencent knows which VPC a gateway is in).
			...(set.withNat && set.filters.length ? { natId: 'nat-emu00001' } : {}),
			collectorNormalFilters: { filter: set.filters },
			tags: { tag: set.tags },
		},
	};
}

test(`every generated parameter set becomes a request the emulator accepts or a validation error, one paired item each (${FUZZ_RUNS} cases)`, async () => {
	let cases = 0;
	let accepted = 0;
	let refused = 0;
	let firstSource = 0;
	await fc.assert(
		fc.asyncProperty(parameterSets, async (set) => {
			emulator.reset();
			firstSource = (firstSource + 100) % 3800;
			const items = Array.from({ length: set.items }, (_, n) => ({ json: { n } }));
			const result = await runWorkflow(singleNodeWorkflow(toNodeParameters(set, firstSource), 'continueRegularOutput'), {
				credentials: emulatorCredentials(emulator),
				triggerItems: items,
			});
			expect(result.run.data.resultData.error).toBeUndefined();
			const output = result.output(NODE_NAME);
			expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, n) => ({ item: n })));
			const sent = emulator.log.filter((entry) => entry.action === 'CreateTrafficMirror');
			output.forEach((item, index) => {
				if (item.json.error === undefined) {
					// Accepted by Tencent's rules as the emulator enforces them.
					expect(item.json.TrafficMirrorId).toMatch(/^imgf-[a-z0-9]{8}$/);
					accepted++;
				} else {
					// Refused by our validation, naming the item, before any call for it.
					expect(String(item.json.error)).toContain(`of item ${index}:`);
					refused++;
				}
			});
			// Every request that went out was accepted: nothing slipped past validation to be refused by Tencent.
			expect(sent.map((entry) => entry.code)).toEqual(sent.map(() => 'Success'));
			cases++;
		}),
		{ numRuns: FUZZ_RUNS, seed: 20261127 },
	);
	console.log(`fuzz: ${cases} generated parameter sets, ${accepted} items created, ${refused} items refused by validation`);
	expect(cases).toBe(FUZZ_RUNS);
}, 120_000);
