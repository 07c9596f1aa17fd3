import type { Span } from '../../diagnostics/positions.ts';
import type { SourceEntry } from '../../schema/source.ts';

/**
 * Flattens a decoded file into entries, as an environment's inline settings are flattened: nested maps
 * become dotted keys; scalars, lists and empty maps are values (a list is one value, compared whole).
 * `where` locates each value by its path in the file.
 */
export function entriesOf(
	data: unknown,
	where: (segments: readonly string[]) => { span: Span; keySpan?: Span; numberText?: string },
): SourceEntry[] {
	const entries: SourceEntry[] = [];
	if (!isNonEmptyMap(data)) return entries;
	// Without recursion: a deeply nested file must not overflow the stack.
	const stack: [Record<string, unknown>, string[]][] = [[data, []]];
	while (stack.length > 0) {
		const [node, prefix] = stack.pop()!;
		const names = Object.keys(node);
		for (let i = names.length - 1; i >= 0; i--) {
			const name = names[i]!;
			const value = node[name];
			const segments = [...prefix, name];
			if (isNonEmptyMap(value)) stack.push([value, segments]);
			else entries.push({ segments, value, ...where(segments) });
		}
	}
	// In the file's order, whatever order the walk took.
	return entries.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
}

function isNonEmptyMap(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
}

/** A span of one character at a line and column. */
export function pointSpan(line: number, column: number): Span {
	return { line, column, endLine: line, endColumn: column + 1 };
}
