import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Tag, TrafficMirror } from '../../dev/emulator';
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { ok } from '../emulator/signForTest';
import { createMirrorDirectly, requestsOf } from '../support/trafficMirrors';
import { emulatorCredentials, NODE_NAME, type OnError, singleNodeWorkflow } from '../support/workflows';
import { emulatorForTests } from '../support/emulatorSuite';

// Setup creates mirrors straight through the API, faster than Tencent's 20 per second.
const emulator = emulatorForTests({ rateLimit: 0 });

function getManyParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'trafficMirror', operation: 'getMany', region: 'ap-guangzhou', returnAll: true, filters: {}, ...overrides };
}

async function run(parameters: INodeParameters, options: { items?: IDataObject[]; onError?: OnError } = {}) {
	const result = await runWorkflow(singleNodeWorkflow(parameters, options.onError), {
		credentials: emulatorCredentials(emulator),
		triggerItems: (options.items ?? [{}]).map((json) => ({ json })),
	});
	return result;
}

const describes = () => requestsOf(emulator, 'DescribeTrafficMirrors').map((entry) => entry.body);
const ids = (mirrors: Array<{ json: Record<string, unknown> } | TrafficMirror>) =>
	mirrors.map((mirror) => ('json' in mirror ? mirror.json.TrafficMirrorId : mirror.TrafficMirrorId));

/** `count` mirrors in the fleet VPC (vpc-emu00009), each collecting its own fleet ENI. */
async function fleet(count: number, tags?: Tag[]): Promise<TrafficMirror[]> {
	const created: TrafficMirror[] = [];
	for (let n = 0; n < count; n++) {
		created.push(
			await createMirrorDirectly(emulator, {
				body: {
					VpcId: 'vpc-emu00009',
					TrafficMirrorName: `fleet-${n}`,
					CollectorSrcs: [`eni-flt${String(n).padStart(5, '0')}`],
					CollectorTarget: { TargetIps: ['10.9.200.10'] },
				},
				tags,
			}),
		);
	}
	return created;
}

async function named(name: string, vpcId = 'vpc-emu00001', tags?: Tag[]): Promise<TrafficMirror> {
	return await createMirrorDirectly(emulator, { body: { TrafficMirrorName: name, VpcId: vpcId }, tags });
}

