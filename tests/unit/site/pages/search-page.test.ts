import { describe, expect, it } from 'vitest';
import { searchPage } from '../../../../src/lib/site/pages/search-page.ts';
import { modelWith, rootLinks, wikiLinks } from './page-repo.ts';

describe('searchPage', () => {
	it('points at the Pagefind bundle and the no-JavaScript fallbacks under the base path', () => {
		const view = searchPage(modelWith(), wikiLinks);
		expect([view.bundle, view.fallback]).toEqual([
			'/infra-wiki/pagefind/',
			{ issues: '/infra-wiki/issues/', matrix: '/infra-wiki/matrix/' },
		]);
	});

	it('is titled "Search" within the site', () => {
		expect(searchPage(modelWith(), rootLinks).layout.title).toBe('Search · Environment Parity');
	});

	it('offers the environments and stages of the repository as filters', () => {
		const model = modelWith({ 'environments/qa.yaml': 'name: QA\nstage: staging\nverified: { date: 2024-02-20 }\nsettings: {}\n' });
		const options = searchPage(model, rootLinks).options;
		expect(options.filter((o) => o.name === 'environment' || o.name === 'stage')).toEqual([
			{ name: 'environment', label: 'Environment', values: ['dev', 'qa', 'staging', 'production'] },
			{ name: 'stage', label: 'Stage', values: ['dev', 'staging', 'production'] },
		]);
	});

	it('offers its filters in a fixed order: kind, environment, stage, status, severity, production only', () => {
		expect(searchPage(modelWith(), rootLinks).options.map((o) => o.name)).toEqual([
			'kind',
			'environment',
			'stage',
			'status',
			'severity',
			'production_only',
		]);
	});
});
