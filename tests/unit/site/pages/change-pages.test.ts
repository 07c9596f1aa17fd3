import { describe, expect, it } from 'vitest';
import { changeColumnPage, changePage, changesBoardPage, type ChangesBoardPage } from '../../../../src/lib/site/pages/change-pages.ts';
import { changeFile, edited, issueFile } from '../site-repo.ts';
import { modelWith, numbered, REPOSITORY, rootLinks, wikiLinks } from './page-repo.ts';

/** A change dated 2024-02-25 that no environment has applied yet: in the Pending column. */
const NOT_STARTED = changeFile({ date: '2024-02-25' });

function column(view: ChangesBoardPage, id: string) {
	return view.columns.find((c) => c.id === id)!;
}

/** Which column each change of a board sits in. */
function placement(view: ChangesBoardPage): Record<string, string[]> {
	return Object.fromEntries(view.columns.map((c) => [c.id, c.cards.map((card) => card.title)]));
}

describe('changesBoardPage', () => {
	it('puts every change in the column of its state, with a card linking to it', () => {
		const view = changesBoardPage(modelWith({ 'changes/new.md': changeFile({ title: 'New', date: '2024-02-25' }) }), wikiLinks);
		expect(placement(view)).toEqual({
			pending: ['New'],
			'in-progress': [],
			stalled: [],
			complete: ['Increase Redis connection pool'],
			'rolled-back': [],
		});
		expect(column(view, 'complete').cards).toEqual([
			{
				href: '/infra-wiki/changes/redis-pool/',
				title: 'Increase Redis connection pool',
				meta: '2024-02-20',
				badges: [],
			},
		]);
	});

	it('titles the whole board "Changes" and marks "All environments" as the current chip', () => {
		const view = changesBoardPage(modelWith(), wikiLinks);
		expect(view.title).toBe('Changes');
		expect(view.chips).toEqual([
			{ label: 'All environments', href: '/infra-wiki/changes/', current: true },
			{ label: 'Development', href: '/infra-wiki/changes/env/dev/', current: false },
			{ label: 'Staging', href: '/infra-wiki/changes/env/staging/', current: false },
			{ label: 'Production', href: '/infra-wiki/changes/env/production/', current: false },
		]);
	});

	it('for one environment, is titled by it and marks its chip', () => {
		const view = changesBoardPage(modelWith(), rootLinks, 'staging');
		expect([view.title, view.layout.title]).toEqual(['Changes in Staging', 'Changes in Staging · Environment Parity']);
		expect(view.chips.filter((c) => c.current).map((c) => c.label)).toEqual(['Staging']);
	});

	it('for one environment, leaves out a change skipped there and keeps it where it applies', () => {
		const model = modelWith({
			'changes/no-dev.md': changeFile({
				title: 'Not for dev',
				propagation: '{ dev: { status: skipped, note: Not used in dev. }, staging: { status: applied, date: 2024-02-26 } }',
			}),
		});
		expect(Object.values(placement(changesBoardPage(model, rootLinks, 'dev'))).flat()).toEqual(['Increase Redis connection pool']);
		expect(placement(changesBoardPage(model, rootLinks, 'staging'))['applied']).toContain('Not for dev');
		expect(placement(changesBoardPage(model, rootLinks, 'production'))['pending']).toEqual(['Not for dev']);
	});

	it("for one environment, has that environment's columns, each saying when it is empty", () => {
		const view = changesBoardPage(modelWith(), rootLinks, 'production');
		expect(view.columns.map((c) => [c.id, c.title, c.count])).toEqual([
			['pending', 'Pending here', 0],
			['applied', 'Applied here', 1],
			['failed', 'Failed or rolled back here', 0],
		]);
		expect(column(view, 'pending').empty).toBe('Nothing waits to be applied here.');
	});

	it('for one environment, keeps a change that failed there, with its badge, and badges a rolled-back one too', () => {
		const model = modelWith({
			'changes/broken.md': changeFile({ title: 'Broken', propagation: '{ dev: { status: failed, date: 2024-02-26 } }' }),
			'changes/undone.md': changeFile({ title: 'Undone', propagation: '{ dev: rolled-back }' }),
		});
		const view = changesBoardPage(model, rootLinks, 'dev');
		expect(column(view, 'failed').cards.map((c) => [c.title, c.meta, c.badges.map((b) => b.label)])).toEqual([
			['Broken', 'failed here 2024-02-26', ['failed']],
			['Undone', 'rolled back here', ['rolled back']],
		]);
		expect(column(changesBoardPage(model, rootLinks), 'rolled-back').cards.map((c) => c.badges.map((b) => b.label))).toEqual([
			['failed'],
			['rolled back'],
		]);
	});

	it('for one environment, puts a hotfix applied there under Applied here, badged, and says how long a change waits there', () => {
		const model = modelWith({
			'changes/hotfix.md': changeFile({
				title: 'Hotfix',
				date: '2024-01-01',
				propagation: '{ production: { status: applied, date: 2024-01-02 } }',
			}),
		});
		const production = changesBoardPage(model, rootLinks, 'production');
		const card = column(production, 'applied').cards.find((c) => c.title === 'Hotfix')!;
		expect([card.meta, card.badges]).toEqual(['applied here 2024-01-02', [{ label: 'hotfix ahead of earlier stages', tone: 'warn' }]]);
		const dev = column(changesBoardPage(model, rootLinks, 'dev'), 'pending').cards.find((c) => c.title === 'Hotfix')!;
		expect([dev.meta, dev.badges.map((b) => b.label)]).toEqual(['waiting here 60 days (since 2024-01-01)', ['stalled']]);
	});

	it('says where a card is still pending and, when stalled, for how long', () => {
		const model = modelWith({
			'changes/old.md': changeFile({ title: 'Old', date: '2024-01-01', propagation: '{ dev: { status: applied, date: 2024-01-02 } }' }),
		});
		expect(column(changesBoardPage(model, rootLinks), 'stalled').cards).toEqual([
			{
				href: '/changes/old/',
				title: 'Old',
				meta: '2024-01-01 · pending in staging, production for 59 days',
				badges: [],
			},
		]);
	});

	it('flags a hotfix applied in production ahead of staging', () => {
		const model = modelWith({
			'changes/hotfix.md': changeFile({
				title: 'Hotfix',
				propagation: '{ dev: { status: applied, date: 2024-02-25 }, production: { status: applied, date: 2024-02-25 } }',
			}),
		});
		expect(column(changesBoardPage(model, rootLinks), 'in-progress').cards.map((c) => [c.title, c.badges])).toEqual([
			['Hotfix', [{ label: 'hotfix ahead of earlier stages', tone: 'warn' }]],
		]);
	});

	it('shows a column of 20 in full', () => {
		const pending = column(changesBoardPage(modelWith(numbered(20, 'changes', 'new', () => NOT_STARTED)), rootLinks), 'pending');
		expect([pending.count, pending.cards.length]).toEqual([20, 20]);
		expect(pending).not.toHaveProperty('more');
	});

	it('cuts a column at 20 cards, newest first, and links to its full list', () => {
		const files = {
			...numbered(20, 'changes', 'new', () => NOT_STARTED),
			'changes/older.md': changeFile({ title: 'Older', date: '2024-02-24' }),
		};
		const pending = column(changesBoardPage(modelWith(files), wikiLinks), 'pending');
		expect([pending.count, pending.cards.length, pending.cards.some((c) => c.title === 'Older')]).toEqual([21, 20, false]);
		expect(pending.more).toEqual({ href: '/infra-wiki/changes/state/pending/', label: 'All 21 pending changes →' });
	});
});

