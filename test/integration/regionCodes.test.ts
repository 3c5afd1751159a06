// Tencent's short region codes (as TCOP alarms send them) wherever a region is: through n8n's
// engine, the emulator sees the full region ID in X-TC-Region.
import { runWorkflow } from '../../dev/harness/runWorkflow';
import { createMirrorDirectly, mirrorParameters, requestsOf } from '../support/trafficMirrors';
import { createParameters, emulatorCredentials, NODE_NAME, singleNodeWorkflow } from '../support/workflows';
import { emulatorForTests } from '../support/emulatorSuite';

const emulator = emulatorForTests();

const run = async (parameters: Parameters<typeof singleNodeWorkflow>[0], items = [{}]) =>
	await runWorkflow(singleNodeWorkflow(parameters), {
		credentials: emulatorCredentials(emulator),
		triggerItems: items.map((json) => ({ json })),
	});

test('Create with region "gz" from an expression goes to ap-guangzhou, resolution included', async () => {
	const result = await run(createParameters({ region: '={{ $json.region }}', collectorSrcs: 'ins-web00002' }), [{ region: 'gz', n: 1 }]);
	expect(result.error(NODE_NAME)).toBeUndefined();
	expect(emulator.log.map((entry) => [entry.action, entry.region, entry.code])).toEqual([
		['DescribeNetworkInterfaces', 'ap-guangzhou', 'Success'],
		['CreateTrafficMirror', 'ap-guangzhou', 'Success'],
	]);
	expect(emulator.mirrors('ap-guangzhou')).toHaveLength(1);
});

test('Get and Delete with region "sh" act on the Shanghai mirror', async () => {
	const mirror = await createMirrorDirectly(emulator, { region: 'ap-shanghai', body: { VpcId: 'vpc-emu00003', CollectorSrcs: ['eni-emu00006'], CollectorTarget: { TargetType: 'IP', TargetIps: ['10.1.1.20'] } } });
	const got = await run(mirrorParameters('get', mirror.TrafficMirrorId, { region: '={{ "sh" }}' }));
	expect(got.output(NODE_NAME)[0].json.TrafficMirrorId).toBe(mirror.TrafficMirrorId);
	const deleted = await run(mirrorParameters('delete', mirror.TrafficMirrorId, { region: '={{ "sh" }}' }));
	expect(deleted.error(NODE_NAME)).toBeUndefined();
	expect(requestsOf(emulator, 'DeleteTrafficMirror').map((entry) => entry.region)).toEqual(['ap-shanghai']);
	expect(emulator.mirrors()).toEqual([]);
});

test('an unknown short code fails the item naming it, and nothing reaches Tencent', async () => {
	const result = await run(createParameters({ region: '={{ $json.region }}' }), [{ region: 'bk', n: 1, eni: 'eni-emu00001' }]);
	expect(result.error(NODE_NAME)?.message).toMatch(/^Unknown region "bk": give a region ID such as ap-guangzhou, or one of Tencent's short region codes \(gz, sh, bj/);
	expect(emulator.log).toEqual([]);
});

test('a well-formed region the list does not know reaches Tencent, which answers UnsupportedRegion', async () => {
	const result = await run(mirrorParameters('get', 'imgf-zzzzzzzz', { region: '={{ "ap-atlantis" }}' }));
	expect(result.error(NODE_NAME)?.message).toContain('Tencent Cloud error UnsupportedRegion');
	expect(emulator.log.map((entry) => entry.region)).toEqual(['ap-atlantis']);
});
