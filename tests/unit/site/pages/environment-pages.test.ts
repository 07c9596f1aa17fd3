import { describe, expect, it } from 'vitest';
import { environmentPage, environmentsPage, type HistoryView } from '../../../../src/lib/site/pages/environment-pages.ts';
import { changeFile, edited, issueFile } from '../site-repo.ts';
import { modelWith, numbered, REPOSITORY, rootLinks, wikiLinks } from './page-repo.ts';

const NO_HISTORY: HistoryView = { commits: [] };
const DRIFT = edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30');

/** A change applied in dev on 2024-02-25 and so pending in staging and production. */
const PENDING_IN_STAGING = changeFile({ date: '2024-02-25', propagation: '{ dev: { status: applied, date: 2024-02-25 } }' });

describe('environmentsPage', () => {
	it('groups the environments by stage, in pipeline order, as linked cards', () => {
		expect(environmentsPage(modelWith(), wikiLinks).stages).toEqual([
			{
				stage: 'dev',
				cards: [
					{ href: '/infra-wiki/environments/dev/', name: 'Development', meta: '5 settings', verified: 'Verified 2024-02-20', stale: false },
				],
			},
			{
				stage: 'staging',
				cards: [
					{ href: '/infra-wiki/environments/staging/', name: 'Staging', meta: '5 settings', verified: 'Verified 2024-02-20', stale: false },
				],
			},
			{
				stage: 'production',
				cards: [
					{
						href: '/infra-wiki/environments/production/',
						name: 'Production',
						meta: '5 settings',
						verified: 'Verified 2024-02-20',
						stale: false,
					},
				],
			},
		]);
	});

	it('names the owner in the meta line when there is one', () => {
		const model = modelWith({}, edited('environments/staging.yaml', 'stage: staging', 'stage: staging\nowner: "@platform"'));
		expect(environmentsPage(model, rootLinks).stages[1]!.cards[0]!.meta).toBe('5 settings · @platform');
	});

	it('marks an environment never verified as stale', () => {
		const model = modelWith({}, edited('environments/dev.yaml', 'verified: { date: 2024-02-20, by: "@ana" }\n', ''));
		expect(environmentsPage(model, rootLinks).stages[0]!.cards[0]).toMatchObject({ verified: 'Never verified', stale: true });
	});

	it('puts two environments of one stage on one stage', () => {
		const model = modelWith({ 'environments/production-eu.yaml': 'name: Production EU\nstage: production\nsettings: {}\n' });
		expect(environmentsPage(model, rootLinks).stages[2]!.cards.map((c) => c.name)).toEqual(['Production', 'Production EU']);
	});
});

