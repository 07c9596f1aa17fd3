// Measures what one search query transfers on a built site: Pagefind's script, WASM, index
// chunks and the result fragments, as a reader's browser fetches them from the search page.
import { gzipSync } from 'node:zlib';
import { serveStatic } from '../tests/helpers/static-server.ts';
import { hasChromium, launchBrowser } from '../tests/helpers/browser.ts';

/** Bytes fetched from /pagefind/ for one query (text files counted gzip-compressed), or null without Chromium. */
export async function measureSearch(outDir: string, query: string): Promise<{ kb: number; requests: number; results: number } | null> {
	if (!hasChromium) return null;
	const server = await serveStatic(outDir);
	const browser = await launchBrowser();
	try {
		const page = await browser.newPage();
		let bytes = 0;
		let requests = 0;
		const pending: Promise<void>[] = [];
		page.on('response', (response) => {
			if (!response.url().includes('/pagefind/')) return;
			requests++;
			pending.push(
				response.body().then(
					(body) => {
						// Pagefind's index files are compressed already; JS and CSS would be served gzipped.
						bytes += /\.(js|css|json)$/.test(new URL(response.url()).pathname) ? gzipSync(body).length : body.length;
					},
					() => undefined,
				),
			);
		});
		await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`, { waitUntil: 'networkidle' });
		await page.waitForSelector('[data-search-results] li', { timeout: 20_000 }).catch(() => undefined);
		await page.waitForLoadState('networkidle');
		await Promise.all(pending);
		const results = await page.$$eval('[data-search-results] li', (nodes) => nodes.length);
		return { kb: Math.round(bytes / 102.4) / 10, requests, results };
	} finally {
		await browser.close();
		await server.close();
	}
}
