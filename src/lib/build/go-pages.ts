import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParityModel } from '../model/parity-model.ts';
import { goLinks, renderGoPage, type GoLink } from '../site/go-links.ts';
import { createLinks } from '../site/links.ts';

/** Where and how the `/go/` pages are written: the folder that becomes the site's root, the base path, the site's address. */
export interface GoPagesTask {
	folder: string;
	base: string;
	site?: string;
}

/** The `/go/` links of a model (small: ids, aliases and their pages), to hand to whoever writes the pages. */
export function goPageLinks(model: ParityModel, { base }: Pick<GoPagesTask, 'base'>): GoLink[] {
	return goLinks(model, createLinks(base));
}

/** Writes a `/go/<id-or-alias>/` page for every link under `folder`, so incident tickets keep working after renames. */
export async function writeGoPages(links: readonly GoLink[], { folder, site }: Pick<GoPagesTask, 'folder' | 'site'>): Promise<void> {
	await mkdir(join(folder, 'go'), { recursive: true });
	for (let i = 0; i < links.length; i += 128) {
		await Promise.all(
			links.slice(i, i + 128).map(async (link) => {
				const page = join(folder, 'go', link.ref);
				await mkdir(page, { recursive: true });
				await writeFile(join(page, 'index.html'), renderGoPage(link, site));
			}),
		);
	}
}
