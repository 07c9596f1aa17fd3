import { readdirSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build.ts';
import { serveStatic } from '../helpers/static-server.ts';

// A valid repository whose addresses are http(s), as the schema requires, but whose text tries to break out of the
// href attribute (quotes, event handlers, a script tag). `javascript:` addresses cannot be built at all (their
// refusal is tested in tests/build/hostile-urls.test.ts); the render-time checks behind it are unit-tested.
const FIXTURE = fileURLToPath(new URL('../fixtures/hostile-urls', import.meta.url));

/** What a link's href is, as the page holds it; only the first four kinds may appear. */
type HrefKind = 'web' | 'relative' | 'fragment' | 'mailto' | 'other';

interface Link {
	page: string;
	href: string;
	kind: HrefKind;
	/** The scheme the browser resolves the href to, e.g. `https:`. */
	protocol: string;
}

describe.skipIf(!hasChromium)('links built from hostile addresses, in a browser', () => {
	let browser: Browser;
	let server: Awaited<ReturnType<typeof serveStatic>>;
	/** Every page of the built site, as a path under its root: "", "matrix/", "environments/dev/"… */
	let pages: string[];

	beforeAll(async () => {
		const built = buildSite(FIXTURE);
		expect(built.status, built.stderr).toBe(0);
		pages = readdirSync(built.outDir, { recursive: true, encoding: 'utf8' })
			.filter((file) => file === 'index.html' || file.endsWith(`${sep}index.html`))
			.map((file) => file.slice(0, -'index.html'.length).split(sep).join('/'))
			.sort();
		server = await serveStatic(built.outDir);
		browser = await launchBrowser();
	}, 240_000);

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	/** A page that records every dialog (the payloads call alert) and never leaves the local site. */
	const openPage = async (): Promise<{ page: Page; dialogs: string[] }> => {
		const page = await browser.newPage();
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		// Clicking an external link must not navigate away (there is no network); inline handlers on the link would still run.
		await page.addInitScript(() => document.addEventListener('click', (event) => event.preventDefault(), true));
		await page.route(
			(url) => !url.href.startsWith(server.url),
			(route) => route.abort(),
		);
		return { page, dialogs };
	};

	/** The links of the page at `path`, from the page open in the browser, or (`fromSource`) from the HTML of the page at `path`. */
	const linksOf = (page: Page, path: string, fromSource: boolean): Promise<Link[]> =>
		page.evaluate(
			async ({ path, url, fromSource }) => {
				const doc = fromSource ? new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html') : document;
				return [...doc.querySelectorAll('a[href], area[href]')].map((a) => {
					const href = a.getAttribute('href')!;
					// As browsers read an address: without tabs and line breaks, and without leading spaces and control characters.
					const bare = href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
					const kind: HrefKind = /^https?:\/\//i.test(bare)
						? 'web'
						: bare.startsWith('#')
							? 'fragment'
							: /^mailto:/i.test(bare)
								? 'mailto'
								: /^[a-z][a-z0-9+.-]*:/i.test(bare)
									? 'other'
									: 'relative';
					return { page: path, href, kind, protocol: new URL(href, url).protocol };
				});
			},
			{ path, url: server.url + path, fromSource },
		);

	it('gives every link on every page an http(s), relative, fragment or mailto: address', async () => {
		const { page, dialogs } = await openPage();
		const links: Link[] = [];
		for (const path of pages) {
			// A /go/ page redirects at once: its own link is read from its HTML, from the page open before it.
			const redirects = path.startsWith('go/');
			if (!redirects) await page.goto(server.url + path, { waitUntil: 'load' });
			links.push(...(await linksOf(page, path, redirects)));
		}
		// Every kind of page was visited, so the check below covers them all.
		for (const kind of [
			/^$/,
			/^matrix\/$/,
			/^environments\/$/,
			/^environments\/[^/]+\/$/,
			/^changes\/$/,
			/^changes\/state\/[^/]+\/$/,
			/^changes\/[^/]+\/$/,
			/^issues\/$/,
			/^issues\/filter\//,
			/^issues\/[^/]+\/$/,
			/^runbooks\/$/,
			/^runbooks\/[^/]+\/$/,
			/^differences\/$/,
			/^problems\/$/,
			/^problems\/[^/]+\/$/,
			/^compare\/[^/]+\/[^/]+\/$/,
			/^search\/$/,
			/^go\/[^/]+\/$/,
			/^reports\//,
		])
			expect(
				pages.some((path) => kind.test(path)),
				`no page matching ${kind}`,
			).toBe(true);
		expect(links.filter((l) => l.kind === 'other' || !['http:', 'https:', 'mailto:'].includes(l.protocol))).toEqual([]);
		// The hostile addresses were among them, as links.
		expect(links.some((l) => l.href.startsWith('https://github.com/acme/wiki"onmouseover="alert(1)/edit/'))).toBe(true);
		expect(links.some((l) => l.href === 'https://dev.acme.test/"onmouseover="alert(3)"x="')).toBe(true);
		expect(dialogs).toEqual([]);
	}, 240_000);

	it.each(['environments/dev/', 'environments/staging/', 'environments/production/', 'issues/payment-timeout/', 'problems/'])(
		'runs no script when the links of %s are hovered and clicked',
		async (path) => {
			const { page, dialogs } = await openPage();
			await page.goto(server.url + path, { waitUntil: 'load' });
			const external = page.locator('a[href^="https://"]');
			const count = await external.count();
			expect(count).toBeGreaterThan(0);
			const hrefs: string[] = [];
			for (let i = 0; i < count; i++) {
				const link = external.nth(i);
				// The handler text stays inside the href; no attribute comes out of it.
				const { href, names } = await link.evaluate((a) => ({ href: a.getAttribute('href')!, names: a.getAttributeNames() }));
				hrefs.push(href);
				expect(names.filter((name) => !['href', 'class', 'rel'].includes(name))).toEqual([]);
				await link.hover();
				await link.click();
			}
			expect(hrefs.some((href) => /"onmouseover="|'onclick='/.test(href))).toBe(true);
			expect(await page.evaluate(() => [...document.scripts].filter((s) => s.textContent?.includes('alert(')).length)).toBe(0);
			expect(dialogs).toEqual([]);
			expect(new URL(page.url()).pathname).toBe(new URL(server.url + path).pathname);
		},
		60_000,
	);
});
