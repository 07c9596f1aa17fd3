import { lineText, type SourceFile } from './source-file.ts';
import { summarize, type Diagnostic } from './diagnostic.ts';
import { secretMask, type SecretMask } from './secret-mask.ts';

/** `file:line:col severity code: message`, the clickable one-line form. */
export function formatLine(d: Diagnostic): string {
	return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`;
}

/**
 * The source line under a diagnostic with a caret under its span; a long line is cut to a window around
 * the column. Every secret on the line is masked: the spans and values of the secrets in `mask` (by
 * default, the diagnostic's own span when it is sensitive).
 */
export function formatExcerpt(d: Diagnostic, file: SourceFile | undefined, mask: SecretMask = secretMask([d])): string {
	if (!file) return '';
	// A tab becomes one space, so each character of the line, tab or not, takes one column of the caret line.
	const text = mask.line(d.file, d.line, lineText(file, d.line)).replace(/\t/g, ' ');
	if (text.trim() === '' && d.line > file.lineStarts.length) return '';
	const start = Math.max(0, d.column - 1);
	const end =
		d.endLine === d.line && d.endColumn !== undefined && d.endColumn > d.column
			? d.endColumn - 1
			: d.endLine !== undefined && d.endLine > d.line
				? text.length
				: start + 1;
	// A column past the end of the line keeps its place after the last character, as if the line ran on in blanks.
	const lineEnd = Math.max(text.length, start + 1);
	const spanEnd = Math.max(start + 1, Math.min(end, lineEnd));
	const { from, to } = excerptWindow(text, start, lineEnd);
	const head = from > 0 ? '…' : '';
	const shown = head + text.slice(from, to) + (to < text.length ? '…' : '');
	const visibleEnd = to < text.length ? to : lineEnd;
	const caret = ' '.repeat(head.length + start - from) + '^'.repeat(Math.max(1, Math.min(spanEnd, visibleEnd) - start));
	const gutter = String(d.line);
	const pad = ' '.repeat(gutter.length);
	return `  ${gutter} | ${shown}\n  ${pad} | ${caret}`;
}

/** Characters of a line an excerpt shows at most; a longer line is cut, and each cut end marked with `…`. */
const EXCERPT_WIDTH = 240;
/** A column up to this index keeps the start of a long line: only its end is cut. */
const UNCUT_START = 200;
/** Characters shown before the column when the start of a line is cut. */
const CONTEXT_BEFORE = 120;

/**
 * The part of a line an excerpt shows, `[from, to)` in UTF-16 units, always holding the column at
 * `start`: the whole line when it fits; else its first EXCERPT_WIDTH characters when the column is
 * near the start; else a window around the column, ending with the line (or with the column past
 * its end) when the column is near the end. A column far past the end still shows the end of the
 * line, its caret further out. A surrogate pair at a cut is kept whole.
 */
function excerptWindow(text: string, start: number, lineEnd: number): { from: number; to: number } {
	// Math.max(0, text.length - CONTEXT_BEFORE) keeps the end of the line in view when the column lies far past it.
	let from =
		lineEnd > EXCERPT_WIDTH && start > UNCUT_START
			? Math.min(start - CONTEXT_BEFORE, lineEnd - EXCERPT_WIDTH, Math.max(0, text.length - CONTEXT_BEFORE))
			: 0;
	let to = Math.min(text.length, from + EXCERPT_WIDTH);
	if (from > 0 && isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) from--;
	if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1)) && isLowSurrogate(text.charCodeAt(to))) to++;
	return { from, to };
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/** The closing summary line of a check. */
export function formatSummary(problems: readonly Diagnostic[], fileCount: number): string {
	const { errors, warnings } = summarize(problems);
	const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
	return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(fileCount, 'file')}`;
}

/**
 * Every problem with its excerpt, then the summary: the errors first, then the warnings, each in file
 * and line order, so that a few errors are not lost among many warnings. Secrets are masked.
 */
export function formatText(problems: readonly Diagnostic[], files: ReadonlyMap<string, SourceFile>, fileCount: number): string {
	const mask = secretMask(problems);
	const ordered = [...problems.filter((d) => d.severity === 'error'), ...problems.filter((d) => d.severity !== 'error')];
	const blocks = ordered.map((d) => {
		const line = mask.text(formatLine(d));
		const excerpt = formatExcerpt(d, files.get(d.file), mask);
		return excerpt ? `${line}\n${excerpt}` : line;
	});
	return [...blocks, formatSummary(problems, fileCount)].join('\n\n') + '\n';
}

/** `{ problems, summary }` as printed by `check --format json`; secrets are masked. */
export function formatJson(problems: readonly Diagnostic[], fileCount: number): string {
	const mask = secretMask(problems);
	const { errors, warnings } = summarize(problems);
	const list = problems.map((d) => ({
		file: d.file,
		line: d.line,
		column: d.column,
		...(d.endLine !== undefined ? { endLine: d.endLine, endColumn: d.endColumn } : {}),
		severity: d.severity,
		code: d.code,
		message: mask.text(d.message),
	}));
	return `${JSON.stringify({ problems: list, summary: { errors, warnings, files: fileCount } }, null, 2)}\n`;
}

/** GitHub Actions workflow commands, one annotation per problem; secrets are masked. */
export function formatGithub(problems: readonly Diagnostic[], fileCount: number, prefix = ''): string {
	const mask = secretMask(problems);
	const lines = problems.map((d) => {
		const props = [`file=${escapeProperty(prefix + d.file)}`, `line=${d.line}`, `col=${d.column}`];
		if (d.endLine !== undefined && d.endLine === d.line && d.endColumn !== undefined) props.push(`endColumn=${d.endColumn}`);
		props.push(`title=${escapeProperty(`envparity ${d.code}`)}`);
		return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(mask.text(d.message))}`;
	});
	return [...lines, formatSummary(problems, fileCount)].join('\n') + '\n';
}

function escapeData(text: string): string {
	return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
	return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
