import { describe, expect, it } from 'vitest';
import { differencesPage } from '../../../../src/lib/site/pages/differences-page.ts';
import { matrixPage } from '../../../../src/lib/site/pages/matrix-page.ts';
import { dedent } from '../../../helpers/dedent.ts';
import { modelWith, rootLinks, wikiLinks } from './page-repo.ts';

/** differences.yaml with the baseline's database.engine (medium) first, then a low and a high one. */
const THREE_RISKS = {
	'environments/differences.yaml': dedent(`
		- key: database.engine
		  values: { dev: sqlite, staging: postgresql, production: postgresql }
		  rationale: Zero-setup local development.
		  risk: medium
		- key: runtime.node
		  rationale: Same everywhere for now.
		  risk: low
		- key: redis.*
		  rationale: Sized per environment.
		  risk: high
	`),
};

describe('differencesPage', () => {
	it('shows the baseline difference with its risk, rationale, expected values and current values', () => {
		expect(differencesPage(modelWith(), wikiLinks).differences).toEqual([
			{
				anchor: 'difference-1',
				key: 'database.engine',
				risk: { label: 'medium risk', tone: 'warn' },
				rationale: 'Zero-setup local development.',
				expects: 'dev: sqlite · staging: postgresql · production: postgresql',
				table: {
					columns: [{ label: 'Development' }, { label: 'Staging' }, { label: 'Production' }],
					statusHeading: null,
					skew: false,
					rows: [
						{
							key: 'database.engine',
							href: '/infra-wiki/settings/database.engine/',
							cells: [
								{ text: 'sqlite', classes: [] },
								{ text: 'postgresql', classes: [] },
								{ text: 'postgresql', classes: [] },
							],
						},
					],
				},
			},
		]);
	});

	it('lists the riskiest first, each keeping the anchor of its place in the file', () => {
		const view = differencesPage(modelWith(THREE_RISKS), rootLinks);
		expect(view.differences.map((d) => [d.key, d.risk, d.anchor])).toEqual([
			['redis.*', { label: 'high risk', tone: 'bad' }, 'difference-3'],
			['database.engine', { label: 'medium risk', tone: 'warn' }, 'difference-1'],
			['runtime.node', { label: 'low risk', tone: 'good' }, 'difference-2'],
		]);
	});

	it('keeps file order between differences of the same risk', () => {
		const files = { 'environments/differences.yaml': THREE_RISKS['environments/differences.yaml'].replace('risk: high', 'risk: low') };
		expect(differencesPage(modelWith(files), rootLinks).differences.map((d) => d.anchor)).toEqual([
			'difference-1',
			'difference-2',
			'difference-3',
		]);
	});

	it('gives each difference the anchor that the matrix "why" link of a row it covers points at', () => {
		const model = modelWith(THREE_RISKS);
		const byHref = new Map(differencesPage(model, wikiLinks).differences.map((d) => [`/infra-wiki/differences/#${d.anchor}`, d]));
		const whys = matrixPage(model, wikiLinks).table!.rows.flatMap((r) => (r.why ? [[r.key, byHref.get(r.why.href)?.key]] : []));
		expect(whys).toEqual([
			['database.engine', 'database.engine'],
			['redis.pool_size', 'redis.*'],
			['redis.version', 'redis.*'],
			['runtime.node', 'runtime.node'],
		]);
	});

	it('shows the current values of every row a glob covers', () => {
		const redis = differencesPage(modelWith(THREE_RISKS), rootLinks).differences[0]!;
		expect(redis.table.rows.map((r) => [r.key, r.cells.map((c) => c.text)])).toEqual([
			['redis.pool_size', ['20', '20', '20']],
			['redis.version', ['7.0.11', '7.0.11', '7.0.11']],
		]);
	});

	it('has no expected values when the difference names none', () => {
		expect(differencesPage(modelWith(THREE_RISKS), rootLinks).differences[2]).not.toHaveProperty('expects');
	});

	it('shows the mitigation and owner only when they are set', () => {
		const files = {
			'environments/differences.yaml': THREE_RISKS['environments/differences.yaml'].replace(
				'risk: low',
				'risk: low\n  mitigation: CI pins the version.\n  owner: "@platform"',
			),
		};
		const [, medium, low] = differencesPage(modelWith(files), rootLinks).differences;
		expect([low!.mitigation, low!.owner]).toEqual(['CI pins the version.', '@platform']);
		expect(medium).not.toHaveProperty('mitigation');
		expect(medium).not.toHaveProperty('owner');
	});

	it('says a review is due once its review date has passed, and not on the day itself', () => {
		const files = {
			'environments/differences.yaml': THREE_RISKS['environments/differences.yaml']
				.replace('risk: low', 'risk: low\n  review_by: 2024-02-29')
				.replace('risk: high', 'risk: high\n  review_by: 2024-03-01'),
		};
		const [high, medium, low] = differencesPage(modelWith(files), rootLinks).differences;
		expect([high!.review, low!.review]).toEqual([
			{ date: '2024-03-01', due: false },
			{ date: '2024-02-29', due: true },
		]);
		expect(medium).not.toHaveProperty('review');
	});

	it('has nothing to list without differences', () => {
		expect(differencesPage(modelWith({ 'environments/differences.yaml': '[]\n' }), rootLinks).differences).toEqual([]);
	});
});
