import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParityModel } from '../model/parity-model.ts';
import { goLinks, renderGoPage } from '../site/go-links.ts';
import { createLinks } from '../site/links.ts';

/** Where and how the `/go/` pages are written: the folder that becomes the site's root, the base path, the site's address. */
export interface GoPagesTask {
	folder: string;
	base: string;
	site?: string;
}

/** Writes a `/go/<id-or-alias>/` page for every id and alias under `folder`, so incident tickets keep working after renames. */
export async function writeGoPages(model: ParityModel, { folder, base, site }: GoPagesTask): Promise<void> {
	const links = goLinks(model, createLinks(base));
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
