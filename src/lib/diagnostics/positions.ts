import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DiagnosticCode } from './codes.ts';
import type { Diagnostic, Severity } from './diagnostic.ts';
import { positionAt, type SourceFile } from './source-file.ts';

/** A YAML document inside a file (a whole file, or the front matter of a Markdown file). */
export interface YamlSource {
	file: SourceFile;
	doc: Document;
	/** Offset of the YAML text within the file. */
	offset: number;
}

/** A located span: 1-based, end column exclusive. */
export interface Span {
	line: number;
	column: number;
	endLine: number;
	endColumn: number;
}

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** Converts offsets within the YAML text to a span in its file. */
export function spanOf(source: YamlSource, start: number, end: number): Span {
	const a = positionAt(source.file, source.offset + start);
	const b = positionAt(source.file, source.offset + Math.max(start, end));
	return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/**
 * Finds the span of the node at `path`. `part: 'key'` points at the key of the last segment.
 * When the path does not exist, points at the nearest existing ancestor's key, as a missing field
 * is best reported where its parent is declared.
 */
export function locate(source: YamlSource, path: YamlPath, part: 'key' | 'value' = 'value'): Span {
	let node: unknown = source.doc.contents;
	let anchor: Node | undefined;
	const at = (target: unknown): Span =>
		nodeSpan(source, target as Node | undefined) ?? nodeSpan(source, anchor) ?? fallback(source, undefined);
	for (let i = 0; i < path.length; i++) {
		const segment = path[i]!;
		if (isMap(node)) {
			const pair = pairsByKey(node).get(String(segment));
			if (!pair) return anchor ? at(anchor) : fallback(source, node as Node);
			if (i === path.length - 1 && part === 'key') return at(pair.key);
			anchor = pair.key as Node;
			node = pair.value;
		} else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
			node = node.items[segment];
			anchor = node as Node;
		} else {
			// A scalar where a map was expected (e.g. `production: pending` for `production.status`),
			// or an index past the end of a list.
			return isScalar(node) ? at(node) : at(anchor ?? node);
		}
	}
	return isScalar(node) ? at(node) : at(anchor ?? node);
}

// Each map's pairs by key, built on the first lookup in that map: a file with thousands of problems
// in one large map would otherwise search the map once per problem.
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A map's pairs by scalar key (as a string); for a key written twice, its first pair. */
function pairsByKey(map: YAMLMap): Map<string, Pair> {
	let index = pairIndexes.get(map);
	if (!index) {
		index = new Map();
		for (const pair of map.items) {
			if (!isScalar(pair.key)) continue;
			const key = String(pair.key.value);
			if (!index.has(key)) index.set(key, pair);
		}
		pairIndexes.set(map, index);
	}
	return index;
}

/** The span of a node, or undefined for a node without source (such as an empty value). */
function nodeSpan(source: YamlSource, node: Node | undefined): Span | undefined {
	if (!node?.range) return undefined;
	const [start, end] = node.range;
	if (end <= start) return undefined;
	return spanOf(source, start, end);
}

function fallback(source: YamlSource, node: Node | undefined): Span {
	const start = node?.range?.[0] ?? 0;
	const a = positionAt(source.file, source.offset + start);
	return { line: a.line, column: a.column, endLine: a.line, endColumn: a.column + 1 };
}

/** Builds a diagnostic located at a YAML path. */
export function diagnosticAt(
	source: YamlSource,
	path: YamlPath,
	severity: Severity,
	code: DiagnosticCode,
	message: string,
	part: 'key' | 'value' = 'value',
): Diagnostic {
	return { file: source.file.path, ...locate(source, path, part), severity, code, message };
}
