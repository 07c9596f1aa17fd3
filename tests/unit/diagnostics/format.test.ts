import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';
import { sortDiagnostics } from '../../../src/lib/diagnostics/diagnostic.ts';
import { formatExcerpt, formatGithub, formatJson, formatLine, formatText } from '../../../src/lib/diagnostics/format.ts';
import { createSourceFile } from '../../../src/lib/diagnostics/source-file.ts';

const file = createSourceFile('changes/redis-pool.md', '---\ntitle: x\npropagation:\n  prod: pending\n---\n');
const problem: Diagnostic = {
	file: 'changes/redis-pool.md',
	line: 4,
	column: 3,
	endLine: 4,
	endColumn: 7,
	severity: 'error',
	code: 'unknown-environment',
	message: '"prod" is not an environment (did you mean "production"?)',
};

/** 400 characters of distinct words: column 300 starts `w059`. */
const longLine = `see ${Array.from({ length: 80 }, (_, i) => `w${String(i).padStart(3, '0')}`).join(' ')}`.slice(0, 400);

/** The excerpt of an error on a one-line file: the shown text, and where the caret sits in it and how wide it is. */
function excerptOf(line: string, column: number, endColumn = column + 1) {
	const source = createSourceFile('notes.md', `${line}\n`);
	const raw = formatExcerpt({ ...problem, file: 'notes.md', line: 1, column, endLine: 1, endColumn }, source);
	const [textLine = '', caretLine = ''] = raw.split('\n');
	const gutter = '  1 | ';
	expect(textLine.startsWith(gutter) && caretLine.startsWith('    | ')).toBe(true);
	const carets = caretLine.slice(gutter.length);
	return { raw, excerpt: textLine.slice(gutter.length), caret: { index: carets.indexOf('^'), width: carets.trim().length } };
}

describe('diagnostic formatting', () => {
	it('prints the clickable one-line form', () => {
		expect(formatLine(problem)).toBe(
			'changes/redis-pool.md:4:3 error unknown-environment: "prod" is not an environment (did you mean "production"?)',
		);
	});

	it('prints a source excerpt with a caret under the span', () => {
		expect(formatExcerpt(problem, file)).toBe('  4 |   prod: pending\n    |   ^^^^');
	});

	it('masks a sensitive span in the excerpt', () => {
		const secretFile = createSourceFile('environments/dev.yaml', 'db:\n  password: hunter2hunter2\n');
		const excerpt = formatExcerpt(
			{ ...problem, file: 'environments/dev.yaml', line: 2, column: 13, endColumn: 27, sensitive: true },
			secretFile,
		);
		expect(excerpt).not.toContain('hunter2');
		expect(excerpt).toContain('password: **************');
	});

	it('keeps the caret under column 300 of a 400-character line', () => {
		const { excerpt, caret } = excerptOf(longLine, 300, 304);
		expect(longLine.slice(299, 303)).toBe('w059');
		expect(excerpt.slice(caret.index, caret.index + 4)).toBe('w059');
		expect(caret.width).toBe(4);
		expect(excerpt).toContain(longLine.slice(259, 340));
	});

	it('shows the start of a long line uncut when the error is near its start', () => {
		const { excerpt, caret } = excerptOf(longLine, 11, 15);
		expect(excerpt.slice(caret.index, caret.index + 4)).toBe(longLine.slice(10, 14));
		expect(excerpt.startsWith(longLine.slice(0, 200))).toBe(true);
		expect(excerpt.endsWith('…')).toBe(true);
	});

	it('shows the end of a long line with the caret under an error near its end', () => {
		const { excerpt, caret } = excerptOf(longLine, 396, 400);
		expect(excerpt.slice(caret.index, caret.index + 4)).toBe(longLine.slice(395, 399));
		expect(excerpt.startsWith('…')).toBe(true);
		expect(excerpt.endsWith(longLine.slice(200))).toBe(true);
	});

	it('keeps the caret under its column on a line that fits whole', () => {
		const line = `${'a'.repeat(229)}TARGET`;
		const { excerpt, caret } = excerptOf(line, 230, 236);
		expect(excerpt).toBe(line);
		expect(caret.index).toBe(229);
		expect(caret.width).toBe(6);
	});

	it('puts the caret past the last character for a column past the end of a long line', () => {
		const justPast = excerptOf(longLine, 401);
		expect(justPast.excerpt.endsWith(longLine.slice(300))).toBe(true);
		expect(justPast.caret.index).toBe(justPast.excerpt.length);
		const fivePast = excerptOf(longLine, 405);
		expect(fivePast.excerpt.endsWith(longLine.slice(300))).toBe(true);
		expect(fivePast.caret.index).toBe(fivePast.excerpt.length + 4);
		expect(fivePast.caret.width).toBe(1);
		const farPast = excerptOf(longLine, 1000);
		expect(farPast.excerpt.endsWith(longLine.slice(300))).toBe(true);
		expect(farPast.caret.index).toBe(farPast.excerpt.length + 599);
	});

	it('lines the caret up under its column after tabs on a long line', () => {
		const line = `\tkey:\t\t${'a'.repeat(290)}TARGET${'b'.repeat(100)}`;
		const column = line.indexOf('TARGET') + 1;
		expect(column).toBe(298);
		const { excerpt, caret, raw } = excerptOf(line, column, column + 6);
		expect(excerpt.slice(caret.index, caret.index + 6)).toBe('TARGET');
		expect(caret.width).toBe(6);
		expect(raw).not.toContain('\t');
	});

	it('clips the underline of a span that runs past the cut end of a long line', () => {
		const { excerpt, caret } = excerptOf(longLine, 151, 351);
		expect(excerpt.endsWith('…')).toBe(true);
		expect(caret.index).toBe(150);
		expect(caret.index + caret.width).toBe(excerpt.length - 1);
	});

	it('keeps astral characters whole where a long line is cut', () => {
		// The first line's window would start on the second half of an emoji, the second line's would end on the first half of one.
		for (const line of [`x${'😀'.repeat(200)}-TARGET${'😀'.repeat(100)}`, `${'😀'.repeat(200)}TARGET-${'😀'.repeat(100)}`]) {
			const column = line.indexOf('TARGET') + 1;
			const { excerpt, caret, raw } = excerptOf(line, column, column + 6);
			expect(excerpt.slice(caret.index, caret.index + 6)).toBe('TARGET');
			expect(excerpt).toMatch(/^…😀.*😀…$/u);
			expect(raw).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
		}
	});

	it('ends the text form with a summary', () => {
		expect(
			formatText([problem], new Map([[file.path, file]]), 3)
				.trim()
				.split('\n')
				.at(-1),
		).toBe('1 error, 0 warnings in 3 files');
	});

	it('escapes GitHub annotation data and properties', () => {
		const out = formatGithub([{ ...problem, file: 'a,b:c.md', message: '100% sure\nnext line' }], 1);
		expect(out.split('\n')[0]).toBe(
			'::error file=a%2Cb%3Ac.md,line=4,col=3,endColumn=7,title=envparity unknown-environment::100%25 sure%0Anext line',
		);
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
