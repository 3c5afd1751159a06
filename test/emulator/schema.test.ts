// dev/emulator/schema.ts is generated from the vendored reference (test/fixtures/reference); catch drift.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DEFAULT_REFERENCE_PATH, projectReference, renderSchemaModule } from '../../dev/emulator/generateSchema';
import { SCHEMA } from '../../dev/emulator/schema';
import { ENUMS } from '../../dev/emulator/validateRequest';

describe('dev/emulator/schema.ts', () => {
	it('matches the reference API description', () => {
		const reference = JSON.parse(fs.readFileSync(DEFAULT_REFERENCE_PATH, 'utf8'));
		expect(SCHEMA).toEqual(projectReference(reference));
	});

	it('is exactly what the generator writes (regenerate: npx ts-node dev/emulator/generateSchema.ts)', () => {
		const reference = JSON.parse(fs.readFileSync(DEFAULT_REFERENCE_PATH, 'utf8'));
		const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'dev', 'emulator', 'schema.ts'), 'utf8');
		expect(committed).toBe(renderSchemaModule(projectReference(reference)));
	});

	it('serves the 16 actions, each with an input object present in the schema', () => {
		expect(Object.keys(SCHEMA.actions)).toHaveLength(16);
		for (const a of Object.values(SCHEMA.actions)) {
			expect(SCHEMA.objects[a.input]).toBeDefined();
			expect(SCHEMA.objects[a.output]).toBeDefined();
		}
	});

	it('every object-typed member refers to a known object', () => {
		const scalar = /^(string|bool|u?int\d*)$/;
		for (const [name, members] of Object.entries(SCHEMA.objects)) {
			for (const m of members) {
				if (!scalar.test(m.member)) expect([name, m.name, SCHEMA.objects[m.member] !== undefined]).toEqual([name, m.name, true]);
			}
		}
	});

	it('the enumerations name existing string members', () => {
		for (const key of Object.keys(ENUMS)) {
			const [object, member] = key.split('.');
			expect(SCHEMA.objects[object]?.find((m) => m.name === member)?.type).toBe('string');
		}
	});
});
