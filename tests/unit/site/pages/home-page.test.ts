import { describe, expect, it } from 'vitest';
import { homePage } from '../../../../src/lib/site/pages/home-page.ts';
import { changeFile, edited, issueFile } from '../site-repo.ts';
import { modelWith, numbered, rootLinks, wikiLinks } from './page-repo.ts';

/** A change dated 2024-02-25, applied in dev the same day: waiting in staging and production for 5 days. */
const WAITING = changeFile({ date: '2024-02-25', propagation: '{ dev: { status: applied, date: 2024-02-25 } }' });

describe('homePage', () => {
	it('links each headline count to the matrix or board that lists it, under the base path', () => {
		expect(homePage(modelWith(), wikiLinks).stats).toEqual([
			{ href: '/infra-wiki/matrix/status/drift/', value: 0, label: 'undocumented drift' },
			{ href: '/infra-wiki/matrix/status/missing/', value: 0, label: 'missing settings' },
			{ href: '/infra-wiki/matrix/', value: 0, label: 'version skews', note: '(0 major, 0 minor, 0 patch)' },
			{ href: '/infra-wiki/changes/', value: 0, label: 'changes not everywhere', note: '(0 stalled)' },
		]);
	});

	it('counts a drifting setting in the stat that links to the drift filter', () => {
		const model = modelWith({}, edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30'));
		expect(homePage(model, rootLinks).stats[0]).toEqual({ href: '/matrix/status/drift/', value: 1, label: 'undocumented drift' });
	});

	it('counts version skews by size', () => {
		const model = modelWith({}, edited('environments/dev.yaml', 'node: "18.17.1"', 'node: "20.11.0"'));
		expect(homePage(model, rootLinks).stats[2]).toMatchObject({ value: 1, note: '(1 major, 0 minor, 0 patch)' });
	});

	it('shows each pair of adjacent stages with its score, counts and badge', () => {
		expect(homePage(modelWith(), wikiLinks).stages[0]).toEqual({
			title: 'dev → staging',
			href: '/infra-wiki/matrix/',
			score: 100,
			summary: '0 drift · 0 missing · 1 documented',
			badge: { src: '/infra-wiki/badges/dev-staging.svg', alt: 'Badge: dev → staging parity' },
		});
	});

	it('lists a change waiting in later stages, with where, since when and for how long', () => {
		const view = homePage(modelWith({ 'changes/pool-30.md': WAITING }), rootLinks);
		expect(view.waiting).toEqual({
			items: [{ href: '/changes/pool-30/', title: 'A change', note: 'pending in staging, production since 2024-02-25 (5 days)' }],
			empty: 'Every change has reached every environment.',
		});
		expect(view.stats[3]).toMatchObject({ value: 1, note: '(0 stalled)' });
	});

	it('says a change waiting too long is stalled', () => {
		const view = homePage(modelWith({ 'changes/old.md': changeFile({ date: '2024-01-01' }) }), rootLinks);
		expect(view.waiting.items).toEqual([
			{ href: '/changes/old/', title: 'A change', note: 'stalled in dev, staging, production since 2024-01-01 (60 days)' },
		]);
		expect(view.stats[3]).toMatchObject({ value: 1, note: '(1 stalled)' });
	});

	it('lists a failed change still pending elsewhere as waiting, saying where it failed', () => {
		const failed = changeFile({ date: '2024-02-25', propagation: '{ dev: { status: applied, date: 2024-02-25 }, staging: failed }' });
		const view = homePage(modelWith({ 'changes/broken.md': failed }), rootLinks);
		expect(view.waiting.items.map((i) => i.note)).toEqual(['failed in staging; pending in production since 2024-02-25 (5 days)']);
		expect(view.stats[3]).toMatchObject({ value: 1 });
	});

	it('shows five waiting changes on the first screen, and links to the board for all of them', () => {
		expect(homePage(modelWith(numbered(5, 'changes', 'wait', () => WAITING)), rootLinks).waiting).not.toHaveProperty('more');
		const view = homePage(modelWith(numbered(6, 'changes', 'wait', () => WAITING)), wikiLinks);
		expect(view.waiting.items.map((i) => i.href)).toEqual(
			Array.from({ length: 5 }, (_, i) => `/infra-wiki/changes/wait-${String(i + 1).padStart(3, '0')}/`),
		);
		expect(view.waiting.more).toEqual({ href: '/infra-wiki/changes/', label: 'All 6 changes waiting, on the board →' });
	});

	it('shows how far each environment drifts from production, linked to their comparison', () => {
		const model = modelWith({}, edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30'));
		const { drift } = homePage(model, rootLinks);
		expect(drift.reference).toEqual({ name: 'Production', href: '/environments/production/' });
		expect(drift.rows).toEqual([
			{ name: 'Development', href: '/compare/dev/production/', drift: 1, missing: 0, documented: 1, score: 80 },
			{ name: 'Staging', href: '/compare/staging/production/', drift: 1, missing: 0, documented: 0, score: 80 },
		]);
	});

	it('lists only open production-only bugs, with status, severity and date, and says when none is open', () => {
		expect(homePage(modelWith(), wikiLinks).productionOnly).toEqual({
			items: [],
			empty: 'No production-only bug is open (1 resolved or closed).',
		});
		const view = homePage(modelWith({ 'issues/cache-miss.md': issueFile({ title: 'Cache misses', status: 'investigating' }) }), rootLinks);
		expect(view.productionOnly.items).toEqual([
			{
				href: '/issues/cache-miss/',
				title: 'Cache misses',
				note: expect.stringMatching(/^investigating · \w+ · opened \d{4}-\d{2}-\d{2}$/),
			},
		]);
	});

	it('leaves out a bug that will not be fixed', () => {
		const view = homePage(modelWith({ 'issues/flaky-dns.md': issueFile({ title: 'Flaky DNS', status: 'wont-fix' }) }), rootLinks);
		expect(view.productionOnly.items.find((i) => i.title === 'Flaky DNS')).toBeUndefined();
	});

	it('leaves out a bug also observed before production', () => {
		const view = homePage(
			modelWith({}, edited('issues/payment-timeout.md', 'environments: [production]', 'environments: [staging, production]')),
			rootLinks,
		);
		expect(view.productionOnly).toEqual({ items: [], empty: 'No production-only bug recorded.' });
	});

	it('shows at most five open production-only bugs, and links to all of them', () => {
		const view = homePage(modelWith(numbered(6, 'issues', 'bug', () => issueFile())), rootLinks);
		expect(view.productionOnly.items).toHaveLength(5);
		expect(view.productionOnly.more).toEqual({ href: '/issues/filter/production-only/yes/', label: 'All 6 open, and the closed ones →' });
	});

	it('lists a stale environment with the age of its verification, and one never verified', () => {
		let files = edited('environments/dev.yaml', 'verified: { date: 2024-02-20, by: "@ana" }\n', '');
		files = edited('environments/production.yaml', 'date: 2024-02-20', 'date: 2024-01-01', files);
		expect(homePage(modelWith({}, files), wikiLinks).stale.items).toEqual([
			{ href: '/infra-wiki/environments/dev/', title: 'Development', note: 'never verified' },
			{ href: '/infra-wiki/environments/production/', title: 'Production', note: 'verified 60 days ago' },
		]);
	});

	it('says how recent every verification is when none is stale', () => {
		expect(homePage(modelWith(), rootLinks).stale).toEqual({ items: [], empty: 'Every environment was verified in the last 30 days.' });
	});

	it('is titled by the site and has no Edit link, even with a repository', () => {
		const view = homePage(
			modelWith({ 'envparity.config.yaml': 'title: Infra Wiki\nrepository: https://github.com/acme/infra-wiki\n' }),
			rootLinks,
		);
		expect([view.title, view.layout.title, view.layout.edit]).toEqual(['Infra Wiki', 'Infra Wiki', null]);
	});
});
