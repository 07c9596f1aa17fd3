import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, openPage } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { measurePage } from '../../bench/page-weight.ts';
import { PALETTE } from '../../src/lib/site/palette.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe.skipIf(!hasChromium)('the example wiki in a browser', () => {
	let browser: Browser;
	let server: Awaited<ReturnType<typeof serveStatic>>;
	let page: Page;

	beforeAll(async () => {
		const built = buildSite(ROOT, { ENVPARITY_NOW: '2024-06-01' });
		expect(built.status, built.stderr).toBe(0);
		outDir = built.outDir;
		server = await serveStatic(built.outDir);
		browser = await launchBrowser();
	}, 240_000);

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	let outDir = '';
	const open = async (path: string, options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> => {
		await page?.close();
		page = await openPage(browser, server.url + path, options);
		return page;
	};

	it('finds the payment timeout bug by a word of its root cause, with the production-only filter', async () => {
		await open('search/');
		await page.fill('#search-query', 'upstream');
		await page.waitForSelector('[data-search-results] li a', { timeout: 10_000 });
		const all = await page.$$eval('[data-search-results] li a', (links) => links.map((a) => a.textContent));
		expect(all).toContain('Payment timeout in production');
		await page.selectOption('select[name="production_only"]', 'yes');
		await page.waitForFunction(
			() =>
				document.querySelector('[data-search-status]')?.textContent?.includes('for "upstream"') &&
				new URL(location.href).searchParams.get('production_only') === 'yes',
		);
		await page.waitForSelector('[data-search-results] li a');
		const filtered = await page.$$eval('[data-search-results] li a', (links) => links.map((a) => [a.textContent, a.getAttribute('href')]));
		expect(filtered).toContainEqual(['Payment timeout in production', '/issues/payment-timeout/']);
		expect(filtered.every(([, href]) => href!.startsWith('/issues/'))).toBe(true);
		expect(filtered.length).toBeLessThan(all.length);
	});

	it('opens a search from the address, as the header search box sends it', async () => {
		await open('search/?q=upstream&kind=change');
		await page.waitForSelector('[data-search-results] li a', { timeout: 10_000 });
		expect(await page.inputValue('#search-query')).toBe('upstream');
		const hrefs = await page.$$eval('[data-search-results] li a', (links) => links.map((a) => a.getAttribute('href')));
		expect(hrefs.length).toBeGreaterThan(0);
		expect(hrefs.every((href) => href!.startsWith('/changes/'))).toBe(true);
	});

	it("renders a change's propagation diagram as SVG", async () => {
		await open('changes/redis-pool/');
		await page.waitForSelector('pre.mermaid svg', { timeout: 15_000 });
		const labels = await page.$$eval('pre.mermaid svg .nodeLabel', (nodes) => nodes.map((n) => n.textContent));
		expect(labels.join(' ')).toMatch(/Production\s*pending/);
	});

	it('hides rows that are the same when the matrix is filtered', async () => {
		await open('matrix/');
		const visible = () =>
			page.$$eval('table.matrix tbody tr', (rows) =>
				rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).dataset.status),
			);
		expect(await visible()).toContain('same');
		await page.check('[data-hide-same]');
		expect(await visible()).not.toContain('same');
		await page.click('a[data-filter-status="drift"]');
		expect(new Set(await visible())).toEqual(new Set(['drift']));
		expect(page.url()).toBe(`${server.url}matrix/`);
		const nothing = page.locator('[data-matrix-empty]');
		expect(await nothing.isVisible()).toBe(false);
		await page.click('a[data-filter-prefix="app"]');
		expect(await visible()).toEqual([]);
		expect(await nothing.isVisible()).toBe(true);
	});

	it('switches between light and dark themes and remembers the choice', async () => {
		await open('');
		const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
		const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		expect(await theme()).toBe('light');
		const light = await background();
		await page.click('[data-theme-toggle]');
		expect(await theme()).toBe('dark');
		expect(await background()).not.toBe(light);
		expect(await page.getAttribute('[data-theme-toggle]', 'aria-pressed')).toBe('true');
		await page.reload({ waitUntil: 'networkidle' });
		expect(await theme()).toBe('dark');
	});

	it("follows the reader's preference when no choice is stored", async () => {
		await open('', { colorScheme: 'dark' });
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
	});

	/** Waits until a page's diagrams are drawn, so that what is measured or checked is the final page. */
	const diagramsDrawn = async (): Promise<void> => {
		await page.waitForFunction(() => [...document.querySelectorAll('pre.mermaid')].every((pre) => pre.querySelector('svg')), null, {
			timeout: 15_000,
		});
	};

	it('keeps the matrix header at the top of the screen while the reader scrolls its rows', async () => {
		for (const width of [1400, 390]) {
			await open('matrix/', { width });
			const box = page.locator('.table-scroll').first();
			// The reader scrolls the page to the matrix, then scrolls on, the pointer over the rows.
			await box.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY));
			const viewport = page.viewportSize()!;
			await page.mouse.move(viewport.width / 2, viewport.height / 2);
			for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 200);
			await page.waitForTimeout(300);
			const { headTop, firstVisibleRow } = await box.evaluate((el) => {
				const head = el.querySelector('thead th')!.getBoundingClientRect();
				const rows = [...el.querySelectorAll('tbody tr')].map((r) => r.getBoundingClientRect());
				return { headTop: head.top, firstVisibleRow: rows.findIndex((r) => r.bottom > head.bottom) };
			});
			expect(headTop, `width ${width}`).toBeGreaterThanOrEqual(0);
			expect(headTop, `width ${width}`).toBeLessThan(3);
			expect(firstVisibleRow, `width ${width}`).toBeGreaterThan(5);
		}
	});

	it('marks the issue filter chip in force, and says when no issue matches', async () => {
		await open('issues/');
		const current = () =>
			page.$$eval('a[data-facet][aria-current]', (chips) =>
				chips.map((c) => `${(c as HTMLElement).dataset.facet}=${(c as HTMLElement).dataset.value}`),
			);
		expect(await current()).toEqual(['environment=', 'status=', 'severity=', 'production-only=']);
		const nothing = page.locator('[data-facet-empty]');
		expect(await nothing.isVisible()).toBe(false);
		const chip = page.locator('a[data-facet="status"][data-value="open"]');
		const idle = await chip.evaluate((el) => getComputedStyle(el).backgroundColor);
		await chip.click();
		expect(await current()).toEqual(['environment=', 'status=open', 'severity=', 'production-only=']);
		expect(await chip.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(idle);
		await page.click('a[data-facet="environment"][data-value="dev"]');
		expect(await page.locator('tbody tr[data-facets]:not([hidden])').count()).toBe(0);
		expect(await nothing.isVisible()).toBe(true);
		expect(await nothing.textContent()).toContain('No issue matches these filters.');
		// The pre-built filter page (without JavaScript's in-place filter) marks its chip the same way.
		await open('issues/filter/status/open/');
		const filtered = page.locator('a[data-facet="status"][data-value="open"]');
		expect(await filtered.getAttribute('aria-current')).toBe('true');
		expect(await filtered.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(idle);
	});

	it('jumps to the search box with "/", shows a skip link first and a focus ring on what the keyboard reaches', async () => {
		await open('matrix/');
		await page.keyboard.press('/');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
		await open('search/');
		await page.keyboard.press('/');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-query');
		await open('issues/');
		await page.keyboard.press('Tab');
		const skip = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement;
			const box = el.getBoundingClientRect();
			return {
				text: el.textContent?.trim(),
				visible: box.top >= 0 && box.bottom <= innerHeight && box.width > 1,
				outline: getComputedStyle(el).outlineStyle,
			};
		});
		expect(skip).toEqual({ text: 'Skip to content', visible: true, outline: 'solid' });
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
	});

	it('shows each search result with its kind and status as badges, and the matching snippet', async () => {
		await open('search/?q=upstream');
		await page.waitForSelector('[data-search-results] li a', { timeout: 10_000 });
		const results = await page.$$eval('[data-search-results] li', (items) =>
			items.map((li) => ({
				title: li.querySelector('a')?.textContent,
				badges: [...li.querySelectorAll('.pill')].map((p) => p.textContent),
				snippet: li.querySelector('.snippet')?.innerHTML ?? '',
			})),
		);
		const bug = results.find((r) => r.title === 'Payment timeout in production')!;
		expect(bug.badges).toEqual(['issue', 'resolved', 'production only']);
		expect(bug.snippet).toMatch(/<mark>upstream<\/mark>/i);
	});

	it('draws diagrams with the palette of the theme in force, at their natural size on a phone', async () => {
		for (const theme of ['light', 'dark'] as const) {
			await open('changes/redis-pool/', { colorScheme: theme });
			await diagramsDrawn();
			const colours = await page.evaluate(() => {
				const fill = (selector: string) => getComputedStyle(document.querySelector(selector)!).fill;
				return { cluster: fill('pre.mermaid .cluster rect'), applied: fill('pre.mermaid .node.applied rect') };
			});
			const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
			expect(colours, theme).toEqual({ cluster: rgb(PALETTE[theme].surface), applied: rgb(PALETTE[theme]['same-bg']) });
		}
		await open('changes/redis-pool/', { width: 390 });
		await diagramsDrawn();
		const { drawn, natural } = await page.evaluate(() => {
			const svg = document.querySelector('pre.mermaid svg') as SVGSVGElement;
			return { drawn: svg.getBoundingClientRect().width, natural: svg.viewBox.baseVal.width };
		});
		expect(drawn).toBeGreaterThan(390);
		expect(Math.abs(drawn - natural)).toBeLessThan(2);
	});

	it("gives /go/ pages the wiki's frame and font, in the dark theme too, and asks for no favicon.ico", async () => {
		const requested: string[] = [];
		page = await browser.newPage({ colorScheme: 'dark' });
		page.on('request', (request) => requested.push(new URL(request.url()).pathname));
		await page.goto(`${server.url}go/payment-timeout/`, { waitUntil: 'networkidle' });
		const look = await page.evaluate(() => ({
			font: getComputedStyle(document.body).fontFamily,
			background: getComputedStyle(document.body).backgroundColor,
			home: document.querySelector('header a')?.getAttribute('href'),
		}));
		expect(look.font).toContain('system-ui');
		expect(look.background).toBe('rgb(13, 17, 23)');
		expect(look.home).toBe('/');
		expect(requested.filter((path) => path.endsWith('favicon.ico'))).toEqual([]);
	});

	/** One page of each kind of the example wiki. */
	const KINDS = [
		['home', ''],
		['matrix', 'matrix/'],
		['matrix filtered', 'matrix/status/drift/'],
		['environments', 'environments/'],
		['environment', 'environments/production/'],
		['compare', 'compare/staging/production/'],
		['differences', 'differences/'],
		['changes', 'changes/'],
		["an environment's changes", 'changes/env/production/'],
		['changes column', 'changes/state/stalled/'],
		['change', 'changes/redis-pool/'],
		['issues', 'issues/'],
		['issues filtered', 'issues/filter/status/open/'],
		['issue', 'issues/payment-timeout/'],
		['setting', 'settings/load_balancer.timeout_seconds/'],
		['runbooks', 'runbooks/'],
		['runbook', 'runbooks/payment-timeout/'],
		['problems', 'problems/'],
		['problems group', 'problems/drift/'],
		['search', 'search/?q=redis'],
		['go choice', 'go/payment-timeout/'],
		['report', 'reports/open-bugs/'],
	] as const;

	for (const [kind, path] of KINDS) {
		it(`lays out the ${kind} page at 390 and 1400 px: nothing scrolls sideways outside its own box, nothing leaves its card`, async () => {
			for (const width of [390, 1400]) {
				await open(path, { width });
				if (path === '' || path.startsWith('changes/redis')) await diagramsDrawn();
				if (path.startsWith('search')) await page.waitForSelector('[data-search-results] li', { timeout: 10_000 });
				const problems = await page.evaluate(() => {
					const found: string[] = [];
					const name = (el: Element) =>
						el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : '');
					if (document.documentElement.scrollWidth > innerWidth) found.push(`page is ${document.documentElement.scrollWidth} px wide`);
					// An element inside a box that scrolls (a table, a diagram, the phone's navigation) may be wider than the screen.
					const scrolls = (el: Element): boolean => {
						for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
							const overflow = getComputedStyle(p).overflowX;
							if (overflow === 'auto' || overflow === 'scroll') return true;
						}
						return false;
					};
					for (const el of document.body.querySelectorAll('*')) {
						const box = el.getBoundingClientRect();
						if (box.width === 0 || scrolls(el)) continue;
						if (box.right > innerWidth + 1) found.push(`${name(el)} ends at ${Math.round(box.right)} px`);
					}
					for (const card of document.querySelectorAll('.card, .panel, .board .column, .legend li')) {
						const outer = card.getBoundingClientRect();
						for (const el of card.querySelectorAll('*')) {
							const box = el.getBoundingClientRect();
							if (box.width === 0 || scrolls(el)) continue;
							if (box.right > outer.right + 1 || box.left < outer.left - 1) found.push(`${name(el)} leaves its ${name(card)}`);
						}
					}
					return [...new Set(found)].slice(0, 5);
				});
				expect(problems, `${path} at ${width} px`).toEqual([]);
			}
		});

		for (const colorScheme of ['light', 'dark'] as const) {
			it(`has no accessibility violations on the ${kind} page in the ${colorScheme} theme`, async () => {
				await open(path, { colorScheme });
				if (path === '' || path.startsWith('changes/redis')) await diagramsDrawn();
				if (path.startsWith('search')) await page.waitForSelector('[data-search-results] li', { timeout: 10_000 });
				await page.addScriptTag({ path: AXE });
				const violations = (await page.evaluate(
					`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')))`,
				)) as string[];
				expect(violations).toEqual([]);
			});
		}
	}

	it('keeps every kind of page within 50 KB compressed (HTML, CSS and JS; the diagram library and search index excluded)', () => {
		for (const [, path] of KINDS) {
			const folder = path.split('?')[0]!;
			expect(measurePage(outDir, folder).total, folder).toBeLessThan(50 * 1024);
		}
	});
});
