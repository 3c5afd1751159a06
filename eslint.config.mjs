import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules guard what n8n loads: the published nodes/ and credentials/.
// The emulator, test harness, tests, e2e suite and scripts run under Node or jest and are never
// published, so they may use Node's modules and globals, spawn processes and hold throwaway keys.
const devTooling = ['emulator/**', 'e2e/**', 'harness/**', 'scripts/**', 'test/**'];

export default [
	...config,
	{
		files: devTooling,
		rules: {
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
	{
		// Command-line tools report on the console, and tests print the counts they measured.
		files: ['scripts/**', 'emulator/cli.ts', 'test/**'],
		rules: { 'no-console': 'off' },
	},
];
