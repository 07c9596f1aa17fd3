import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One commit that touched a file. */
export interface Commit {
	hash: string;
	date: string;
	author: string;
	subject: string;
}

/** A file's recent history, or why there is none. */
export interface FileHistory {
	commits: Commit[];
	/** Set when history is unavailable or partial: no git, not a repository, or a shallow clone. */
	note?: string;
}

/** Reads the last commits of a file with git; degrades to a note without git, outside a repository, or in a shallow clone. */
export async function readFileHistory(root: string, file: string, limit = 5): Promise<FileHistory> {
	return (await readFileHistories(root, [file], limit)).get(file)!;
}

/**
 * Reads the last commits of several files with one `git log` (and one check for a shallow clone),
 * rather than two git processes per file: each process forks the build, which holds gigabytes.
 */
export async function readFileHistories(root: string, files: readonly string[], limit = 5): Promise<Map<string, FileHistory>> {
	const histories = new Map<string, FileHistory>(files.map((file) => [file, { commits: [] }]));
	try {
		const { stdout } = await run(
			'git',
			// -z: file names come NUL-terminated and never quoted, whatever characters they hold.
			['log', '-z', '--relative', '--name-only', '--format=%x1e%H%x1f%as%x1f%an%x1f%s', '--', ...files],
			{ cwd: root, timeout: 30_000, maxBuffer: 256 * 1024 * 1024 },
		);
		// Each commit: "\x1e" hash, date, author and subject split by "\x1f", a NUL, a newline, then its files, each NUL-terminated.
		for (const record of stdout.split('\x1e').slice(1)) {
			const [header = '', ...paths] = record.split('\0').map((part) => part.replace(/^\n/, ''));
			const [hash, date, author, subject] = header.split('\x1f') as [string, string, string, string];
			for (const path of paths) {
				const commits = histories.get(path)?.commits;
				if (commits && commits.length < limit) commits.push({ hash, date, author, subject });
			}
		}
	} catch (error) {
		const { killed, code } = error as { killed?: boolean; code?: unknown };
		const note =
			killed || code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
				? 'History is not available (reading it from git took too long).'
				: 'History is not available (git is missing or this is not a git repository).';
		return new Map(files.map((file) => [file, { commits: [], note }]));
	}
	const shallow = await run('git', ['rev-parse', '--is-shallow-repository'], { cwd: root, timeout: 10_000 }).then(
		(r) => r.stdout.trim() === 'true',
		() => false,
	);
	for (const history of histories.values()) {
		if (history.commits.length === 0) history.note = 'No commits touch this file yet.';
		else if (shallow) history.note = 'This is a shallow clone: older history is not available.';
	}
	return histories;
}

// The environment pages of one build share one reading of their files' history.
const environmentHistoryCache = new WeakMap<object, Promise<Map<string, FileHistory>>>();

/** The history of every environment file of a model, read once per model. */
export function environmentHistories(
	root: string,
	model: { environments: readonly { file: string }[] },
): Promise<Map<string, FileHistory>> {
	let histories = environmentHistoryCache.get(model);
	if (!histories)
		environmentHistoryCache.set(
			model,
			(histories = readFileHistories(
				root,
				model.environments.map((e) => e.file),
			)),
		);
	return histories;
}
