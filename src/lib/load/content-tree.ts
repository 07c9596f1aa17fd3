import { posix } from 'node:path';
import { CONFIG_FILES, CONTENT_FOLDERS, type UnreadFile } from '../schema/content-files.ts';

/** What is at a path of a content tree; `other` is never content (a FIFO, a device, a git submodule). */
export type EntryKind = 'file' | 'folder' | 'link' | 'other';

/**
 * Read access to a content root, on disk or in a git revision. Paths are relative to the root, with
 * forward slashes ('' is the root), and name real entries: `findContent` resolves every symbolic link
 * itself, one part at a time, so that an access never follows one and nothing outside the root is read.
 */
export interface ContentTree {
	/** What is at a path, without following a link there; undefined when nothing is. */
	kindOf(path: string): Promise<EntryKind | undefined>;
	/** The entries of a folder; none when it is not a folder. */
	list(path: string): Promise<{ name: string; kind: EntryKind }[]>;
	/** The target of a link, as written in it. */
	readLink(path: string): Promise<string>;
	/** An absolute link target as a path relative to the root, when it names a place inside the root. */
	insideRoot(absolute: string): string | undefined;
}

/** A content path the walk found: the real path holding its content, or why it is left unread. */
export type FoundPath = { path: string; real: string } | { path: string; unread: UnreadFile };

/** Links followed in a row before the walk calls it a loop, as Linux does (ELOOP). */
const MAX_LINK_HOPS = 40;

/** Whether one part of a path names something envparity never reads: a hidden entry or node_modules. */
export function isSkippedName(name: string): boolean {
	return name === 'node_modules' || name.startsWith('.');
}

/** Whether a path (relative, with forward slashes) lies in a hidden folder or in node_modules. */
export function isSkippedPath(path: string): boolean {
	return path.split('/').some(isSkippedName);
}

/** What a content path must be for the engine to read it: the config files are files, the content folders folders. */
function expected(path: string): 'file' | 'folder' | 'any' | undefined {
	if ((CONFIG_FILES as readonly string[]).includes(path)) return 'file';
	if (path in CONTENT_FOLDERS) return 'folder';
	return path.split('/')[0]! in CONTENT_FOLDERS ? 'any' : undefined;
}

/**
 * Finds the content at some paths of a tree (the config files and the content folders, or one path
 * that changed): every file, with the real path of its content, and every path left unread. A symbolic
 * link is followed when it leads, link by link, to a file or folder inside the root that is not hidden,
 * and its content is found at the link's path; a link that leads outside the root or into a hidden folder,
 * a link to nothing, a loop of links, and a link to a folder whose files are read already (each folder
 * is read once: a content folder, a folder another link leads to, or one that holds them) are left unread.
 */
