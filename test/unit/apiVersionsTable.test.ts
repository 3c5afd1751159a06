// credentials/common/tencentCloudApiVersions.ts is generated from ../shared/reference; catch drift.
import * as fs from 'node:fs';

import { TENCENT_CLOUD_API_VERSIONS } from '../../credentials/common/tencentCloudApiVersions';
import {
	findApiVersionsReference,
	GENERATED_API_VERSIONS_FILE,
	projectApiVersions,
	renderApiVersionsModule,
} from '../../dev/generateApiVersions';

const referencePath = findApiVersionsReference();

describe('credentials/common/tencentCloudApiVersions.ts', () => {
	(referencePath ? it : it.skip)('holds exactly the services and versions of the reference', () => {
		const reference = JSON.parse(fs.readFileSync(referencePath!, 'utf8')) as { services: Record<string, string[]> };
		expect(TENCENT_CLOUD_API_VERSIONS).toEqual(reference.services);
	});

	(referencePath ? it : it.skip)('is exactly what the generator writes (regenerate: npm run generate:api-versions)', () => {
		const reference: unknown = JSON.parse(fs.readFileSync(referencePath!, 'utf8'));
		expect(fs.readFileSync(GENERATED_API_VERSIONS_FILE, 'utf8')).toBe(renderApiVersionsModule(reference));
	});

	it('the generator refuses a reference without valid versions', () => {
		expect(() => projectApiVersions({ services: { cvm: [] } })).toThrow('no valid versions for service "cvm"');
		expect(() => projectApiVersions({ services: { cvm: ['latest'] } })).toThrow('no valid versions for service "cvm"');
		expect(() => projectApiVersions({})).toThrow('no "services" object');
	});
});
