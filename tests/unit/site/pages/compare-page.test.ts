import { describe, expect, it } from 'vitest';
import { comparePage } from '../../../../src/lib/site/pages/compare-page.ts';
import { edited } from '../site-repo.ts';
import { modelWith, rootLinks, wikiLinks } from './page-repo.ts';

const DRIFT = edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30');

describe('comparePage', () => {
	it('compares two environments, the first on the left, only where they differ', () => {
		const view = comparePage(modelWith({}, DRIFT), wikiLinks, 'dev', 'production');
		expect([view.title, view.layout.title, view.count]).toEqual([
			'Development → Production',
			'Development → Production · Environment Parity',
			2,
		]);
		expect(view.table.columns).toEqual([{ label: 'Development' }, { label: 'Production' }]);
		expect(view.table.rows.map((r) => [r.key, r.href, r.cells.map((c) => c.text), r.status])).toEqual([
			['load_balancer.timeout_seconds', '/infra-wiki/settings/load_balancer.timeout_seconds/', ['120', '30'], 'drift'],
			['database.engine', '/infra-wiki/settings/database.engine/', ['sqlite', 'postgresql'], 'documented'],
		]);
	});

	it('counts drift, missing and documented settings, drift first, with a legend for its tints', () => {
		const files = edited('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', '');
		const view = comparePage(modelWith({}, files), rootLinks, 'dev', 'production');
		expect(view.counts).toEqual({ drift: 0, missing: 1, documented: 1 });
		expect(view.table.rows.map((r) => r.status)).toEqual(['missing', 'documented']);
		expect(view.legend.map((l) => l.mark)).toContainEqual({ kind: 'tint', tint: 'drift' });
	});

	it('links to the same comparison the other way round', () => {
		expect(comparePage(modelWith(), wikiLinks, 'dev', 'production').swap).toBe('/infra-wiki/compare/production/dev/');
	});

	it('offers to compare the first environment with each of the others', () => {
		expect(comparePage(modelWith(), wikiLinks, 'dev', 'production').others).toEqual([
			{ label: 'Staging', href: '/infra-wiki/compare/dev/staging/' },
		]);
	});

	it('offers every other environment, in pipeline order, when there are more', () => {
		const model = modelWith({ 'environments/qa.yaml': 'name: QA\nstage: staging\nverified: { date: 2024-02-20 }\nsettings: {}\n' });
		expect(comparePage(model, rootLinks, 'staging', 'production').others).toEqual([
			{ label: 'Development', href: '/compare/staging/dev/' },
			{ label: 'QA', href: '/compare/staging/qa/' },
		]);
	});

	it('counts nothing when two environments are the same', () => {
		const view = comparePage(modelWith(), rootLinks, 'staging', 'production');
		expect([view.count, view.table.rows]).toEqual([0, []]);
	});

	it('shows a setting the second environment lacks as missing', () => {
		const view = comparePage(
			modelWith({}, edited('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', '')),
			rootLinks,
			'staging',
			'production',
		);
		expect(view.table.rows.map((r) => [r.key, r.cells.map((c) => c.text), r.status])).toEqual([
			['load_balancer.timeout_seconds', ['120', null], 'missing'],
		]);
	});

	it('grades a version skew between the two', () => {
		const view = comparePage(
			modelWith({}, edited('environments/dev.yaml', 'version: "7.0.11"', 'version: "7.2.0"')),
			rootLinks,
			'dev',
			'staging',
		);
		expect(view.table.rows.find((r) => r.key === 'redis.version')!.skew).toBe('minor');
	});
});
