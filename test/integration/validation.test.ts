import type { INodeParameters } from 'n8n-workflow';

import type { Emulator } from '../../dev/emulator';
import { startEmulator } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { createParameters, emulatorCredentials, NODE_NAME, singleNodeWorkflow } from '../support/workflows';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.stop();
});
beforeEach(() => emulator.reset());

const filter = (overrides: Record<string, string>) => ({
	additionalFields: {
		collectorNormalFilters: { filter: [{ srcNet: '10.0.1.0/24', dstNet: '0.0.0.0/0', protocol: 'TCP', ...overrides }] },
	},
});
const json = (body: unknown) => ({ specifyBody: 'json', jsonBody: typeof body === 'string' ? body : JSON.stringify(body) });
const validJson = { VpcId: 'vpc-emu00001', TrafficMirrorName: 'm', CollectorSrcs: ['eni-emu00001'] };

// [what the user did wrong, parameters, what the message must say; ITEM stands for the item index]
const BAD_INPUTS: Array<[string, INodeParameters, RegExp]> = [
	['a source network that is no CIDR', filter({ srcNet: '10.0.0.0/33' }), /Source Network \(srcNet\), entry 1 of item ITEM: "10\.0\.0\.0\/33" is not an IPv4\/IPv6 address or CIDR/],
	['a destination network that is no address', filter({ dstNet: 'internet' }), /Destination Network \(dstNet\), entry 1 of item ITEM: "internet"/],
	['an IPv6 CIDR with too long a prefix', filter({ dstNet: 'fd00::/129' }), /dstNet.*"fd00::\/129"/],
	['a port out of range', filter({ dstPort: '70000' }), /Destination Port \(dstPort\), entry 1 of item ITEM: "70000" must be a port/],
	['a port range backwards', filter({ srcPort: '2000-1000' }), /Source Port \(srcPort\).*"2000-1000"/],
	['an unknown protocol', filter({ protocol: '={{ "HTTP" }}' }), /Protocol \(protocol\), entry 1 of item ITEM: "HTTP" must be one of/],
	['a target IP that is not an address', { collectorTarget: { targetType: 'IP', targetIps: '10.0.2.300' } }, /Target IPs \(targetIps\) of item ITEM: "10\.0\.2\.300" is not an IPv4 or IPv6 address/],
	// The form fixes State, Direction and AlgHash for a public IP mirror; a JSON body can still get them wrong.
	['a public IP mirror collecting one direction', json({ ...validJson, Type: 'PUBLICIP', CollectorSrcs: ['203.0.113.7'], Direction: 'EGRESS' }), /JSON Body field Direction of item ITEM: "EGRESS" must be ALL for a public IP mirror/],
	['a public IP mirror created stopped', json({ ...validJson, Type: 'PUBLICIP', CollectorSrcs: ['203.0.113.7'], State: 'STOPED' }), /JSON Body field State of item ITEM: "STOPED" must be RUNNING/],
	['a public IP mirror balancing by ENI', json({ ...validJson, Type: 'PUBLICIP', CollectorSrcs: ['203.0.113.7'], CollectorTarget: { AlgHash: 'ENI' } }), /JSON Body field CollectorTarget\.AlgHash of item ITEM: "ENI" must be FIVE_TUPLE_FLOW/],
	['a public IP mirror collecting from an ENI', { type: 'PUBLICIP', collectorSrcs: 'eni-emu00001', collectorTarget: {} }, /Collector Sources \(collectorSrcs\) of item ITEM: "eni-emu00001" is not an IP address/],
	['a NAT gateway and five-tuple filters together', { additionalFields: { natId: 'nat-emu00001', ...filter({}).additionalFields } }, /NAT Gateway Name or ID \(natId\) of item ITEM: "nat-emu00001" cannot be combined with five-tuple filters/],
	['21 collector sources', { collectorSrcs: Array.from({ length: 21 }, (_, i) => `eni-flt${String(i).padStart(5, '0')}`).join(',') }, /Collector Sources \(collectorSrcs\) of item ITEM: "21 sources" takes at most 20/],
	['two tags with one key', { additionalFields: { tags: { tag: [{ key: 'incident', value: '1' }, { key: 'incident', value: '2' }] } } }, /Tags → Key \(key\), entry 2 of item ITEM: "incident" is used by another tag too/],
	['a name an expression left empty', { trafficMirrorName: '={{ $json.missing }}' }, /Traffic Mirror Name \(trafficMirrorName\) of item ITEM: is required but empty/],
	['a JSON body that is not JSON', json('{"VpcId": "vpc-emu00001",'), /JSON Body of item ITEM is not valid JSON/],
	['a JSON body that is a list', json([validJson]), /JSON Body of item ITEM must be a JSON object/],
	['a JSON body with a misspelt field', json({ ...validJson, VpcID: 'vpc-emu00001' }), /JSON Body field VpcID of item ITEM: "vpc-emu00001" is not a field of this request; did you mean "VpcId"\?/],
	['a JSON body without a name', json({ VpcId: 'vpc-emu00001' }), /JSON Body field TrafficMirrorName of item ITEM: is required but empty/],
	['a JSON body with sources as text', json({ ...validJson, CollectorSrcs: 'eni-emu00001' }), /JSON Body field CollectorSrcs of item ITEM: "eni-emu00001" must be a list of text values/],
];

