import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build.ts';
import { serveStatic } from '../helpers/static-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe.skipIf(!hasChromium)('the example wiki in a browser', () => {
	let browser: Browser;
	let server: Awaited<ReturnType<typeof serveStatic>>;
	let page: Page;

	beforeAll(async () => {
		const built = buildSite(ROOT, { ENVPARITY_NOW: '2024-06-01' });
		expect(built.status, built.stderr).toBe(0);
		server = await serveStatic(built.outDir);
		browser = await launchBrowser();
	}, 240_000);

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	const open = async (path: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> => {
		page = await browser.newPage({ colorScheme: options.colorScheme ?? 'light' });
		await page.goto(server.url + path, { waitUntil: 'networkidle' });
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
		expect(labels.join(' ')).toContain('Production: pending');
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

	for (const [kind, path] of [
		['home', ''],
		['matrix', 'matrix/'],
		['environment', 'environments/production/'],
		['compare', 'compare/staging/production/'],
		['differences', 'differences/'],
		['changes', 'changes/'],
		['change', 'changes/redis-pool/'],
		['issues', 'issues/'],
		['issue', 'issues/payment-timeout/'],
		['runbook', 'runbooks/payment-timeout/'],
		['problems', 'problems/'],
		['search', 'search/'],
	] as const) {
		it(`has no accessibility violations on the ${kind} page`, async () => {
			await open(path);
			await page.addScriptTag({ path: AXE });
			const violations = (await page.evaluate(
				`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')))`,
			)) as string[];
			expect(violations).toEqual([]);
		});
	}

	for (const [kind, path] of [
		['matrix', 'matrix/'],
		['issue', 'issues/payment-timeout/'],
		['change', 'changes/redis-pool/'],
	] as const) {
		it(`has no accessibility violations on the ${kind} page in the dark theme`, async () => {
			await open(path, { colorScheme: 'dark' });
			await page.addScriptTag({ path: AXE });
			const violations = (await page.evaluate(
				`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')))`,
			)) as string[];
			expect(violations).toEqual([]);
		});
	}
});
