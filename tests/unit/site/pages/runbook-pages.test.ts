import { describe, expect, it } from 'vitest';
import { runbookPage, runbooksPage } from '../../../../src/lib/site/pages/runbook-pages.ts';
import { edited, issueFile, runbookFile } from '../site-repo.ts';
import { modelWith, REPOSITORY, rootLinks, wikiLinks } from './page-repo.ts';

/** The baseline runbook with extra front-matter lines after its title. */
function withRunbookLines(lines: string) {
	return edited('runbooks/payment-timeout.md', 'title: Payment timeout\n', `title: Payment timeout\n${lines}\n`);
}

describe('runbooksPage', () => {
	it('shows the stable address pattern literally, under the base path', () => {
		expect(runbooksPage(modelWith(), wikiLinks).goPattern).toBe('/infra-wiki/go/<id or alias>/');
	});

	it('lists the runbooks by title, each with its owner and aliases', () => {
		const model = modelWith({
			'runbooks/db-failover.md': runbookFile({ title: 'Database failover', extra: ['owner: "@dba"', 'aliases: [RB-7, DB-FO]'] }),
		});
		expect(runbooksPage(model, wikiLinks).runbooks).toEqual({
			items: [
				{ href: '/infra-wiki/runbooks/db-failover/', title: 'Database failover', note: '@dba · RB-7 · DB-FO' },
				{ href: '/infra-wiki/runbooks/payment-timeout/', title: 'Payment timeout', note: '' },
			],
			empty: 'No runbook yet.',
		});
	});

	it('notes the aliases alone when there is no owner', () => {
		const model = modelWith({ 'runbooks/db-failover.md': runbookFile({ title: 'Database failover', extra: ['aliases: [RB-7]'] }) });
		expect(runbooksPage(model, rootLinks).runbooks.items[0]!.note).toBe('RB-7');
	});
});

describe('runbookPage', () => {
	it('gives a stable /go/ link for its id and each alias, under the base path', () => {
		const view = runbookPage(modelWith({}, withRunbookLines('aliases: [INC-PAY, RB-1]')), wikiLinks, 'payment-timeout');
		expect(view.stableLinks).toEqual([
			{ href: '/infra-wiki/go/payment-timeout/', shared: ['the issue “Payment timeout in production”'] },
			{ href: '/infra-wiki/go/INC-PAY/', shared: [] },
			{ href: '/infra-wiki/go/RB-1/', shared: [] },
		]);
	});

	it('is found by an alias, and shows its canonical id', () => {
		const view = runbookPage(modelWith({}, withRunbookLines('aliases: [RB-1]')), rootLinks, 'RB-1');
		expect([view.id, view.title]).toEqual(['payment-timeout', 'Payment timeout']);
	});

	it('links the environments it applies to', () => {
		const view = runbookPage(
			modelWith({}, edited('runbooks/payment-timeout.md', 'environments: [production]', 'environments: [staging, production]')),
			wikiLinks,
			'payment-timeout',
		);
		expect(view.environments).toEqual([
			{ label: 'staging', href: '/infra-wiki/environments/staging/' },
			{ label: 'production', href: '/infra-wiki/environments/production/' },
		]);
	});

	it('links an environment it names by an alias to that environment', () => {
		let files = edited('environments/production.yaml', 'stage: production', 'stage: production\naliases: [prod]');
		files = edited('runbooks/payment-timeout.md', 'environments: [production]', 'environments: [prod]', files);
		expect(runbookPage(modelWith({}, files), rootLinks, 'payment-timeout').environments).toEqual([
			{ label: 'production', href: '/environments/production/' },
		]);
	});

	it('has no environments when it names none', () => {
		expect(runbookPage(modelWith({ 'runbooks/any.md': runbookFile() }), rootLinks, 'any').environments).toEqual([]);
	});

	it('says a review is due once its review date has passed', () => {
		expect(runbookPage(modelWith({}, withRunbookLines('review_by: 2024-02-29')), rootLinks, 'payment-timeout').review).toEqual({
			date: '2024-02-29',
			due: true,
		});
	});

	it('says a review is not yet due on its review date', () => {
		expect(runbookPage(modelWith({}, withRunbookLines('review_by: 2024-03-01')), rootLinks, 'payment-timeout').review).toEqual({
			date: '2024-03-01',
			due: false,
		});
	});

	it('has no review without a review date, and no owner without one', () => {
		const view = runbookPage(modelWith(), rootLinks, 'payment-timeout');
		expect(view).not.toHaveProperty('review');
		expect(view).not.toHaveProperty('owner');
	});

	it('names its owner when there is one', () => {
		expect(runbookPage(modelWith({}, withRunbookLines('owner: "@payments-oncall"')), rootLinks, 'payment-timeout').owner).toBe(
			'@payments-oncall',
		);
	});

	it('shows the settings it names, without a parity column or observed environments', () => {
		const table = runbookPage(
			modelWith({}, withRunbookLines('settings: [load_balancer.timeout_seconds]')),
			wikiLinks,
			'payment-timeout',
		).settings!;
		expect([table.statusHeading, table.rows]).toEqual([
			null,
			[
				{
					key: 'load_balancer.timeout_seconds',
					href: '/infra-wiki/settings/load_balancer.timeout_seconds/',
					cells: [
						{ text: '120', classes: [] },
						{ text: '120', classes: [] },
						{ text: '120', classes: [] },
					],
				},
			],
		]);
	});

	it('has no settings table when it names no setting', () => {
		expect(runbookPage(modelWith(), rootLinks, 'payment-timeout').settings).toBeNull();
	});

	it('lists the bugs that use it, whichever side names the other', () => {
		const model = modelWith({ 'issues/cache-miss.md': issueFile({ title: 'Cache misses', extra: ['runbooks: [payment-timeout]'] }) });
		expect(runbookPage(model, wikiLinks, 'payment-timeout').usedBy).toEqual({
			items: [
				{ href: '/infra-wiki/issues/cache-miss/', title: 'Cache misses', note: 'open' },
				{ href: '/infra-wiki/issues/payment-timeout/', title: 'Payment timeout in production', note: 'resolved' },
			],
			empty: 'No bug links this runbook yet.',
		});
	});

	it('says so when no bug uses it', () => {
		expect(runbookPage(modelWith({ 'runbooks/any.md': runbookFile() }), rootLinks, 'any').usedBy).toEqual({
			items: [],
			empty: 'No bug links this runbook yet.',
		});
	});

	it('is titled and described by its title, with Edit on its file when the repository is set', () => {
		const { layout } = runbookPage(modelWith(REPOSITORY), rootLinks, 'payment-timeout');
		expect([layout.title, layout.description, layout.edit?.edit]).toEqual([
			'Payment timeout · Environment Parity',
			'Runbook: Payment timeout',
			'https://github.com/acme/infra-wiki/edit/main/runbooks/payment-timeout.md',
		]);
	});
});
