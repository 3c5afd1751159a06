/**
 * End-to-end tests against real n8n (`npm run test:e2e`); plain `npm test` does not see them.
 * The global setup installs Node 24 and the pinned n8n versions into the cache folder (reused
 * between runs) and packs this package; the tests then run serially, one n8n at a time.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.dev.json' }] },
	globalSetup: '<rootDir>/dev/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/dev/e2e/globalTeardown.ts',
	maxWorkers: 1,
	testTimeout: 180000,
	verbose: true,
};
