import type { Span } from '../../diagnostics/positions.ts';
import { pointSpan } from './entries.ts';

/** Where keys are written in a text format, by path (segments joined with NUL): the key and the value that follows it. */
export type KeyPositions = Map<string, { key: Span; value: Span }>;

/** The path key of some segments in a `KeyPositions` map. */
export function pathKey(segments: readonly string[]): string {
	return segments.join('\0');
}

/**
 * Where a value is written: the position of its key's line, or of its nearest written ancestor (a value inside an
 * inline table or a list is located at the key that holds it), or the file's first line.
 */
export function positionOf(positions: KeyPositions, segments: readonly string[]): { span: Span; keySpan?: Span } {
	for (let n = segments.length; n > 0; n--) {
		const found = positions.get(pathKey(segments.slice(0, n)));
		if (found) return { span: found.value, keySpan: found.key };
	}
	return { span: pointSpan(1, 1) };
}

/** A span on one line from a column, `length` characters long (at least one). */
export function lineSpan(line: number, column: number, length: number): Span {
	return { line, column, endLine: line, endColumn: column + Math.max(1, length) };
}