export async function findContent(tree: ContentTree, paths: readonly string[]): Promise<FoundPath[]> {
	const found: FoundPath[] = [];
	// The real folders whose files are read: the content folders first, wherever their links lead, and
	// the folders that are really there before the links (a link must not take a real folder's place).
	const read = new Set<string>();
	const folderRead = (real: string): { unread: UnreadFile } => ({
		unread: { reason: 'link-unreadable', why: 'folder-read', target: real },
	});
	const folders = new Map<string, { real: string } | { unread: UnreadFile }>();
	const tops: [string, Resolved][] = [];
	for (const folder of Object.keys(CONTENT_FOLDERS)) {
		const at = await resolvePath(tree, folder);
		if (at && ('unread' in at || at.kind === 'folder')) tops.push([folder, at]);
	}
	tops.sort(([a, x], [b, y]) => Number('real' in y && y.real === b) - Number('real' in x && x.real === a));
	for (const [folder, at] of tops) {
		if ('unread' in at) folders.set(folder, at);
		else if (overlaps(read, at.real)) folders.set(folder, folderRead(at.real));
		else {
			read.add(at.real);
			folders.set(folder, { real: at.real });
		}
	}
	const visit = async (path: string, real: string, kind: EntryKind | undefined): Promise<void> => {
		if (kind === 'file') found.push({ path, real });
		if (kind !== 'folder') return;
		for (const entry of (await tree.list(real)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			if (isSkippedName(entry.name)) continue;
			const child = `${path}/${entry.name}`;
			const childReal = real ? `${real}/${entry.name}` : entry.name;
			if (entry.kind !== 'link') {
				await visit(child, childReal, entry.kind);
				continue;
			}
			const target = await followLink(tree, childReal);
			if ('unread' in target) found.push({ path: child, unread: target.unread });
			else if (target.kind === 'folder' && overlaps(read, target.real)) found.push({ path: child, ...folderRead(target.real) });
			else {
				if (target.kind === 'folder') read.add(target.real);
				await visit(child, target.real, target.kind);
			}
		}
	};
	for (const path of paths) {
		const expect = expected(path);
		if (!expect || isSkippedPath(path)) continue;
		const top = path.split('/')[0]!;
		const folder = folders.get(top);
		if (folder && 'unread' in folder) {
			// The content folder itself is left unread: report it once, at its own path.
			found.push({ path: top, unread: folder.unread });
			continue;
		}
		if (folder && path === top) {
			await visit(path, folder.real, 'folder');
			continue;
		}
		// A path inside a content folder is reached as the whole walk reaches it: a link to a folder read already is not followed.
		const at = folder
			? await resolvePath(tree, path.slice(top.length + 1), folder.real, (real) => overlaps(read, real))
			: await resolvePath(tree, path);
		if (!at) continue;
		if ('unread' in at) found.push({ path: folder ? `${top}/${at.path}` : at.path, unread: at.unread });
		else if (expect === 'any' || at.kind === expect) await visit(path, at.real, at.kind);
	}
	return found;
}

/** Whether a folder is read already: it is, lies inside, or holds a folder whose files are read. */
function overlaps(read: ReadonlySet<string>, real: string): boolean {
	for (const folder of read) {
		if (folder === real || folder === '' || real === '' || real.startsWith(`${folder}/`) || folder.startsWith(`${real}/`)) return true;
	}
	return false;
}

type Resolved = { real: string; kind: EntryKind } | { path: string; unread: UnreadFile };

/**
 * Resolves a path below a real folder (`from`, the root by default) part by part, following links: where
 * its content really is, or the first link on the way that is left unread (with its path), or undefined
 * when nothing is there. A link to a folder that `isRead` says is read already is left unread.
 */
async function resolvePath(tree: ContentTree, path: string, from = '', isRead?: (real: string) => boolean): Promise<Resolved | undefined> {
	let real = from;
	let kind: EntryKind | undefined = 'folder';
	const parts = path.split('/');
	for (let i = 0; i < parts.length; i++) {
		if (kind !== 'folder') return undefined;
		const here = real ? `${real}/${parts[i]}` : parts[i]!;
		kind = await tree.kindOf(here);
		if (kind === undefined) return undefined;
		real = here;
		if (kind !== 'link') continue;
		const target = await followLink(tree, here);
		const at = parts.slice(0, i + 1).join('/');
		if ('unread' in target) return { path: at, unread: target.unread };
		if (target.kind === 'folder' && isRead?.(target.real))
			return { path: at, unread: { reason: 'link-unreadable', why: 'folder-read', target: target.real } };
		({ real, kind } = target);
	}
	return { real, kind };
}

/**
 * Where a link leads, resolved part by part as the system does (a `..` after a link leaves the link's
 * target), without leaving the root: the real path and its kind, or why the link is not followed. A
 * target that leaves the root, as written or on the way, is outside, even if a later part would come back.
 */
async function followLink(tree: ContentTree, link: string): Promise<{ real: string; kind: EntryKind } | { unread: UnreadFile }> {
	const outside: { unread: UnreadFile } = { unread: { reason: 'link-outside-root' } };
	const text = await tree.readLink(link);
	const folder = link.includes('/') ? link.slice(0, link.lastIndexOf('/')) : '';
	// Where the text points, read as a path: what a link to nothing is reported with.
	const written = writtenTarget(tree, folder, text);
	if (written === undefined) return outside;
	const unreadable = (why: 'missing' | 'loop'): { unread: UnreadFile } => ({ unread: { reason: 'link-unreadable', why, target: written } });
	const start = startOf(tree, folder, text);
	if (!start) return outside;
	const resolved = start.from;
	const pending = start.parts;
	let kind: EntryKind = 'folder';
	let hops = 0;
	while (pending.length > 0) {
		const part = pending.shift()!;
		if (part === '' || part === '.') continue;
		if (kind !== 'folder') return unreadable('missing');
		if (part === '..') {
			if (resolved.pop() === undefined) return outside;
			continue;
		}
		resolved.push(part);
		const here = resolved.join('/');
		const found = await tree.kindOf(here);
		if (found === undefined) return unreadable('missing');
		kind = found;
		if (kind !== 'link') continue;
		if (++hops > MAX_LINK_HOPS) return unreadable('loop');
		resolved.pop();
		const next = startOf(tree, resolved.join('/'), await tree.readLink(here));
		if (!next) return outside;
		// The next link's target replaces the part that named it.
		resolved.splice(0, resolved.length, ...next.from);
		pending.unshift(...next.parts);
		kind = 'folder';
	}
	const hidden = resolved.find(isSkippedName);
	if (hidden) return { unread: { reason: 'link-outside-root', hidden } };
	return { real: resolved.join('/'), kind };
}

/** Where a link's text starts resolving: the root for an absolute path inside it, else the link's folder. */
function startOf(tree: ContentTree, folder: string, text: string): { from: string[]; parts: string[] } | undefined {
	if (!posix.isAbsolute(text)) return { from: folder ? folder.split('/') : [], parts: text.split('/') };
	const inside = tree.insideRoot(text);
	return inside === undefined ? undefined : { from: [], parts: inside.split('/') };
}

/** A link's text as a normalised path relative to the root; undefined when, as written, it leaves the root. */
function writtenTarget(tree: ContentTree, folder: string, text: string): string | undefined {
	const path = posix.isAbsolute(text) ? tree.insideRoot(text) : posix.join(folder || '.', text);
	if (path === undefined) return undefined;
	const normal = posix.normalize(path || '.').replace(/\/$/, '');
	if (normal === '..' || normal.startsWith('../')) return undefined;
	return normal === '.' ? '' : normal;
}

/** How many entries a source glob's walk visits at most: a glob such as `**` over a large tree must not hang the check. */
export const MAX_SOURCE_WALK = 20_000;

/**
 * Finds the files that an environment's `sources` name (paths relative to the root, normalised, or globs): each
 * file with the real path of its content, or left unread when a link on its way leads outside the root. A glob
 * walks the folder before its first wildcard (hidden files included, `.git` and `node_modules` never), following
 * links as `findContent` does; a link that leads outside the root is left unread only where the glob matches it.
 */
export async function findSources(tree: ContentTree, patterns: readonly string[]): Promise<FoundPath[]> {
	const found = new Map<string, FoundPath>();
	for (const pattern of patterns) {
		const parts = pattern.split('/');
		const firstGlob = parts.findIndex((part) => /[*?[{]/.test(part));
		if (firstGlob < 0) {
			const at = await resolvePath(tree, pattern);
			if (at && 'unread' in at) found.set(pattern, { path: pattern, unread: at.unread });
			else if (at?.kind === 'file') found.set(pattern, { path: pattern, real: at.real });
			continue;
		}
		const base = parts.slice(0, firstGlob).join('/');
		const start = base === '' ? { real: '', kind: 'folder' as EntryKind } : await resolvePath(tree, base);
		if (!start || 'unread' in start || start.kind !== 'folder') continue;
		let visited = 0;
		const walk = async (path: string, real: string, depth: number): Promise<void> => {
			for (const entry of (await tree.list(real)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
				if (++visited > MAX_SOURCE_WALK || depth > 32) return;
				if (entry.name === '.git' || entry.name === 'node_modules') continue;
				const child = path ? `${path}/${entry.name}` : entry.name;
				const childReal = real ? `${real}/${entry.name}` : entry.name;
				let target: { real: string; kind: EntryKind } | { unread: UnreadFile } = { real: childReal, kind: entry.kind };
				if (entry.kind === 'link') target = await followLink(tree, childReal);
				if ('unread' in target) {
					if (posix.matchesGlob(child, pattern)) found.set(child, { path: child, unread: target.unread });
				} else if (target.kind === 'file') {
					if (posix.matchesGlob(child, pattern) && !found.has(child)) found.set(child, { path: child, real: target.real });
				} else if (target.kind === 'folder') {
					await walk(child, target.real, depth + 1);
				}
			}
		};
		await walk(base, start.real, 0);
	}
	return [...found.values()];
}
