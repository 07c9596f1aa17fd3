import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { load } from 'cheerio';
import { init, parse } from 'es-module-lexer';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build.ts';
import { fixture } from '../helpers/cli.ts';

/** Where a module is loaded from, as the code names it: a string, or the text of a template or expression. */
function importedNames(code: string): string[] {
	return parse(code)[0]
		.filter((found) => found.d !== -2)
		.map((found) => found.n ?? code.slice(found.s, found.e));
}

/** Whether a module's name, or the template that builds it, ends in `.js`. A name computed otherwise (a variable) says nothing. */
function namesJs(name: string): boolean {
	if (/^[\w$.]+$/.test(name)) return true;
	return /\.js`?$/.test(name.split('?')[0]!);
}

// Static hosts and upload tools that do not know `.mjs` send it as application/octet-stream, which
// browsers refuse for module scripts (tests/e2e/mermaid-mime.test.ts shows it).
describe('the scripts of a built site', () => {
	let out = '';
	let files: string[] = [];
	beforeAll(async () => {
		const result = buildSite(fixture('site-basic'));
		expect(result.status, result.stderr).toBe(0);
		out = result.outDir;
		files = readdirSync(out, { recursive: true, encoding: 'utf8' }).map((file) => file.split(sep).join('/'));
		await init;
	}, 240_000);

	it('has no file that ends in .mjs', () => {
		expect(files.some((file) => file.startsWith('vendor/mermaid/'))).toBe(true);
		expect(files.filter((file) => file.endsWith('.mjs'))).toEqual([]);
	});

	it('loads every script of every page by a .js name', () => {
		const loaded: string[] = [];
		for (const file of files.filter((name) => name.endsWith('.html'))) {
			const $ = load(readFileSync(join(out, file), 'utf8'));
			$('script[src]').each((_, script) => void loaded.push(`${file}: ${script.attribs.src}`));
			$('link[rel="modulepreload"]').each((_, link) => void loaded.push(`${file}: ${link.attribs.href}`));
			$('script[type="module"]:not([src])').each((_, script) => {
				for (const name of importedNames($(script).text())) loaded.push(`${file}: ${name}`);
			});
		}
		expect(loaded.some((entry) => entry.startsWith('changes/redis-pool/index.html: /_astro/'))).toBe(true);
		expect(loaded.filter((entry) => !namesJs(entry.slice(entry.indexOf(': ') + 2)))).toEqual([]);
	});

	it('imports every module of every script by a .js name, Mermaid and its chunks included', () => {
		const imports: string[] = [];
		for (const file of files.filter((name) => name.endsWith('.js'))) {
			for (const name of importedNames(readFileSync(join(out, file), 'utf8'))) imports.push(`${file}: ${name}`);
		}
		// Mermaid's loader builds the entry's address from the base path: a template literal.
		expect(imports.some((entry) => /^_astro\/.*: `\$\{\w+\}vendor\/mermaid\/[\d.]+\/mermaid\.esm\.min\.js`$/.test(entry))).toBe(true);
		expect(imports.filter((entry) => entry.startsWith('vendor/mermaid/')).length).toBeGreaterThan(100);
		expect(imports.filter((entry) => !namesJs(entry.slice(entry.indexOf(': ') + 2)))).toEqual([]);
	});
});