describe('changeColumnPage', () => {
	it('lists one column newest first, with where each change is pending', () => {
		const files = {
			'changes/one-left.md': changeFile({
				title: 'One left',
				date: '2024-02-26',
				propagation: '{ dev: { status: applied, date: 2024-02-26 }, staging: { status: applied, date: 2024-02-26 } }',
			}),
			'changes/two-left.md': changeFile({
				title: 'Two left',
				date: '2024-02-25',
				propagation: '{ dev: { status: applied, date: 2024-02-25 } }',
			}),
		};
		const view = changeColumnPage(modelWith(files), wikiLinks, 'in-progress');
		expect([view.title, view.lede, view.board, view.paginationLabel]).toEqual([
			'In progress changes',
			'2 changes, newest first.',
			'/infra-wiki/changes/',
			'In progress change pages',
		]);
		expect({ items: view.page.items, empty: view.empty }).toEqual({
			items: [
				{ href: '/infra-wiki/changes/one-left/', title: 'One left', note: '2024-02-26 · pending in 1 environment' },
				{ href: '/infra-wiki/changes/two-left/', title: 'Two left', note: '2024-02-25 · pending in 2 environments' },
			],
			empty: 'No change in this state.',
		});
	});

	it('notes only the date of a change that is pending nowhere', () => {
		expect(changeColumnPage(modelWith(), rootLinks, 'complete').page.items).toEqual([
			{ href: '/changes/redis-pool/', title: 'Increase Redis connection pool', note: '2024-02-20' },
		]);
	});

	it('says so when a column is empty', () => {
		const view = changeColumnPage(modelWith(), rootLinks, 'rolled-back');
		expect([view.title, view.lede, { items: view.page.items, empty: view.empty }]).toEqual([
			'Rolled back or failed changes',
			'0 changes, newest first.',
			{ items: [], empty: 'No change in this state.' },
		]);
	});

	it('fits 100 changes on one page', () => {
		const { page } = changeColumnPage(modelWith(numbered(100, 'changes', 'new', () => NOT_STARTED)), rootLinks, 'pending');
		expect([page.items.length, page.lastPage, page.url]).toEqual([100, 1, {}]);
	});

	it('pages a column of more than 100 changes, with a second page under the base path', () => {
		const model = modelWith(numbered(101, 'changes', 'new', () => NOT_STARTED));
		const first = changeColumnPage(model, wikiLinks, 'pending');
		expect([first.page.items.length, first.page.lastPage, first.page.url]).toEqual([
			100,
			2,
			{ next: '/infra-wiki/changes/state/pending/page/2/' },
		]);
		const second = changeColumnPage(model, wikiLinks, 'pending', 2);
		expect([second.page.items.length, second.page.currentPage, second.page.url]).toEqual([
			1,
			2,
			{ prev: '/infra-wiki/changes/state/pending/' },
		]);
		expect([second.title, second.layout.title, second.lede]).toEqual([
			'Pending changes',
			'Pending changes (page 2) · Environment Parity',
			'101 changes, newest first.',
		]);
	});
});

