/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		// tsconfig's isolatedModules lets ts-jest transpile file by file; types are checked by `npm run typecheck`.
		'^.+\\.ts$': 'ts-jest',
	},
	testTimeout: 30000,
};
