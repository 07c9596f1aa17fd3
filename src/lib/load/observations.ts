import { parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { createSourceFile, positionAt } from '../diagnostics/source-file.ts';
import { MAX_FILE_BYTES, type RawFile } from '../schema/content-files.ts';
import { OBSERVATIONS_FOLDER, type ObservationsSource } from '../schema/observe.ts';
import type { ParsedPath } from './repository-files.ts';
import { readRepositoryPath } from './read-repository.ts';

/** A parsed path that is an observations file; `observations` is absent when the file does not parse. */
export interface ParsedObservationsPath extends ParsedPath {
	observations?: ObservationsSource;
}

/** Whether a path is an observations file: `observations/<id>.json`, directly in the folder. */
export function isObservationsPath(path: string): boolean {
	return path.startsWith(`${OBSERVATIONS_FOLDER}/`) && /^[^/]+\.json$/.test(path.slice(OBSERVATIONS_FOLDER.length + 1));
}

/** Whether a parsed path came from `parseObservationsFile`. */
export function isParsedObservations(parsed: ParsedPath): parsed is ParsedObservationsPath {
	return isObservationsPath(parsed.path);
}

/** Reads the observations folder of a repository on disk, through the same link rules as the content folders. */
export async function readObservationFiles(root: string): Promise<RawFile[]> {
	return (await readRepositoryPath(root, OBSERVATIONS_FOLDER)).filter((file) => isObservationsPath(file.path) || file.unread);
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
	if (raw.unread)
		return problem(1, 1, `${raw.path} was not read (${raw.unread.reason}); observations are files that envparity observe writes.`);
	const bytes = typeof raw.content === 'string' ? Buffer.byteLength(raw.content) : raw.content.byteLength;
	if (bytes > MAX_FILE_BYTES)
		return problem(1, 1, `${raw.path} is larger than 5 MB, so it is not read; run envparity observe again to rewrite it.`);
	const text = typeof raw.content === 'string' ? raw.content : new TextDecoder().decode(raw.content);
	const file = createSourceFile(raw.path, text);
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		const message = (error as Error).message;
		const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
		const at = positionAt(file, Math.min(offset, text.length));
		const why = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
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
