import { posix } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { describe, expect, it } from 'vitest';
import { MERMAID_ENTRY, mermaidFiles, readMermaidModule, renameModuleImports } from '../../../src/lib/build/vendor-assets.ts';
import { dedent } from '../../helpers/dedent.ts';

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