describe('Return All pages through more than 100 mirrors', () => {
	test('of one VPC: the vpc-id filter, Limit 100, until a short page; one item per mirror, paired', async () => {
		const fleetMirrors = await fleet(130);
		await named('elsewhere');
		const result = await run(getManyParameters({ filters: { vpcId: 'vpc-emu00009' } }));

		expect(result.error(NODE_NAME)).toBeUndefined();
		const filter = { Name: 'vpc-id', Values: ['vpc-emu00009'] };
		expect(describes()).toEqual([
			{ Offset: 0, Limit: 100, Filters: filter },
			{ Offset: 100, Limit: 100, Filters: filter },
		]);
		const output = result.output(NODE_NAME);
		expect(ids(output)).toEqual(ids(fleetMirrors));
		expect(output[129].json).toEqual(emulator.mirrors().find((m) => m.TrafficMirrorId === fleetMirrors[129].TrafficMirrorId));
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('without filters: every mirror of the region, no Filters sent', async () => {
		const all = [...(await fleet(100)), await named('last')];
		await createMirrorDirectly(emulator, { region: 'ap-shanghai', body: { VpcId: 'vpc-emu00003' } });
		const result = await run(getManyParameters());
		expect(describes()).toEqual([
			{ Offset: 0, Limit: 100 },
			{ Offset: 100, Limit: 100 },
		]);
		expect(ids(result.output(NODE_NAME))).toEqual(ids(all));
	});
});

describe('Limit', () => {
	test('asks only for as many as wanted', async () => {
		const fleetMirrors = await fleet(130);
		const five = await run(getManyParameters({ returnAll: false, limit: 5 }));
		expect(ids(five.output(NODE_NAME))).toEqual(ids(fleetMirrors.slice(0, 5)));
		expect(describes()).toEqual([{ Offset: 0, Limit: 5 }]);

		emulator.log.length = 0;
		const many = await run(getManyParameters({ returnAll: false, limit: 120 }));
		expect(ids(many.output(NODE_NAME))).toEqual(ids(fleetMirrors.slice(0, 120)));
		expect(describes()).toEqual([
			{ Offset: 0, Limit: 100 },
			{ Offset: 100, Limit: 20 },
		]);
	});

	test('with a filter checked on the answer, full pages are read until enough mirrors match', async () => {
		await fleet(110, [{ Key: 'batch', Value: '7' }]);
		const wanted = [await named('a', 'vpc-emu00001', [{ Key: 'batch' }]), await named('b', 'vpc-emu00001', [{ Key: 'batch' }])];
		await named('c', 'vpc-emu00001', [{ Key: 'batch' }]);
		const result = await run(getManyParameters({ returnAll: false, limit: 2, filters: { tagKey: 'batch', vpcId: 'vpc-emu00001' } }));
		expect(ids(result.output(NODE_NAME))).toEqual(ids(wanted));
		const filter = { Name: 'tag-key', Values: ['batch'] };
		expect(describes()).toEqual([
			{ Offset: 0, Limit: 100, Filters: filter },
			{ Offset: 100, Limit: 100, Filters: filter },
		]);
	});
});

describe('Filters', () => {
	test('Name matches exactly, though Tencent\'s name filter is fuzzy', async () => {
		const one = await named('incident-INC-1');
		await named('incident-INC-10');
		await named('Incident-INC-1');
		const otherVpc = await named('incident-INC-1', 'vpc-emu00002');

		// What the API itself answers to the name filter: every name containing it.
		const fuzzy = await ok(emulator.url, 'DescribeTrafficMirrors', { Filters: { Name: 'traffic-mirror-name', Values: ['incident-INC-1'] } });
		expect((fuzzy.TrafficMirrorSet as TrafficMirror[]).map((m) => m.TrafficMirrorName)).toEqual([
			'incident-INC-1',
			'incident-INC-10',
			'incident-INC-1',
		]);
		emulator.log.length = 0;

		const result = await run(getManyParameters({ filters: { trafficMirrorName: 'incident-INC-1' } }));
		expect(describes()).toEqual([{ Offset: 0, Limit: 100, Filters: { Name: 'traffic-mirror-name', Values: ['incident-INC-1'] } }]);
		expect(ids(result.output(NODE_NAME))).toEqual(ids([one, otherVpc]));
	});

	test('Name and VPC: the name is sent, the VPC checked on the answer', async () => {
		await named('incident-INC-1');
		const otherVpc = await named('incident-INC-1', 'vpc-emu00002');
		const result = await run(getManyParameters({ filters: { trafficMirrorName: 'incident-INC-1', vpcId: 'vpc-emu00002' } }));
		expect(describes()).toEqual([{ Offset: 0, Limit: 100, Filters: { Name: 'traffic-mirror-name', Values: ['incident-INC-1'] } }]);
		expect(ids(result.output(NODE_NAME))).toEqual(ids([otherVpc]));
	});

	test('Tag Key: sent as tag-key, whatever the value; name checked on the answer', async () => {
		const first = await named('incident-INC-1', 'vpc-emu00001', [{ Key: 'incident', Value: 'INC-1' }]);
		const second = await named('incident-INC-2', 'vpc-emu00002', [{ Key: 'incident', Value: 'INC-2' }]);
		await named('incident-INC-1', 'vpc-emu00001', [{ Key: 'team', Value: 'sre' }]);
		await named('untagged');

		const byTag = await run(getManyParameters({ filters: { tagKey: 'incident' } }));
		expect(describes()).toEqual([{ Offset: 0, Limit: 100, Filters: { Name: 'tag-key', Values: ['incident'] } }]);
		expect(ids(byTag.output(NODE_NAME))).toEqual(ids([first, second]));

		emulator.log.length = 0;
		const byTagAndName = await run(getManyParameters({ filters: { tagKey: 'incident', trafficMirrorName: 'incident-INC-1' } }));
		expect(describes()).toEqual([{ Offset: 0, Limit: 100, Filters: { Name: 'tag-key', Values: ['incident'] } }]);
		expect(ids(byTagAndName.output(NODE_NAME))).toEqual(ids([first]));
	});

	test('no match: no items, no error', async () => {
		await named('something');
		const result = await run(getManyParameters({ filters: { trafficMirrorName: 'nothing' } }));
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(result.output(NODE_NAME)).toEqual([]);
	});
});

describe('several input items', () => {
	test('each item\'s mirrors are paired to it, in item order', async () => {
		const a = await named('incident-A');
		const b1 = await named('incident-B', 'vpc-emu00002');
		const b2 = await named('incident-B');
		const result = await run(getManyParameters({ filters: { trafficMirrorName: '={{ $json.name }}' } }), {
			items: [{ name: 'incident-B' }, { name: 'incident-A' }],
		});
		expect(result.output(NODE_NAME).map((item) => [item.json.TrafficMirrorId, item.pairedItem])).toEqual([
			[b1.TrafficMirrorId, { item: 0 }],
			[b2.TrafficMirrorId, { item: 0 }],
			[a.TrafficMirrorId, { item: 1 }],
		]);
	});

	test('Continue On Fail: a failing item yields one error item, paired; the others list their mirrors', async () => {
		const a = await named('incident-A');
		const result = await run(getManyParameters({ region: '={{ $json.region }}' }), {
			items: [{ region: 'ap-guangzhou' }, { region: 'eu-moscow' }, { region: 'ap-guangzhou' }],
			onError: 'continueRegularOutput',
		});
		const output = result.output(NODE_NAME);
		expect(output.map((item) => [item.json.TrafficMirrorId ?? item.json.code, item.pairedItem])).toEqual([
			[a.TrafficMirrorId, { item: 0 }],
			['UnsupportedRegion', { item: 1 }],
			[a.TrafficMirrorId, { item: 2 }],
		]);
	});
});
