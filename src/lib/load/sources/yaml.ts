import { isScalar } from 'yaml';
import { locate, type YamlPath, type YamlSource } from '../../diagnostics/positions.ts';
import type { SourceFile } from '../../diagnostics/source-file.ts';
import type { DecodedSource, SourceEntry } from '../../schema/source.ts';
import { parseYamlSource, readYamlData } from '../yaml-source.ts';
import { entriesOf } from './entries.ts';

/**
 * A YAML (or JSON, which is YAML) source: Helm values and the like. Read as content files are, with the same limits
 * (duplicate keys, aliases that cannot be expanded), and every value located by its node.
 */
export function decodeYaml(file: SourceFile, format: 'yaml' | 'json'): DecodedSource {
	const read = readDocument(file, file.text, 0);
	if ('problem' in read) return { path: file.path, format, file, entries: [], problem: read.problem };
	return { path: file.path, format, file, entries: entriesOf(read.data, (segments) => whereIn(read.source, segments)) };
}

/** One YAML document of a file, parsed and read as data, or its first problem. */
export function readDocument(
	file: SourceFile,
	text: string,
	offset: number,
): { source: YamlSource; data: unknown } | { problem: NonNullable<DecodedSource['problem']> } {
	const { source, diagnostics } = parseYamlSource(file, text, offset);
	const first = diagnostics[0];
	if (first) return { problem: { line: first.line, column: first.column, message: first.message } };
	const read = readYamlData(source);
	if ('problem' in read) return { problem: { line: read.problem.line, column: read.problem.column, message: read.problem.message } };
	return { source, data: read.data };
}

/** Where a value of a YAML document is written, its key, and the text of a number. */
export function whereIn(source: YamlSource, segments: YamlPath): Pick<SourceEntry, 'span' | 'keySpan' | 'numberText'> {
	const node = source.doc.getIn(segments, true);
	const numberText = isScalar(node) && typeof node.value === 'number' ? (node.source ?? String(node.value)) : undefined;
	return {
		span: locate(source, segments),
		keySpan: locate(source, segments, 'key'),
		...(numberText !== undefined && { numberText }),
	};
}
