import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { goLinks, renderGoPage, type GoLink } from '../../../src/lib/site/go-links.ts';
import { PALETTE_CSS } from '../../../src/lib/site/palette.ts';
import { createLinks } from '../../../src/lib/site/links.ts';
import { analyzeFiles, baseline } from '../../helpers/repo.ts';
import { changeFile, edited, modelOf, runbookFile } from './site-repo.ts';

const links = createLinks('/');

/** The go links of a repository as ref → "Kind href" strings. */
function targets(files: Record<string, string>): Record<string, string[]> {
	return Object.fromEntries(goLinks(modelOf(files), links).map((l) => [l.ref, l.targets.map((t) => `${t.kind} ${t.href}`)]));
}

describe('goLinks', () => {
	it('has a go link for every id and alias of the baseline, sorted by ref', () => {
		const analysis = analyzeFiles(baseline());
		expect(analysis.problems).toEqual([]);
		expect(goLinks(analysis.model, links).map(({ ref, targets }) => ({ ref, targets }))).toEqual([
			{ ref: 'INC-2041', targets: [{ kind: 'Issue', title: 'Payment timeout in production', href: '/issues/payment-timeout/' }] },
			{ ref: 'dev', targets: [{ kind: 'Environment', title: 'Development', href: '/environments/dev/' }] },
			{
				ref: 'payment-timeout',
				targets: [
					{ kind: 'Issue', title: 'Payment timeout in production', href: '/issues/payment-timeout/' },
					{ kind: 'Runbook', title: 'Payment timeout', href: '/runbooks/payment-timeout/' },
				],
			},
			{ ref: 'production', targets: [{ kind: 'Environment', title: 'Production', href: '/environments/production/' }] },
			{ ref: 'redis-pool', targets: [{ kind: 'Change', title: 'Increase Redis connection pool', href: '/changes/redis-pool/' }] },
			{ ref: 'staging', targets: [{ kind: 'Environment', title: 'Staging', href: '/environments/staging/' }] },
		]);
	});

	it('resolves an environment alias to the environment', () => {
		const files = edited('environments/production.yaml', 'stage: production', 'stage: production\naliases: [prod, live]');
		expect(targets(files)).toMatchObject({
			prod: ['Environment /environments/production/'],
			live: ['Environment /environments/production/'],
		});
	});

	it('resolves a change alias to the change', () => {
		const files = edited(
			'changes/redis-pool.md',
			'rollback: Revert to 10 connections',
			'rollback: Revert to 10 connections\naliases: [CHG-77]',
		);
		expect(targets(files)['CHG-77']).toEqual(['Change /changes/redis-pool/']);
	});

	it('resolves a runbook alias to the runbook', () => {
		const files = edited('runbooks/payment-timeout.md', 'issues: [payment-timeout]', 'issues: [payment-timeout]\naliases: [RB-9]');
		expect(targets(files)['RB-9']).toEqual(['Runbook /runbooks/payment-timeout/']);
	});

	it('resolves an issue alias to the issue', () => {
		expect(targets(baseline())['INC-2041']).toEqual(['Issue /issues/payment-timeout/']);
	});

	it('offers every page of a ref that several kinds share as an id, in kind order', () => {
		const files = {
			...baseline(),
			'changes/payment-timeout.md': changeFile({ title: 'Fix payment timeout' }),
			'environments/payment-timeout.yaml': baseline()['environments/dev.yaml']!.replace('name: Development', 'name: Payments sandbox'),
		};
		expect(targets(files)['payment-timeout']).toEqual([
			'Environment /environments/payment-timeout/',
			'Change /changes/payment-timeout/',
			'Issue /issues/payment-timeout/',
			'Runbook /runbooks/payment-timeout/',
		]);
	});

	it('lists an entity once for a ref even when its id and alias are the same text', () => {
		const files = { ...baseline(), 'runbooks/failover.md': runbookFile({ extra: ['aliases: [failover]'] }) };
		expect(targets(files).failover).toEqual(['Runbook /runbooks/failover/']);
	});

	it('uses the links of the base path it is given', () => {
		const link = goLinks(modelOf(), createLinks('/infra-wiki/')).find((l) => l.ref === 'dev')!;
		expect(link.targets[0]!.href).toBe('/infra-wiki/environments/dev/');
	});
});

