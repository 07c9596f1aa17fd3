import { posix } from 'node:path';
import { parse } from 'yaml';
import { fileKindOf, type RawFile } from '../../schema/content-files.ts';

/**
 * The source paths and globs that a repository's environment files name (`sources: [{ file: … }]`), normalised,
 * for the reader to read along with the content. A path that leaves the root is left out: the environment's rules
 * report it. Read leniently: a file that does not parse names none, and its own problem is reported with it.
 */
export function sourcePatterns(files: readonly RawFile[]): string[] {
	const patterns = new Set<string>();
	for (const file of files) {
		if (fileKindOf(file.path) !== 'environment' || file.unread) continue;
		const text = typeof file.content === 'string' ? file.content : new TextDecoder().decode(file.content);
		// Most environment files name no source: only those that mention the field are parsed here.
		if (!/^sources\s*:/m.test(text)) continue;
		let data: unknown;
		try {
			data = parse(text, { maxAliasCount: 100, uniqueKeys: false });
		} catch {
			continue;
		}
		const sources = (data as { sources?: unknown } | null)?.sources;
		if (!Array.isArray(sources)) continue;
		for (const source of sources) {
			const path = normalSourcePath((source as { file?: unknown } | null)?.file);
			if (path !== undefined) patterns.add(path);
		}
	}
	return [...patterns].sort();
}

/** A source path as the reader takes it: relative to the root, with forward slashes and no `.` parts; undefined when it leaves the root. */
export function normalSourcePath(file: unknown): string | undefined {
	if (typeof file !== 'string' || file.trim() === '' || file.includes('\\') || file.includes('\0')) return undefined;
	if (posix.isAbsolute(file)) return undefined;
	const normal = posix.normalize(file);
	if (normal === '..' || normal.startsWith('../') || normal === '.') return undefined;
	// git's own folder is never read: it is no configuration, and it can hold credentials.
	if (normal.split('/').includes('.git')) return undefined;
	return normal.replace(/\/$/, '');
}

/** Whether a source path is a glob: it holds `*`, `?`, `[` or `{`. */
export function isGlob(path: string): boolean {
	return /[*?[{]/.test(path);
}
