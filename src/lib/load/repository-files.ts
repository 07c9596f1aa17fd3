import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { splitFrontMatter } from './front-matter.ts';
import { createSourceFile, positionAt, type SourceFile } from '../diagnostics/source-file.ts';
import { parseYamlSource } from './yaml-source.ts';
import { fileKindOf, isContentPath, type ParsedFile, type RawFile } from '../schema/content-files.ts';

/** Classifies and parses every content file; files that cannot become entities yield diagnostics. */
export function parseRepositoryFiles(files: readonly RawFile[]): { parsed: ParsedFile[]; diagnostics: Diagnostic[]; fileCount: number } {
	const parsed: ParsedFile[] = [];
	const diagnostics: Diagnostic[] = [];
	let fileCount = 0;
	for (const raw of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
		if (!isContentPath(raw.path)) continue;
		const name = raw.path.slice(raw.path.lastIndexOf('/') + 1);
		// Hidden files (.gitkeep, .DS_Store) and folder READMEs are not content.
		if (name.startsWith('.') || /^readme\.md$/i.test(name)) continue;
		fileCount++;
		const fileProblem = (code: Diagnostic['code'], message: string): void => {
			diagnostics.push({ file: raw.path, line: 1, column: 1, severity: 'error', code, message });
		};
		const text = decodeText(raw.content);
		if (text === null) {
			fileProblem('binary-file', `${name} is a binary file; content folders hold only YAML and Markdown, so move it out of the repository's content folders.`);
			continue;
		}
		const kind = fileKindOf(raw.path);
		if (!kind) {
			const folder = raw.path.split('/')[0];
			const expected = folder === 'environments' ? 'a .yaml file' : 'a .md or .mdx file';
			fileProblem('unexpected-file', `${name} is not ${expected}, so it is not read; rename it or move it out of ${folder}/.`);
			continue;
		}
		const file = createSourceFile(raw.path, text);
		if (text.trim() === '') {
			fileProblem('empty-file', `${name} is empty; fill in the required fields or delete the file.`);
			continue;
		}
		const id = name.replace(/\.[^.]+$/, '');
		if (kind === 'change' || kind === 'issue' || kind === 'runbook') {
			const parts = splitFrontMatter(text);
			if (!parts) {
				fileProblem('front-matter-missing', `${name} has no front matter; start the file with a line "---", the YAML fields, then another "---" line before the Markdown body.`);
				continue;
			}
			const { source, diagnostics: yamlProblems } = parseYamlSource(file, parts.yaml, parts.yamlOffset);
			diagnostics.push(...yamlProblems);
			if (parts.yaml.trim() === '') {
				const at = positionAt(file, parts.yamlOffset);
				diagnostics.push({ file: raw.path, ...at, severity: 'error', code: 'empty-file', message: `${name} has an empty front matter block; add the required fields between the "---" lines.` });
				continue;
			}
			parsed.push({
				kind, id, file, source,
				data: yamlProblems.some((d) => d.code === 'yaml-syntax') ? undefined : source.doc.toJS(),
				body: { text: parts.body, offset: parts.bodyOffset, mdx: raw.path.endsWith('.mdx') },
			});
		} else {
			const { source, diagnostics: yamlProblems } = parseYamlSource(file, text, 0);
			diagnostics.push(...yamlProblems);
			parsed.push({ kind, id, file, source, data: yamlProblems.some((d) => d.code === 'yaml-syntax') ? undefined : source.doc.toJS() });
		}
	}
	return { parsed, diagnostics, fileCount };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 text; null for binary content (a NUL byte or invalid UTF-8). */
function decodeText(content: Uint8Array | string): string | null {
	if (typeof content === 'string') return content.includes('\0') ? null : content;
	if (content.subarray(0, 8000).includes(0)) return null;
	try {
		return decoder.decode(content).replace(/^\uFEFF/, '');
	} catch {
		return null;
	}
}
