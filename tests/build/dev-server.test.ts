import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../bench/dev-server.ts';
import { fixture } from '../helpers/cli.ts';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';

// `astro dev` over a copy of the site-basic fixture: edits to its files must show on the pages, and
// only the entries they change may be stored (and their Markdown rendered) again.
let server: DevServer | undefined;
let root = '';
const edit = (path: string, change: (text: string) => string): void =>
	writeFileSync(join(root, path), change(readFileSync(join(root, path), 'utf8')));
const ok =
	(text: string) =>
	(page: { status: number; text: string }): boolean =>
		page.status === 200 && page.text.includes(text);

/** The values shown for redis.pool_size in the rows of a page's tables. */
function poolSizes(html: string): string[] {
	const $ = load(html);
	return $('tr')
		.filter((_, tr) => $(tr).find('th').first().text().trim() === 'redis.pool_size')
		.map((_, tr) =>
			$(tr)
				.find('td')
				.map((__, td) => $(td).text().trim())
				.get(),
		)
		.get();
}

/** The content loader's report of each update after `from` in the server's output: "issues: 1 updated (1 Markdown rendered), 0 removed". */
function updatesSince(from: number): string[] {
	return [
		...server!
			.output()
			.slice(from)
			.matchAll(/\[envparity-(\w+)\] (\d+ updated .*)$/gm),
	].map((m) => `${m[1]}: ${m[2]!.trim()}`);
}

/** Waits until the loader has reported `count` updates since `from`, and returns them. */
async function reportedSince(from: number, count: number): Promise<string[]> {
	await expect.poll(() => updatesSince(from).length, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(count);
	// A moment more, so that a report that should not be there would be.
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	return updatesSince(from);
}

describe('the dev server', () => {
	beforeAll(async () => {
		root = mkdtempSync(join(tmpdir(), 'envparity-dev-'));
		cpSync(fixture('site-basic'), root, { recursive: true });
		// Another dev server of the project (the bench's, a developer's) may hold the turn for a while.
		server = await startDevServer(root, { ENVPARITY_NOW: '2024-06-01' }, 300_000);
		await server.waitForPage('/environments/staging/', ok('<h1'), 240_000);
	}, 600_000);

	afterAll(async () => {
		await server?.stop();
		rmSync(root, { recursive: true, force: true });
	}, 30_000);

	it('says on its search page that search needs a full build, in the page and when a search is tried', async () => {
		const { text } = await server!.waitForPage('/search/', ok('<h1'), 60_000);
		expect(load(text)('[data-search-dev]').text()).toContain('Search needs a full build');
		if (!hasChromium) return;
		const browser = await launchBrowser();
		try {
			const page = await browser.newPage();
			await page.goto(`${server!.url}/search/?q=redis`, { waitUntil: 'load' });
			// Never "Searching…" forever: the dev server has no index, and the status says why.
			await page.waitForFunction(() => document.querySelector('[data-search-status]')?.textContent?.includes('needs a full build'), null, {
				timeout: 60_000,
			});
		} finally {
			await browser.close();
		}
	}, 120_000);

	it('shows an edit to an environment file on its page', async () => {
		const before = poolSizes((await server!.fetchPage('/environments/staging/')).text);
		expect(before).toContain('20');
		expect(before).not.toContain('31');
		edit('environments/staging.yaml', (text) => text.replace('pool_size: 20', 'pool_size: 31'));
		await server!.waitForPage('/environments/staging/', (page) => page.status === 200 && poolSizes(page.text).includes('31'), 60_000);
	}, 90_000);

	it('renders the Markdown of the edited entity again, and no other', async () => {
		const from = server!.output().length;
		edit('issues/payment-timeout.md', (text) => `${text}\nThe retry queue filled up first.\n`);
		await server!.waitForPage('/issues/payment-timeout/', ok('The retry queue filled up first.'), 60_000);
		expect(await reportedSince(from, 1)).toEqual(['issues: 1 updated (1 Markdown rendered), 0 removed']);
	}, 90_000);

	it('keeps the rendered Markdown of an entry when only its data changed', async () => {
		const from = server!.output().length;
		edit('issues/payment-timeout.md', (text) =>
			text.replace('title: Payment timeout in production', 'title: Payment timeouts in production'),
		);
		const { text } = await server!.waitForPage('/issues/payment-timeout/', ok('Payment timeouts in production'), 60_000);
		expect(text).toContain('The retry queue filled up first.');
		expect(await reportedSince(from, 1)).toEqual(['issues: 1 updated (0 Markdown rendered), 0 removed']);
	}, 90_000);

	it('updates the entries of other files whose data an edit changes, without rendering their Markdown again', async () => {
		const from = server!.output().length;
		writeFileSync(join(root, 'environments/qa.yaml'), 'name: QA\nstage: staging\nsettings:\n  redis: { pool_size: 20 }\n');
		// The change to the Redis pool now waits on QA as well.
		await server!.waitForPage('/environments/qa/', ok('<h1'), 60_000);
		const reports = await reportedSince(from, 2);
		expect(reports.sort()).toEqual([
			'changes: 1 updated (0 Markdown rendered), 0 removed',
			'environments: 1 updated (0 Markdown rendered), 0 removed',
		]);
	}, 90_000);

	it('removes the entry and the page of a deleted file', async () => {
		const from = server!.output().length;
		rmSync(join(root, 'runbooks/payment-timeout.md'));
		await server!.waitForPage('/runbooks/payment-timeout/', (page) => page.status === 404, 60_000);
		expect(await reportedSince(from, 1)).toEqual(['runbooks: 0 updated (0 Markdown rendered), 1 removed']);
	}, 90_000);
});
