import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, parse } from 'es-module-lexer';
import { beside, isStartable } from './worker-module.ts';

const MERMAID_VERSION = (
	JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('mermaid/package.json')), 'utf8')) as { version: string }
).version;

/**
 * Where the site serves Mermaid from, relative to its base path. The entry's name is fixed and its
 * chunks' names are hashed, so the folder carries Mermaid's version: a browser that cached the
 * entry of an older Mermaid never asks for chunks that are gone.
 */
export const MERMAID_PATH = `vendor/mermaid/${MERMAID_VERSION}/`;
/** Mermaid's entry module within that folder: a `.js` name, as every script the site serves. */
export const MERMAID_ENTRY = 'mermaid.esm.min.js';

/**
 * Mermaid's own prebuilt, minified ES modules: the entry and its chunks, which it imports by
 * relative path, each diagram type and layout in a chunk of its own that loads only when a
 * diagram needs it. Serving these instead of bundling Mermaid spares every build from bundling
 * Mermaid's thousands of modules (over a second and 400 MB at its peak). `from` is the `.mjs`
 * file Mermaid ships; `to` is where the site serves it, with a `.js` name (see `toJsName`).
 */
export async function mermaidFiles(): Promise<{ from: string; to: string }[]> {
	const dist = dirname(fileURLToPath(import.meta.resolve('mermaid')));
	const chunks = join('chunks', 'mermaid.esm.min');
	const names = (await readdir(join(dist, chunks))).filter((name) => name.endsWith('.mjs'));
	return ['mermaid.esm.min.mjs', ...names.map((name) => join(chunks, name))].map((file) => ({
		from: join(dist, file),
		to: toJsName(file),
	}));
}

/**
 * The `.js` name of a module named `.mjs`. Static hosts and upload tools that do not know `.mjs`
 * send it as `application/octet-stream`, and browsers refuse to run a module script of that type.
 */
export function toJsName(name: string): string {
	return name.endsWith('.mjs') ? `${name.slice(0, -'.mjs'.length)}.js` : name;
}

/**
 * Rewrites the relative `.mjs` specifiers of a module's imports, re-exports and literal dynamic
 * imports to their `.js` names, found with a lexer of JavaScript's module syntax (never by a
 * text search, which would also change strings and comments). Throws, naming the module, when a
 * specifier cannot be rewritten safely (written with escapes, or a dynamic import of a computed
 * name): a module that loads a `.mjs` name at run time would fail in the browser without a word.
 */
export async function renameModuleImports(source: string, module: string): Promise<string> {
	await init;
	const [imports] = parse(source, module);
	const edits: { start: number; end: number; text: string }[] = [];
	for (const found of imports) {
		const raw = source.slice(found.s, found.e);
		// import.meta, and a dynamic import of a computed name, carry no specifier.
		if (found.n === undefined) {
			if (found.d > -1 && /\.mjs\b/.test(raw))
				throw new Error(`${module}: a dynamic import of a computed name (${raw}) cannot be renamed to .js`);
			continue;
		}
		if (!/^\.{1,2}\//.test(found.n) || !found.n.endsWith('.mjs')) continue;
		// A static specifier spans its text alone; a dynamic import's spans the quoted literal.
		const at = raw.indexOf(found.n);
		if (at === -1) throw new Error(`${module}: the import of "${found.n}" is written with escapes and cannot be renamed to .js`);
		edits.push({ start: found.s + at, end: found.s + at + found.n.length, text: toJsName(found.n) });
	}
	let renamed = source;
	for (const edit of edits.sort((a, b) => b.start - a.start)) renamed = renamed.slice(0, edit.start) + edit.text + renamed.slice(edit.end);
	return renamed;
}

/** Reads one of Mermaid's modules as the site serves it: its imports renamed to `.js`. */
export async function readMermaidModule(from: string): Promise<string> {
	return renameModuleImports(await readFile(from, 'utf8'), from);
}

/** Copies Mermaid's prebuilt modules into a built site, under their `.js` names. */
export async function copyMermaid(outDir: string): Promise<void> {
	const files = await mermaidFiles();
	await mkdir(join(outDir, MERMAID_PATH, 'chunks', 'mermaid.esm.min'), { recursive: true });
	await Promise.all(files.map(async ({ from, to }) => writeFile(join(outDir, MERMAID_PATH, to), await readMermaidModule(from))));
}

/** The script that runs `copyMermaid` in a process of its own, beside this module (a source file, or the build's bundle). */
const SCRIPT = beside('copy-mermaid', new URL(import.meta.url));

/**
 * `copyMermaid` in a process of its own, which gives its memory back when it ends. Renaming the
 * imports of 5.5 MB of modules holds their texts, the lexer's WebAssembly memory (which never
 * shrinks) and the renamed copies: about 50 MB that stayed in the build's process once it was done
 * (in a worker thread as well), and came on top of the pages' peak (at 1,000 entities, the build's
 * peak went from about 790 to 850-900 MiB). Where the script is not beside this module (a bundle),
 * or no process can start, copies in this one. A module that cannot be renamed fails it, with the
 * message `copyMermaid` gives.
 */
export function copyMermaidApart(outDir: string): Promise<void> {
	if (!isStartable(SCRIPT)) return copyMermaid(outDir);
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [fileURLToPath(SCRIPT), outDir], { stdio: ['ignore', 'ignore', 'pipe'] });
		let errors = '';
		child.stderr.setEncoding('utf8').on('data', (text: string) => (errors += text));
		child.once('error', () => resolve(copyMermaid(outDir)));
		child.once('close', (code, signal) => {
			if (code === 0) return resolve();
			const reason = errors.trim().split('\n')[0] || `the process that copies them ended with ${signal ?? `exit code ${code}`}`;
			reject(new Error(`Mermaid's modules could not be copied: ${reason}`));
		});
	});
}
