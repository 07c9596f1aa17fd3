import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { YamlSource } from '../diagnostics/positions.ts';
import { splitFrontMatter } from './front-matter.ts';
import { createSourceFile, positionAt } from '../diagnostics/source-file.ts';
import { parseYamlSource, readYamlData } from './yaml-source.ts';
import { fileKindOf, isContentPath, MAX_FILE_BYTES, type ParsedFile, type RawFile, type UnreadFile } from '../schema/content-files.ts';

/**
 * One content file, classified and parsed on its own: its parsed document (none when the file cannot
 * become an entity) and the problems found in the file alone.
 */
export interface ParsedPath {
	path: string;
	parsed?: ParsedFile;
	diagnostics: Diagnostic[];
	/** The file as read, when an environment names it as a source (a path may be content and a source both). */
	source?: RawFile;
}

/**
 * Classifies and parses one content file, so that an edit re-parses only its file; undefined for a
 * file that is not content (outside the content folders, hidden, or a folder's README).
 */
export function parseRepositoryFile(raw: RawFile): ParsedPath | undefined {
	const name = raw.path.slice(raw.path.lastIndexOf('/') + 1);
	const diagnostics: Diagnostic[] = [];
	const result: ParsedPath = { path: raw.path, diagnostics };
	const fileProblem = (code: Diagnostic['code'], message: string): ParsedPath => {
		diagnostics.push({ file: raw.path, line: 1, column: 1, severity: 'error', code, message });
		return result;
	};
	// A path left unread (a link that is not followed, a content folder among them) is reported at its
	// own path, whatever it is named: the reader never followed it.
	if (raw.unread && raw.unread.reason !== 'too-large') return fileProblem(...unreadProblem(name, raw.unread));
	if (!isContentPath(raw.path)) return undefined;
	// Hidden files (.gitkeep, .DS_Store) and folder READMEs are not content.
	if (name.startsWith('.') || /^readme\.md$/i.test(name)) return undefined;
	const bytes = raw.unread?.reason === 'too-large' ? raw.unread.bytes : byteLength(raw.content);
	if (bytes > MAX_FILE_BYTES) {
		// Just over the limit, megabytes would read "5 MB, more than the 5 MB": count bytes then.
		const exact = megabytes(bytes) === megabytes(MAX_FILE_BYTES);
		const [size, limit] = [bytes, MAX_FILE_BYTES].map((n) => (exact ? `${n.toLocaleString('en')} bytes` : megabytes(n)));
		return fileProblem(
			'file-too-large',
			`${name} is ${size}, more than the ${limit} a content file may hold, so it is not parsed; keep the settings that matter for parity in it and leave generated data out.`,
		);
	}
	const text = decodeText(raw.content);
	if (text === null) {
		return fileProblem(
			'binary-file',
			`${name} is a binary file; content folders hold only YAML and Markdown, so move it out of the repository's content folders.`,
		);
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
			return fileProblem(
				'front-matter-missing',
				`${name} has no front matter; start the file with a line "---", the YAML fields, then another "---" line before the Markdown body.`,
			);
		}
		const { source, diagnostics: yamlProblems } = parseYamlSource(file, parts.yaml, parts.yamlOffset);
		diagnostics.push(...yamlProblems);
		if (parts.yaml.trim() === '') {
			const at = positionAt(file, parts.yamlOffset);
			diagnostics.push({
				file: raw.path,
				...at,
				severity: 'error',
				code: 'empty-file',
				message: `${name} has an empty front matter block; add the required fields between the "---" lines.`,
			});
			return result;
		}
		result.parsed = {
			kind,
			id,
			file,
			source,
			data: dataOf(source, yamlProblems, diagnostics),
			body: { text: parts.body, offset: parts.bodyOffset, mdx: raw.path.endsWith('.mdx') },
		};
	} else {
		const { source, diagnostics: yamlProblems } = parseYamlSource(file, text, 0);
		diagnostics.push(...yamlProblems);
		result.parsed = { kind, id, file, source, data: dataOf(source, yamlProblems, diagnostics) };
	}
	return result;
}

/** The YAML as data, unless it has a syntax error; a document that cannot become data adds its problem. */
function dataOf(source: YamlSource, yamlProblems: readonly Diagnostic[], diagnostics: Diagnostic[]): unknown {
	if (yamlProblems.some((d) => d.code === 'yaml-syntax')) return undefined;
	const read = readYamlData(source);
	if ('data' in read) return read.data;
	diagnostics.push(read.problem);
	return undefined;
}

/** The code and message for a path a reader left unread, other than for its size. */
function unreadProblem(name: string, unread: Exclude<UnreadFile, { reason: 'too-large' }>): [Diagnostic['code'], string] {
	if (unread.reason === 'link-outside-root') {
		const where = unread.hidden ? `into ${unread.hidden}/, a hidden folder that is never content` : 'outside the content root';
		return [
			'symlink-outside-root',
			`${name} is a symbolic link that leads ${where}, so it is not followed and not read; put the file or folder itself in the repository instead of the link, or remove it.`,
		];
	}
	const problem = {
		missing: `${name} is a symbolic link to "${unread.target}", which does not exist, so there is nothing to read; point the link at an existing file or remove it.`,
		loop: `${name} is a symbolic link to "${unread.target}", which leads through a loop of links, so there is nothing to read; point the link at the file itself or remove it.`,
		'folder-read': `${name} is a symbolic link to the folder "${unread.target || '.'}", whose files are read already at another path (each folder is read once), so it is not followed; remove the link.`,
	}[unread.why];
	return ['read-error', problem];
}

/** The size of a file's content in bytes (UTF-8 for text), exact whenever it could be above the limit. */
function byteLength(content: Uint8Array | string): number {
	if (typeof content !== 'string') return content.byteLength;
	// A UTF-16 unit takes at most three bytes: only a text that could be too large is encoded to be measured.
	return content.length * 3 <= MAX_FILE_BYTES ? content.length : new TextEncoder().encode(content).byteLength;
}

/** A size in megabytes, as people read it: "5 MB", "47.3 MB". */
function megabytes(bytes: number): string {
	return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 text; null for binary content (a NUL byte or invalid UTF-8). */
export function decodeText(content: Uint8Array | string): string | null {
	if (typeof content === 'string') return content.includes('\0') ? null : content;
	if (content.subarray(0, 8000).includes(0)) return null;
	try {
		return decoder.decode(content).replace(/^\uFEFF/, '');
	} catch {
		return null;
	}
}
