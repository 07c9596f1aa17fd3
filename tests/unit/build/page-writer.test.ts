import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesOf, pageFile, QUEUE, startPageWriter } from '../../../src/lib/build/page-writer.ts';

const bytes = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('the thread that writes the pages', () => {
	it('writes every page it is handed into its folders, more pages than it queues, and says when all are written', async () => {
		const out = mkdtempSync(join(tmpdir(), 'envparity-pages-'));
		const writer = startPageWriter()!;
		expect(writer).toBeDefined();
		try {
			const count = QUEUE * 4 + 3;
			for (let i = 0; i < count; i++) await writer.write(join(out, 'pages', String(i % 7), `p${i}`, 'index.html'), bytes(`page ${i}`));
			await writer.finished();
			for (let i = 0; i < count; i++)
				expect(readFileSync(join(out, 'pages', String(i % 7), `p${i}`, 'index.html'), 'utf8')).toBe(`page ${i}`);
		} finally {
			await writer.close();
		}
	});

	it('fails, naming the file, when a page cannot be written, and writes none after it', async () => {
		const out = mkdtempSync(join(tmpdir(), 'envparity-pages-'));
		// A file where the page's folder should be.
		writeFileSync(join(out, 'taken'), '');
		const writer = startPageWriter()!;
		try {
			await writer.write(join(out, 'first', 'index.html'), bytes('first'));
			await writer.write(join(out, 'taken', 'page', 'index.html'), bytes('blocked'));
			await writer.write(join(out, 'after', 'index.html'), bytes('after'));
			await expect(writer.finished()).rejects.toThrow(`could not write ${join(out, 'taken', 'page', 'index.html')}`);
			expect(readFileSync(join(out, 'first', 'index.html'), 'utf8')).toBe('first');
			expect(() => readFileSync(join(out, 'after', 'index.html'))).toThrow();
		} finally {
			await writer.close();
		}
	});

	it('rejects pages handed over after it was closed', async () => {
		const writer = startPageWriter()!;
		await writer.close();
		await expect(writer.write(join(tmpdir(), 'never', 'index.html'), bytes('x'))).rejects.toThrow(/closed/);
		await expect(writer.finished()).rejects.toThrow(/closed/);
	});

	it('does not start where its module is missing, so that Astro writes the pages itself', () => {
		expect(startPageWriter(pathToFileURL(join(tmpdir(), 'no-such-page-writer.js')))).toBeUndefined();
	});
});

describe("a page's file", () => {
	const publicDir = pathToFileURL(`${mkdtempSync(join(tmpdir(), 'envparity-public-'))}/`);
	const outDir = new URL('file:///site/out/');
	const site = (base: string) => ({ outDir, base, publicFiles: new Set<string>() });

	it('is where Astro writes a page of the directory format, under any base, with or without the trailing slash', () => {
		expect(pageFile('http://localhost/settings/database.version/', site('/'))?.href).toBe(
			'file:///site/out/settings/database.version/index.html',
		);
		expect(pageFile('http://localhost/compare/dev/staging', site('/'))?.href).toBe('file:///site/out/compare/dev/staging/index.html');
		expect(pageFile('http://localhost/docs/settings/servers~5B0~5D.host/', site('/docs/'))?.href).toBe(
			'file:///site/out/settings/servers~5B0~5D.host/index.html',
		);
		expect(pageFile('http://localhost/docs/issues/page/2/', site('/docs'))?.href).toBe('file:///site/out/issues/page/2/index.html');
		expect(pageFile('http://localhost/a/', { ...site('/'), outDir: new URL('file:///site/out') })?.href).toBe(
			'file:///site/out/a/index.html',
		);
	});

	it('is left to Astro for the home page, status pages, addresses outside the base, encoded characters, and public files', () => {
		expect(pageFile('http://localhost/', site('/'))).toBeUndefined();
		expect(pageFile('http://localhost/docs/', site('/docs/'))).toBeUndefined();
		expect(pageFile('http://localhost/404/', site('/'))).toBeUndefined();
		expect(pageFile('http://localhost/500', site('/'))).toBeUndefined();
		expect(pageFile('http://localhost/other/page/', site('/docs/'))).toBeUndefined();
		expect(pageFile('http://localhost/settings/caf%C3%A9/', site('/'))).toBeUndefined();
		expect(pageFile('http://localhost/settings/a%20b/', site('/'))).toBeUndefined();
		mkdirSync(new URL('robots/', publicDir), { recursive: true });
		writeFileSync(new URL('robots/index.html', publicDir), '');
		writeFileSync(new URL('favicon.svg', publicDir), '');
		expect(filesOf(publicDir)).toEqual(new Set(['robots/index.html', 'favicon.svg']));
		expect(pageFile('http://localhost/robots/', { ...site('/'), publicFiles: filesOf(publicDir) })).toBeUndefined();
		expect(filesOf(new URL('no-such-folder/', publicDir))).toEqual(new Set());
	});

	it("is the file Astro's own build would write for the same page", async () => {
		// Astro's renderPath: the request it hands the prerenderer, and the file it would write the response to.
		const { renderPath } = (await import(pathToFileURL(join(process.cwd(), 'node_modules/astro/dist/core/build/generate.js')).href)) as {
			renderPath: (options: unknown) => Promise<{ outFile: URL } | null>;
		};
		const logger = { info() {}, warn() {}, error() {}, debug() {} };
		for (const base of ['/', '/docs', '/docs/'])
			for (const trailingSlash of ['ignore', 'always', 'never'])
				for (const pathname of ['/settings/database.version', '/compare/dev/staging', '/issues/page/2', '/go-live']) {
					let url = '';
					const prerenderer = {
						name: 'capture',
						getStaticPaths: async () => [],
						render: async (request: Request) => {
							url = request.url;
							return new Response('page');
						},
					};
					const settings = {
						buildOutput: 'static',
						config: { base, outDir, publicDir, trailingSlash, build: { format: 'directory' }, compressHTML: true },
					};
					const route = {
						type: 'page',
						route: pathname,
						component: 'src/pages/x.astro',
						isIndex: false,
						segments: [],
						params: [],
						fallbackRoutes: [],
					};
					const written = await renderPath({
						prerenderer,
						pathname,
						route,
						options: { settings, origin: 'http://localhost:4321', routesList: { routes: [] } },
						logger,
					});
					expect(pageFile(url, site(base))?.href, `${base} ${trailingSlash} ${pathname}`).toBe(written!.outFile.href);
				}
	});
});
