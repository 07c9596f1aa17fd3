import { describe, expect, it } from 'vitest';
import { issuePage, issuesIndexPage, type IssuesIndexPage } from '../../../../src/lib/site/pages/issue-pages.ts';
import { changeFile, edited, issueFile, runbookFile } from '../site-repo.ts';
import { modelWith, numbered, REPOSITORY, rootLinks, wikiLinks } from './page-repo.ts';

/** The current chip of each facet's filters. */
function currentChips(view: IssuesIndexPage): Record<string, string[]> {
	return Object.fromEntries(view.filters.map((f) => [f.facet, f.chips.filter((c) => c.current).map((c) => c.label)]));
}

const OPEN_IN_STAGING = {
	'issues/cache-miss.md': issueFile({
		title: 'Cache misses',
		severity: 'low',
		environments: '[staging, production]',
		opened: '2024-02-15',
	}),
};

describe('issuesIndexPage', () => {
	it('lists the issues as rows with their status, severity tone, environments and facets', () => {
		expect(issuesIndexPage(modelWith(), wikiLinks).page.items).toEqual([
			{
				href: '/infra-wiki/issues/payment-timeout/',
				title: 'Payment timeout in production',
				productionOnly: true,
				status: 'resolved',
				severity: { label: 'high', tone: 'bad' },
				environments: 'production',
				opened: '2024-02-01',
				facets: JSON.stringify({ environment: ['production'], status: ['resolved'], severity: ['high'], 'production-only': ['yes'] }),
			},
		]);
	});

	it('lists newest first, and marks a bug seen before production as not production-only', () => {
		const rows = issuesIndexPage(modelWith(OPEN_IN_STAGING), rootLinks).page.items;
		expect(rows.map((r) => [r.title, r.productionOnly, r.severity.tone, r.environments])).toEqual([
			['Cache misses', false, 'neutral', 'staging, production'],
			['Payment timeout in production', true, 'bad', 'production'],
		]);
	});

	it('offers a chip for each value some issue has, after "any", under the base path', () => {
		const view = issuesIndexPage(modelWith(OPEN_IN_STAGING), wikiLinks);
		expect(view.filters.find((f) => f.facet === 'status')).toEqual({
			label: 'Status',
			facet: 'status',
			chips: [
				{ label: 'any', href: '/infra-wiki/issues/', value: '', current: true },
				{ label: 'open', href: '/infra-wiki/issues/filter/status/open/', value: 'open', current: false },
				{ label: 'resolved', href: '/infra-wiki/issues/filter/status/resolved/', value: 'resolved', current: false },
			],
		});
		expect(view.filters.map((f) => [f.label, f.chips.map((c) => c.value)])).toEqual([
			['Environment', ['', 'staging', 'production']],
			['Status', ['', 'open', 'resolved']],
			['Severity', ['', 'high', 'low']],
			['Production only', ['', 'yes', 'no']],
		]);
	});

	it('marks "any" as current on every facet of the whole index', () => {
		expect(currentChips(issuesIndexPage(modelWith(), rootLinks))).toEqual({
			environment: ['any'],
			status: ['any'],
			severity: ['any'],
			'production-only': ['any'],
		});
	});

	it('filtered by one value, is titled by it, lists only its issues, and marks its chip alone on its facet', () => {
		const view = issuesIndexPage(modelWith(OPEN_IN_STAGING), rootLinks, { facet: 'environment', value: 'staging' });
		expect([view.title, view.layout.title]).toEqual(['Issues: Environment staging', 'Issues: Environment staging · Environment Parity']);
		expect(view.page.items.map((r) => r.title)).toEqual(['Cache misses']);
		expect(currentChips(view)).toEqual({ environment: ['staging'], status: ['any'], severity: ['any'], 'production-only': ['any'] });
	});

	it('filters in place and counts the rows shown when every issue is on one page', () => {
		const view = issuesIndexPage(modelWith(OPEN_IN_STAGING), rootLinks);
		expect([view.inPlace, view.summary]).toEqual([true, '2 of 2']);
	});

	it('pages more than 100 issues, without in-place filtering, and says so', () => {
		const model = modelWith(numbered(100, 'issues', 'bug', () => issueFile()));
		const first = issuesIndexPage(model, wikiLinks);
		expect([first.inPlace, first.summary, first.page.items.length, first.page.url]).toEqual([
			false,
			'101 issues, newest first; page 1 of 2.',
			100,
			{ next: '/infra-wiki/issues/page/2/' },
		]);
		const second = issuesIndexPage(model, wikiLinks, undefined, 2);
		expect([second.title, second.summary, second.page.items.map((r) => r.title)]).toEqual([
			'Issues (page 2)',
			'101 issues, newest first; page 2 of 2.',
			['Payment timeout in production'],
		]);
	});

	it('pages a filtered index under its filter path', () => {
		const model = modelWith(numbered(101, 'issues', 'bug', () => issueFile()));
		const view = issuesIndexPage(model, wikiLinks, { facet: 'status', value: 'open' }, 2);
		expect([view.title, view.page.url]).toEqual(['Issues: Status open (page 2)', { prev: '/infra-wiki/issues/filter/status/open/' }]);
	});
});

