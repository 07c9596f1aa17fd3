import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { measurePage } from '../../bench/page-weight.ts';
import { MERMAID_ENTRY, MERMAID_PATH } from '../../src/lib/build/vendor-assets.ts';
import { buildSite, readSearchRecords, type SearchRecord } from '../helpers/build.ts';
import { fixture } from '../helpers/cli.ts';

let out = '';
const page = (path: string): CheerioAPI => load(readFileSync(join(out, path, path.endsWith('.html') ? '' : 'index.html'), 'utf8'));
let search = new Map<string, SearchRecord>();
const record = (url: string): SearchRecord => {
	const found = search.get(url);
	if (!found) throw new Error(`no search record for ${url}; records: ${[...search.keys()].join(', ')}`);
	return found;
};

describe('the built wiki', () => {
	beforeAll(() => {
		const result = buildSite(fixture('site-basic'));
		expect(result.status, result.stderr).toBe(0);
		out = result.outDir;
		search = readSearchRecords(out);
	}, 240_000);

	it('has a page for every entity, at its stable URL', () => {
		for (const path of [
			'environments/dev',
			'environments/staging',
			'environments/production',
			'changes/redis-pool',
			'issues/payment-timeout',
			'issues/xss-attempt',
			'runbooks/payment-timeout',
			'runbooks/redis-failover',
		]) {
			expect(existsSync(join(out, path, 'index.html')), path).toBe(true);
		}
		for (const path of [
			'matrix',
			'differences',
			'changes',
			'issues',
			'runbooks',
			'problems',
			'search',
			'compare/staging/production',
			'compare/production/staging',
		]) {
			expect(existsSync(join(out, path, 'index.html')), path).toBe(true);
		}
	});

	it('resolves every id and alias under /go/ with a redirect and a canonical link', () => {
		const $ = page('go/INC-2041');
		expect($('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=/issues/payment-timeout/');
		expect($('link[rel="canonical"]').attr('href')).toBe('/issues/payment-timeout/');
		expect(page('go/RB-12')('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=/runbooks/redis-failover/');
		expect(page('go/staging')('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=/environments/staging/');
	});

	it('offers a choice where an id names several kinds', () => {
		const $ = page('go/payment-timeout');
		expect($('meta[http-equiv="refresh"]').length).toBe(0);
		expect(
			$('main a')
				.map((_, a) => $(a).attr('href'))
				.get(),
		).toEqual(['/issues/payment-timeout/', '/runbooks/payment-timeout/']);
	});

	it('indexes every entity page, every documented difference and every setting page for search, and nothing else', () => {
		const entities = [
			'environments/dev',
			'environments/staging',
			'environments/production',
			'changes/redis-pool',
			'issues/payment-timeout',
			'issues/xss-attempt',
			'runbooks/payment-timeout',
			'runbooks/redis-failover',
		];
		const differences = [...search.keys()].filter((url) => url.startsWith('/differences/#difference-'));
		expect(differences.length).toBeGreaterThan(0);
		const settings = [...search.keys()].filter((url) => url.startsWith('/settings/'));
		expect(settings).toContain('/settings/database.engine/');
		expect([...search.keys()].sort()).toEqual([...entities.map((path) => `/${path}/`), ...differences, ...settings].sort());
		// Every record points at a page that exists.
		for (const path of [...entities, ...settings.map((url) => url.slice(1, -1))])
			expect(existsSync(join(out, path, 'index.html')), path).toBe(true);
	});

	it('gives search the right filters on each kind of page', () => {
		expect(record('/issues/payment-timeout/').filters).toEqual({
			kind: ['issue'],
			environment: ['production'],
			stage: ['production'],
			status: ['resolved'],
			severity: ['high'],
			production_only: ['yes'],
		});
		expect(record('/issues/xss-attempt/').filters).toMatchObject({ kind: ['issue'], production_only: ['no'], status: ['open'] });
		expect(record('/environments/staging/').filters).toEqual({ kind: ['environment'], environment: ['staging'], stage: ['staging'] });
		expect(record('/changes/redis-pool/').filters).toMatchObject({ kind: ['change'], status: ['stalled'] });
		expect(record('/runbooks/redis-failover/').filters).toMatchObject({ kind: ['runbook'], environment: ['production'] });
	});

	it('indexes the words a reader searches for: title, facts, aliases and body, each fact apart', () => {
		const issue = record('/issues/payment-timeout/');
		expect(issue.meta.title).toBe(page('issues/payment-timeout')('h1').text());
		// Facts are separate sentences: a status never runs into the severity after it.
		expect(issue.content).toMatch(/\bStatus: resolved\. Severity: high\. Scope: production only\./);
		expect(issue.content).toContain('INC-2041');
		const change = record('/changes/redis-pool/');
		expect(change.content).toContain('Reason: Memory optimisation.');
		expect(change.content).toContain('Sets: redis.pool_size: 20.');
		expect(change.content).toContain('The pool was too small for the new worker count.');
		// A diagram's source is markup, not prose.
		expect(record('/issues/xss-attempt/').content).not.toContain('flowchart');
		// Pages that merely link to an entity are not results for it.
		expect(record('/environments/production/').content).not.toContain('Increase Redis connection pool');
	});

	it('indexes the prose of an MDX body, with its headings', () => {
		const runbook = record('/runbooks/redis-failover/');
		expect(runbook.content).toContain('RB-12');
		expect(runbook.content).toContain('This runbook has');
		expect(runbook.anchors.map((a) => a.id)).toEqual(['procedure']);
	});

	it('shows each matrix row with its status as text and a stable anchor', () => {
		const $ = page('matrix');
		const rows = $('table.matrix tbody tr')
			.map((_, tr) => `${$(tr).attr('id')} ${$(tr).find('.badge').text()} ${$(tr).find('.pill').text()}`.trim())
			.get();
		expect(rows).toEqual(['database.engine Documented', 'redis.pool_size Drift', 'redis.version Drift minor', 'runtime.node Drift minor']);
		expect($('tr#database\\.engine a.why').attr('href')).toBe('/differences/#difference-1');
		expect(page('differences')('#difference-1 h2 code').text()).toBe('database.engine');
	});

	it('builds a filtered matrix page per status that works without JavaScript', () => {
		const $ = page('matrix/status/drift');
		expect(
			$('table.matrix tbody tr')
				.map((_, tr) => $(tr).attr('data-status'))
				.get(),
		).toEqual(['drift', 'drift', 'drift']);
		expect(page('matrix/status/same')('main').text()).toContain('No setting matches this filter.');
	});

	it('links Edit and History to the source file on the branch', () => {
		const $ = page('changes/redis-pool');
		expect(
			$('.edit-links a')
				.map((_, a) => $(a).attr('href'))
				.get(),
		).toEqual([
			'https://github.com/acme/infra-wiki/edit/main/changes/redis-pool.md',
			'https://github.com/acme/infra-wiki/commits/main/changes/redis-pool.md',
		]);
		expect(page('environments/dev')('.edit-links a').first().attr('href')).toBe(
			'https://github.com/acme/infra-wiki/edit/main/environments/dev.yaml',
		);
		expect(page('runbooks/redis-failover')('.edit-links a').first().attr('href')).toBe(
			'https://github.com/acme/infra-wiki/edit/main/runbooks/redis-failover.mdx',
		);
	});

	it('never lets script from content reach the page', () => {
		const html = readFileSync(join(out, 'issues/xss-attempt/index.html'), 'utf8');
		const $ = load(html);
		const scripts = $('script')
			.map((_, s) => $(s).html() ?? '')
			.get()
			.join('\n');
		expect(scripts).not.toContain('from content');
		expect($('[onerror], [onclick], [onload]').length).toBe(0);
		expect($('a[href^="javascript:"], a[href^="JavaScript:"]').length).toBe(0);
		expect($('.prose img').attr('src')).toBe('x.png');
	});

	it('renders Markdown with Shiki, heading anchors and Mermaid blocks, and MDX runbooks', () => {
		const $ = page('issues/xss-attempt');
		expect($('.prose pre.astro-code[data-language="yaml"]').length).toBe(1);
		expect($('.prose h2#symptoms a.heading-anchor').attr('href')).toBe('#symptoms');
		expect($('.prose pre.mermaid').text()).toContain('flowchart LR');
		expect(page('runbooks/redis-failover')('.prose p').text()).toBe('This runbook has 3 steps.');
	});

	it('shows the related settings of a bug inline, in every environment', () => {
		const $ = page('issues/payment-timeout');
		const row = $('#settings').parent().find('tbody tr').first();
		expect(row.find('th code').text()).toBe('redis.pool_size');
		expect(
			row
				.find('td code')
				.map((_, c) => $(c).text())
				.get(),
		).toEqual(['20', '20', '10']);
	});

	it('links a runbook back to the bugs that use it', () => {
		expect(page('runbooks/payment-timeout')('#used-by + ul a').attr('href')).toBe('/issues/payment-timeout/');
	});

	it('loads Mermaid only on pages with a diagram', () => {
		const scriptsOf = (path: string): string[] =>
			page(path)('script[src]')
				.map((_, s) => s.attribs.src!)
				.get();
		expect(scriptsOf('changes/redis-pool').some((src) => src.includes('Mermaid'))).toBe(true);
		expect(scriptsOf('environments/dev').some((src) => src.includes('Mermaid'))).toBe(false);
		expect(scriptsOf('issues/payment-timeout').some((src) => src.includes('Mermaid'))).toBe(false);
	});

	it('publishes the export document, Atom feeds and parity badges', () => {
		const doc = JSON.parse(readFileSync(join(out, 'api/parity.json'), 'utf8'));
		expect(doc.pipeline).toEqual(['dev', 'staging', 'production']);
		expect(doc.issues.map((i: { id: string }) => i.id)).toEqual(['payment-timeout', 'xss-attempt']);
		const feed = load(readFileSync(join(out, 'changes/feed.xml'), 'utf8'), { xml: true });
		expect(feed('feed > entry > link').attr('href')).toBe('/changes/redis-pool/');
		const badge = readFileSync(join(out, 'badges/staging-production.svg'), 'utf8');
		expect(badge).toContain('aria-label="staging → production: ');
		expect(readdirSync(join(out, 'badges')).sort()).toEqual(['dev-staging.svg', 'staging-production.svg']);
	});

	it('keeps every page without a diagram under 50 KB compressed (HTML, CSS and JS)', () => {
		for (const path of [
			'matrix/',
			'environments/production/',
			'compare/staging/production/',
			'differences/',
			'changes/',
			'issues/',
			'issues/payment-timeout/',
			'runbooks/redis-failover/',
			'problems/',
		]) {
			expect(measurePage(out, path).total, path).toBeLessThan(50 * 1024);
		}
	});

	it("builds a team's own pages that query the content collections: open bugs, grouped by environment", () => {
		const $ = page('reports/open-bugs');
		expect(
			$('main section')
				.map((_, s) => [
					[
						$(s).find('h2 a').attr('href'),
						$(s)
							.find('li a')
							.map((__, a) => $(a).attr('href'))
							.get(),
					],
				])
				.get(),
		).toEqual([['/environments/staging/', ['/issues/xss-attempt/']]]);
	});

	it('serves Mermaid from its own prebuilt modules, every chunk they import included', () => {
		const folder = join(out, MERMAID_PATH);
		expect(MERMAID_PATH).toMatch(/^vendor\/mermaid\/\d+\.\d+\.\d+\/$/);
		const entry = readFileSync(join(folder, MERMAID_ENTRY), 'utf8');
		const imports = [...entry.matchAll(/["'](\.\/chunks\/[^"']+\.js)["']/g)].map((m) => m[1]!);
		expect(imports.length).toBeGreaterThan(0);
		for (const file of imports) expect(existsSync(join(folder, file)), file).toBe(true);
		// Nothing of Mermaid is bundled into the site's own scripts.
		const scripts = readdirSync(join(out, '_astro')).filter((name) => name.endsWith('.js'));
		expect(scripts.reduce((bytes, name) => bytes + readFileSync(join(out, '_astro', name)).length, 0)).toBeLessThan(100 * 1024);
	});

	it('builds a search index', () => {
		expect(existsSync(join(out, 'pagefind', 'pagefind.js'))).toBe(true);
	});
});

describe('the wiki under a base path', () => {
	let base = '';
	beforeAll(() => {
		const result = buildSite(fixture('site-basic'), { ENVPARITY_BASE: '/infra-wiki/', ENVPARITY_SITE: 'https://acme.github.io' });
		expect(result.status, result.stderr).toBe(0);
		base = result.outDir;
	}, 240_000);

	it('prefixes every internal link and asset with the base path', () => {
		for (const path of ['index.html', 'matrix/index.html', 'issues/payment-timeout/index.html', 'changes/redis-pool/index.html']) {
			const $ = load(readFileSync(join(base, path), 'utf8'));
			const urls = [
				...$('a[href]')
					.map((_, a) => a.attribs.href!)
					.get(),
				...$('script[src]')
					.map((_, s) => s.attribs.src!)
					.get(),
				...$('link[href]')
					.map((_, l) => l.attribs.href!)
					.get(),
			];
			const internal = urls.filter((u) => u.startsWith('/'));
			expect(internal.length, path).toBeGreaterThan(5);
			expect(
				internal.filter((u) => !u.startsWith('/infra-wiki/')),
				path,
			).toEqual([]);
		}
	});

	it('redirects /go/ links under the base path, with an absolute canonical link', () => {
		const $ = load(readFileSync(join(base, 'go/INC-2041/index.html'), 'utf8'));
		expect($('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=/infra-wiki/issues/payment-timeout/');
		expect($('link[rel="canonical"]').attr('href')).toBe('https://acme.github.io/infra-wiki/issues/payment-timeout/');
	});
});
