import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { CONFIG_FILES, CONTENT_FOLDERS, MAX_FILE_BYTES, type RawFile } from '../schema/content-files.ts';
import { findContent, findSources, type ContentTree, type EntryKind, type FoundPath } from './content-tree.ts';
import { sourcePatterns } from './sources/patterns.ts';

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
		throw new GitError(
			`the revisions ${base.slice(0, 12)} and ${head.slice(0, 12)} have no common history, so there is nothing to compare; check the --base revision (in CI, fetch with fetch-depth: 0).`,
		);
	}
}

/**
 * Reads the content files of a revision from git without touching the working tree: the config
 * file and the content folders under `root` (which may be a subfolder of the repository). Git keeps a
 * symbolic link as a blob holding its target: links are followed as on disk (see `findContent`), never
 * read as content, and a blob larger than MAX_FILE_BYTES is not read.
 */
export async function readRevision(root: string, rev: string): Promise<RawFile[]> {
	const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
	const listing = await git(root, ['ls-tree', '-r', '-z', '-l', '--full-tree', rev, '--', ...(prefix ? [prefix] : [])]);
	const entries = new Map<string, TreeEntry>();
	for (const record of listing.split('\0')) {
		// <mode> <type> <object> <size>\t<path>, the path unquoted (-z), so any name is read as it is.
		const match = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t([^]*)$/.exec(record);
		if (!match || !match[5]!.startsWith(prefix)) continue;
		const [, mode, type, oid, size, full] = match;
		const kind: EntryKind = type !== 'blob' ? 'other' : mode === '120000' ? 'link' : 'file';
		entries.set(full!.slice(prefix.length), { kind, oid: oid!, size: Number(size) });
	}
	const links = [...entries.values()].filter((entry) => entry.kind === 'link');
	const targets = await catFiles(
		root,
		links.map((link) => link.oid),
	);
	const linkTexts = new Map(links.map((link, i) => [link.oid, new TextDecoder().decode(targets[i])]));
	const tree = revisionTree(entries, linkTexts);
	const content = await readFoundAt(root, entries, await findContent(tree, [...CONFIG_FILES, ...Object.keys(CONTENT_FOLDERS)]));
	// The configuration files its environments name as sources, as they were at the revision.
	const patterns = sourcePatterns(content);
	if (patterns.length === 0) return content;
	const sources = await readFoundAt(root, entries, await findSources(tree, patterns));
	return [...content, ...sources.map((file) => ({ ...file, source: true as const }))];
}

/** Reads the blobs of the paths found (in one `git cat-file` process); a path left unread or too large comes back with why. */
async function readFoundAt(root: string, entries: ReadonlyMap<string, TreeEntry>, found: readonly FoundPath[]): Promise<RawFile[]> {
	const files: RawFile[] = [];
	const wanted: { path: string; oid: string }[] = [];
	for (const entry of found) {
		if ('unread' in entry) files.push({ path: entry.path, content: new Uint8Array(), unread: entry.unread });
		else {
			const { oid, size } = entries.get(entry.real)!;
			if (size > MAX_FILE_BYTES) files.push({ path: entry.path, content: new Uint8Array(), unread: { reason: 'too-large', bytes: size } });
			else wanted.push({ path: entry.path, oid });
		}
	}
	const contents = await catFiles(
		root,
		wanted.map(({ oid }) => oid),
	);
	wanted.forEach(({ path }, i) => files.push({ path, content: contents[i]! }));
	return files;
}

/** One entry of a revision's tree: a file, a symbolic link, or a submodule (other). */
interface TreeEntry {
	kind: EntryKind;
	oid: string;
	size: number;
}

/** A revision's tree as a content tree: its folders are the parents of its entries. */
function revisionTree(entries: ReadonlyMap<string, TreeEntry>, linkTexts: ReadonlyMap<string, string>): ContentTree {
	const folders = new Map<string, Map<string, EntryKind>>([['', new Map()]]);
	for (const [path, entry] of entries) {
		let child = path;
		let kind = entry.kind;
		while (true) {
			const slash = child.lastIndexOf('/');
			const parent = slash < 0 ? '' : child.slice(0, slash);
			const known = folders.get(parent);
			if (known) {
				known.set(child.slice(slash + 1), kind);
				break;
			}
			folders.set(parent, new Map([[child.slice(slash + 1), kind]]));
			child = parent;
			kind = 'folder';
		}
	}
	return {
		kindOf: async (path) => (folders.has(path) ? 'folder' : entries.get(path)?.kind),
		list: async (path) => [...(folders.get(path) ?? [])].map(([name, kind]) => ({ name, kind })),
		readLink: async (path) => linkTexts.get(entries.get(path)!.oid)!,
		// A revision has no place on disk: an absolute link leaves it.
		insideRoot: () => undefined,
	};
}

/** Reads many blobs, by object id, in one `git cat-file --batch` process (also the value history's one read of blobs). */
export function catFiles(root: string, objects: string[]): Promise<Uint8Array[]> {
	if (objects.length === 0) return Promise.resolve([]);
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
