import { lineText, type SourceFile } from './source-file.ts';
import { summarize, type Diagnostic } from './diagnostic.ts';

/** `file:line:col severity code: message`, the clickable one-line form. */
export function formatLine(d: Diagnostic): string {
	return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`;
}

/** The source line under a diagnostic with a caret under its span; a secret's span is masked. */
export function formatExcerpt(d: Diagnostic, file: SourceFile | undefined): string {
	if (!file) return '';
	let text = lineText(file, d.line).replace(/\t/g, ' ');
	if (text.trim() === '' && d.line > file.lineStarts.length) return '';
	const start = d.column - 1;
	const end = d.endLine === d.line && d.endColumn !== undefined && d.endColumn > d.column ? d.endColumn - 1 : d.endLine !== undefined && d.endLine > d.line ? text.length : start + 1;
	if (d.sensitive) text = text.slice(0, start) + '*'.repeat(Math.max(0, Math.min(end, text.length) - start)) + text.slice(Math.min(end, text.length));
	const width = Math.max(1, Math.min(end, Math.max(text.length, start + 1)) - start);
	const gutter = String(d.line);
	const pad = ' '.repeat(gutter.length);
	return `  ${gutter} | ${truncate(text)}\n  ${pad} | ${' '.repeat(Math.min(start, 200))}${'^'.repeat(Math.min(width, 120))}`;
}

function truncate(text: string): string {
	return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

/** The closing summary line of a check. */
export function formatSummary(problems: readonly Diagnostic[], fileCount: number): string {
	const { errors, warnings } = summarize(problems);
	const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
	return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(fileCount, 'file')}`;
}

/** Every problem with its excerpt, then the summary. */
export function formatText(problems: readonly Diagnostic[], files: ReadonlyMap<string, SourceFile>, fileCount: number): string {
	const blocks = problems.map((d) => {
		const excerpt = formatExcerpt(d, files.get(d.file));
		return excerpt ? `${formatLine(d)}\n${excerpt}` : formatLine(d);
	});
	return [...blocks, formatSummary(problems, fileCount)].join('\n\n') + '\n';
}

/** `{ problems, summary }` as printed by `check --format json`. */
export function formatJson(problems: readonly Diagnostic[], fileCount: number): string {
	const { errors, warnings } = summarize(problems);
	const list = problems.map((d) => ({
		file: d.file, line: d.line, column: d.column,
		...(d.endLine !== undefined ? { endLine: d.endLine, endColumn: d.endColumn } : {}),
		severity: d.severity, code: d.code, message: d.message,
	}));
	return `${JSON.stringify({ problems: list, summary: { errors, warnings, files: fileCount } }, null, 2)}\n`;
}

/** GitHub Actions workflow commands, one annotation per problem. */
export function formatGithub(problems: readonly Diagnostic[], fileCount: number, prefix = ''): string {
	const lines = problems.map((d) => {
		const props = [`file=${escapeProperty(prefix + d.file)}`, `line=${d.line}`, `col=${d.column}`];
		if (d.endLine !== undefined && d.endLine === d.line && d.endColumn !== undefined) props.push(`endColumn=${d.endColumn}`);
		props.push(`title=${escapeProperty(`envparity ${d.code}`)}`);
		return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(d.message)}`;
	});
	return [...lines, formatSummary(problems, fileCount)].join('\n') + '\n';
}

function escapeData(text: string): string {
	return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
	return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
