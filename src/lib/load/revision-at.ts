import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GitError } from './read-revision.ts';

const run = promisify(execFile);

/** The commit that `--at` names, and the day it landed. */
export interface RevisionAt {
	hash: string;
	/** The commit's committer date, YYYY-MM-DD in UTC. */
	date: string;
	subject: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Resolves `--at DATE|REV` in the repository holding `root`: a day (YYYY-MM-DD) names the last commit on or before it
 * along the first parent of HEAD; anything else is a revision (a hash, a tag, a branch, HEAD~3). A revision starting
 * with `-` is refused, so that it can never be read as an option of git. Every failure is a GitError a user can act on.
 */
export async function resolveRevisionAt(root: string, at: string): Promise<RevisionAt> {
	if (at.startsWith('-')) throw new GitError(`"${at}" is not a revision: a revision cannot start with "-".`);
	if (at.trim() === '') throw new GitError('--at needs a date (YYYY-MM-DD) or a revision.');
	const git = async (args: string[]): Promise<string> =>
		(await run('git', args, { cwd: root, timeout: 30_000, maxBuffer: 1024 * 1024 })).stdout;
	try {
		await git(['rev-parse', '--git-dir']);
	} catch {
		throw new GitError(
			`${root} is not in a git repository (or git is missing), so there is no earlier version to read; --at reads it from git.`,
		);
	}
	let hash: string;
	if (DAY.test(at)) {
		if (Number.isNaN(Date.parse(`${at}T00:00:00Z`)) || new Date(`${at}T00:00:00Z`).toISOString().slice(0, 10) !== at)
			throw new GitError(`"${at}" is not a real date; write it as YYYY-MM-DD, e.g. 2024-02-01.`);
		hash = (await git(['rev-list', '-1', '--first-parent', `--before=${at} 23:59:59 +0000`, 'HEAD', '--']).catch(() => '')).trim();
		if (!hash) {
			const first = (await git(['log', '--first-parent', '--reverse', '--format=%cs', 'HEAD', '--']).catch(() => '')).split('\n')[0];
			throw new GitError(
				first
					? `no commit on or before ${at}: the history starts on ${first}.`
					: `no commit on or before ${at}: the repository has no commit yet.`,
			);
		}
	} else {
		try {
			hash = (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${at}^{commit}`])).trim();
		} catch {
			throw new GitError(`"${at}" is neither a date (YYYY-MM-DD) nor a commit of this repository; check the revision, or fetch it first.`);
		}
	}
	const [time = '', subject = ''] = (await git(['log', '-1', '--format=%cI%x1f%s', hash, '--'])).trim().split('\x1f');
	return { hash, date: new Date(time).toISOString().slice(0, 10), subject };
}
