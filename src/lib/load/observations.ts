import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createSourceFile, positionAt } from '../diagnostics/source-file.ts';
import { MAX_FILE_BYTES, type RawFile } from '../schema/content-files.ts';
import { OBSERVATIONS_FOLDER, type ObservationsSource } from '../schema/observe.ts';
import type { ParsedPath } from './repository-files.ts';

/** A parsed path that is an observations file; `observations` is absent when the file does not parse. */
export interface ParsedObservationsPath extends ParsedPath {
	observations?: ObservationsSource;
}

/** Whether a path is an observations file: `observations/<id>.json`, directly in the folder. */
export function isObservationsPath(path: string): boolean {
	return (
		path === `${OBSERVATIONS_FOLDER}/` ||
		(path.startsWith(`${OBSERVATIONS_FOLDER}/`) && /^[^/]+\.json$/.test(path.slice(OBSERVATIONS_FOLDER.length + 1)))
	);
}

/** Whether a parsed path came from `parseObservationsFile`. */
export function isParsedObservations(parsed: ParsedPath): parsed is ParsedObservationsPath {
	return isObservationsPath(parsed.path);
}

// Never through a link, and never waiting on a FIFO put in a file's place.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads `observations/*.json` of a repository on disk. Observations are files that `envparity observe`
 * writes, so a symbolic link (the folder or a file) is never followed: it comes back unread, to be
 * reported; so does a file above MAX_FILE_BYTES.
 */
export async function readObservationFiles(root: string): Promise<RawFile[]> {
	const folder = join(root, OBSERVATIONS_FOLDER);
	const stats = await lstat(folder).catch(() => undefined);
	if (!stats) return [];
	if (!stats.isDirectory())
		return stats.isSymbolicLink() ? [{ path: `${OBSERVATIONS_FOLDER}/`, content: '', unread: { reason: 'link-outside-root' } }] : [];
	const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
	const files: RawFile[] = [];
	for (const entry of entries) {
		const path = `${OBSERVATIONS_FOLDER}/${entry.name}`;
		if (!isObservationsPath(path)) continue;
		if (entry.isSymbolicLink()) files.push({ path, content: '', unread: { reason: 'link-outside-root' } });
		else if (entry.isFile()) {
			const file = await readOne(join(folder, entry.name), path);
			if (file) files.push(file);
		}
	}
	return files;
}

async function readOne(full: string, path: string): Promise<RawFile | undefined> {
	const handle = await open(full, READ_FLAGS).catch(() => undefined);
	if (!handle) return undefined;
	try {
		const stats = await handle.stat();
		if (!stats.isFile()) return undefined;
		if (stats.size > MAX_FILE_BYTES) return { path, content: '', unread: { reason: 'too-large', bytes: stats.size } };
		return { path, content: await handle.readFile() };
	} finally {
		await handle.close();
	}
}

/**
 * Parses an observations file: strict JSON (as `envparity observe` writes it), kept as a YAML document
 * for positions, since JSON is YAML. A file that is not JSON is `observation-invalid` at the parser's
 * line and column; its schema is checked later, against the environments.
 */
export function parseObservationsFile(raw: RawFile): ParsedObservationsPath {
	const diagnostics: Diagnostic[] = [];
	const result: ParsedObservationsPath = { path: raw.path, diagnostics };
	const problem = (line: number, column: number, message: string): ParsedObservationsPath => {
		diagnostics.push({ file: raw.path, line, column, severity: 'error', code: 'observation-invalid', message });
		return result;
	};
	if (raw.unread && raw.unread.reason !== 'too-large')
		return problem(
			1,
			1,
			`${raw.path} is a symbolic link, which is never followed; observations are files that envparity observe writes: delete the link and run it.`,
		);
	const bytes =
		raw.unread?.reason === 'too-large'
			? raw.unread.bytes
			: typeof raw.content === 'string'
				? Buffer.byteLength(raw.content)
				: raw.content.byteLength;
	if (bytes > MAX_FILE_BYTES)
		return problem(1, 1, `${raw.path} is larger than 5 MB, so it is not read; run envparity observe again to rewrite it.`);
	const text = typeof raw.content === 'string' ? raw.content : new TextDecoder().decode(raw.content);
	const file = createSourceFile(raw.path, text);
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		// V8 names the position for most errors, not for an unexpected token; yaml, which reads JSON too, locates those.
		const message = (error as Error).message;
		const offset = Number(/position (\d+)/.exec(message)?.[1] ?? parseDocument(text).errors[0]?.pos[0] ?? text.length);
		const at = positionAt(file, Math.min(offset, text.length));
		// Only the kind of error: V8 quotes the text around it, which is not ours to repeat.
		const why = /^Unexpected end of JSON input/.test(message)
			? 'it ends too soon'
			: (/^(Unexpected token '[^']*'|Unexpected non-whitespace character after JSON|Expected [^,]+?|Bad [^,]+?)(?:,| in JSON| at|$)/.exec(
					message,
				)?.[1] ?? 'a syntax error');
		return problem(
			at.line,
			at.column,
			`${raw.path} is not valid JSON (${why}); run envparity observe again to rewrite it, or fix the JSON.`,
		);
	}
	const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
	const envId = raw.path.slice(OBSERVATIONS_FOLDER.length + 1).replace(/\.json$/, '');
	result.observations = { envId, source: { file, doc, offset: 0 }, data };
	return result;
}
