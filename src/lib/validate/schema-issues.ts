import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { DiagnosticCode } from '../diagnostics/codes.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import { diagnosticAt, type YamlPath, type YamlSource } from '../diagnostics/positions.ts';
import { DATE_MESSAGE } from '../schema/shared.ts';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Validates data against a schema, turning every zod issue into a located diagnostic. */
export function validateAgainst<S extends AnySchema>(
	schema: S,
	data: unknown,
	source: YamlSource,
	what: string,
	basePath: YamlPath = [],
): { value?: z.output<S>; diagnostics: Diagnostic[] } {
	const result = (schema as unknown as z.ZodType).safeParse(data);
	if (result.success) return { value: result.data as z.output<S>, diagnostics: [] };
	const diagnostics = result.error.issues.flatMap((issue) => describeIssue(issue as Issue, [], { schema, data, source, what, basePath }));
	return { diagnostics };
}

interface Context {
	schema: AnySchema;
	data: unknown;
	source: YamlSource;
	what: string;
	basePath: YamlPath;
}

function describeIssue(issue: Issue, prefix: PropertyKey[], ctx: Context): Diagnostic[] {
	const path = [...prefix, ...issue.path].filter((p): p is string | number => typeof p !== 'symbol');
	const at = (code: DiagnosticCode, message: string, part: 'key' | 'value' = 'value', extra: YamlPath = []): Diagnostic =>
		diagnosticAt(ctx.source, [...ctx.basePath, ...path, ...extra], 'error', code, message, part);
	const field = fieldName(path, ctx.what);
	const actual = valueAt(ctx.data, path);
	switch (issue.code) {
		case 'unrecognized_keys': {
			const known = knownKeys(ctx.schema, path);
			return issue.keys.map((key) =>
				at(
					'unknown-field',
					`"${key}" is not a field of ${ownerName(path, ctx.what)}${didYouMean(key, known)}; remove it or use one of: ${known.join(', ')}.`,
					'key',
					[key],
				),
			);
		}
		case 'invalid_type': {
			if (actual === undefined) {
				return [at('missing-field', `${field} is required but missing; add it to ${ownerName(path.slice(0, -1), ctx.what)}.`)];
			}
			return [
				at(
					'invalid-type',
					`${field} must be ${article(issue.expected)}, not ${describeValue(actual)}${issue.message.startsWith('expected') ? ` (${issue.message})` : ''}.`,
				),
			];
		}
		case 'invalid_value': {
			const allowed = issue.values.map(String);
			const shown = typeof actual === 'string' ? `"${actual}"` : describeValue(actual);
			const hint = typeof actual === 'string' ? didYouMean(actual, allowed) : '';
			return [at('invalid-value', `${shown} is not a valid ${field}${hint}; use one of: ${allowed.join(', ')}.`)];
		}
		case 'invalid_union': {
			// Report the branch that matches the value's shape (a bare status vs. a full step).
			// A branch whose issues are all nested accepted the value's shape; prefer it, then any branch
			// that failed for a reason other than the value's type.
			const nested = issue.errors.find((branch) => branch.every((i) => i.path.length > 0));
			const other = issue.errors.find((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
			const branch = nested ?? other;
			if (branch) return branch.flatMap((inner) => describeIssue(inner, path, ctx));
			return [
				at(
					'invalid-type',
					`${field} has the wrong form: ${describeValue(actual)} is neither of the accepted forms; see the format reference in the README.`,
				),
			];
		}
		case 'invalid_format':
		case 'custom': {
			if (issue.message === DATE_MESSAGE) return [at('invalid-date', describeDate(path, ctx, actual))];
			const params = ('params' in issue ? issue.params : undefined) as { code?: DiagnosticCode; fullForm?: string } | undefined;
			const code = params?.code ?? 'invalid-value';
			// Missing-field refinements are whole sentences; the others describe the field.
			if (code === 'missing-field') {
				// A short form that cannot hold the missing field ("dev: applied") shows the full form to write instead.
				const key = path.at(-1);
				const fix = params?.fullForm && typeof key === 'string' ? `; write it in full, e.g. ${key}: ${params.fullForm}` : '';
				return [at(code, `${capitalize(issue.message)}${fix}.`)];
			}
			return [at(code, `${field} ${issue.message}.`)];
		}
		case 'too_small':
			return [at('invalid-value', `${field} ${issue.message}.`)];
		default:
			return [at('invalid-value', `${field} is not valid: ${issue.message}.`)];
	}
}

/**
 * The message of an invalid date, naming the whole field (verified.date, propagation.dev.date) and, when it is written as a
 * date (2024-02-30, 01/02/2024), the value. Any other value is not quoted: a date field is no place for a secret, but one
 * pasted there by mistake must not reach the output.
 */
function describeDate(path: YamlPath, ctx: Context, value: unknown): string {
	// The path within the document, or within the item of a list file ("review_by" in difference 2).
	const dotted = path
		.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
		.join('')
		.replace(/^\./, '');
	const name = `"${dotted}"${ctx.basePath.length > 0 ? ` in ${ctx.what}` : ''}`;
	const example = 'write the year, the month and the day, e.g. 2024-01-22';
	if (typeof value !== 'string' || !/^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$/.test(value))
		return `${name} is not a date written YYYY-MM-DD; ${example}.`;
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${name} is "${value}", which is not a real date; check the month and the day.`;
	return `${name} is "${value}", which is not written YYYY-MM-DD; ${example}.`;
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function fieldName(path: YamlPath, what: string): string {
	const last = [...path].reverse().find((p) => typeof p === 'string');
	if (last === undefined) return `the ${what}`;
	const index = typeof path.at(-1) === 'number' ? ` (item ${(path.at(-1) as number) + 1})` : '';
	return `"${last}"${index}`;
}

function ownerName(path: YamlPath, what: string): string {
	const parent = [...path].reverse().find((p) => typeof p === 'string');
	return parent === undefined ? what : `"${parent}" in ${what}`;
}

function article(type: string): string {
	const names: Record<string, string> = {
		object: 'a map',
		array: 'a list',
		record: 'a map',
		string: 'a text',
		number: 'a number',
		boolean: 'true or false',
		int: 'a whole number',
	};
	return names[type] ?? `a ${type}`;
}

function describeValue(value: unknown): string {
	if (value === null) return 'empty (null)';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a map';
	if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'boolean') return `${value}`;
	return typeof value;
}

function valueAt(data: unknown, path: YamlPath): unknown {
	let node = data;
	for (const segment of path) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<string | number, unknown>)[segment];
	}
	return node;
}

/** The field names a schema accepts at a path, for did-you-mean suggestions. */
export function knownKeys(schema: AnySchema, path: YamlPath): string[] {
	let node: AnySchema | undefined = schema;
	for (const segment of path) {
		node = unwrap(node);
		if (!node) return [];
		const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
		if (def.type === 'object') node = (def.shape as Record<string, AnySchema>)[segment as string];
		else if (def.type === 'array') node = def.element as AnySchema;
		else if (def.type === 'record') node = def.valueType as AnySchema;
		else return [];
	}
	node = unwrap(node);
	const def = node?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
	return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
	let node = schema;
	for (let i = 0; i < 10 && node; i++) {
		const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
		if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'readonly')
			node = def.innerType as AnySchema;
		else if (def.type === 'pipe') node = def.in as AnySchema;
		else if (def.type === 'union') {
			const objects = (def.options as AnySchema[]).filter((o) => (o._zod.def as { type: string }).type === 'object');
			node = objects[0] ?? node;
			if (!objects[0]) return node;
		} else return node;
	}
	return node;
}