describe('changePage', () => {
	it('shows a complete change: its state, facts, steps and the bugs that name it', () => {
		const view = changePage(modelWith(), wikiLinks, 'redis-pool');
		expect([view.id, view.title, view.state, view.outOfOrder]).toEqual([
			'redis-pool',
			'Increase Redis connection pool',
			{ label: 'complete', tone: 'good' },
			false,
		]);
		expect(view.facts).toEqual({
			date: '2024-02-20',
			reason: 'Memory optimisation',
			rollback: 'Revert to 10 connections',
			sets: ['redis.pool_size: 20'],
		});
		expect(view.steps[1]).toEqual({
			env: 'Staging',
			href: '/infra-wiki/environments/staging/',
			status: 'applied',
			implicit: false,
			date: '2024-02-21',
			by: undefined,
			note: undefined,
		});
		expect(view.issues).toEqual({
			items: [{ href: '/infra-wiki/issues/payment-timeout/', title: 'Payment timeout in production', note: 'resolved' }],
			empty: 'No bug names this change.',
		});
	});

	it('names the author beside the date, and the verification when there is one', () => {
		const files = edited(
			'changes/redis-pool.md',
			'date: 2024-02-20\n',
			'date: 2024-02-20\nauthor: "@ana"\nverification: Watch the connection count.\n',
		);
		expect(changePage(modelWith({}, files), rootLinks, 'redis-pool').facts).toMatchObject({
			date: '2024-02-20 by @ana',
			verification: 'Watch the connection count.',
		});
	});

	it('marks an environment the change does not list as implicitly pending', () => {
		const view = changePage(
			modelWith({ 'changes/new.md': changeFile({ propagation: '{ dev: { status: applied, date: 2024-02-25, by: "@ana" } }' }) }),
			rootLinks,
			'new',
		);
		expect(view.steps.map((s) => [s.env, s.status, s.implicit, s.by])).toEqual([
			['Development', 'applied', false, '@ana'],
			['Staging', 'pending', true, undefined],
			['Production', 'pending', true, undefined],
		]);
		expect(view.state).toEqual({ label: 'in-progress', tone: 'warn' });
	});

	it('labels a stalled change with how long it has waited', () => {
		expect(changePage(modelWith({ 'changes/old.md': changeFile({ date: '2024-01-01' }) }), rootLinks, 'old').state).toEqual({
			label: 'stalled (60 days)',
			tone: 'warn',
		});
	});

	it('gives a failed change a bad tone', () => {
		expect(
			changePage(modelWith({ 'changes/broken.md': changeFile({ propagation: '{ dev: failed }' }) }), rootLinks, 'broken').state,
		).toEqual({ label: 'failed', tone: 'bad' });
	});

	it('shows the settings it changes as matrix rows linking to their setting pages', () => {
		const table = changePage(modelWith(), wikiLinks, 'redis-pool').settings!;
		expect([table.variant, table.rows.map((r) => [r.key, r.href, r.anchor])]).toEqual([
			'matrix',
			[['redis.pool_size', '/infra-wiki/settings/redis.pool_size/', undefined]],
		]);
	});

	it('has no settings table when it names no setting that exists', () => {
		const view = changePage(modelWith({ 'changes/new.md': changeFile({ extra: ['settings: { cache.ttl: 60 }'] }) }), rootLinks, 'new');
		expect([view.facts.sets, view.settings]).toEqual([['cache.ttl: 60'], null]);
	});

	it('is found by an alias, and shows its canonical id', () => {
		const view = changePage(modelWith({ 'changes/new.md': changeFile({ title: 'New', extra: ['aliases: [CHG-7]'] }) }), rootLinks, 'CHG-7');
		expect([view.id, view.title]).toEqual(['new', 'New']);
	});

	it('lists a bug that names it by an alias', () => {
		const model = modelWith({
			'changes/new.md': changeFile({ extra: ['aliases: [CHG-7]'] }),
			'issues/cache-miss.md': issueFile({ title: 'Cache misses', extra: ['changes: [CHG-7]'] }),
		});
		expect(changePage(model, rootLinks, 'new').issues.items).toEqual([
			{ href: '/issues/cache-miss/', title: 'Cache misses', note: 'open' },
		]);
	});

	it('links Edit and History to its file when the repository is set', () => {
		expect(changePage(modelWith(REPOSITORY), rootLinks, 'redis-pool').layout.edit).toEqual({
			edit: 'https://github.com/acme/infra-wiki/edit/main/changes/redis-pool.md',
			history: 'https://github.com/acme/infra-wiki/commits/main/changes/redis-pool.md',
		});
	});
});