describe('environmentPage', () => {
	it('states the facts: stage, who verified it and how long ago', () => {
		const view = environmentPage(modelWith(), rootLinks, 'staging', NO_HISTORY);
		expect([view.id, view.name, view.facts]).toEqual([
			'staging',
			'Staging',
			{ stage: 'staging', verified: '2024-02-20 by @ana (10 days ago)', stale: false },
		]);
	});

	it('states the owner and URL only when they are set', () => {
		const model = modelWith(
			{},
			edited('environments/staging.yaml', 'stage: staging', 'stage: staging\nowner: "@platform"\nurl: https://staging.example.com'),
		);
		expect(environmentPage(model, rootLinks, 'staging', NO_HISTORY).facts).toEqual({
			stage: 'staging',
			owner: '@platform',
			url: { text: 'https://staging.example.com', href: 'https://staging.example.com' },
			verified: '2024-02-20 by @ana (10 days ago)',
			stale: false,
		});
	});

	it.each(['javascript:alert(document.domain)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)'])(
		'shows a URL that is not http(s) as text, with no link, should %j ever reach the model',
		(url) => {
			// The schema refuses such a URL; this is the second check, where the link is made.
			const model = modelWith();
			model.environments.find((e) => e.id === 'staging')!.data.url = url;
			expect(environmentPage(model, rootLinks, 'staging', NO_HISTORY).facts.url).toEqual({ text: url });
		},
	);

	it('says "never" and stale for an environment never verified', () => {
		const model = modelWith({}, edited('environments/dev.yaml', 'verified: { date: 2024-02-20, by: "@ana" }\n', ''));
		expect(environmentPage(model, rootLinks, 'dev', NO_HISTORY).facts).toEqual({ stage: 'dev', verified: 'never', stale: true });
	});

	it('compares with the previous stage with the previous environment on the left and this one on the right', () => {
		const [since] = environmentPage(modelWith(), wikiLinks, 'staging', NO_HISTORY).neighbours;
		expect([since!.heading, since!.compare, since!.table.columns]).toEqual([
			'Since Development',
			'/infra-wiki/compare/dev/staging/',
			[{ label: 'Development' }, { label: 'Staging' }],
		]);
		expect(since!.table.rows.map((r) => [r.key, r.cells.map((c) => c.text)])).toEqual([['database.engine', ['sqlite', 'postgresql']]]);
	});

	it('compares with the next stage with this environment on the left, its own value in its own column', () => {
		const [, towards] = environmentPage(modelWith({}, DRIFT), wikiLinks, 'staging', NO_HISTORY).neighbours;
		expect([towards!.heading, towards!.compare, towards!.table.columns]).toEqual([
			'Towards Production',
			'/infra-wiki/compare/staging/production/',
			[{ label: 'Staging' }, { label: 'Production' }],
		]);
		expect(towards!.table.rows.map((r) => [r.key, r.cells.map((c) => c.text), r.status])).toEqual([
			['load_balancer.timeout_seconds', ['120', '30'], 'drift'],
		]);
	});

	it('shows a setting only the next environment lacks as missing in the next column', () => {
		const files = edited('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', '');
		const [, towards] = environmentPage(modelWith({}, files), rootLinks, 'staging', NO_HISTORY).neighbours;
		expect(towards!.table.rows[0]!.cells.map((c) => c.text)).toEqual(['120', null]);
	});

	it('has only a next neighbour for the first stage and only a previous one for the last', () => {
		const model = modelWith();
		expect(environmentPage(model, rootLinks, 'dev', NO_HISTORY).neighbours.map((n) => n.heading)).toEqual(['Towards Staging']);
		expect(environmentPage(model, rootLinks, 'production', NO_HISTORY).neighbours.map((n) => n.heading)).toEqual(['Since Staging']);
	});

	it('lists a change pending here with how long it has waited', () => {
		const view = environmentPage(modelWith({ 'changes/pool-30.md': PENDING_IN_STAGING }), rootLinks, 'staging', NO_HISTORY);
		expect(view.pending).toEqual({
			items: [{ href: '/changes/pool-30/', title: 'A change', note: 'pending 5 days' }],
			empty: 'Nothing pending.',
		});
	});

	it('says a change pending here too long is stalled', () => {
		const view = environmentPage(modelWith({ 'changes/old.md': changeFile({ date: '2024-01-01' }) }), rootLinks, 'staging', NO_HISTORY);
		expect(view.pending.items).toEqual([{ href: '/changes/old/', title: 'A change', note: 'stalled, 60 days' }]);
	});

	it('cuts pending changes at 20 and links to the board of this environment', () => {
		const view = environmentPage(modelWith(numbered(21, 'changes', 'wait', () => PENDING_IN_STAGING)), wikiLinks, 'staging', NO_HISTORY);
		expect(view.pending.items).toHaveLength(20);
		expect(view.pending.more).toEqual({ href: '/infra-wiki/changes/env/staging/', label: 'All 21 pending changes →' });
	});

	it('lists applied changes with their date', () => {
		const view = environmentPage(modelWith({}), rootLinks, 'staging', NO_HISTORY);
		expect(view.applied.items).toEqual([{ href: '/changes/redis-pool/', title: 'Increase Redis connection pool', note: '2024-02-21' }]);
	});

	it('cuts applied changes at 20 and links to the board of this environment', () => {
		const applied = numbered(20, 'changes', 'done', () =>
			changeFile({ propagation: '{ staging: { status: applied, date: 2024-02-26 } }' }),
		);
		const view = environmentPage(modelWith(applied), wikiLinks, 'staging', NO_HISTORY);
		expect(view.applied.items).toHaveLength(20);
		expect(view.applied.more).toEqual({ href: '/infra-wiki/changes/env/staging/', label: 'All 21 applied changes →' });
	});

	it('lists the bugs observed here with their status and severity', () => {
		expect(environmentPage(modelWith(), rootLinks, 'production', NO_HISTORY).issues).toEqual({
			items: [{ href: '/issues/payment-timeout/', title: 'Payment timeout in production', note: 'resolved, high' }],
			empty: 'No bug recorded.',
		});
		expect(environmentPage(modelWith(), rootLinks, 'staging', NO_HISTORY).issues.items).toEqual([]);
	});

	it('cuts bugs at 20 and links to the issue index filtered by this environment', () => {
		const view = environmentPage(modelWith(numbered(20, 'issues', 'bug', () => issueFile())), wikiLinks, 'production', NO_HISTORY);
		expect(view.issues.items).toHaveLength(20);
		expect(view.issues.more).toEqual({ href: '/infra-wiki/issues/filter/environment/production/', label: 'All 21 bugs →' });
	});

	it('shows the newest bugs and the newest pending changes first, as the indexes it links to', () => {
		const bugs = numbered(21, 'issues', 'bug', (n) =>
			issueFile({ title: `Bug ${n}`, opened: `2024-02-${String(n + 5).padStart(2, '0')}` }),
		);
		const pending = numbered(21, 'changes', 'wait', (n) =>
			changeFile({ title: `Wait ${n}`, date: `2024-02-${String(n + 5).padStart(2, '0')}` }),
		);
		const view = environmentPage(modelWith({ ...bugs, ...pending }), rootLinks, 'production', NO_HISTORY);
		expect(view.issues.items.slice(0, 2).map((i) => i.title)).toEqual(['Bug 21', 'Bug 20']);
		expect(view.issues.items.map((i) => i.title)).not.toContain('Bug 1');
		expect(view.pending.items.slice(0, 2).map((i) => i.title)).toEqual(['Wait 21', 'Wait 20']);
	});

	it('lists its own settings, one value column, with their parity', () => {
		const view = environmentPage(modelWith({}, DRIFT), wikiLinks, 'production', NO_HISTORY);
		expect([view.settings.columns, view.settings.statusHeading, view.settings.skew]).toEqual([[{ label: 'Value' }], 'Parity', false]);
		expect(view.settings.rows[1]).toEqual({
			key: 'load_balancer.timeout_seconds',
			href: '/infra-wiki/settings/load_balancer.timeout_seconds/',
			cells: [{ text: '30', classes: [] }],
			status: 'drift',
		});
	});

	it('leaves out of its settings a key it does not set', () => {
		const files = edited('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', '');
		expect(environmentPage(modelWith({}, files), rootLinks, 'production', NO_HISTORY).settings.rows.map((r) => r.key)).toEqual([
			'database.engine',
			'redis.pool_size',
			'redis.version',
			'runtime.node',
		]);
	});

	it('passes the history of its file through, with its note', () => {
		const history: HistoryView = {
			commits: [{ date: '2024-02-20', author: 'Ana', subject: 'Verify staging' }],
			note: 'Only the last 20 commits.',
		};
		expect(environmentPage(modelWith(), rootLinks, 'staging', history).history).toEqual({
			file: 'environments/staging.yaml',
			commits: [{ date: '2024-02-20', author: 'Ana', subject: 'Verify staging' }],
			note: 'Only the last 20 commits.',
		});
	});

	it('has no history note when there is none', () => {
		expect(environmentPage(modelWith(), rootLinks, 'staging', NO_HISTORY).history).toEqual({
			file: 'environments/staging.yaml',
			commits: [],
		});
	});

	it('links Edit and History to its file when the repository is set', () => {
		const view = environmentPage(modelWith(REPOSITORY), rootLinks, 'staging', NO_HISTORY);
		expect([view.layout.title, view.layout.edit?.edit]).toEqual([
			'Staging · Environment Parity',
			'https://github.com/acme/infra-wiki/edit/main/environments/staging.yaml',
		]);
	});
});
