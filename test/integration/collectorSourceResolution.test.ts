// Collector sources given as CVM instance IDs and private IPs, resolved to ENIs with
// DescribeNetworkInterfaces: through n8n's engine against the emulator, over real HTTP.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { RELAY_HOST_ENI_COUNT } from '../../dev/emulator/instances';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { createMirrorDirectly, mirrorParameters, requestsOf, storedMirror } from '../support/trafficMirrors';
import { createParameters, emulatorCredentials, NODE_NAME, type OnError, singleNodeWorkflow } from '../support/workflows';
import { emulatorForTests } from '../support/emulatorSuite';

const emulator = emulatorForTests();

const RELAY_ENIS = Array.from({ length: RELAY_HOST_ENI_COUNT }, (_, i) => `eni-rly${String(i).padStart(5, '0')}`);

async function run(parameters: INodeParameters, items: IDataObject[] = [{}], onError?: OnError) {
	return await runWorkflow(singleNodeWorkflow(parameters, onError), {
		credentials: emulatorCredentials(emulator),
		triggerItems: items.map((json) => ({ json })),
	});
}

/** Create in vpc-emu00001 with the item's `sources` as Collector Sources. */
async function create(sources: string[] | string, overrides: INodeParameters = {}) {
	return await run(createParameters({ trafficMirrorName: 'resolved', collectorSrcs: '={{ $json.sources }}', ...overrides }), [{ sources }]);
}

const describeBodies = () => requestsOf(emulator, 'DescribeNetworkInterfaces').map((entry) => entry.body);
const createBodies = () => requestsOf(emulator, 'CreateTrafficMirror').map((entry) => entry.body as IDataObject);

