import { describe, expect, it } from 'vitest';
import { facetValues, ISSUE_FACETS, issueFacets, issuesMatching } from '../../../src/lib/site/issue-facets.ts';
import { baseline } from '../../helpers/repo.ts';
import { edited, issueFile, modelOf } from './site-repo.ts';

/** The baseline plus a staging bug, a critical production bug reproduced in staging, and another production-only bug. */
function model() {
	return modelOf({
		...baseline(),
		'issues/cache-miss.md': issueFile({ status: 'investigating', severity: 'low', environments: '[staging, dev]', opened: '2024-02-15' }),
		'issues/db-locks.md': issueFile({
			status: 'open',
			severity: 'critical',
			environments: '[production]',
			opened: '2024-02-15',
			extra: ['reproduced: { staging: true }'],
		}),
		'issues/alpha.md': issueFile({ status: 'wont-fix', severity: 'low', environments: '[production]', opened: '2024-01-05' }),
	});
}

describe('issueFacets', () => {
	it('gives the baseline bug its environments, status, severity and production-only flag', () => {
		const m = modelOf();
		expect(issueFacets(m, m.issues[0]!)).toEqual({
			environment: ['production'],
			status: ['resolved'],
			severity: ['high'],
			'production-only': ['yes'],
		});
	});

	it('lists every environment where a bug was observed, as written', () => {
		const m = model();
		expect(
			issueFacets(
				m,
				m.issues.find((i) => i.id === 'cache-miss')!,
			).environment,
		).toEqual(['staging', 'dev']);
	});

	it('says no to production-only for a production bug reproduced in staging', () => {
		const m = model();
		expect(
			issueFacets(
				m,
				m.issues.find((i) => i.id === 'db-locks')!,
			)['production-only'],
		).toEqual(['no']);
	});

	it('has a value for every facet', () => {
		const m = model();
		for (const issue of m.issues) expect(Object.keys(issueFacets(m, issue)).sort()).toEqual([...ISSUE_FACETS].sort());
	});
});

describe('facetValues', () => {
	it('offers only the values some issue has', () => {
		expect(facetValues(modelOf())).toEqual({
			environment: ['production'],
			status: ['resolved'],
			severity: ['high'],
			'production-only': ['yes'],
		});
	});

	it('orders environments by pipeline, statuses by workflow, severities worst first, and yes before no', () => {
		expect(facetValues(model())).toEqual({
			environment: ['dev', 'staging', 'production'],
			status: ['open', 'investigating', 'resolved', 'wont-fix'],
			severity: ['critical', 'high', 'low'],
			'production-only': ['yes', 'no'],
		});
	});

	it('offers no values when there are no issues', () => {
		const files = baseline();
		delete files['issues/payment-timeout.md'];
		const withoutIssues = edited('runbooks/payment-timeout.md', 'issues: [payment-timeout]\n', '', files);
		expect(facetValues(modelOf(withoutIssues))).toEqual({ environment: [], status: [], severity: [], 'production-only': [] });
	});
});

describe('issuesMatching', () => {
	it('lists every issue without a facet, newest first, then by id', () => {
		expect(issuesMatching(model()).map((i) => i.id)).toEqual(['cache-miss', 'db-locks', 'payment-timeout', 'alpha']);
	});

	it('lists the issues observed in an environment', () => {
		expect(issuesMatching(model(), 'environment', 'staging').map((i) => i.id)).toEqual(['cache-miss']);
		expect(issuesMatching(model(), 'environment', 'production').map((i) => i.id)).toEqual(['db-locks', 'payment-timeout', 'alpha']);
	});

	it('lists the issues of a status and of a severity', () => {
		expect(issuesMatching(model(), 'status', 'open').map((i) => i.id)).toEqual(['db-locks']);
		expect(issuesMatching(model(), 'severity', 'low').map((i) => i.id)).toEqual(['cache-miss', 'alpha']);
	});

	it('lists production-only issues and the others', () => {
		expect(issuesMatching(model(), 'production-only', 'yes').map((i) => i.id)).toEqual(['payment-timeout', 'alpha']);
		expect(issuesMatching(model(), 'production-only', 'no').map((i) => i.id)).toEqual(['cache-miss', 'db-locks']);
	});

	it('lists nothing for a value no issue has', () => {
		expect(issuesMatching(model(), 'severity', 'medium')).toEqual([]);
	});
});
