import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { searchDocument } from '../../../src/lib/site/search-document.ts';
import { baseline } from '../../helpers/repo.ts';
import { edited, issueFile, modelOf } from './site-repo.ts';

/** The text of each paragraph of a document's indexed part, and its filters. */
function parts(html: string) {
	const $ = load(html);
	const filters: Record<string, string[]> = {};
	$('[data-pagefind-filter]').each((_, el) => void (filters[$(el).attr('data-pagefind-filter')!] ??= []).push($(el).text()));
	return {
		title: $('main[data-pagefind-body] > h1').text(),
		facts: $('main > p')
			.map((_, p) => $(p).text())
			.get(),
		filters,
		$,
	};
}

describe('searchDocument', () => {
	it("indexes an issue's title, facts and aliases, each fact a paragraph of its own, under its stable URL", () => {
		const doc = searchDocument(modelOf(), 'issues', 'payment-timeout', '<p>Payments timed out.</p>')!;
		expect(doc.url).toBe('/issues/payment-timeout/');
		const { title, facts, filters } = parts(doc.html);
		expect(title).toBe('Payment timeout in production');
		expect(facts).toEqual([
			'Status: resolved',
			'Severity: high',
			'Scope: production only',
			'Environments: production',
			'Aliases: INC-2041',
			'Opened: 2024-02-01',
			'Resolved: 2024-02-03',
			'Settings: load_balancer.timeout_seconds',
			'Payments timed out.',
		]);
		expect(filters).toEqual({
			kind: ['issue'],
			environment: ['production'],
			stage: ['production'],
			status: ['resolved'],
			severity: ['high'],
			production_only: ['yes'],
		});
	});

	it('keeps the filters out of the indexed text', () => {
		const { $ } = parts(searchDocument(modelOf(), 'issues', 'payment-timeout', '')!.html);
		expect($('[data-pagefind-filter]').parent().is('[hidden][data-pagefind-ignore="index"]')).toBe(true);
	});

	it("indexes a change's state, reason, rollback and the values it sets", () => {
		const { facts, filters } = parts(searchDocument(modelOf(), 'changes', 'redis-pool', '')!.html);
		expect(facts).toEqual([
			'State: complete',
			'Date: 2024-02-20',
			'Reason: Memory optimisation',
			'Rollback: Revert to 10 connections',
			'Sets: redis.pool_size: 20',
		]);
		expect(filters.kind).toEqual(['change']);
	});

	it("indexes an environment's stage and verification, and a runbook's stable links", () => {
		const env = parts(searchDocument(modelOf(), 'environments', 'staging', '')!.html);
		expect(env.title).toBe('Staging');
		expect(env.facts[0]).toBe('Stage: staging');
		const runbook = parts(searchDocument(modelOf(), 'runbooks', 'payment-timeout', '<ol><li>Check the load balancer.</li></ol>')!.html);
		expect(runbook.facts).toEqual(['Environments: production', 'Stable link: /go/payment-timeout/']);
		expect(runbook.$('main ol li').text()).toBe('Check the load balancer.');
	});

	it("lists an issue's configuration files, which engineers search for", () => {
		const model = modelOf({ ...baseline(), 'issues/lb.md': issueFile({ title: 'LB', extra: ['config_files: [nginx/timeout.conf]'] }) });
		const { $ } = parts(searchDocument(model, 'issues', 'lb', '')!.html);
		expect($('main h2').text()).toBe('Configuration files');
		expect($('main ul li').text()).toBe('nginx/timeout.conf');
	});

	it('escapes text from the content repository', () => {
		const model = modelOf(
			edited('issues/payment-timeout.md', 'title: Payment timeout in production', 'title: "<script>alert(1)</script> & co"'),
		);
		const doc = searchDocument(model, 'issues', 'payment-timeout', '')!;
		expect(doc.html).not.toContain('<script>');
		expect(parts(doc.html).title).toBe('<script>alert(1)</script> & co');
	});

	it('has no document for an unknown id, nor for an alias (each entity is indexed once, under its id)', () => {
		expect(searchDocument(modelOf(), 'issues', 'nope', '')).toBeUndefined();
		expect(searchDocument(modelOf(), 'issues', 'INC-2041', '')).toBeUndefined();
	});
});
