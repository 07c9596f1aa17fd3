import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurePage } from '../../bench/page-weight.ts';
import { buildSite, readSearchRecords, type SearchRecord } from '../helpers/build.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline } from '../helpers/repo.ts';

const LABELS = '\n  labels: { "app.kubernetes.io/name": payments }\n';
let repo: GitRepo;
let out = '';
let fix = '';
let search = new Map<string, SearchRecord>();
const page = (path: string): CheerioAPI => load(readFileSync(join(out, path, 'index.html'), 'utf8'));
/** The built file a root-relative link points at. */
const target = (href: string): string => join(out, decodeURIComponent(href.split('#')[0]!), 'index.html');

describe('the setting pages of a wiki built from a git repository', () => {
	beforeAll(() => {
		// Production's timeout was 30 when the payment-timeout bug opened (2024-02-01) and 120 from 2024-02-03; every
		// environment has a key with a dot inside a segment, written with brackets.
		repo = new GitRepo();
		const files: Record<string, string> = { ...baseline(), 'envparity.config.yaml': 'repository: https://github.com/acme/infra-wiki\n' };
		for (const env of ['dev', 'staging', 'production'])
			files[`environments/${env}.yaml`] = files[`environments/${env}.yaml`]!.trimEnd() + LABELS;
		const production = files['environments/production.yaml']!;
		const start = repo.commit(
			'Start the wiki',
			{ ...files, 'environments/production.yaml': production.replace('timeout_seconds: 120', 'timeout_seconds: 30') },
			'2024-01-10',
		);
		// The release before the fix, tagged with a name that needs escaping in a URL.
		repo.git('tag', '-a', '-m', 'First release', 'release/2024.01+b1', start);
		fix = repo.commit('production: timeout 30 → 120', { 'environments/production.yaml': production }, '2024-02-03');
		// Judged on 2024-03-01: 30 days before, production's timeout was still 30.
		const result = buildSite(repo.root, { ENVPARITY_NOW: '2024-03-01' });
		expect(result.status, result.stderr).toBe(0);
		out = result.outDir;
		search = readSearchRecords(out);
	}, 240_000);
	afterAll(() => rmSync(repo.root, { recursive: true, force: true }));

	it('has a page for every key of the matrix, a key with brackets and dots at its escaped form', () => {
		for (const slug of [
			'load_balancer.timeout_seconds',
			'redis.pool_size',
			'database.engine',
			'labels~5B~22app.kubernetes.io~2Fname~22~5D',
		])
			expect(existsSync(join(out, 'settings', slug, 'index.html')), slug).toBe(true);
		expect(page('settings/labels~5B~22app.kubernetes.io~2Fname~22~5D')('h1').text()).toBe('labels["app.kubernetes.io/name"]');
	});

	it("links the matrix's key cells and the bug page's settings to the setting pages, which exist", () => {
		const matrix = page('matrix');
		const hrefs = matrix('tbody th[scope="row"] a.key')
			.map((_, a) => matrix(a).attr('href'))
			.get();
		expect(hrefs).toContain('/settings/load_balancer.timeout_seconds/');
		for (const href of hrefs) expect(existsSync(target(href)), href).toBe(true);
		const issue = page('issues/payment-timeout');
		expect(issue('#settings ~ div a.key, section a.key').first().attr('href')).toBe('/settings/load_balancer.timeout_seconds/');
	});

	it('shows the timeline in one table, newest first, with the commit that changed the value linked in the repository', () => {
		const $ = page('settings/load_balancer.timeout_seconds');
		expect($('table.timeline').length).toBe(1);
		$('table.timeline br').replaceWith(' ');
		const rows = $('table.timeline tbody tr')
			.get()
			.map((tr) =>
				$(tr)
					.find('td')
					.slice(0, 2)
					.map((_, td) => $(td).text().replace(/\s+/g, ' ').trim())
					.get(),
			);
		expect(rows).toEqual([
			['2024-02-03 Production', '120'],
			['2024-01-10 Development, Staging', expect.stringMatching(/^120 \(added\)/)],
			['2024-01-10 Production', expect.stringMatching(/^30 \(added\)/)],
		]);
		expect($('table.timeline tbody tr').first().find('a').attr('href')).toBe(`https://github.com/acme/infra-wiki/commit/${fix}`);
		expect($('a[href="/issues/payment-timeout/"]').length).toBe(1);
		expect(measurePage(out, 'settings/load_balancer.timeout_seconds').total).toBeLessThan(50 * 1024);
	});

	it("shows a bug's settings on its opened day beside today's, with the difference then and the commit that changed it", () => {
		const $ = page('issues/payment-timeout');
		const table = $('table.then-now');
		const [then, now] = table
			.find('tbody tr')
			.get()
			.map((tr) =>
				$(tr)
					.find('td.value')
					.map((_, td) => $(td).text().trim())
					.get(),
			);
		expect(then).toEqual(['120', '120', '30']);
		expect(now).toEqual(['120', '120', '120']);
		expect(table.find('td.odd').length).toBe(1);
		expect(table.find(`a[href="https://github.com/acme/infra-wiki/commit/${fix}"]`).length).toBe(1);
	});

	it("offers 'compare with' on the matrix: pre-built pages of the rows whose status changed since 30 and 90 days ago and the last release", () => {
		const matrix = page('matrix');
		const links = matrix('a[href^="/matrix/since/"]')
			.map((_, a) => [[matrix(a).text(), matrix(a).attr('href')!]])
			.get();
		expect(links).toEqual([
			['30 days ago', '/matrix/since/30-days/'],
			['90 days ago', '/matrix/since/90-days/'],
			['release release/2024.01+b1, 2024-01-10', '/matrix/since/tag-release~2F2024.01~2Bb1/'],
		]);
		for (const [, href] of links) expect(existsSync(target(href)), href).toBe(true);
		const release = page('matrix/since/tag-release~2F2024.01~2Bb1');
		expect(release('h1').text()).toBe('Parity matrix: changed since release release/2024.01+b1, 2024-01-10');
		expect(release('tbody th').text()).toBe('load_balancer.timeout_seconds');
		expect(release('strong[aria-current="page"]').text()).toBe('release release/2024.01+b1, 2024-01-10');
		const since = page('matrix/since/30-days');
		const rows = since('tbody tr')
			.map((_, tr) => [
				[
					since(tr).find('th').text(),
					since(tr)
						.find('td')
						.map((__, td) => since(td).text().trim())
						.get()
						.join(' → '),
				],
			])
			.get();
		expect(rows).toEqual([['load_balancer.timeout_seconds', 'Drift → Same']]);
		expect(since('tbody th a').attr('href')).toBe('/settings/load_balancer.timeout_seconds/');
		expect(page('matrix/since/90-days')('p.muted').text()).toContain('Every commit of the environment files is later than 2023-12-02.');
	});

	it('indexes each setting page for search with a kind of setting', () => {
		const found = search.get('/settings/load_balancer.timeout_seconds/');
		expect(found?.filters.kind).toEqual(['setting']);
		expect(found?.content).toContain('timeout seconds');
	});
});
