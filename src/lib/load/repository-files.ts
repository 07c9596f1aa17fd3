import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { splitFrontMatter } from './front-matter.ts';
import { createSourceFile, positionAt } from '../diagnostics/source-file.ts';
import { parseYamlSource } from './yaml-source.ts';
import { fileKindOf, isContentPath, type ParsedFile, type RawFile } from '../schema/content-files.ts';

/**
 * One content file, classified and parsed on its own: its parsed document (none when the file cannot
 * become an entity) and the problems found in the file alone.
 */
export interface ParsedPath {
	path: string;
	parsed?: ParsedFile;
	diagnostics: Diagnostic[];
}

/**
 * Classifies and parses one content file, so that an edit re-parses only its file; undefined for a
 * file that is not content (outside the content folders, hidden, or a folder's README).
 */
export function parseRepositoryFile(raw: RawFile): ParsedPath | undefined {
	if (!isContentPath(raw.path)) return undefined;
	const name = raw.path.slice(raw.path.lastIndexOf('/') + 1);
	// Hidden files (.gitkeep, .DS_Store) and folder READMEs are not content.
	if (name.startsWith('.') || /^readme\.md$/i.test(name)) return undefined;
	const diagnostics: Diagnostic[] = [];
	const result: ParsedPath = { path: raw.path, diagnostics };
	const fileProblem = (code: Diagnostic['code'], message: string): ParsedPath => {
		diagnostics.push({ file: raw.path, line: 1, column: 1, severity: 'error', code, message });
		return result;
	};
	const text = decodeText(raw.content);
	if (text === null) {
		return fileProblem('binary-file', `${name} is a binary file; content folders hold only YAML and Markdown, so move it out of the repository's content folders.`);
	}
	const kind = fileKindOf(raw.path);
	if (!kind) {
		const folder = raw.path.split('/')[0];
		const expected = folder === 'environments' ? 'a .yaml file' : 'a .md or .mdx file';
		return fileProblem('unexpected-file', `${name} is not ${expected}, so it is not read; rename it or move it out of ${folder}/.`);
	}
	const file = createSourceFile(raw.path, text);
	if (text.trim() === '') {
		return fileProblem('empty-file', `${name} is empty; fill in the required fields or delete the file.`);
	}
	const id = name.replace(/\.[^.]+$/, '');
	if (kind === 'change' || kind === 'issue' || kind === 'runbook') {
		const parts = splitFrontMatter(text);
		if (!parts) {
			return fileProblem('front-matter-missing', `${name} has no front matter; start the file with a line "---", the YAML fields, then another "---" line before the Markdown body.`);
		}
		const { source, diagnostics: yamlProblems } = parseYamlSource(file, parts.yaml, parts.yamlOffset);
		diagnostics.push(...yamlProblems);
		if (parts.yaml.trim() === '') {
			const at = positionAt(file, parts.yamlOffset);
			diagnostics.push({ file: raw.path, ...at, severity: 'error', code: 'empty-file', message: `${name} has an empty front matter block; add the required fields between the "---" lines.` });
			return result;
		}
		result.parsed = {
			kind, id, file, source,
			data: yamlProblems.some((d) => d.code === 'yaml-syntax') ? undefined : source.doc.toJS(),
			body: { text: parts.body, offset: parts.bodyOffset, mdx: raw.path.endsWith('.mdx') },
		};
	} else {
		const { source, diagnostics: yamlProblems } = parseYamlSource(file, text, 0);
		diagnostics.push(...yamlProblems);
		result.parsed = { kind, id, file, source, data: yamlProblems.some((d) => d.code === 'yaml-syntax') ? undefined : source.doc.toJS() };
	}
	return result;
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
