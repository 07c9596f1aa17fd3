import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build.ts';
import { serveStatic } from '../helpers/static-server.ts';

// site-basic with the MDX payloads that ran before content MDX became a safe subset (issue 10, items
// 1 and 2), one file each, and one safe MDX page (runbooks/safe-notes.mdx) full of text that only looks
// like script, and a javascript: Markdown link that the sanitiser must disarm.
const FIXTURE = fileURLToPath(new URL('../fixtures/hostile-mdx', import.meta.url));

/** The fixture's hostile files, with the unsafe-mdx errors that check and the build report in each. */
const HOSTILE: Record<string, string[]> = {
	'changes/built-href.mdx': ['12:8'],
	'issues/entity-href.mdx': ['8:8'],
	'runbooks/build-machine.mdx': ['5:1', '7:10'],
	'runbooks/fragment-set-html.mdx': ['7:1'],
	'runbooks/iframe-srcdoc.mdx': ['7:1'],
	'runbooks/image-import.mdx': ['7:1'],
	'runbooks/spread-handler.mdx': ['7:18'],
};

/** The file tools/topology.mjs writes beside the output folder if anything imports it. */
const MARKER = 'ran-on-the-build-machine';

describe('a content repository with hostile MDX', () => {
	it('is refused by the build, with an unsafe-mdx error at each construct, before any of it runs', () => {
		const built = buildSite(FIXTURE);
		expect(built.status, built.stderr).toBe(1);
		const errors = built.stderr
			.split('\n')
			.filter((line) => / error [a-z-]+: /.test(line))
			.map((line) => line.slice(0, line.indexOf(': ')));
		expect(errors).toEqual(Object.entries(HOSTILE).flatMap(([file, places]) => places.map((place) => `${file}:${place} error unsafe-mdx`)));
		expect(built.stderr).toContain('envparity build: stopped, the content has 8 errors; no site was written.');
		expect(existsSync(built.outDir)).toBe(false);
		expect(existsSync(join(dirname(built.outDir), MARKER))).toBe(false);
	}, 240_000);
});

describe.skipIf(!hasChromium)('a safe MDX page in a browser', () => {
	let browser: Browser;
	let server: Awaited<ReturnType<typeof serveStatic>>;

	beforeAll(async () => {
		// The fixture without its hostile files: what the build accepts.
		const root = join(mkdtempSync(join(tmpdir(), 'envparity-safe-mdx-')), 'content');
		cpSync(FIXTURE, root, { recursive: true, filter: (source) => !(relative(FIXTURE, source).split(sep).join('/') in HOSTILE) });
		const built = buildSite(root);
		expect(built.status, built.stderr).toBe(0);
		expect(existsSync(join(dirname(built.outDir), MARKER))).toBe(false);
		server = await serveStatic(built.outDir);
		browser = await launchBrowser();
	}, 240_000);

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	/** A page that records every dialog, console message and uncaught error, and never leaves the local site. */
	const openPage = async (path: string): Promise<{ page: Page; fired: string[] }> => {
		const page = await browser.newPage();
		const fired: string[] = [];
		page.on('dialog', (dialog) => {
			fired.push(`dialog: ${dialog.message()}`);
			void dialog.dismiss();
		});
		page.on('console', (message) => fired.push(`console.${message.type()}: ${message.text()}`));
		page.on('pageerror', (error) => fired.push(`error: ${error.message}`));
		await page.route(
			(url) => !url.href.startsWith(server.url),
			(route) => route.abort(),
		);
		await page.goto(server.url + path, { waitUntil: 'networkidle' });
		return { page, fired };
	};

	it('renders Markdown, plain HTML and code that looks like script, and runs none of it when read, hovered and clicked', async () => {
		const { page, fired } = await openPage('runbooks/safe-notes/');
		const prose = page.locator('.prose');
		// What the page shows: the safe HTML as HTML, the script-like text and code as text.
		await page.click('.prose summary');
		expect(await prose.locator('details').getAttribute('open')).toBe('');
		expect(await prose.locator('details p').textContent()).toBe('Promote the replica, then point the app at it.');
		expect(await prose.locator('kbd').allTextContents()).toEqual(['Ctrl', 'R']);
		expect(await prose.locator('a', { hasText: 'dashboard' }).getAttribute('href')).toBe('https://grafana.example.com/d/redis');
		expect(await prose.locator('p[title]').getAttribute('title')).toBe(`" onmouseover="window.__pwned='attribute'`);
		expect(await prose.textContent()).toContain(`looks like script: <script>window.__pwned=1</script>`);
		expect(await prose.textContent()).toContain('and {window.__pwned}.');
		expect(await prose.locator('pre').textContent()).toContain(`<script>window.__pwned = 'code block'</script>`);
		// The javascript: Markdown link keeps its text and loses its address.
		const oldLink = prose.locator('a', { hasText: 'this old link' });
		expect(await oldLink.getAttribute('href')).toBeNull();
		// Reading, hovering and clicking run nothing.
		await prose.locator('p[title]').hover();
		await oldLink.click();
		await page.waitForTimeout(250);
		expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
		expect(
			await page.evaluate(() => document.querySelectorAll('.prose script, .prose iframe, .prose [onerror], .prose [onmouseover]').length),
		).toBe(0);
		expect(fired).toEqual([]);
		expect(new URL(page.url()).pathname).toBe('/runbooks/safe-notes/');
	}, 60_000);
});
