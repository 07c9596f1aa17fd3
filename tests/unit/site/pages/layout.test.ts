import { describe, expect, it } from 'vitest';
import { homePage } from '../../../../src/lib/site/pages/home-page.ts';
import { layoutView } from '../../../../src/lib/site/pages/layout.ts';
import { modelWith, REPOSITORY, rootLinks, wikiLinks } from './page-repo.ts';

describe('layoutView', () => {
	it('titles a page "Page · Site", with the site title from the config', () => {
		const model = modelWith({ 'envparity.config.yaml': 'title: Infra Wiki\n' });
		const view = layoutView(model, rootLinks, { title: 'Staging' });
		expect([view.title, view.siteTitle]).toEqual(['Staging · Infra Wiki', 'Infra Wiki']);
	});

	it('titles the home page with the site title alone', () => {
		expect(homePage(modelWith(), rootLinks).layout.title).toBe('Environment Parity');
	});

	it('carries the description only when the page has one', () => {
		const model = modelWith();
		expect(layoutView(model, rootLinks, { title: 'Matrix', description: 'Every setting.' }).description).toBe('Every setting.');
		expect(layoutView(model, rootLinks, { title: 'Matrix' })).not.toHaveProperty('description');
	});

	it('links Edit and History to the page file when the repository is set', () => {
		const view = layoutView(modelWith(REPOSITORY), rootLinks, { title: 'Staging', file: 'environments/staging.yaml' });
		expect(view.edit).toEqual({
			edit: 'https://github.com/acme/infra-wiki/edit/main/environments/staging.yaml',
			history: 'https://github.com/acme/infra-wiki/commits/main/environments/staging.yaml',
		});
	});

	it('has no Edit and History links without a repository, even for a page with a file', () => {
		expect(layoutView(modelWith(), rootLinks, { title: 'Staging', file: 'environments/staging.yaml' }).edit).toBeNull();
	});

	it('has no Edit and History links for a page without a file, even with a repository', () => {
		expect(layoutView(modelWith(REPOSITORY), rootLinks, { title: 'Parity matrix' }).edit).toBeNull();
	});

	it('points Edit and History at the configured branch', () => {
		const model = modelWith({ 'envparity.config.yaml': 'repository: https://github.com/acme/infra-wiki\nbranch: trunk\n' });
		expect(layoutView(model, rootLinks, { title: 'Staging', file: 'environments/staging.yaml' }).edit!.edit).toBe(
			'https://github.com/acme/infra-wiki/edit/trunk/environments/staging.yaml',
		);
	});

	it('puts every link of the frame under the base path', () => {
		const view = layoutView(modelWith(), wikiLinks, { title: 'Runbooks' });
		expect(view.nav).toEqual([
			{ label: 'Matrix', href: '/infra-wiki/matrix/' },
			{ label: 'Environments', href: '/infra-wiki/environments/' },
			{ label: 'Changes', href: '/infra-wiki/changes/' },
			{ label: 'Issues', href: '/infra-wiki/issues/' },
			{ label: 'Runbooks', href: '/infra-wiki/runbooks/' },
			{ label: 'Differences', href: '/infra-wiki/differences/' },
			{ label: 'Problems', href: '/infra-wiki/problems/' },
		]);
		expect([view.home, view.favicon, view.search, view.parityJson]).toEqual([
			'/infra-wiki/',
			'/infra-wiki/favicon.svg',
			'/infra-wiki/search/',
			'/infra-wiki/api/parity.json',
		]);
	});

	it('names the feeds after the site and puts them under the base path', () => {
		expect(layoutView(modelWith(), wikiLinks, { title: 'Issues' }).feeds).toEqual([
			{ title: 'Environment Parity: changes', label: 'Changes feed', href: '/infra-wiki/changes/feed.xml' },
			{ title: 'Environment Parity: issues', label: 'Issues feed', href: '/infra-wiki/issues/feed.xml' },
		]);
	});

	it('dates the footer with the engine clock, not the machine clock', () => {
		expect(layoutView(modelWith(), rootLinks, { title: 'Issues' }).builtOn).toBe('2024-03-01');
	});
});
