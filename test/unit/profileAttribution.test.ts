import { attributeProfile, type CpuProfile } from '../../dev/bench/profileAttribution';

// root → engine → ourExecute → { getParameter → expressionEval, transport → axios → socket, authenticate → hmac }
const frame = (id: number, url: string, children: number[] = [], functionName = `f${id}`) => ({
	id,
	children,
	callFrame: { functionName, url },
});
const profile: CpuProfile = {
	nodes: [
		frame(1, '', [2]),
		frame(2, 'file:///app/node_modules/n8n-core/engine.js', [3]),
		frame(3, 'file:///app/nodes/op.ts', [4, 6, 9]),
		frame(4, 'file:///app/node_modules/n8n-workflow/expression.js', [5]),
		frame(5, 'file:///app/node_modules/luxon/luxon.js'),
		frame(6, 'file:///app/nodes/transport.ts', [7]),
		frame(7, 'file:///app/node_modules/axios/axios.js', [8]),
		frame(8, 'node:net'),
		frame(9, 'file:///app/node_modules/n8n-core/request.js', [10]),
		frame(10, 'file:///app/credentials/cred.ts', [11]),
		frame(11, '', [], 'Hmac'),
	],
	// one sample per leaf-ish node, 10 µs each
	samples: [2, 3, 5, 8, 7, 11, 1],
	timeDeltas: [10, 10, 10, 10, 10, 10, 10],
};

test('counts our code and what it calls directly, not the HTTP client under it nor the engine around it', () => {
	const result = attributeProfile(
		profile,
		(url) => /\/(nodes|credentials)\//.test(url),
		(url) => /axios|node:net/.test(url),
	);
	// ours: op.ts itself (3), expression evaluation it asked for (5), signing in authenticate (11)
	expect(result).toEqual({ ownUs: 30, totalUs: 70 });
});

test('treating n8n\'s parameter machinery as foreign leaves only our own code', () => {
	const result = attributeProfile(
		profile,
		(url) => /\/(nodes|credentials)\//.test(url),
		(url) => /axios|node:net|n8n-workflow|luxon/.test(url),
	);
	expect(result.ownUs).toBe(20);
});
