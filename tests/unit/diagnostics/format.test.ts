import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';
import { sortDiagnostics } from '../../../src/lib/diagnostics/diagnostic.ts';
import { formatExcerpt, formatGithub, formatJson, formatLine, formatText } from '../../../src/lib/diagnostics/format.ts';
import { createSourceFile } from '../../../src/lib/diagnostics/source-file.ts';
import { fake } from '../../helpers/fake-secrets.ts';

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

	it('masks a secret in the excerpt of another diagnostic on the same line', () => {
		const text = 'settings:\n  stripe: { key: "' + fake.stripeSecret + '" }\n';
		const source = createSourceFile('environments/production.yaml', text);
		const column = text.split('\n')[1]!.indexOf(fake.stripeSecret) + 1;
		const secret: Diagnostic = {
			file: source.path,
			line: 2,
			column,
			endLine: 2,
			endColumn: column + fake.stripeSecret.length,
			severity: 'error',
			code: 'secret-value',
			message: 'this looks like a Stripe secret key',
			sensitive: true,
			secret: fake.stripeSecret,
		};
		const missing: Diagnostic = {
			file: source.path,
			line: 2,
			column: 3,
			endLine: 2,
			endColumn: 9,
			severity: 'warning',
			code: 'missing-setting',
			message: '"stripe.key" is missing from dev',
		};
		const out = formatText([missing, secret], new Map([[source.path, source]]), 1);
		expect(out).not.toContain(fake.stripeSecret);
		expect(out).toContain(`  2 |   stripe: { key: "${'*'.repeat(fake.stripeSecret.length)}" }\n    |   ^^^^^^`);
	});

	it('masks a secret that another message quotes, in every format', () => {
		const source = createSourceFile('environments/dev.yaml', 'db:\n  password: hunter2hunter2\n');
		const secret: Diagnostic = {
			...problem,
			file: source.path,
			line: 2,
			column: 13,
			endLine: 2,
			endColumn: 27,
			code: 'secret-literal',
			message: 'a literal',
			sensitive: true,
			secret: 'hunter2hunter2',
		};
		const drift: Diagnostic = {
			...problem,
			file: source.path,
			line: 2,
			column: 3,
			severity: 'warning',
			code: 'undocumented-drift',
			message: '"db.password" differs (dev=hunter2hunter2, staging=other)',
		};
		const files = new Map([[source.path, source]]);
		for (const out of [formatText([drift, secret], files, 1), formatJson([drift, secret], 1), formatGithub([drift, secret], 1)]) {
			expect(out).not.toContain('hunter2hunter2');
			expect(out).toContain('dev=hunt… (14 characters)');
		}
	});

	it('lists the errors before the warnings in text, each in file and line order', () => {
		const source = createSourceFile('a.yaml', 'a: 1\nb: 2\nc: 3\n');
		const at = (line: number, severity: Diagnostic['severity'], file = 'a.yaml'): Diagnostic => ({
			...problem,
			file,
			line,
			column: 1,
			endLine: line,
			endColumn: 2,
			severity,
		});
		const out = formatText(
			sortDiagnostics([at(1, 'warning'), at(2, 'error'), at(3, 'warning'), at(1, 'error', 'b.yaml'), at(2, 'warning', 'b.yaml')]),
			new Map([['a.yaml', source]]),
			2,
		);
		const heads = out
			.split('\n')
			.filter((line) => / (error|warning) /.test(line))
			.map((line) => line.split(' ').slice(0, 2).join(' '));
		expect(heads).toEqual(['a.yaml:2:1 error', 'b.yaml:1:1 error', 'a.yaml:1:1 warning', 'a.yaml:3:1 warning', 'b.yaml:2:1 warning']);
		expect(out.trimEnd().split('\n').at(-1)).toBe('2 errors, 3 warnings in 2 files');
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
