import { config } from '@n8n/node-cli/eslint';

// The development tooling (emulator, e2e plumbing, harness, bench, demo) and the tests run under
// Node or jest and never ship, so n8n Cloud's rules for published code do not apply to them: they
// use Node's modules and globals, spawn processes and hold throwaway keys. ESLint uses this file for
// dev/ (test/eslint.config.mjs extends it) because `npm run lint` looks configs up from each linted
// file (ESLINT_FLAGS=unstable_config_lookup_from_file; ESLint 10 does so by default). The root
// eslint.config.mjs stays n8n's stock file, which `n8n-node lint` requires in strict mode, and lints
// what ships.
export default [
	...config,
	{
		rules: {
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
	{
		// The emulator checks the shipped code, so it takes nothing from it (its own copies of Tencent's facts).
		files: ['emulator/**'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [{ group: ['**/credentials/**', '**/nodes/**'], message: 'the emulator takes nothing from the shipped code' }] }],
		},
	},
	{
		// Command-line tools report on the console.
		files: ['bench/**', 'demo.ts', 'generateApiVersions.ts', 'emulator/cli.ts'],
		rules: { 'no-console': 'off' },
	},
];
