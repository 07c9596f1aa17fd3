import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { fileKindOf, MAX_FILE_BYTES } from '../schema/content-files.ts';
import { sourceFormatOf, sourceSchema, type SourceFormat } from '../schema/source.ts';
import { catFiles } from './read-revision.ts';
import { createSourceReader } from './sources/reader.ts';
import { isGlob, normalSourcePath } from './sources/patterns.ts';
import { entriesOf, pointSpan } from './sources/entries.ts';
import { patchVersion, readSettingsDocument, readVersion, type ReadVersion } from './version-reader.ts';

const run = promisify(execFile);

/** One commit of the history that touched an environment file, oldest first. */
export interface HistoryCommit {
	hash: string;
	/** The day the commit landed (committer date), YYYY-MM-DD in UTC. */
	date: string;
	author: string;
	subject: string;
}

/** One file as one commit left it: its settings, or null when the commit deleted it. */
export interface FileVersion {
	/** Index of the commit in `ValueHistory.commits`. */
	commit: number;
	/** Path relative to the content root. */
	path: string;
	/**
	 * The file's `settings` as a plain YAML value (null when deleted). Undefined when the file could not be read as YAML
	 * at that commit: the timelines then keep its previous values.
	 */
	settings?: Record<string, unknown> | null;
	/** The file's `aliases`, for an environment file renamed with its old id kept as an alias. */
	aliases: string[];
	/** The file's `sources` at that commit (the entries that match the schema), with the files of the history each names. */
	sources?: SourceEntryVersion[];
	/** The file's text at that commit (empty when deleted), for the secret rules. */
	text: string;
}

/** One entry of an environment file's `sources` at a commit, and the source files of the history it names, sorted. */
export interface SourceEntryVersion {
	file: string;
	format?: SourceFormat;
	at?: string;
	select?: string;
	ignore?: string[];
	paths: string[];
}

/** A source file as one commit left it. */
export interface SourceFileVersion {
	commit: number;
	path: string;
	/**
	 * By format (each format an environment file of the history reads it as), the values decoded by the same decoders as
	 * today's files (load/sources), before select, ignore and at; null in a format the version cannot be read as (a
	 * syntax error, a binary file, too large, a symbolic link). Null as a whole: the commit deleted the file.
	 */
	values: Partial<Record<SourceFormat, { segments: string[]; value: unknown }[] | null>> | null;
	/** The file's text at that commit (empty when deleted or not read), for the secret rules. */
	text: string;
}

/** The environment files' history: every version of every file, read with one `git log` and one `git cat-file`. */
export interface ValueHistory {
	/** Oldest first, along the first parent (the branch as it was merged). */
	commits: HistoryCommit[];
	/** In commit order. */
	versions: FileVersion[];
	/** Every version of the source files that today's environment files name, in commit order; absent when they name none. */
	sourceVersions?: SourceFileVersion[];
	/**
	 * The earlier versions of the other content files (changes, issues, runbooks): each version a later commit replaced
	 * or deleted, for the secret rule; today's versions are checked as today's files.
	 */
	superseded: { commit: number; path: string; text: string }[];
	/** A shallow clone: the oldest commit read is not the first, so what it holds may be older. */
	shallow: boolean;
	/** Set when history is unavailable or partial: no git, not a repository, a shallow clone. */
	note?: string;
}

/** A history with nothing in it, and why. */
export function emptyHistory(note?: string): ValueHistory {
	return { commits: [], versions: [], superseded: [], shallow: false, ...(note ? { note } : {}) };
}

/**
 * Reads every version of the environment files under `root` (which may be a subfolder of the repository) from git: one
 * `git log --raw` along the first parent for the commits and the blobs they wrote, one `git cat-file --batch` for the
 * blobs, one check for a shallow clone. Never a process per file or per key. Without git, outside a repository or when
 * git fails, the history is empty with a note, as the file history (`git-history.ts`) degrades.
 *
 * `sources` are the source paths and globs today's environment files name (`sourcePatterns`): the same `git log` and
 * `git cat-file` read every version of the files they match, as today's reading matches them.
 */
