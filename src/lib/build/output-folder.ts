import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The file that every built site holds at its top, so that a later build knows the folder is a
 * site it may replace. A folder without it is someone else's, and the build refuses to delete it.
 */
export const BUILD_MARKER = '.envparity-build';

/**
 * The folders of one build beside its output folder: where the site is built, where the search index is written,
 * where Mermaid's modules are copied, where the `/go/` pages are written, where the old site is set aside.
 */
export interface BuildFolders {
	/** The site being built: `.<out>.building-<pid>`. */
	staging: string;
	/** The search index being written: `.<out>.search-<pid>`. */
	search: string;
	/** Mermaid's modules being copied: `.<out>.vendor-<pid>`. */
	vendor: string;
	/** The `/go/` pages being written (by their own worker, see readInThread): `.<out>.go-<pid>`. */
	go: string;
	/** The previous site while the new one moves into place: `.<out>.old-<pid>`. */
	aside: string;
}

const KINDS = ['building', 'search', 'vendor', 'go', 'old'] as const;

/** The folders a build with process id `pid` uses beside `outDir`, on the same filesystem, so that moving them is a rename. */
export function buildFolders(outDir: string, pid: number): BuildFolders {
	const [staging, search, vendor, go, aside] = KINDS.map((kind) => join(dirname(outDir), `.${basename(outDir)}.${kind}-${pid}`));
	return { staging: staging!, search: search!, vendor: vendor!, go: go!, aside: aside! };
}

/** Whether a process runs: signal 0 checks without sending anything (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Removes the folders that builds into `outDir` left behind when they were killed: only those
 * with envparity's names beside this output folder, and only those of a process that no longer
 * runs. A build killed between setting the old site aside and moving the new one in leaves no
 * output folder: its old site is put back. Returns the folders removed or restored.
 */
export async function cleanStaleBuilds(outDir: string, running: (pid: number) => boolean = isRunning): Promise<string[]> {
	const parent = dirname(outDir);
	const pattern = new RegExp(`^\\.${escapeRegExp(basename(outDir))}\\.(${KINDS.join('|')})-([1-9][0-9]*)$`);
	let names: string[];
	try {
		names = await readdir(parent);
	} catch {
		return [];
	}
	const stale = names
		.map((name) => ({ name, match: pattern.exec(name) }))
		.filter(({ match }) => match && !running(Number(match[2])))
		.map(({ name, match }) => ({ path: join(parent, name), kind: match![1] }));
	const cleaned: string[] = [];
	// Clean-up is done at its best: a folder that cannot be moved or removed now is left for the next build.
	const attempt = async (path: string, step: Promise<void>): Promise<void> => {
		try {
			await step;
			cleaned.push(path);
		} catch {
			// Left as it was.
		}
	};
	const aside = stale.find(({ kind }) => kind === 'old');
	if (aside && !existsSync(outDir) && (await isBuiltSite(aside.path))) await attempt(aside.path, rename(aside.path, outDir));
	for (const { path } of stale) {
		if (!cleaned.includes(path)) await attempt(path, rm(path, { recursive: true, force: true }));
	}
	return cleaned;
}

/**
 * Why the build must not replace `outDir`, or undefined when it may: a folder that does not exist,
 * an empty folder and a site an earlier build wrote (it holds the marker) may be replaced.
 */
export async function refuseOutputFolder(outDir: string): Promise<string | undefined> {
	let info;
	try {
		info = await lstat(outDir);
	} catch {
		return undefined;
	}
	if (info.isSymbolicLink()) {
		return `the output folder ${outDir} is a symbolic link, which the build would replace with a folder; set ENVPARITY_OUT_DIR to the folder it points to.`;
	}
	if (!info.isDirectory()) {
		return `the output folder ${outDir} is not a folder, so the build will not replace it; remove it, or set ENVPARITY_OUT_DIR to another folder.`;
	}
	let names: string[];
	try {
		names = await readdir(outDir);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		return `the output folder ${outDir} cannot be read (${code}), so the build will not replace it; check its permissions, or set ENVPARITY_OUT_DIR to another folder.`;
	}
	if (names.length === 0 || (await isBuiltSite(outDir))) return undefined;
	return `the output folder ${outDir} is not empty and was not written by envparity (it has no ${BUILD_MARKER} file), so the build will not replace it; empty or remove the folder, or set ENVPARITY_OUT_DIR to another folder.`;
}

/** Marks a built site as envparity's, so that the next build may replace it. */
export async function markBuiltSite(site: string): Promise<void> {
	await writeFile(
		join(site, BUILD_MARKER),
		'This site was built by envparity (npm run build). The next build replaces this folder whole.\n',
	);
}

/** Removes the working folders (`<parent>/<pid>`) of builds that are no longer running: killed ones leave theirs. */
export async function cleanStaleWorkFolders(parent: string, running: (pid: number) => boolean = isRunning): Promise<void> {
	const names = await readdir(parent).catch(() => [] as string[]);
	await Promise.all(names.filter((name) => /^\d+$/.test(name) && !running(Number(name))).map((name) => removeFolder(join(parent, name))));
}

/**
 * Moves a built site into place in three steps, each safe to be killed after: the old site is
 * renamed aside, the new one renamed in, and only then the old one deleted. A build killed in
 * between leaves a whole site under one of the two names (see `cleanStaleBuilds`).
 */
export async function moveIntoPlace(staging: string, outDir: string, aside: string): Promise<void> {
	await rm(aside, { recursive: true, force: true });
	const previous = existsSync(outDir);
	if (previous) await rename(outDir, aside);
	try {
		await rename(staging, outDir);
	} catch (error) {
		if (previous) await rename(aside, outDir);
		throw error;
	}
	if (previous) await rm(aside, { recursive: true, force: true });
}

/**
 * Removes a build's folder, and says whether it is gone. After a failure, a file whose writing was
 * under way may still land in it during or after a first removal (and recreate it), so it is
 * removed until it stays gone; `settled`: every writer of the folder is done (a build that
 * succeeded), and one removal is enough. What is left, the next build removes.
 */
export async function removeFolder(path: string, options: { settled?: boolean } = {}): Promise<boolean> {
	if (!existsSync(path)) return true;
	if (options.settled) {
		await rm(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }).catch(() => undefined);
		return !existsSync(path);
	}
	for (let attempt = 1; attempt <= 5; attempt++) {
		try {
			await rm(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
		} catch {
			// A writer still at work: wait, and try again.
		}
		await delay(50 * attempt);
		if (!existsSync(path)) return true;
	}
	return false;
}

async function isBuiltSite(folder: string): Promise<boolean> {
	try {
		if ((await stat(join(folder, BUILD_MARKER))).isFile()) return true;
	} catch {
		// No marker: perhaps a site from before the marker existed.
	}
	return isUnmarkedBuiltSite(folder);
}

/**
 * A site that envparity built before it wrote the marker: its home page names envparity as its
 * generator and it has a search index, so that updating envparity does not make `npm run build`
 * refuse the dist/ folder it wrote itself.
 */
async function isUnmarkedBuiltSite(folder: string): Promise<boolean> {
	try {
		const home = await readFile(join(folder, 'index.html'), 'utf8');
		return /<meta name="generator" content="envparity"/.test(home) && (await stat(join(folder, 'pagefind'))).isDirectory();
	} catch {
		return false;
	}
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
