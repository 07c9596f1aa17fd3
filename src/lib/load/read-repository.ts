import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CONFIG_FILE, CONTENT_FOLDERS, type RawFile } from '../schema/content-files.ts';

/** The names the configuration file may have at the root of a content repository. */
export const CONFIG_FILES = [CONFIG_FILE, 'envparity.config.yml'] as const;

/** Reads the content files of a repository on disk: the config file and every file in the content folders. */
export async function readRepository(root: string): Promise<RawFile[]> {
	const files: RawFile[] = [];
	for (const name of CONFIG_FILES) {
		const content = await readFile(join(root, name)).catch(() => undefined);
		if (content) files.push({ path: name, content });
	}
	const paths: { path: string; full: string }[] = [];
	for (const folder of Object.keys(CONTENT_FOLDERS)) paths.push(...(await listFiles(root, join(root, folder))));
	files.push(...(await readFiles(paths)));
	return files;
}

/**
 * Reads what is now at one path of a repository (relative, with forward slashes): the file, every file
 * under a folder, or nothing when the path is gone, so that the dev server re-reads only what changed.
 */
export async function readRepositoryPath(root: string, path: string): Promise<RawFile[]> {
	const full = join(root, path);
	const stats = await stat(full).catch(() => undefined);
	if (!stats) return [];
	if (stats.isDirectory()) return readFiles(await listFiles(root, full));
	if (!stats.isFile() || skipped(path)) return [];
	// The file may go between the stat and the read: then it is gone.
	const content = await readFile(full).catch(unlessGone);
	return content ? [{ path, content }] : [];
}

/** Every file under a folder, with its path relative to the root; none when the folder does not exist. */
async function listFiles(root: string, folder: string): Promise<{ path: string; full: string }[]> {
	const paths: { path: string; full: string }[] = [];
	const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		const full = join(entry.parentPath, entry.name);
		const path = relative(root, full).split(/[\\/]/).join('/');
		if (!skipped(path)) paths.push({ path, full });
	}
	return paths;
}

/** Whether a path lies in a hidden folder or in node_modules, which are never content. */
function skipped(path: string): boolean {
	return path.split('/').some((part) => part === 'node_modules' || part.startsWith('.'));
}

async function readFiles(paths: readonly { path: string; full: string }[]): Promise<RawFile[]> {
	const files: RawFile[] = [];
	// Read in parallel batches: thousands of small files, one at a time, leave the disk idle.
	for (let i = 0; i < paths.length; i += 64) {
		const batch = paths.slice(i, i + 64);
		// A file deleted since the folder was listed is simply gone.
		const contents = await Promise.all(batch.map(({ full }) => readFile(full).catch(unlessGone)));
		batch.forEach(({ path }, j) => {
			const content = contents[j];
			if (content) files.push({ path, content });
		});
	}
	return files;
}

/** Treats a file that no longer exists as absent; any other failure to read it is reported. */
function unlessGone(error: NodeJS.ErrnoException): undefined {
	if (error.code === 'ENOENT') return undefined;
	throw error;
}