export async function readValueHistory(
	root: string,
	folders: readonly string[] = ['environments'],
	options: { workerAbove?: number; sources?: readonly string[] } = {},
): Promise<ValueHistory> {
	const patterns = (options.sources ?? []).flatMap((pattern) => normalSourcePath(pattern) ?? []);
	let log: string;
	try {
		// Reading the first parent only, each merge counts as the commit that brought its changes to the branch, so the
		// versions of a file follow one another. -z: paths are NUL-terminated and never quoted.
		({ stdout: log } = await run(
			'git',
			[
				'-c',
				'core.quotepath=off',
				'log',
				'-z',
				'--first-parent',
				'--diff-merges=first-parent',
				'--no-renames',
				'--raw',
				'--no-abbrev',
				'--relative',
				'--format=%x1e%H%x1f%cI%x1f%an%x1f%s',
				'--',
				...[...folders, ...SCANNED_FOLDERS].map((folder) => `${folder}/`),
				...patterns.map(pathspecOf),
			],
			{ cwd: root, timeout: 60_000, maxBuffer: 512 * 1024 * 1024 },
		));
	} catch (error) {
		const { killed, code, stderr } = error as { killed?: boolean; code?: unknown; stderr?: string };
		if (killed || code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
			return emptyHistory('History is not available (reading it from git took too long).');
		// A repository with no commit yet has no history, and that is not a problem.
		if (/does not have any commits/.test(stderr ?? '')) return emptyHistory('No commits yet: the history starts with the first commit.');
		return emptyHistory('History is not available (git is missing or this is not a git repository).');
	}
	const commits: HistoryCommit[] = [];
	let written: WrittenFile[] = [];
	// Newest first from git; each record: "\x1e" hash, date, author, subject split by "\x1f", a NUL, a newline, then
	// ":<mode> <mode> <old> <new> <status>" NUL <path> NUL for each file.
	const records = log.split('\x1e').slice(1).reverse();
	for (const record of records) {
		const parts = record.split('\0');
		const [hash = '', time = '', author = '', subject = ''] = parts[0]!.split('\x1f');
		const index = commits.push({ hash, date: new Date(time).toISOString().slice(0, 10), author, subject }) - 1;
		for (let i = 1; i + 1 < parts.length; i += 2) {
			const meta = parts[i]!.replace(/^\n/, '');
			const path = parts[i + 1]!;
			const fields = meta.split(' ');
			const kind = fileKindOf(path);
			const source = kind === undefined && isSourcePath(path, patterns);
			if (fields.length < 5 || !meta.startsWith(':') || (kind !== 'environment' && !SCANNED_KINDS.has(kind) && !source)) continue;
			const [, newMode = '', , newOid = '', status = ''] = fields;
			const deleted = status.startsWith('D') || /^0+$/.test(newOid);
			// A symbolic link (120000) or a submodule (160000) is not a file whose text is settings: its values at that
			// commit are unknown, as for a version that is not YAML.
			const regular = newMode === '100644' || newMode === '100755';
			written.push({ commit: index, path, oid: deleted ? null : regular ? newOid : '', ...(source ? { source } : {}) });
		}
	}
	// Of the other content files, only the versions a later commit replaced or deleted are read.
	const environmentFiles = written.filter((w) => w.source || fileKindOf(w.path) === 'environment');
	const lastOf = new Map<string, WrittenFile>();
	for (const w of written) if (!w.source && fileKindOf(w.path) !== 'environment') lastOf.set(w.path, w);
	const superseded = written.filter((w) => !w.source && fileKindOf(w.path) !== 'environment' && w.oid && lastOf.get(w.path) !== w);
	written = [...environmentFiles, ...superseded];
	// A long history is read in a worker thread, beside the reading and checking of today's files; a short one here,
	// where starting a thread would cost more than it saves.
	return written.length > (options.workerAbove ?? IN_THREAD_VERSIONS)
		? readVersionsInWorker(root, commits, written)
		: readVersions(root, commits, written);
}

/** A file a commit wrote, by blob id (null: the commit deleted it; empty: not a regular file, such as a symbolic link). */
export interface WrittenFile {
	commit: number;
	path: string;
	oid: string | null;
	/** A source file that today's environment files name. */
	source?: true;
}

/**
 * The git pathspec of a source path or glob: a path as written (`:(literal)`), a glob with git's `:(glob)` magic, where
 * `*` stays within a folder and `**` crosses folders, as in today's reading. git's globs know no braces: a glob with
 * `{a,b}` reads the folder before its first wildcard. The log may name more files than the pattern matches (git's `*`
 * also matches a leading dot); `isSourcePath` keeps the ones today's reading would.
 */
export function pathspecOf(pattern: string): string {
	if (!isGlob(pattern)) return `:(literal)${pattern}`;
	if (!pattern.includes('{')) return `:(glob)${pattern}`;
	const parts = pattern.split('/');
	const base = parts
		.slice(
			0,
			parts.findIndex((part) => isGlob(part)),
		)
		.join('/');
	return base === '' ? ':(glob)**' : `:(literal)${base}/`;
}

/** Whether a path of the history is one that a source path or glob names, as today's reading matches it (`findSources`). */
export function isSourcePath(path: string, patterns: readonly string[]): boolean {
	return patterns.some(
		(pattern) =>
			pattern === path ||
			(isGlob(pattern) && !path.split('/').some((part) => part === '.git' || part === 'node_modules') && posix.matchesGlob(path, pattern)),
	);
}

/** The folders whose earlier versions the secret rule reads, besides the environment files. */
const SCANNED_FOLDERS = ['changes', 'issues', 'runbooks'];
const SCANNED_KINDS = new Set<string | undefined>(['change', 'issue', 'runbook']);

/** Up to this many versions are read in the calling thread (by default; `workerAbove` sets it). */
const IN_THREAD_VERSIONS = 64;

/** The worker that reads the versions of a long history, beside this file. */
const WORKER = new URL('./value-history-worker.ts', import.meta.url);

/**
 * Reads the versions in a worker thread and hands them over in one message (shared parts of the settings stay shared).
 * Where no worker can start (the module is bundled, without its worker file), or it fails, they are read here.
 */
function readVersionsInWorker(root: string, commits: HistoryCommit[], written: WrittenFile[]): Promise<ValueHistory> {
	if (WORKER.protocol !== 'file:' || !existsSync(fileURLToPath(WORKER))) return readVersions(root, commits, written);
	return new Promise((resolve) => {
		let settled = false;
		const fallback = (): void => {
			if (settled) return;
			settled = true;
			resolve(readVersions(root, commits, written));
		};
		let worker: Worker;
		try {
			worker = new Worker(WORKER, { workerData: { root, commits, written } });
		} catch {
			return fallback();
		}
		worker.once('message', (history: ValueHistory) => {
			settled = true;
			resolve(history);
			void worker.terminate();
		});
		worker.once('error', fallback);
		worker.once('exit', fallback);
	});
}

/** Reads the blobs of the files the commits wrote, with one `git cat-file`, and each version's settings. */
export async function readVersions(root: string, commits: HistoryCommit[], written: readonly WrittenFile[]): Promise<ValueHistory> {
	const oids = [...new Set(written.flatMap((w) => (w.oid ? [w.oid] : [])))];
	let blobs: Uint8Array[];
	try {
		blobs = await catFiles(root, oids);
	} catch {
		return emptyHistory('History is not available (git could not read the earlier versions of the environment files).');
	}
	const byOid = new Map(oids.map((oid, i) => [oid, blobs[i]!]));
	const decoder = new TextDecoder();
	// Each file's versions are read in order, each from the one before (see readVersion); only the last is kept whole.
	const last = new Map<string, ReadVersion>();
	const superseded: ValueHistory['superseded'] = [];
	for (const { commit, path, oid, source } of written) {
		if (source || fileKindOf(path) === 'environment') continue;
		const blob = oid ? byOid.get(oid) : undefined;
		if (blob && blob.length <= MAX_FILE_BYTES) superseded.push({ commit, path, text: decoder.decode(blob) });
	}
	const sourcePaths = [...new Set(written.flatMap((w) => (w.source ? [w.path] : [])))].sort();
	const entriesOf = sourceEntries(sourcePaths);
	const versions: FileVersion[] = written
		.filter((w) => !w.source && fileKindOf(w.path) === 'environment')
		.map(({ commit, path, oid }) => {
			if (oid === null) {
				last.delete(path);
				return { commit, path, settings: null, aliases: [], text: '' };
			}
			const blob = oid === '' ? undefined : byOid.get(oid);
			if (!blob) {
				last.delete(path);
				return { commit, path, settings: undefined, aliases: [], text: '' };
			}
			// As today's files: a version above the size limit is not parsed (its values are not known at that commit).
			if (blob.length > MAX_FILE_BYTES) {
				last.delete(path);
				return { commit, path, settings: undefined, aliases: [], text: '' };
			}
			const text = decoder.decode(blob);
			const read = readVersion(text, last.get(path));
			last.set(path, read);
			const sources = read.sources && entriesOf(read.sources);
			return { commit, path, settings: read.settings, aliases: read.aliases, ...(sources?.length ? { sources } : {}), text };
		});
	const sourceVersions = readSourceVersions(
		written.filter((w) => w.source),
		byOid,
		versions,
	);
	const shallow =
		commits.length > 0 &&
		(await run('git', ['rev-parse', '--is-shallow-repository'], { cwd: root, timeout: 10_000 }).then(
			(r) => r.stdout.trim() === 'true',
			() => false,
		));
	const history: ValueHistory = { commits, versions, ...(sourceVersions.length > 0 ? { sourceVersions } : {}), superseded, shallow };
	if (shallow)
		history.note = `This is a shallow clone: history before ${commits[0]!.date} is not available, so a value may be older than its first commit shown.`;
	else if (commits.length === 0) history.note = 'No commits touch the environment files yet.';
	return history;
}

/**
 * Reads an environment file's `sources` list as the schema takes it (an entry that does not match it yields nothing, as
 * today's file then has an error), each with the source files of the history it names. A version read from the one
 * before shares its list, which is then read once.
 */
function sourceEntries(sourcePaths: readonly string[]): (raw: unknown[]) => SourceEntryVersion[] {
	const seen = new WeakMap<unknown[], SourceEntryVersion[]>();
	return (raw) => {
		let entries = seen.get(raw);
		if (!entries) {
			entries = raw.flatMap((item) => {
				const parsed = sourceSchema.safeParse(item);
				const file = parsed.success ? normalSourcePath(parsed.data.file) : undefined;
				if (!parsed.success || file === undefined) return [];
				const paths = isGlob(file) ? sourcePaths.filter((path) => isSourcePath(path, [file])) : sourcePaths.includes(file) ? [file] : [];
				return [{ ...parsed.data, file, paths }];
			});
			seen.set(raw, entries);
		}
		return entries;
	};
}

/**
 * Decodes every version of the source files, in each format that an environment file of the history reads it as, with
 * the decoders of today's reading (`createSourceReader`: the same text checks and parsers). A blob is decoded once per
 * format, however many commits hold it.
 */
function readSourceVersions(
	written: readonly WrittenFile[],
	byOid: ReadonlyMap<string, Uint8Array>,
	versions: readonly FileVersion[],
): SourceFileVersion[] {
	if (written.length === 0) return [];
	const formats = new Map<string, Set<SourceFormat>>();
	for (const version of versions)
		for (const entry of version.sources ?? [])
			for (const path of entry.paths) {
				const format = entry.format ?? sourceFormatOf(path);
				if (format === undefined) continue;
				let set = formats.get(path);
				if (!set) formats.set(path, (set = new Set()));
				set.add(format);
			}
	const decoded = new Map<string, { segments: string[]; value: unknown }[] | null>();
	// Per path, the last version read as YAML, for reading the next from the lines it changed.
	const lastYaml = new Map<string, ReadVersion>();
	const decoder = new TextDecoder();
	return written.map(({ commit, path, oid }): SourceFileVersion => {
		if (oid === null) return { commit, path, values: null, text: '' };
		const blob = oid === '' ? undefined : byOid.get(oid);
		const readable = blob !== undefined && blob.length <= MAX_FILE_BYTES;
		const text = readable ? decoder.decode(blob) : '';
		const values: NonNullable<SourceFileVersion['values']> = {};
		for (const format of formats.get(path) ?? []) {
			if (!readable) {
				values[format] = null;
				continue;
			}
			const id = `${oid}\0${format}`;
			if (!decoded.has(id)) decoded.set(id, decodeVersion(path, blob, text, format, lastYaml));
			values[format] = decoded.get(id)!;
		}
		return { commit, path, values, text };
	});
}

/**
 * One version of a source file decoded in a format, by today's decoders (`createSourceReader`); null when it cannot be
 * read so. A YAML or JSON version whose edit only replaced one-line values is read from the version before, as the
 * environment files' versions are (`patchVersion`: the same values, without parsing a values file of thousands of lines
 * at each of hundreds of commits); any other edit is decoded whole.
 */
function decodeVersion(
	path: string,
	blob: Uint8Array,
	text: string,
	format: SourceFormat,
	lastYaml: Map<string, ReadVersion>,
): { segments: string[]; value: unknown }[] | null {
	const yaml = format === 'yaml' || format === 'json';
	const patched = yaml ? patchVersion(text, lastYaml.get(`${format}\0${path}`)) : undefined;
	if (patched) {
		lastYaml.set(`${format}\0${path}`, patched);
		return valuesOf(patched.settings);
	}
	const one = createSourceReader([{ path, content: blob, source: true }]).decode(path, format);
	if (!one || one.problem) return null;
	if (yaml) lastYaml.set(`${format}\0${path}`, readSettingsDocument(text));
	return one.entries.map((entry) => ({ segments: entry.segments, value: entry.value }));
}

/** A source document's values as the YAML decoder yields them (`entriesOf`), without positions. */
function valuesOf(data: unknown): { segments: string[]; value: unknown }[] {
	return entriesOf(data, () => ({ span: pointSpan(1, 1) })).map((entry) => ({ segments: entry.segments, value: entry.value }));
}
