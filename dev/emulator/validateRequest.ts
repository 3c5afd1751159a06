// Body validation driven by the reference request objects (emulator/schema.ts), plus the
// documented enumerations. Paths in messages look like `CollectorNormalFilters.0.Protocol`.
import { apiError } from './apiError';
import type { SchemaMember } from './generateSchema';
import { SCHEMA } from './schema';

/** Documented valid values, keyed by `<ObjectName>.<Member>`. */
export const ENUMS: Record<string, readonly string[]> = {
	'CreateTrafficMirrorRequest.Type': ['VPC', 'PUBLICIP'],
	'CreateTrafficMirrorRequest.State': ['RUNNING', 'STOPED'],
	'CreateTrafficMirrorRequest.Direction': ['EGRESS', 'INGRESS', 'ALL'],
	'UpdateTrafficMirrorAllFilterRequest.Direction': ['EGRESS', 'INGRESS', 'ALL'],
	'UpdateTrafficMirrorDirectionRequest.Direction': ['EGRESS', 'INGRESS', 'ALL'],
	'TrafficMirrorTarget.TargetType': ['IP', 'ENI', 'CLB'],
	'TrafficMirrorTarget.AlgHash': ['ENI', 'FIVE_TUPLE_FLOW'],
	'TrafficMirrorFilter.Protocol': ['ALL', 'TCP', 'UDP', 'ICMP', 'ICMPv6'],
};

/** `member` of a list field: a scalar type name (string, bool, int64, uint64) or an object name. */
function isScalarMember(memberType: string): boolean {
	return memberType === 'string' || memberType === 'bool' || /^u?int\d*$/.test(memberType);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function join(path: string, name: string | number): string {
	return path ? `${path}.${name}` : String(name);
}

/** Checks one scalar (member type of a `string`/`int`/`bool` field or list item). */
function checkScalar(value: unknown, memberType: string, type: string, path: string): void {
	if (type === 'string') {
		if (typeof value !== 'string') {
			throw apiError('InvalidParameter', `The type of parameter \`${path}\` must be String, got ${describe(value)}.`);
		}
		return;
	}
	if (type === 'bool') {
		if (typeof value !== 'boolean') {
			throw apiError('InvalidParameter', `The type of parameter \`${path}\` must be Boolean, got ${describe(value)}.`);
		}
		return;
	}
	// int: JSON numbers only, integral; uint64 also non-negative.
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw apiError('InvalidParameter', `The type of parameter \`${path}\` must be Integer, got ${describe(value)}.`);
	}
	if (!Number.isInteger(value)) {
		throw apiError('InvalidParameter', `The type of parameter \`${path}\` must be Integer, got ${value}.`);
	}
	if (memberType.startsWith('uint') && value < 0) {
		throw apiError('InvalidParameterValue', `The value of parameter \`${path}\` must not be negative.`);
	}
}

function checkEnum(objectName: string, member: SchemaMember, value: unknown, path: string): void {
	const allowed = ENUMS[`${objectName}.${member.name}`];
	if (allowed && typeof value === 'string' && !allowed.includes(value)) {
		throw apiError(
			'InvalidParameterValue',
			`The value \`${value}\` of parameter \`${path}\` is invalid. Valid values: ${allowed.join(', ')}.`,
		);
	}
}

function checkValue(objectName: string, member: SchemaMember, value: unknown, path: string): void {
	if (member.type === 'list') {
		if (!Array.isArray(value)) {
			throw apiError('InvalidParameter', `The type of parameter \`${path}\` must be Array, got ${describe(value)}.`);
		}
		value.forEach((item, i) => {
			const itemPath = join(path, i);
			if (isScalarMember(member.member)) {
				checkScalar(item, member.member, scalarTypeOf(member.member), itemPath);
			} else {
				validateObject(member.member, item, itemPath);
			}
		});
		return;
	}
	if (member.type === 'object') {
		validateObject(member.member, value, path);
		return;
	}
	checkScalar(value, member.member, member.type, path);
	checkEnum(objectName, member, value, path);
}

function scalarTypeOf(memberType: string): string {
	if (memberType === 'string' || memberType === 'bool') return memberType;
	return 'int';
}

/** Validates `value` against reference object `objectName`: unknown → missing → per-member types and enums. */
export function validateObject(objectName: string, value: unknown, path = ''): void {
	const members = SCHEMA.objects[objectName];
	if (!members) throw new Error(`schema has no object ${objectName}`);
	if (!isPlainObject(value)) {
		const what = path ? `parameter \`${path}\`` : 'the request body';
		throw apiError('InvalidParameter', `The type of ${what} must be Object, got ${describe(value)}.`);
	}
	const known = new Map(members.map((m) => [m.name, m]));
	for (const key of Object.keys(value)) {
		if (!known.has(key)) {
			throw apiError('UnknownParameter', `The parameter \`${join(path, key)}\` is not recognized.`);
		}
	}
	for (const m of members) {
		if (m.required && value[m.name] === undefined) {
			throw apiError('MissingParameter', `The request is missing a required parameter \`${join(path, m.name)}\`.`);
		}
	}
	for (const m of members) {
		const v = value[m.name];
		if (v === undefined) continue;
		checkValue(objectName, m, v, join(path, m.name));
	}
}

/** Validates a parsed request body for an action known to the schema. */
export function validateRequest(action: string, body: unknown): void {
	const spec = SCHEMA.actions[action];
	if (!spec) throw new Error(`schema has no action ${action}`);
	validateObject(spec.input, body);
}