describe('renderGoPage', () => {
	const single: GoLink = {
		ref: 'INC-2041',
		targets: [{ kind: 'Issue', title: 'Payment timeout in production', href: '/issues/payment-timeout/' }],
	};
	const several: GoLink = {
		ref: 'payment-timeout',
		targets: [
			{ kind: 'Issue', title: 'Payment timeout in production', href: '/issues/payment-timeout/' },
			{ kind: 'Runbook', title: 'Payment timeout', href: '/runbooks/payment-timeout/' },
		],
	};

	it('redirects at once to the only page a ref names, with a link for readers without refresh', () => {
		const $ = load(renderGoPage(single));
		expect($('meta[http-equiv="refresh"]').attr('content')).toBe('0; url=/issues/payment-timeout/');
		expect($('link[rel="canonical"]').attr('href')).toBe('/issues/payment-timeout/');
		expect($('main a').attr('href')).toBe('/issues/payment-timeout/');
		expect($('main a').text()).toBe('Payment timeout in production');
		expect($('h1').text()).toBe('INC-2041');
		expect($('title').text()).toBe('INC-2041');
	});

	it('makes the canonical link absolute when the site is known', () => {
		const $ = load(renderGoPage(single, 'https://wiki.example.com'));
		expect($('link[rel="canonical"]').attr('href')).toBe('https://wiki.example.com/issues/payment-timeout/');
	});

	it('offers a choice, without redirecting, when a ref names several pages', () => {
		const $ = load(renderGoPage(several));
		expect($('meta[http-equiv="refresh"]')).toHaveLength(0);
		expect($('link[rel="canonical"]')).toHaveLength(0);
		expect(
			$('main li')
				.map((_, el) => $(el).text())
				.get(),
		).toEqual(['Issue: Payment timeout in production', 'Runbook: Payment timeout']);
		expect(
			$('main li a')
				.map((_, el) => $(el).attr('href'))
				.get(),
		).toEqual(['/issues/payment-timeout/', '/runbooks/payment-timeout/']);
	});

	it("wears the wiki's frame: its palette in both themes, a header linking home, and its icon (no favicon.ico request)", () => {
		const frame = goLinks(modelOf(), createLinks('/infra-wiki/'))[0]!.frame!;
		expect(frame).toEqual({ siteTitle: 'Environment Parity', home: '/infra-wiki/', favicon: '/infra-wiki/favicon.svg' });
		const $ = load(renderGoPage({ ...several, frame }));
		expect($('header a').attr('href')).toBe('/infra-wiki/');
		expect($('link[rel="icon"]').attr('href')).toBe('/infra-wiki/favicon.svg');
		expect($('style').text()).toContain(PALETTE_CSS);
		expect($('style').text()).toMatch(/body\{[^}]*font-family:system-ui/);
		expect($('meta[name="viewport"]')).toHaveLength(1);
		expect($('title').text()).toBe('payment-timeout · Environment Parity');
	});

	it('keeps go pages out of search engines', () => {
		expect(load(renderGoPage(single))('meta[name="robots"]').attr('content')).toBe('noindex');
	});

	it('escapes a title that holds markup', () => {
		const $ = load(
			renderGoPage({ ref: 'x', targets: [{ kind: 'Issue', title: '<img src=x onerror=alert(1)> "quoted"', href: '/issues/x/' }] }),
		);
		expect($('img')).toHaveLength(0);
		expect($('main a').text()).toBe('<img src=x onerror=alert(1)> "quoted"');
	});
});
