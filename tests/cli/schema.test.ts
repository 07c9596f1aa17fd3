import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/lib/load/front-matter.ts';
import { formatJsonSchema, jsonSchemas } from '../../src/lib/schema/json-schemas.ts';
import { analyzeFiles, baseline } from '../helpers/repo.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ajv = new Ajv({ allErrors: true, strict: false });
const validators: Record<string, ValidateFunction> = Object.fromEntries(
	Object.entries(jsonSchemas()).map(([name, schema]) => [name, ajv.compile(schema)]),
);

/** Which schema a content file is validated with, and its YAML data. */
function dataOf(path: string, text: string): { schema: string; data: unknown } {
	if (path === 'envparity.config.yaml') return { schema: 'config.schema.json', data: parse(text) };
	if (path === 'environments/differences.yaml') return { schema: 'differences.schema.json', data: parse(text) };
	if (path.startsWith('environments/')) return { schema: 'environment.schema.json', data: parse(text) };
	const kind = path.split('/')[0]!.replace(/s$/, '');
	return { schema: `${kind}.schema.json`, data: parse(splitFrontMatter(text)!.yaml) };
}

describe('JSON Schemas for editors', () => {
	it('are committed under schemas/ and up to date (run "npx envparity schema" after changing a schema)', () => {
		for (const [name, schema] of Object.entries(jsonSchemas())) {
			expect(readFileSync(join(ROOT, 'schemas', name), 'utf8'), name).toBe(formatJsonSchema(schema));
		}
	});

	it('describe every field with an example', () => {
		const environment = jsonSchemas()['environment.schema.json'] as {
			properties: Record<string, { description?: string; examples?: unknown[] }>;
		};
		for (const [field, property] of Object.entries(environment.properties)) {
			expect(property.description, field).toBeTruthy();
			expect(property.examples?.length, field).toBeGreaterThan(0);
		}
	});

	it('accept every file of the example content, as the engine does', () => {
		const files = [
			'envparity.config.yaml',
			...['environments', 'changes', 'issues', 'runbooks'].flatMap((dir) => readdirSync(join(ROOT, dir)).map((f) => `${dir}/${f}`)),
		];
		expect(files.length).toBeGreaterThan(15);
		for (const path of files) {
			const { schema, data } = dataOf(path, readFileSync(join(ROOT, path), 'utf8'));
			const valid = validators[schema]!(data);
			expect(valid ? [] : validators[schema]!.errors, path).toEqual([]);
		}
	});

	const cases: [string, string, string, string, string][] = [
		['an unknown field', 'environments/staging.yaml', 'name: Staging', 'name: Staging\nownr: "@bob"', 'ownr'],
		['a missing required field', 'changes/redis-pool.md', 'reason: Memory optimisation\n', '', 'reason'],
		['a wrong type', 'issues/payment-timeout.md', 'environments: [production]', 'environments: production', 'environments'],
		['a value outside the allowed ones', 'environments/differences.yaml', 'risk: medium', 'risk: severe', 'risk'],
		[
			'a malformed date',
			'runbooks/payment-timeout.md',
			'environments: [production]',
			'environments: [production]\nreview_by: 2024-1-5',
			'review_by',
		],
		[
			'a misspelt propagation status',
			'changes/redis-pool.md',
			'production: { status: applied, date: 2024-02-22 }',
			'production: { status: aplied, date: 2024-02-22 }',
			'status',
		],
	];
	for (const [what, path, from, to, field] of cases) {
		it(`rejects ${what} for the same field the engine names`, () => {
			const files = baseline();
			files[path] = files[path]!.replace(from, to);
			const problems = analyzeFiles(files).problems.filter((p) => p.severity === 'error');
			expect(problems.length, 'engine').toBeGreaterThan(0);
			expect(problems[0]!.message).toContain(`"${field}"`);
			const { schema, data } = dataOf(path, files[path]!);
			expect(validators[schema]!(data), 'schema').toBe(false);
			const named = validators[schema]!.errors!.map(
				(e) =>
					(e.params as { additionalProperty?: string; missingProperty?: string }).additionalProperty ??
					(e.params as { missingProperty?: string }).missingProperty ??
					e.instancePath.split('/').at(-1),
			);
			expect(named).toContain(field);
		});
	}
});
