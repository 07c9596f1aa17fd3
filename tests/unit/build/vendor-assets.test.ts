import * as childProcess from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, parse } from 'es-module-lexer';
import { describe, expect, it, vi } from 'vitest';
import {
	copyMermaid,
	copyMermaidApart,
	MERMAID_ENTRY,
	MERMAID_PATH,
	mermaidFiles,
	readMermaidModule,
	renameModuleImports,
} from '../../../src/lib/build/vendor-assets.ts';
import { dedent } from '../../helpers/dedent.ts';

// Spies on node:child_process that keep its behaviour, so that a test can see which process copies.
vi.mock('node:child_process', { spy: true });

describe('renameModuleImports', () => {
	it('renames the relative .mjs specifiers of imports, re-exports and literal dynamic imports to .js', async () => {
		const source = dedent(`
			import{a as b}from"./chunks/chunk-A.mjs";import"./chunk-B.mjs";
			export * from '../shared/c.mjs';
			export { d } from "./d.mjs";
			const e = await import("./chunks/e.mjs");
			const f = () => import( './f.mjs' );
		`);
		expect(await renameModuleImports(source, 'entry.mjs')).toBe(
			dedent(`
			import{a as b}from"./chunks/chunk-A.js";import"./chunk-B.js";
			export * from '../shared/c.js';
			export { d } from "./d.js";
			const e = await import("./chunks/e.js");
			const f = () => import( './f.js' );
		`),
		);
	});

	it('leaves strings, comments, bare packages, URLs and import.meta alone', async () => {
		const source = dedent(`
			import x from "cytoscape/dist/cytoscape.esm.mjs";
			import y from "https://cdn.example/y.mjs";
			/*! bundled from dompurify/dist/purify.es.mjs */
			const name = "./not-an-import.mjs";
			const url = new URL("./z.mjs", import.meta.url);
		`);
		expect(await renameModuleImports(source, 'entry.mjs')).toBe(source);
	});

	it('refuses a specifier written with escapes, which it cannot rename in place', async () => {
		await expect(renameModuleImports('import "./a\\u002emjs";', 'chunks/x.mjs')).rejects.toThrow(
			'chunks/x.mjs: the import of "./a.mjs" is written with escapes and cannot be renamed to .js',
		);
	});

	it('refuses a dynamic import of a computed .mjs name, which would fail in the browser', async () => {
		await expect(renameModuleImports('const m = await import(`./chunks/${name}.mjs`);', 'entry.mjs')).rejects.toThrow(
			'entry.mjs: a dynamic import of a computed name (`./chunks/${name}.mjs`) cannot be renamed to .js',
		);
	});
});

describe("Mermaid's modules as the site serves them", () => {
	it('have .js names, and every module they import is one of them, by its .js name', async () => {
		const files = await mermaidFiles();
		const served = new Set(files.map(({ to }) => to.split('\\').join('/')));
		expect(served.has(MERMAID_ENTRY)).toBe(true);
		expect(served.size).toBe(files.length);
		expect([...served].filter((name) => !name.endsWith('.js'))).toEqual([]);
		await init;
		let imports = 0;
		for (const { from, to } of files) {
			const text = await readMermaidModule(from);
			for (const found of parse(text)[0]) {
				if (found.n === undefined) continue;
				imports++;
				expect(served.has(posix.join(posix.dirname(to.split('\\').join('/')), found.n)), `${to} imports ${found.n}`).toBe(true);
			}
		}
		// The entry alone imports dozens of chunks; a lexer that found nothing would pass the loop above.
		expect(imports).toBeGreaterThan(100);
	});
});

describe('copyMermaidApart', () => {
	/** Every file under a folder, by path relative to it, with its text. */
	function filesUnder(folder: string): Map<string, string> {
		const files = new Map<string, string>();
		for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
			if (!entry.isFile()) continue;
			const path = join(entry.parentPath, entry.name);
			files.set(relative(folder, path), readFileSync(path, 'utf8'));
		}
		return files;
	}

	it('copies in a process of its own, so that the build keeps none of the memory the copying holds', async () => {
		const spawned = vi.mocked(childProcess.spawn);
		spawned.mockClear();
		const apart = mkdtempSync(join(tmpdir(), 'envparity-mermaid-'));
		const here = mkdtempSync(join(tmpdir(), 'envparity-mermaid-'));
		try {
			await copyMermaidApart(apart);
			expect(spawned).toHaveBeenCalledTimes(1);
			const [command, args] = spawned.mock.calls[0]!;
			expect(command).toBe(process.execPath);
			expect(args).toEqual([fileURLToPath(new URL('../../../src/lib/build/copy-mermaid.ts', import.meta.url)), apart]);
		} finally {
			spawned.mockClear();
		}
		// What it copies is what copyMermaid copies here: every module, under its .js name, its imports renamed.
		await copyMermaid(here);
		const copied = filesUnder(apart);
		expect(copied.size).toBe((await mermaidFiles()).length);
		expect(copied.has(posix.join(MERMAID_PATH, MERMAID_ENTRY))).toBe(true);
		expect(copied).toEqual(filesUnder(here));
	});

	it("fails with the copying's own reason, in one line", async () => {
		const parent = mkdtempSync(join(tmpdir(), 'envparity-mermaid-'));
		writeFileSync(join(parent, 'a-file'), '');
		const error = await copyMermaidApart(join(parent, 'a-file', 'site')).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(
			/^Mermaid's modules could not be copied: ENOTDIR: not a directory, mkdir '.*a-file\/site\/vendor\/mermaid\/.*'$/,
		);
	});
});
