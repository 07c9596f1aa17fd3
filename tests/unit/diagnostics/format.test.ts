import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';
import { sortDiagnostics } from '../../../src/lib/diagnostics/diagnostic.ts';
import { formatExcerpt, formatGithub, formatJson, formatLine, formatText } from '../../../src/lib/diagnostics/format.ts';
import { createSourceFile } from '../../../src/lib/diagnostics/source-file.ts';

const file = createSourceFile('changes/redis-pool.md', '---\ntitle: x\npropagation:\n  prod: pending\n---\n');
const problem: Diagnostic = { file: 'changes/redis-pool.md', line: 4, column: 3, endLine: 4, endColumn: 7, severity: 'error', code: 'unknown-environment', message: '"prod" is not an environment (did you mean "production"?)' };

describe('diagnostic formatting', () => {
	it('prints the clickable one-line form', () => {
		expect(formatLine(problem)).toBe('changes/redis-pool.md:4:3 error unknown-environment: "prod" is not an environment (did you mean "production"?)');
	});

	it('prints a source excerpt with a caret under the span', () => {
		expect(formatExcerpt(problem, file)).toBe('  4 |   prod: pending\n    |   ^^^^');
	});

	it('masks a sensitive span in the excerpt', () => {
		const secretFile = createSourceFile('environments/dev.yaml', 'db:\n  password: hunter2hunter2\n');
		const excerpt = formatExcerpt({ ...problem, file: 'environments/dev.yaml', line: 2, column: 13, endColumn: 27, sensitive: true }, secretFile);
		expect(excerpt).not.toContain('hunter2');
		expect(excerpt).toContain('password: **************');
	});

	it('ends the text form with a summary', () => {
		expect(formatText([problem], new Map([[file.path, file]]), 3).trim().split('\n').at(-1)).toBe('1 error, 0 warnings in 3 files');
	});

	it('escapes GitHub annotation data and properties', () => {
		const out = formatGithub([{ ...problem, file: 'a,b:c.md', message: '100% sure\nnext line' }], 1);
		expect(out.split('\n')[0]).toBe('::error file=a%2Cb%3Ac.md,line=4,col=3,endColumn=7,title=envparity unknown-environment::100%25 sure%0Anext line');
	});

	it('prints JSON with a summary', () => {
		expect(JSON.parse(formatJson([problem], 2))).toEqual({ problems: [{ ...problem }], summary: { errors: 1, warnings: 0, files: 2 } });
	});

	it('sorts by file, then line, then column, and removes exact repeats', () => {
		const a = { ...problem, file: 'b.md', line: 1 };
		const b = { ...problem, file: 'a.md', line: 9 };
		const c = { ...problem, file: 'a.md', line: 2 };
		expect(sortDiagnostics([a, b, c, c]).map((d) => `${d.file}:${d.line}`)).toEqual(['a.md:2', 'a.md:9', 'b.md:1']);
	});
});
