// The credential and the emulator each hold a table generated from the vendored reference; catch drift.
import * as fs from 'node:fs';

import { TENCENT_CLOUD_API_VERSIONS as CREDENTIAL_TABLE } from '../../credentials/common/tencentCloudApiVersions';
import { TENCENT_CLOUD_API_VERSIONS as EMULATOR_TABLE } from '../../dev/emulator/tencentCloudApiVersions';
import {
	API_VERSIONS_REFERENCE,
	GENERATED_API_VERSIONS_FILES,
	projectApiVersions,
	renderApiVersionsModule,
} from '../../dev/generateApiVersions';

const reference = JSON.parse(fs.readFileSync(API_VERSIONS_REFERENCE, 'utf8')) as { services: Record<string, string[]> };

describe.each([
	['credentials/common/tencentCloudApiVersions.ts', CREDENTIAL_TABLE, GENERATED_API_VERSIONS_FILES[0]],
	['dev/emulator/tencentCloudApiVersions.ts', EMULATOR_TABLE, GENERATED_API_VERSIONS_FILES[1]],
])('%s', (_name, table, file) => {
	it('holds exactly the services and versions of the reference', () => {
		expect(table).toEqual(reference.services);
	});

	it('is exactly what the generator writes (regenerate: npm run generate:api-versions)', () => {
		expect(fs.readFileSync(file, 'utf8')).toBe(renderApiVersionsModule(reference));
	});
});

it('the generator refuses a reference without valid versions', () => {
	expect(() => projectApiVersions({ services: { cvm: [] } })).toThrow('no valid versions for service "cvm"');
	expect(() => projectApiVersions({ services: { cvm: ['latest'] } })).toThrow('no valid versions for service "cvm"');
	expect(() => projectApiVersions({})).toThrow('no "services" object');
});