describe('bad input is refused before any call, naming the parameter, the item and the value', () => {
	test.each(BAD_INPUTS)('%s', async (_case, overrides, message) => {
		const items = [{ json: { n: 0, eni: 'eni-emu00001' } }, { json: { n: 1, eni: 'eni-emu00002' } }];
		const result = await runWorkflow(singleNodeWorkflow(createParameters(overrides), 'continueRegularOutput'), {
			credentials: emulatorCredentials(emulator),
			triggerItems: items,
		});
		const output = result.output(NODE_NAME);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		output.forEach((item, index) => {
			expect(String(item.json.error)).toMatch(new RegExp(message.source.replace('ITEM', String(index))));
		});
		expect(emulator.log).toEqual([]);
	});

	test('without Continue On Fail the node stops with that message before any call', async () => {
		const result = await runWorkflow(singleNodeWorkflow(createParameters(filter({ dstPort: '0' }))), {
			credentials: emulatorCredentials(emulator),
			triggerItems: [{ json: { n: 0, eni: 'eni-emu00001' } }],
		});
		expect(result.error(NODE_NAME)?.message).toMatch(/Destination Port \(dstPort\), entry 1 of item 0: "0" must be a port/);
		expect(emulator.log).toEqual([]);
	});

	test('what Tencent documents as valid passes: IPv6 networks, port ranges, lower-case protocol, ENI receivers by ID', async () => {
		const result = await runWorkflow(
			singleNodeWorkflow(
				createParameters({
					collectorTarget: { targetType: 'ENI', targetIps: 'eni-emu00004' },
					additionalFields: {
						collectorNormalFilters: {
							filter: [
								{ srcNet: '10.0.1.10', dstNet: '0.0.0.0/0', protocol: '={{ "udp" }}', srcPort: '1-65535', dstPort: '53' },
								{ srcNet: 'fd00::/8', dstNet: '::/0', protocol: 'ALL' },
							],
						},
					},
				}),
			),
			{ credentials: emulatorCredentials(emulator), triggerItems: [{ json: { n: 0, eni: 'eni-emu00001' } }] },
		);
		// The node let it through; what Tencent (here the emulator) makes of it is Tencent's call.
		expect(emulator.log.filter((entry) => entry.action === 'CreateTrafficMirror')).toHaveLength(1);
		expect(result.error(NODE_NAME)?.message ?? '').not.toMatch(/of item 0:/);
	});
});