describe('Create: instance IDs and private IPs in Collector Sources', () => {
	test('an instance with two ENIs mirrors both, found with one DescribeNetworkInterfaces in the VPC', async () => {
		const result = await create('ins-web00001');
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(describeBodies()).toEqual([
			{
				Filters: [
					{ Name: 'vpc-id', Values: ['vpc-emu00001'] },
					{ Name: 'attachment.instance-id', Values: ['ins-web00001'] },
				],
				Offset: 0,
				Limit: 100,
			},
		]);
		expect(createBodies().map((body) => body.CollectorSrcs)).toEqual([['eni-web0001a', 'eni-web0001b']]);
		const [item] = result.output(NODE_NAME);
		const [mirror] = emulator.mirrors();
		expect(item.json).toEqual({
			...mirror,
			RequestId: requestsOf(emulator, 'CreateTrafficMirror')[0].requestId,
			resolvedCollectorSrcs: { 'ins-web00001': ['eni-web0001a', 'eni-web0001b'] },
		});
		expect(mirror.CollectorSrcs).toEqual(['eni-web0001a', 'eni-web0001b']);
	});

	test('Instance Interfaces: Primary Only mirrors just the primary ENI', async () => {
		const result = await create('ins-web00001', { options: { instanceInterfaces: 'primary' } });
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect((describeBodies()[0] as IDataObject).Filters).toContainEqual({ Name: 'is-primary', Values: ['TRUE'] });
		expect(emulator.mirrors().map((mirror) => mirror.CollectorSrcs)).toEqual([['eni-web0001a']]);
		expect(result.output(NODE_NAME)[0].json.resolvedCollectorSrcs).toEqual({ 'ins-web00001': ['eni-web0001a'] });
	});

	test('a private IP mirrors the ENI holding it, a secondary IP included, matched exactly', async () => {
		const result = await create('10.0.1.121');
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(describeBodies()).toEqual([
			{
				Filters: [
					{ Name: 'vpc-id', Values: ['vpc-emu00001'] },
					{ Name: 'address-ip', Values: ['10.0.1.121'] },
					{ Name: 'ip-exact-match', Values: ['TRUE'] },
				],
				Offset: 0,
				Limit: 100,
			},
		]);
		expect(emulator.mirrors().map((mirror) => mirror.CollectorSrcs)).toEqual([['eni-web0001a']]);
		expect(result.output(NODE_NAME)[0].json.resolvedCollectorSrcs).toEqual({ '10.0.1.121': ['eni-web0001a'] });
	});

	test('a mix of ENI, subnet, instance and IP keeps its order; an ENI named twice is sent once', async () => {
		const result = await create(['eni-emu00001', 'ins-web00002', '10.0.2.21', 'eni-web0002a', 'subnet-emu00002']);
		expect(result.error(NODE_NAME)).toBeUndefined();
		// Filters are ANDed: one query for the instances, one for the IPs.
		expect(describeBodies()).toHaveLength(2);
		expect(createBodies()[0].CollectorSrcs).toEqual(['eni-emu00001', 'eni-web0002a', 'eni-web0001b', 'subnet-emu00002']);
		expect(result.output(NODE_NAME)[0].json.resolvedCollectorSrcs).toEqual({ 'ins-web00002': ['eni-web0002a'], '10.0.2.21': ['eni-web0001b'] });
	});

	test('six IPs in one item: a query of five, then one made exact, within the API\'s value limit', async () => {
		const ips = ['10.0.1.10', '10.0.1.11', '10.0.2.10', '10.0.1.21', '10.0.1.22', '10.0.2.21'];
		const result = await create(ips);
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(describeBodies().map((body) => (body as { Filters: Array<{ Name: string; Values: string[] }> }).Filters.slice(1))).toEqual([
			[{ Name: 'address-ip', Values: ips.slice(0, 5) }],
			[
				{ Name: 'address-ip', Values: ['10.0.2.21'] },
				{ Name: 'ip-exact-match', Values: ['TRUE'] },
			],
		]);
		expect(createBodies()[0].CollectorSrcs).toEqual(['eni-emu00001', 'eni-emu00002', 'eni-emu00003', 'eni-web0001a', 'eni-web0002a', 'eni-web0001b']);
	});

	test.each([
		['an unknown instance', 'ins-zzzz0000'],
		['an unknown IP', '10.0.1.99'],
		["another VPC's IP", '172.16.1.21'],
		["another VPC's instance", 'ins-stg00001'],
	])('%s fails the item before any create, naming the value, the item and the VPC', async (_case, value) => {
		const result = await create(['eni-emu00001', value]);
		expect(result.error(NODE_NAME)?.message).toBe(
			`Collector Sources (collectorSrcs) of item 0: "${value}" matches no network interface in VPC vpc-emu00001 (region ap-guangzhou)`,
		);
		expect(requestsOf(emulator, 'DescribeNetworkInterfaces')).toHaveLength(1);
		expect(createBodies()).toEqual([]);
		expect(emulator.mirrors()).toEqual([]);
	});

	test('with Continue On Fail the unresolvable item is an error item, paired; the others are created', async () => {
		const result = await run(
			createParameters({ trafficMirrorName: '=m-{{ $json.n }}', collectorSrcs: '={{ $json.sources }}' }),
			[{ n: 0, sources: 'ins-web00002' }, { n: 1, sources: '10.0.1.99, ins-zzzz0000' }, { n: 2, sources: '10.0.1.10' }],
			'continueRegularOutput',
		);
		const output = result.output(NODE_NAME);
		expect(output.map((item) => [item.json.TrafficMirrorName ?? item.json.error, item.pairedItem])).toEqual([
			['m-0', { item: 0 }],
			['Collector Sources (collectorSrcs) of item 1: "10.0.1.99", "ins-zzzz0000" match no network interface in VPC vpc-emu00001 (region ap-guangzhou)', { item: 1 }],
			['m-2', { item: 2 }],
		]);
		expect(emulator.mirrors().map((mirror) => mirror.CollectorSrcs).sort()).toEqual([['eni-emu00001'], ['eni-web0002a']]);
	});

	test('an instance with more ENIs than one page: every page is read, then the 20-source limit stops it before any create', async () => {
		const fleet = { vpcId: { __rl: true, mode: 'id', value: 'vpc-emu00009' }, collectorTarget: { targetType: 'IP', targetIps: '10.9.200.10' } };
		const result = await create('ins-relay001', fleet);
		expect(result.error(NODE_NAME)?.message).toBe(
			`Collector Sources (collectorSrcs) of item 0: resolve to ${RELAY_HOST_ENI_COUNT} ENIs and subnets (ins-relay001: ${RELAY_HOST_ENI_COUNT}); a mirror takes at most 20 sources`,
		);
		expect(describeBodies().map((body) => [(body as IDataObject).Offset, (body as IDataObject).Limit])).toEqual([
			[0, 100],
			[100, 100],
		]);
		expect(createBodies()).toEqual([]);

		emulator.reset();
		const primary = await create('ins-relay001', { ...fleet, options: { instanceInterfaces: 'primary' } });
		expect(primary.error(NODE_NAME)).toBeUndefined();
		expect(createBodies()[0].CollectorSrcs).toEqual(['eni-rly00000']);
	});

	test('a public IP mirror takes IPs as they are: nothing is resolved', async () => {
		const result = await create('203.0.113.7', {
			type: 'PUBLICIP',
			collectorTarget: { targetType: 'IP', algHash: 'FIVE_TUPLE_FLOW', targetEndPoints: '10.0.2.21:4789' },
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(describeBodies()).toEqual([]);
		expect(createBodies()[0].CollectorSrcs).toEqual(['203.0.113.7']);
		expect(result.output(NODE_NAME)[0].json).not.toHaveProperty('resolvedCollectorSrcs');
	});

	test('ENI and subnet IDs alone make no extra call and the output is as before', async () => {
		const result = await create(['eni-emu00001', 'subnet-emu00002']);
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(describeBodies()).toEqual([]);
		expect(result.output(NODE_NAME)[0].json).not.toHaveProperty('resolvedCollectorSrcs');
	});

	test('a JSON body resolves its CollectorSrcs too', async () => {
		const jsonBody = JSON.stringify({
			VpcId: 'vpc-emu00001',
			TrafficMirrorName: 'json',
			CollectorSrcs: ['ins-web00002'],
			CollectorTarget: { TargetType: 'IP', TargetIps: ['10.0.2.20'] },
		});
		const result = await run(createParameters({ specifyBody: 'json', jsonBody }));
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(createBodies()[0].CollectorSrcs).toEqual(['eni-web0002a']);
	});
});

describe('Reset Sources and Update All Filters resolve in the mirror\'s VPC', () => {
	test('Reset Sources with an instance of more than one page of ENIs sets all of them', async () => {
		const mirror = await createMirrorDirectly(emulator, {
			body: { VpcId: 'vpc-emu00009', CollectorSrcs: ['eni-flt00000'], CollectorTarget: { TargetType: 'IP', TargetIps: ['10.9.200.10'] } },
		});
		const before = emulator.log.length;
		const result = await run(mirrorParameters('resetSources', mirror.TrafficMirrorId, { collectorSrcs: '={{ ["ins-relay001"] }}' }));
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(emulator.log.slice(before).map((entry) => entry.action)).toEqual([
			'DescribeTrafficMirrors',
			'DescribeNetworkInterfaces',
			'DescribeNetworkInterfaces',
			'ResetTrafficMirrorSrcs',
		]);
		expect(storedMirror(emulator, mirror.TrafficMirrorId)?.CollectorSrcs).toEqual(RELAY_ENIS);
		const [item] = result.output(NODE_NAME);
		expect(item.json).toEqual({
			success: true,
			TrafficMirrorId: mirror.TrafficMirrorId,
			RequestId: requestsOf(emulator, 'ResetTrafficMirrorSrcs')[0].requestId,
			resolvedCollectorSrcs: { 'ins-relay001': RELAY_ENIS },
		});
	});

	test('Update All Filters with an IP and an instance, primary only', async () => {
		const mirror = await createMirrorDirectly(emulator, { body: { CollectorSrcs: ['eni-emu00001'] } });
		const result = await run(
			mirrorParameters('updateAllFilters', mirror.TrafficMirrorId, {
				direction: 'EGRESS',
				collectorSrcs: '={{ ["10.0.1.22", "ins-web00001"] }}',
				filterType: 'keep',
				options: { instanceInterfaces: 'primary' },
			}),
		);
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(requestsOf(emulator, 'UpdateTrafficMirrorAllFilter')[0].body).toEqual({
			TrafficMirrorId: mirror.TrafficMirrorId,
			Direction: 'EGRESS',
			CollectorSrcs: ['eni-web0002a', 'eni-web0001a'],
		});
		expect(result.output(NODE_NAME)[0].json.resolvedCollectorSrcs).toEqual({ '10.0.1.22': ['eni-web0002a'], 'ins-web00001': ['eni-web0001a'] });
	});

	test("Reset Sources with another VPC's instance fails before the mirror is changed", async () => {
		const mirror = await createMirrorDirectly(emulator, { body: { CollectorSrcs: ['eni-emu00001'] } });
		const result = await run(mirrorParameters('resetSources', mirror.TrafficMirrorId, { collectorSrcs: '={{ ["ins-stg00001"] }}' }));
		expect(result.error(NODE_NAME)?.message).toBe(
			'Collector Sources (collectorSrcs) of item 0: "ins-stg00001" matches no network interface in VPC vpc-emu00001 (region ap-guangzhou)',
		);
		expect(requestsOf(emulator, 'ResetTrafficMirrorSrcs')).toEqual([]);
		expect(storedMirror(emulator, mirror.TrafficMirrorId)?.CollectorSrcs).toEqual(['eni-emu00001']);
	});

	test('Reset Sources of an unknown mirror with an instance says the mirror was not found', async () => {
		const result = await run(mirrorParameters('resetSources', 'imgf-zzzzzzzz', { collectorSrcs: '={{ ["ins-web00001"] }}' }));
		expect(result.error(NODE_NAME)?.message).toMatch(/^Traffic mirror imgf-zzzzzzzz was not found in region ap-guangzhou \(RequestId [0-9a-f-]+\)/);
		expect(requestsOf(emulator, 'DescribeNetworkInterfaces')).toEqual([]);
	});
});
