import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CONFIG_FILE, CONTENT_FOLDERS, type RawFile } from '../schema/content-files.ts';

/** Reads the content files of a repository on disk: the config file and every file in the content folders. */
export async function readRepository(root: string): Promise<RawFile[]> {
	const files: RawFile[] = [];
	for (const name of [CONFIG_FILE, 'envparity.config.yml']) {
		const content = await readFile(join(root, name)).catch(() => undefined);
		if (content) files.push({ path: name, content });
	}
	const paths: { path: string; full: string }[] = [];
	for (const folder of Object.keys(CONTENT_FOLDERS)) {
		const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true }).catch(() => []);
		for (const entry of entries) {
			if (!entry.isFile()) continue;
			const full = join(entry.parentPath, entry.name);
			const path = relative(root, full).split(/[\\/]/).join('/');
			if (path.split('/').some((part) => part === 'node_modules' || part.startsWith('.'))) continue;
			paths.push({ path, full });
		}
	}
	// Read in parallel batches: thousands of small files, one at a time, leave the disk idle.
	for (let i = 0; i < paths.length; i += 64) {
		const batch = paths.slice(i, i + 64);
		const contents = await Promise.all(batch.map(({ full }) => readFile(full)));
		batch.forEach(({ path }, j) => files.push({ path, content: contents[j]! }));
	}
	return files;
}
