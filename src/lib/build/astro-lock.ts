import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRunning } from './output-folder.ts';

/** The locks this process holds: one with its pid that it does not hold was left by an earlier process with that pid. */
const held = new Set<string>();

/** How long a lock without its owner's pid may be young: its owner is between creating it and writing the pid. */
const UNCLAIMED_MS = 10_000;

/**
 * Holds the project's Astro lock until the returned function is called (once or more). Astro keeps files of a build in
 * the project's `.astro/` whatever the output folder (the list of MDX modules that the bundle imports, the content's
 * types), and writes each through one temporary name: two builds at once from one project folder rewrote them at the
 * same moment and one of them failed, or bundled the other's list of MDX modules. Builds take turns from the start of
 * Astro until their pages are bundled; the rest (reading the content, rendering, the search index) still overlaps.
 * The lock is a folder (made atomically) holding its owner's pid; one whose owner ended is taken over.
 */
export async function holdAstroLock(
	folder: string,
	wait: { pollMs?: number; waiting?: (owner: number | undefined) => void } = {},
): Promise<() => Promise<void>> {
	const lock = join(folder, 'astro.lock');
	await mkdir(folder, { recursive: true });
	for (;;) {
		try {
			await mkdir(lock);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = await ownerOf(lock);
			if (await abandoned(lock, owner)) await rm(lock, { recursive: true, force: true });
			else {
				wait.waiting?.(owner);
				wait = { ...wait, waiting: undefined };
				await sleep(wait.pollMs ?? 100);
			}
			continue;
		}
		held.add(lock);
		await writeFile(join(lock, 'pid'), String(process.pid));
		let released: Promise<void> | undefined;
		return () => {
			held.delete(lock);
			return (released ??= rm(lock, { recursive: true, force: true }));
		};
	}
}

/** The pid of the process that holds a lock, once it has written it. */
async function ownerOf(lock: string): Promise<number | undefined> {
	const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
	return Number.isInteger(owner) && owner > 0 ? owner : undefined;
}

/** Whether a lock's owner ended (or never said who it was, long enough ago). */
async function abandoned(lock: string, owner: number | undefined): Promise<boolean> {
	if (owner === process.pid) return !held.has(lock);
	if (owner !== undefined) return !isRunning(owner);
	const made = await stat(lock).catch(() => undefined);
	return made !== undefined && Date.now() - made.mtimeMs > UNCLAIMED_MS;
}
