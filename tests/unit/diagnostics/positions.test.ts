import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../../src/lib/load/front-matter.ts';
import { createSourceFile, positionAt } from '../../../src/lib/diagnostics/source-file.ts';
import { locate } from '../../../src/lib/diagnostics/positions.ts';
import { parseYamlSource } from '../../../src/lib/load/yaml-source.ts';

const text =
	'---\ntitle: Redis pool\npropagation:\n  dev: { status: applied, date: 2024-01-22 }\n  production: pending\nlist:\n  - a\n  - b\n---\nBody text\n';

function source() {
	const file = createSourceFile('changes/x.md', text);
	const parts = splitFrontMatter(text)!;
	return parseYamlSource(file, parts.yaml, parts.yamlOffset).source;
}

describe('front matter', () => {
	it('splits YAML from the body with offsets into the file', () => {
		const parts = splitFrontMatter(text)!;
		expect(text.slice(parts.yamlOffset, parts.yamlOffset + 5)).toBe('title');
		expect(parts.body).toBe('Body text\n');
		expect(text.slice(parts.bodyOffset)).toBe('Body text\n');
	});

	it('returns null when the file does not open with ---', () => {
		expect(splitFrontMatter('# Title\n---\n')).toBeNull();
	});

	it('accepts Windows line endings', () => {
		expect(splitFrontMatter('---\r\ntitle: x\r\n---\r\nBody')!.body).toBe('Body');
	});
});

describe('locating a YAML path in the file', () => {
	it('finds a value, counting lines from the top of the Markdown file', () => {
		expect(locate(source(), ['propagation', 'dev', 'date'])).toEqual({ line: 4, column: 33, endLine: 4, endColumn: 43 });
	});

	it('finds a key', () => {
		expect(locate(source(), ['propagation', 'production'], 'key')).toMatchObject({ line: 5, column: 3 });
	});

	it('points at the scalar when a map was expected (short form)', () => {
		expect(locate(source(), ['propagation', 'production', 'status'])).toMatchObject({ line: 5, column: 15 });
	});

	it('points at the parent key for a missing field', () => {
		expect(locate(source(), ['propagation', 'dev', 'by'])).toMatchObject({ line: 4, column: 3 });
	});

	it('finds a list item by index', () => {
		expect(locate(source(), ['list', 1])).toMatchObject({ line: 8, column: 5 });
	});

	it('points at the top of the document for a missing top-level field', () => {
		expect(locate(source(), ['reason'])).toMatchObject({ line: 2, column: 1 });
	});

	it('finds the first of two pairs with one key, as a search from the top does', () => {
		const text = 'a: 1\nb: 2\na: 3\n';
		const yaml = parseYamlSource(createSourceFile('environments/x.yaml', text), text, 0).source;
		expect(locate(yaml, ['a'])).toMatchObject({ line: 1, column: 4 });
	});

	it('locates every key of a map of 40,000 keys through an index, not a search per key', () => {
		const count = 40_000;
		const text = `settings:\n${Array.from({ length: count }, (_, i) => `  key${i}: ${i}`).join('\n')}\n`;
		const yaml = parseYamlSource(createSourceFile('environments/x.yaml', text), text, 0).source;
		let last;
		for (let i = 0; i < count; i++) last = locate(yaml, ['settings', `key${i}`], 'key');
		expect(last).toMatchObject({ line: count + 1, column: 3 });
	});

	it('converts offsets to 1-based lines and columns', () => {
		const file = createSourceFile('a', 'ab\ncd\n');
		expect(positionAt(file, 0)).toEqual({ line: 1, column: 1 });
		expect(positionAt(file, 4)).toEqual({ line: 2, column: 2 });
	});
});
