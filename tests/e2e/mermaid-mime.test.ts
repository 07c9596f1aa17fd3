import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build.ts';
import { fixture } from '../helpers/cli.ts';
import { CORE_TYPES, serveStatic } from '../helpers/static-server.ts';

// Browsers run a module script only when it comes with a JavaScript type. A host that does not know
// `.mjs` sends it as application/octet-stream, and a diagram loaded from such a file never draws.
describe.skipIf(!hasChromium)('Mermaid on a host that knows only the core extensions', () => {
	let browser: Browser;
	let server: Awaited<ReturnType<typeof serveStatic>>;

	beforeAll(async () => {
		const built = buildSite(fixture('site-basic'));
		expect(built.status, built.stderr).toBe(0);
		server = await serveStatic(built.outDir, '/', CORE_TYPES);
		browser = await launchBrowser();
	}, 240_000);

	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it("draws a change's propagation diagram as SVG, every script it loads served as JavaScript", async () => {
		const page = await browser.newPage();
		const scripts: { url: string; type: string }[] = [];
		page.on('response', (response) => {
			if (response.request().resourceType() === 'script')
				scripts.push({ url: response.url(), type: response.headers()['content-type'] ?? '' });
		});
		await page.goto(`${server.url}changes/redis-pool/`, { waitUntil: 'networkidle' });
		await page.waitForSelector('pre.mermaid svg', { timeout: 15_000 });
		const labels = await page.$$eval('pre.mermaid svg .nodeLabel', (nodes) => nodes.map((n) => n.textContent));
		expect(labels.join(' ')).toMatch(/Production\s*pending/);
		expect(scripts.filter(({ url }) => url.includes('/vendor/mermaid/')).length).toBeGreaterThan(1);
		expect(scripts.filter(({ type }) => type !== 'text/javascript')).toEqual([]);
	});
});
