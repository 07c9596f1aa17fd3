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
	try {
		const { stdout } = await run('git', ['log', `-n${limit}`, '--format=%H%x1f%as%x1f%an%x1f%s', '--', file], { cwd: root, timeout: 10_000 });
		const commits = stdout.split('\n').filter(Boolean).map((line) => {
			const [hash, date, author, subject] = line.split('\x1f') as [string, string, string, string];
			return { hash, date, author, subject };
		});
		const shallow = await run('git', ['rev-parse', '--is-shallow-repository'], { cwd: root, timeout: 10_000 }).then((r) => r.stdout.trim() === 'true', () => false);
		if (commits.length === 0) return { commits, note: 'No commits touch this file yet.' };
		return shallow ? { commits, note: 'This is a shallow clone: older history is not available.' } : { commits };
	} catch {
		return { commits: [], note: 'History is not available (git is missing or this is not a git repository).' };
	}
}
