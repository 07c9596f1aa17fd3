import { parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { spanOf, type YamlSource } from '../diagnostics/positions.ts';
import type { SourceFile } from '../diagnostics/source-file.ts';

/** Parses YAML text found at `offset` in a file, reporting syntax errors and duplicate keys located in the file. */
export function parseYamlSource(
	file: SourceFile,
	yamlText: string,
	offset: number,
): { source: YamlSource; diagnostics: Diagnostic[] } {
	// `merge` resolves `<<: *defaults`, common in pasted Helm values.
	const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false, strict: true, merge: true });
	const source: YamlSource = { file, doc, offset };
	const diagnostics: Diagnostic[] = [];
	let syntaxReported = false;
	for (const error of doc.errors) {
		const duplicate = error.code === 'DUPLICATE_KEY';
		// After the first syntax error the parser's view of the rest is unreliable: report that one.
		if (!duplicate && syntaxReported) continue;
		syntaxReported ||= !duplicate;
		const [start, end] = error.pos;
		const firstLine = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
		diagnostics.push({
			...spanOf(source, start, end),
			file: file.path,
			severity: 'error',
			code: duplicate ? 'duplicate-key' : 'yaml-syntax',
			message: duplicate
				? `${firstLine.replace(/\.$/, '')}; keep one of the entries and remove the other.`
				: `${firstLine.replace(/\.$/, '')}; fix the YAML syntax (check indentation, quotes and colons).`,
		});
	}
	return { source, diagnostics };
}