describe('issuePage', () => {
	it('shows status, severity, production only and aliases as pills', () => {
		expect(issuePage(modelWith(), rootLinks, 'payment-timeout').pills).toEqual([
			{ label: 'resolved', tone: 'good' },
			{ label: 'high severity', tone: 'bad' },
			{ label: 'production only', tone: 'bad' },
			{ label: 'INC-2041', tone: 'neutral' },
		]);
	});

	it('has no production-only pill for a bug also seen in staging', () => {
		const view = issuePage(modelWith(OPEN_IN_STAGING), rootLinks, 'cache-miss');
		expect(view.pills).toEqual([
			{ label: 'open', tone: 'bad' },
			{ label: 'low severity', tone: 'neutral' },
		]);
	});

	it('gives a medium bug a warning tone and a bug that will not be fixed a neutral one', () => {
		const view = issuePage(
			modelWith({ 'issues/flaky.md': issueFile({ status: 'wont-fix', severity: 'medium', environments: '[dev]' }) }),
			rootLinks,
			'flaky',
		);
		expect(view.pills).toEqual([
			{ label: 'wont-fix', tone: 'neutral' },
			{ label: 'medium severity', tone: 'warn' },
		]);
	});

	it('is found by an alias, and shows its canonical id', () => {
		const view = issuePage(modelWith(), wikiLinks, 'INC-2041');
		expect([view.id, view.title]).toEqual(['payment-timeout', 'Payment timeout in production']);
	});

	it('states only the facts that are set', () => {
		expect(issuePage(modelWith(), rootLinks, 'payment-timeout').facts).toEqual([
			{ label: 'Opened', value: '2024-02-01' },
			{ label: 'Resolved', value: '2024-02-03' },
		]);
		expect(issuePage(modelWith(OPEN_IN_STAGING), rootLinks, 'cache-miss').facts).toEqual([{ label: 'Opened', value: '2024-02-15' }]);
	});

	it('states the root cause and the resolution when they are set, and describes the page by the root cause', () => {
		const files = edited(
			'issues/payment-timeout.md',
			'resolved: 2024-02-03\n',
			'resolved: 2024-02-03\nroot_cause: LB timeout shorter than the job.\nresolution: Raised the timeout.\n',
		);
		const view = issuePage(modelWith({}, files), rootLinks, 'payment-timeout');
		expect(view.facts.slice(2)).toEqual([
			{ label: 'Root cause', value: 'LB timeout shorter than the job.' },
			{ label: 'Resolution', value: 'Raised the timeout.' },
		]);
		expect(view.layout.description).toBe('LB timeout shorter than the job.');
	});

	it('shows the settings it names in every environment, marking where it was observed', () => {
		const table = issuePage(modelWith(), wikiLinks, 'payment-timeout').settings!;
		expect([table.statusHeading, table.rows]).toEqual([
			'Parity',
			[
				{
					key: 'load_balancer.timeout_seconds',
					href: '/infra-wiki/settings/load_balancer.timeout_seconds/',
					cells: [
						{ text: '120', classes: [] },
						{ text: '120', classes: [] },
						{ text: '120', classes: ['observed'] },
					],
					status: 'same',
				},
			],
		]);
	});

	it('has no settings table when it names no setting', () => {
		expect(issuePage(modelWith(OPEN_IN_STAGING), rootLinks, 'cache-miss').settings).toBeNull();
	});

	it('shows where it was observed, reproduced, not reproduced or not tried', () => {
		expect(issuePage(modelWith(), wikiLinks, 'payment-timeout').reproduction).toEqual([
			{ env: 'Development', href: '/infra-wiki/environments/dev/', stage: 'dev', result: 'not tried' },
			{ env: 'Staging', href: '/infra-wiki/environments/staging/', stage: 'staging', result: 'not reproduced' },
			{ env: 'Production', href: '/infra-wiki/environments/production/', stage: 'production', result: 'observed' },
		]);
	});

	it('lists its related changes with their state, and its runbooks', () => {
		const view = issuePage(modelWith(), wikiLinks, 'payment-timeout');
		expect(view.changes).toEqual({
			items: [{ href: '/infra-wiki/changes/redis-pool/', title: 'Increase Redis connection pool', note: 'complete' }],
			empty: 'No related change.',
		});
		expect(view.runbooks).toEqual({
			items: [{ href: '/infra-wiki/runbooks/payment-timeout/', title: 'Payment timeout' }],
			empty: 'No runbook.',
		});
	});

	it('resolves a related change and a runbook named by their aliases', () => {
		const model = modelWith({
			'changes/raise-timeout.md': changeFile({ title: 'Raise the timeout', extra: ['aliases: [CHG-7]'] }),
			'runbooks/lb.md': runbookFile({ title: 'Load balancer', extra: ['aliases: [RB-LB]'] }),
			'issues/cache-miss.md': issueFile({ extra: ['changes: [CHG-7]', 'runbooks: [RB-LB]'] }),
		});
		const view = issuePage(model, rootLinks, 'cache-miss');
		expect(view.changes.items).toEqual([{ href: '/changes/raise-timeout/', title: 'Raise the timeout', note: 'not-started' }]);
		expect(view.runbooks.items).toEqual([{ href: '/runbooks/lb/', title: 'Load balancer' }]);
	});

	it('says so when nothing is related', () => {
		const view = issuePage(modelWith(OPEN_IN_STAGING), rootLinks, 'cache-miss');
		expect([view.changes, view.runbooks, view.configFiles]).toEqual([
			{ items: [], empty: 'No related change.' },
			{ items: [], empty: 'No runbook.' },
			{ items: [], empty: 'No configuration file named.' },
		]);
	});

	it('names its configuration files without links when the repository is not set', () => {
		const model = modelWith({ 'issues/cache-miss.md': issueFile({ extra: ['config_files: [nginx/timeout.conf]'] }) });
		expect(issuePage(model, rootLinks, 'cache-miss').configFiles.items).toEqual([{ title: 'nginx/timeout.conf' }]);
	});

	it('links its configuration files into the repository when it is set', () => {
		const model = modelWith({ ...REPOSITORY, 'issues/cache-miss.md': issueFile({ extra: ['config_files: [nginx/timeout.conf]'] }) });
		expect(issuePage(model, rootLinks, 'cache-miss').configFiles.items).toEqual([
			{ href: 'https://github.com/acme/infra-wiki/blob/main/nginx/timeout.conf', title: 'nginx/timeout.conf' },
		]);
	});

	it('links Edit to its file when the repository is set', () => {
		expect(issuePage(modelWith(REPOSITORY), rootLinks, 'INC-2041').layout.edit?.edit).toBe(
			'https://github.com/acme/infra-wiki/edit/main/issues/payment-timeout.md',
		);
	});
});
