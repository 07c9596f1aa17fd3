import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MERMAID_VERSION = (
	JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('mermaid/package.json')), 'utf8')) as { version: string }
).version;

/**
 * Where the site serves Mermaid from, relative to its base path. The entry's name is fixed and its
 * chunks' names are hashed, so the folder carries Mermaid's version: a browser that cached the
 * entry of an older Mermaid never asks for chunks that are gone.
 */
export const MERMAID_PATH = `vendor/mermaid/${MERMAID_VERSION}/`;
/** Mermaid's entry module within that folder. */
export const MERMAID_ENTRY = 'mermaid.esm.min.mjs';

/**
 * Mermaid's own prebuilt, minified ES modules: the entry and its chunks, which it imports by
 * relative path, each diagram type and layout in a chunk of its own that loads only when a
 * diagram needs it. Serving these instead of bundling Mermaid spares every build from bundling
 * Mermaid's thousands of modules (over a second and 400 MB at its peak).
 */
export async function mermaidFiles(): Promise<{ from: string; to: string }[]> {
	const dist = dirname(fileURLToPath(import.meta.resolve('mermaid')));
	const chunks = join('chunks', 'mermaid.esm.min');
	const names = (await readdir(join(dist, chunks))).filter((name) => name.endsWith('.mjs'));
	return [MERMAID_ENTRY, ...names.map((name) => join(chunks, name))].map((file) => ({ from: join(dist, file), to: file }));
}

/** Copies Mermaid's prebuilt modules into a built site. */
export async function copyMermaid(outDir: string): Promise<void> {
	const files = await mermaidFiles();
	await mkdir(join(outDir, MERMAID_PATH, 'chunks', 'mermaid.esm.min'), { recursive: true });
	await Promise.all(files.map(({ from, to }) => copyFile(from, join(outDir, MERMAID_PATH, to))));
}
