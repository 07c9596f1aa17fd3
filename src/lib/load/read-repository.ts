import { closeSync, constants, fstatSync, openSync, readSync, type Dirent } from 'node:fs';
import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { CONFIG_FILES, CONTENT_FOLDERS, MAX_FILE_BYTES, type RawFile } from '../schema/content-files.ts';
import { OBSERVATIONS_FOLDER } from '../schema/observe.ts';
import { findContent, findSources, type ContentTree, type EntryKind, type FoundPath } from './content-tree.ts';
import { isObservationsPath, readObservationFiles } from './observations.ts';
import { sourcePatterns } from './sources/patterns.ts';

export { CONFIG_FILES };

/**
 * Reads the content files of a repository on disk: the config file, every file in the content
 * folders, the configuration files that environments name as `sources` (marked `source`), and the
 * observations that `envparity observe` wrote (`observations/*.json`, never through a link).
 * Symbolic links are followed only inside the root (see `findContent`); a file larger than
 * MAX_FILE_BYTES is not read. What is left unread comes back with its reason, to be reported.
 */
export async function readRepository(root: string): Promise<RawFile[]> {
	const tree = await diskTree(root);
	const [content, observations] = await Promise.all([
		findContent(tree, [...CONFIG_FILES, ...Object.keys(CONTENT_FOLDERS)]).then((found) => readFound(tree, found)),
		readObservationFiles(tree.root),
	]);
	return [...content, ...(await readSourceFiles(tree, sourcePatterns(content))), ...observations];
}

/**
 * Reads what is now at one path of a repository (relative, with forward slashes): the file, every file
 * under a folder, or nothing when the path is gone, so that the dev server re-reads only what changed.
 * With `source`, the path is a source file (or glob) an environment names.
 */
export async function readRepositoryPath(root: string, path: string, options: { source?: boolean } = {}): Promise<RawFile[]> {
	const tree = await diskTree(root);
	if (options.source) return readSourceFiles(tree, [path]);
	if (path === OBSERVATIONS_FOLDER || isObservationsPath(path))
		return (await readObservationFiles(tree.root)).filter((file) => path === OBSERVATIONS_FOLDER || file.path === path);
	return readFound(tree, await findContent(tree, [path]));
}

/** Reads the source files that some paths and globs name, each marked as a source. */
async function readSourceFiles(tree: DiskTree, patterns: readonly string[]): Promise<RawFile[]> {
	if (patterns.length === 0) return [];
	const files = await readFound(tree, await findSources(tree, patterns));
	return files.map((file) => ({ ...file, source: true }));
}

/** A content root on disk, seen through its real path, so that a link is judged by where it really leads. */
interface DiskTree extends ContentTree {
	root: string;
}

async function diskTree(given: string): Promise<DiskTree> {
	const root = await realpath(given).catch(() => resolve(given));
	const full = (path: string): string => (path ? join(root, ...path.split('/')) : root);
	// An absolute link into the root may name it as given or by its real path.
	const prefixes = [...new Set([root, resolve(given)])];
	return {
		root,
		async kindOf(path) {
			const stats = await lstat(full(path)).catch(unlessAbsent);
			if (!stats) return undefined;
			return stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'other';
		},
		async list(path) {
			const entries = await readdir(full(path), { withFileTypes: true }).catch(unlessAbsent);
			return (entries ?? []).map((entry) => ({ name: entry.name, kind: kindOfEntry(entry) }));
		},
		readLink: (path) => readlink(full(path)),
		insideRoot(absolute) {
			for (const prefix of prefixes) {
				if (absolute === prefix) return '';
				if (absolute.startsWith(prefix + sep))
					return absolute
						.slice(prefix.length + 1)
						.split(sep)
						.join('/');
			}
			return undefined;
		},
	};
}

function kindOfEntry(entry: Dirent): EntryKind {
	return entry.isSymbolicLink() ? 'link' : entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
}

/**
 * Reads the files found, one after the other, each in one synchronous read. Thousands of small files read in
 * parallel through promises took 0.9 s more of a 10,000-entity check than reading them in turn (its handles,
 * promises and their collection), and the files of a repository being checked are nearly always in the page cache.
 */
async function readFound(tree: DiskTree, found: readonly FoundPath[]): Promise<RawFile[]> {
	const files: RawFile[] = [];
	for (const entry of found) {
		const file = 'unread' in entry ? { path: entry.path, content: new Uint8Array(), unread: entry.unread } : readOne(tree, entry);
		if (file) files.push(file);
	}
	return files;
}

// Never through a link (the walk resolved them all: one that appears since is not followed), and never
// waiting on a FIFO that replaced the file.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Reads one file at its real path; undefined when it is gone (or no longer a file) since it was found. */
function readOne(tree: DiskTree, { path, real }: { path: string; real: string }): RawFile | undefined {
	let fd: number;
	try {
		fd = openSync(join(tree.root, ...real.split('/')), READ_FLAGS);
	} catch (error) {
		return unlessAbsent(error as NodeJS.ErrnoException);
	}
	try {
		const stats = fstatSync(fd);
		if (!stats.isFile()) return undefined;
		if (stats.size > MAX_FILE_BYTES) return { path, content: new Uint8Array(), unread: { reason: 'too-large', bytes: stats.size } };
		return { path, content: readAll(fd, stats.size) };
	} finally {
		closeSync(fd);
	}
}

/**
 * Reads a file of the size its descriptor reported, in one read; a file that grew meanwhile is read as it
 * was (the next reading sees the rest), one that shrank as far as it goes.
 */
function readAll(fd: number, size: number): Uint8Array {
	const buffer = new Uint8Array(size);
	let length = 0;
	while (length < size) {
		const bytesRead = readSync(fd, buffer, length, size - length, length);
		if (bytesRead === 0) break;
		length += bytesRead;
	}
	return buffer.subarray(0, length);
}

/** Treats a path that no longer exists (or became a link since it was found) as absent; any other failure to read it is reported. */
function unlessAbsent(error: NodeJS.ErrnoException): undefined {
	if (error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'ELOOP') return undefined;
	throw error;
}
