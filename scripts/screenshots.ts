/**
 * npm run screenshots: every kind of page of the built wiki (dist/, or ENVPARITY_OUT_DIR) in Chromium,
 * at 390 px and 1400 px, light and dark, as PNG files in screenshots/ (which git ignores).
 * Build first (npm run build); PAGES below names one page of each kind of the example content.
 * `npm run screenshots -- --readme` also writes docs/home.png, the README's picture of the home page's
 * first screen (1400 × 900, light).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hasChromium, launchBrowser } from '../tests/helpers/browser.ts';
import { serveStatic } from '../tests/helpers/static-server.ts';

/** One page of each kind: a name for the file, and its path in the example wiki. */
export const PAGES: [name: string, path: string][] = [
	['home', ''],
	['matrix', 'matrix/'],
	['matrix-status', 'matrix/status/drift/'],
	['matrix-prefix', 'matrix/prefix/redis/'],
	['matrix-since', 'matrix/since/90-days/'],
	['environments', 'environments/'],
	['environment', 'environments/production/'],
	['compare', 'compare/staging/production/'],
	['differences', 'differences/'],
	['changes', 'changes/'],
	['changes-env', 'changes/env/production/'],
	['changes-state', 'changes/state/stalled/'],
	['change', 'changes/redis-pool/'],
	['issues', 'issues/'],
	['issues-filter', 'issues/filter/status/open/'],
	['issue', 'issues/payment-timeout/'],
	['setting', 'settings/load_balancer.timeout_seconds/'],
	['runbooks', 'runbooks/'],
	['runbook', 'runbooks/payment-timeout/'],
	['problems', 'problems/'],
	['problems-group', 'problems/drift/'],
	['search', 'search/?q=redis'],
	['go-choice', 'go/payment-timeout/'],
	['report', 'reports/open-bugs/'],
];

const WIDTHS = [390, 1400];
const THEMES = ['light', 'dark'] as const;

const site = resolve(process.env.ENVPARITY_OUT_DIR ?? 'dist');
const readme = process.argv.includes('--readme');
const out = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'screenshots');
if (!existsSync(join(site, 'index.html'))) {
	console.error(`No built site in ${site}: run "npm run build" first.`);
	process.exit(2);
}
if (!hasChromium) process.exit(2);
const only = process.env.SCREENSHOTS_ONLY?.split(',');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const server = await serveStatic(site);
const browser = await launchBrowser();
try {
	for (const theme of THEMES)
		for (const width of WIDTHS) {
			const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, colorScheme: theme });
			for (const [name, path] of PAGES) {
				if (only && !only.includes(name)) continue;
				const page = await context.newPage();
				await page.goto(server.url + path, { waitUntil: 'networkidle' });
				// Diagrams and search results draw after the load; give them a moment.
				await page.waitForTimeout(path.startsWith('search') || /^(|changes\/[a-z0-9-]+\/)$/.test(path) ? 1500 : 100);
				await page.screenshot({ path: join(out, `${name}-${width}-${theme}.png`), fullPage: true });
				await page.close();
			}
			await context.close();
		}
	if (readme) {
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
		await page.goto(server.url, { waitUntil: 'networkidle' });
		await page.waitForTimeout(1500);
		await page.screenshot({ path: resolve('docs/home.png') });
		await page.close();
	}
} finally {
	await browser.close();
	await server.close();
}
console.log(`Wrote ${THEMES.length * WIDTHS.length * (only?.length ?? PAGES.length)} screenshots into ${out}.`);
