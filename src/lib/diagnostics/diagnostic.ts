import type { DiagnosticCode } from './codes.ts';

/** How bad a problem is: errors fail `check` and the build, warnings are reported. */
export type Severity = 'error' | 'warning';

/** One problem found in the content, located in a file. Lines and columns are 1-based. */
export interface Diagnostic {
	/** Path relative to the content root, with forward slashes. */
	file: string;
	line: number;
	column: number;
	/** End of the located span (exclusive column), when known. */
	endLine?: number;
	endColumn?: number;
	severity: Severity;
	code: DiagnosticCode;
	/** What happened and why, then what to do. */
	message: string;
	/** The span holds a secret: excerpts must mask it. */
	sensitive?: boolean;
	/**
	 * The secret a secret diagnostic found, as the value reads in the content. Internal: never printed
	 * nor published; `secretMask` uses it to mask that value in every output.
	 */
	secret?: string;
}

/** Orders diagnostics by file, line and column, errors first on a tie. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
	if (a.file !== b.file) return a.file < b.file ? -1 : 1;
	if (a.line !== b.line) return a.line - b.line;
	if (a.column !== b.column) return a.column - b.column;
	if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
	return a.code < b.code ? -1 : a.code > b.code ? 1 : a.message < b.message ? -1 : 1;
}

/** Sorts and de-duplicates diagnostics. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
	const seen = new Set<string>();
	const out: Diagnostic[] = [];
	for (const d of [...list].sort(compareDiagnostics)) {
		const id = `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
		if (seen.has(id)) continue;
		seen.add(id);
		out.push(d);
	}
	return out;
}

/** Counts errors and warnings. */
export function summarize(list: readonly Diagnostic[]): { errors: number; warnings: number } {
	let errors = 0;
	for (const d of list) if (d.severity === 'error') errors++;
	return { errors, warnings: list.length - errors };
}
