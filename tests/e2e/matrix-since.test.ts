import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurePage } from '../../bench/page-weight.ts';
import { hasChromium, launchBrowser, openPage } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline } from '../helpers/repo.ts';
import { serveStatic } from '../helpers/static-server.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The pages of a wiki with a release tag that the release compare point adds or changes. */
const PAGES = [
	['matrix', 'matrix/'],
	['release comparison', 'matrix/since/tag-release~2F2024.01~2Bb1/'],
	['setting with a timeline', 'settings/load_balancer.timeout_seconds/'],
] as const;

describe.skipIf(!hasChromium)('the matrix compared with a release, and a setting timeline, in a browser', () => {
	let repo: GitRepo;
	let browser: Browser;
	let server: Awaited<ReturnType<typeof serveStatic>>;
	let page: Page;
	let outDir = '';

	beforeAll(async () => {
		// Production's timeout 30 at the release, 120 since; three environments changed in one commit, so one timeline row names them.
		repo = new GitRepo();
		const files: Record<string, string> = { ...baseline(), 'envparity.config.yaml': 'repository: https://github.com/acme/infra-wiki\n' };
		const production = files['environments/production.yaml']!;
		const start = repo.commit(
			'Start the wiki',
			{ ...files, 'environments/production.yaml': production.replace('timeout_seconds: 120', 'timeout_seconds: 30') },
			'2024-01-10',
		);
		repo.git('tag', '-a', '-m', 'First release', 'release/2024.01+b1', start);
		repo.commit('production: timeout 30 → 120', { 'environments/production.yaml': production }, '2024-02-03');
		const built = buildSite(repo.root, { ENVPARITY_NOW: '2024-03-01' });
		expect(built.status, built.stderr).toBe(0);
		outDir = built.outDir;
		server = await serveStatic(outDir);
		browser = await launchBrowser();
	}, 240_000);

	afterAll(async () => {
		await browser?.close();
		await server?.close();
		rmSync(repo.root, { recursive: true, force: true });
	});

	const open = async (path: string, options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> => {
		await page?.close();
		page = await openPage(browser, server.url + path, options);
		return page;
	};

	it("follows 'compare with' from the matrix to the release's page, which names the row that changed", async () => {
		await open('matrix/');
		await page.click('text=release release/2024.01+b1, 2024-01-10');
		await page.waitForURL(/\/matrix\/since\/tag-release~2F2024\.01~2Bb1\/$/);
		expect(await page.textContent('h1')).toBe('Parity matrix: changed since release release/2024.01+b1, 2024-01-10');
		expect(await page.$$eval('tbody tr', (rows) => rows.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ').trim()))).toEqual([
			'load_balancer.timeout_seconds Drift Same',
		]);
	});

	for (const [kind, path] of PAGES) {
		it(`lays out the ${kind} page at 390 and 1400 px without anything scrolling sideways outside its own box`, async () => {
			for (const width of [390, 1400]) {
				await open(path, { width });
				const wide = await page.evaluate(() => {
					const found: string[] = [];
					if (document.documentElement.scrollWidth > innerWidth) found.push(`page is ${document.documentElement.scrollWidth} px wide`);
					const scrolls = (el: Element): boolean => {
						for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
							const overflow = getComputedStyle(p).overflowX;
							if (overflow === 'auto' || overflow === 'scroll') return true;
						}
						return false;
					};
					for (const el of document.body.querySelectorAll('*')) {
						const box = el.getBoundingClientRect();
						if (box.width > 0 && !scrolls(el) && box.right > innerWidth + 1)
							found.push(`${el.tagName.toLowerCase()} ends at ${Math.round(box.right)} px`);
					}
					return [...new Set(found)].slice(0, 5);
				});
				expect(wide, `${path} at ${width} px`).toEqual([]);
			}
		});

		for (const colorScheme of ['light', 'dark'] as const) {
			it(`has no accessibility violations on the ${kind} page in the ${colorScheme} theme`, async () => {
				await open(path, { colorScheme });
				await page.addScriptTag({ path: AXE });
				const violations = (await page.evaluate(
					`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')))`,
				)) as string[];
				expect(violations).toEqual([]);
			});
		}

		it(`keeps the ${kind} page within 50 KB compressed`, () => {
			expect(measurePage(outDir, path).total).toBeLessThan(50 * 1024);
		});
	}
});
