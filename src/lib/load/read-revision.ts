import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { isContentPath, type RawFile } from '../schema/content-files.ts';

const run = promisify(execFile);

/** A git problem a user can act on (unknown revision, no common history, not a repository). */
export class GitError extends Error {}

async function git(root: string, args: string[]): Promise<string> {
	try {
		const { stdout } = await run('git', args, { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
		return stdout;
	} catch (error) {
		const detail = ((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n')[0];
		throw new GitError(detail || `git ${args[0]} failed`);
	}
}

/** Resolves a revision to a commit hash, with a clear message when it does not exist. */
export async function resolveRevision(root: string, rev: string): Promise<string> {
	await git(root, ['rev-parse', '--git-dir']).catch(() => {
		throw new GitError(`${root} is not in a git repository; pr-report reads both revisions from git.`);
	});
	try {
		return (await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim();
	} catch {
		throw new GitError(`"${rev}" is not a commit in this repository; fetch it first (in CI, check out with fetch-depth: 0).`);
	}
}

/** The commit where two revisions' histories meet, as a pull request compares them. */
export async function mergeBase(root: string, base: string, head: string): Promise<string> {
	try {
		return (await git(root, ['merge-base', base, head])).trim();
	} catch {
		throw new GitError(`the revisions ${base.slice(0, 12)} and ${head.slice(0, 12)} have no common history, so there is nothing to compare; check the --base revision (in CI, fetch with fetch-depth: 0).`);
	}
}

/**
 * Reads the content files of a revision from git without touching the working tree: the config
 * file and the content folders under `root` (which may be a subfolder of the repository).
 */
export async function readRevision(root: string, rev: string): Promise<RawFile[]> {
	const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
	const listing = await git(root, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', rev, '--', ...(prefix ? [prefix] : [])]);
	const paths = listing
		.split('\0')
		.filter(Boolean)
		.map((full) => ({ full, path: full.slice(prefix.length) }))
		.filter(({ path }) => isContentPath(path));
	if (paths.length === 0) return [];
	const contents = await catFiles(root, paths.map(({ full }) => `${rev}:${full}`));
	return paths.map(({ path }, i) => ({ path, content: contents[i]! }));
}

/** Reads many blobs in one `git cat-file --batch` process. */
function catFiles(root: string, objects: string[]): Promise<Uint8Array[]> {
	return new Promise((resolve, reject) => {
		const child = spawn('git', ['cat-file', '--batch'], { cwd: root });
		const chunks: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) return reject(new GitError(`git cat-file exited with ${code}`));
			const data = Buffer.concat(chunks);
			const out: Uint8Array[] = [];
			let offset = 0;
			for (let i = 0; i < objects.length; i++) {
				const newline = data.indexOf(10, offset);
				const header = data.subarray(offset, newline).toString('utf8');
				const size = Number(header.split(' ')[2]);
				if (!Number.isFinite(size)) return reject(new GitError(`git could not read ${objects[i]}: ${header}`));
				out.push(data.subarray(newline + 1, newline + 1 + size));
				offset = newline + 1 + size + 1;
			}
			resolve(out);
		});
		child.stdin.end(`${objects.join('\n')}\n`);
	});
}
