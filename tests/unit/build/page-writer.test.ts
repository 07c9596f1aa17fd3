import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { filesOf, pageFile, PageWriteError, QUEUE, startPageWriter } from '../../../src/lib/build/page-writer.ts';

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

	it('fails at once, naming the page within the site and why, and writes none after it', async () => {
		const out = mkdtempSync(join(tmpdir(), 'envparity-pages-'));
		// A file where the page's folder should be.
		writeFileSync(join(out, 'taken'), '');
		const writer = startPageWriter({ root: out })!;
		try {
			await writer.write(join(out, 'first', 'index.html'), bytes('first'));
			await writer.write(join(out, 'taken', 'page', 'index.html'), bytes('blocked'));
			// The next pages handed over are refused as soon as the writer has said so, without waiting for the last page.
			await vi.waitFor(() => expect(writer.write(join(out, 'after', 'index.html'), bytes('after'))).rejects.toThrow(PageWriteError));
			await expect(writer.finished()).rejects.toThrow('could not write the page taken/page/index.html (ENOTDIR, not a directory)');
			expect(readFileSync(join(out, 'first', 'index.html'), 'utf8')).toBe('first');
			expect(() => readFileSync(join(out, 'after', 'index.html'))).toThrow();
		} finally {
			await writer.close();
		}
	});

	it('names the whole path of a page outside its root, or without one', async () => {
		const out = mkdtempSync(join(tmpdir(), 'envparity-pages-'));
		writeFileSync(join(out, 'taken'), '');
		const writer = startPageWriter()!;
		try {
			await writer.write(join(out, 'taken', 'index.html'), bytes('blocked'));
			await expect(writer.finished()).rejects.toThrow(
				`could not write the page ${join(out, 'taken', 'index.html')} (EEXIST, file already exists)`,
			);
		} finally {
			await writer.close();
		}
	});

	it('keeps at most QUEUE pages waiting: the renderer waits for the writer, and is let go when it closes', async () => {
		// A writer that never writes (nor says how far it is).
		const silent = join(mkdtempSync(join(tmpdir(), 'envparity-silent-')), 'silent-writer.mjs');
		writeFileSync(silent, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => {});\n");
		const writer = startPageWriter({ module: pathToFileURL(silent) })!;
		const handed = Array.from({ length: QUEUE }, (_, i) => writer.write(join(tmpdir(), 'never', `p${i}`, 'index.html'), bytes('x')));
		await Promise.all(handed.slice(0, QUEUE - 1));
		let last: 'waiting' | 'handed' | 'refused' = 'waiting';
		handed[QUEUE - 1]!.then(
			() => (last = 'handed'),
			() => (last = 'refused'),
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(last).toBe('waiting');
		await writer.close();
		await vi.waitFor(() => expect(last).toBe('refused'));
	});

	it('refuses pages handed over after the last one, and after it was closed', async () => {
		const writer = startPageWriter()!;
		await writer.finished();
		await expect(writer.write(join(tmpdir(), 'never', 'index.html'), bytes('x'))).rejects.toThrow(PageWriteError);
		await writer.close();
		await expect(writer.write(join(tmpdir(), 'never', 'index.html'), bytes('x'))).rejects.toThrow(/closed/);
		const closed = startPageWriter()!;
		await closed.close();
		await expect(closed.finished()).rejects.toThrow(/closed/);
	});

	it('does not start where its module is missing, so that Astro writes the pages itself', () => {
		expect(startPageWriter({ module: pathToFileURL(join(tmpdir(), 'no-such-page-writer.js')) })).toBeUndefined();
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
		expect(pageFile('http://localhost/settings/a/?b', site('/'))).toBeUndefined();
		expect(pageFile('http://localhost/settings/a/#b', site('/'))).toBeUndefined();
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
