/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The e2e suites need real n8n installs and run only through `npm run test:e2e` (dev/e2e/jest.config.js).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		// tsconfig's isolatedModules lets ts-jest transpile file by file; types are checked by `npm run typecheck`.
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.dev.json' }],
	},
	// The suites mostly wait on loopback HTTP, not the CPU: three workers keep two cores busy.
	maxWorkers: 3,
	testTimeout: 30000,
};
