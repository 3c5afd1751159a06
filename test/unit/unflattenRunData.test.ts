// The e2e queue-mode suite reads n8n's stored run data, which n8n keeps in the "flatted" layout.
import { unflattenRunData } from '../../dev/e2e/queueMode/executionsApi';

describe('unflattenRunData (e2e: run data read back through n8n REST API)', () => {
	// What the flatted package writes for a run-data-shaped value with a repeated string and a cycle.
	const stored =
		'[{"resultData":"1","x":"2"},{"runData":"3"},{"s":"4","n":1,"arr":"5","b":null,"self":"2"},{"A":"6"},"x",["7","8"],["9"],"y",{"z":"4"},{"data":"10"},{"main":"11"},["12"],["13"],{"json":"14"},{"id":"15","ok":true,"list":"16"},"m-1",["17","18"],"a","b"]';

	it("restores nodes' items, strings, numbers, null and shared references", () => {
		const value = unflattenRunData(stored) as {
			resultData: { runData: { A: Array<{ data: { main: Array<Array<{ json: unknown }>> } }> } };
			x: Record<string, unknown>;
		};
		expect(value.resultData.runData.A[0].data.main[0][0].json).toEqual({ id: 'm-1', ok: true, list: ['a', 'b'] });
		expect(value.x).toMatchObject({ s: 'x', n: 1, arr: ['y', { z: 'x' }], b: null });
		expect(value.x.self).toBe(value.x);
	});

	it('reads a plain string value', () => {
		expect(unflattenRunData('["just text"]')).toBe('just text');
	});
});
