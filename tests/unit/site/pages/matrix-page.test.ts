import { describe, expect, it } from 'vitest';
import { matrixPage, type FilterChip } from '../../../../src/lib/site/pages/matrix-page.ts';
import { edited } from '../site-repo.ts';
import { modelWith, REPOSITORY, rootLinks, wikiLinks } from './page-repo.ts';

function current(chips: FilterChip[]): string[] {
	return chips.filter((c) => c.current).map((c) => c.label);
}

describe('matrixPage', () => {
	it('shows the whole matrix: every row, anchored, with "All" as the current filter', () => {
		const view = matrixPage(modelWith(), rootLinks);
		expect(view.title).toBe('Parity matrix');
		expect(current(view.statusChips)).toEqual(['All']);
		expect(current(view.prefixChips)).toEqual([]);
		expect(view.table!.rows.map((r) => r.anchor)).toEqual([
			'database.engine',
			'load_balancer.timeout_seconds',
			'redis.pool_size',
			'redis.version',
			'runtime.node',
		]);
	});

	it('offers a chip per status, counted, in the order drift, missing, documented, same, under the base path', () => {
		expect(matrixPage(modelWith(), wikiLinks).statusChips).toEqual([
			{ label: 'All', href: '/infra-wiki/matrix/', current: true, value: '' },
			{ label: 'Drift (0)', href: '/infra-wiki/matrix/status/drift/', current: false, value: 'drift' },
			{ label: 'Missing (0)', href: '/infra-wiki/matrix/status/missing/', current: false, value: 'missing' },
			{ label: 'Documented (1)', href: '/infra-wiki/matrix/status/documented/', current: false, value: 'documented' },
			{ label: 'Same (4)', href: '/infra-wiki/matrix/status/same/', current: false, value: 'same' },
		]);
	});

	it('offers a chip per top-level key prefix, sorted', () => {
		expect(matrixPage(modelWith(), wikiLinks).prefixChips.map((c) => [c.label, c.href, c.value])).toEqual([
			['database', '/infra-wiki/matrix/prefix/database/', 'database'],
			['load_balancer', '/infra-wiki/matrix/prefix/load_balancer/', 'load_balancer'],
			['redis', '/infra-wiki/matrix/prefix/redis/', 'redis'],
			['runtime', '/infra-wiki/matrix/prefix/runtime/', 'runtime'],
		]);
	});

	it('filtered by a status, is titled by it, marks exactly its chip, and links rows to their setting pages', () => {
		const view = matrixPage(modelWith(), wikiLinks, { status: 'documented' });
		expect([view.title, view.layout.title]).toEqual(['Parity matrix: Documented', 'Parity matrix: Documented · Environment Parity']);
		expect(current(view.statusChips)).toEqual(['Documented (1)']);
		expect(view.table!.rows.map((r) => [r.key, r.href, r.anchor])).toEqual([
			['database.engine', '/infra-wiki/settings/database.engine/', undefined],
		]);
	});

	it('filtered by a prefix, is titled by it, marks its chip and no status chip, and keeps only its rows', () => {
		const view = matrixPage(modelWith(), rootLinks, { prefix: 'redis' });
		expect(view.title).toBe('Parity matrix: redis.*');
		expect(current(view.prefixChips)).toEqual(['redis']);
		// "All" links to the whole matrix, which is not this page.
		expect(current(view.statusChips)).toEqual([]);
		expect(view.table!.rows.map((r) => [r.key, r.href])).toEqual([
			['redis.pool_size', '/settings/redis.pool_size/'],
			['redis.version', '/settings/redis.version/'],
		]);
	});

	it('has no table when no row matches the filter', () => {
		const view = matrixPage(modelWith(), rootLinks, { status: 'drift' });
		expect(view.table).toBeNull();
		expect(current(view.statusChips)).toEqual(['Drift (0)']);
	});

	it('counts every status of the whole matrix in the lede, whatever the filter', () => {
		const model = modelWith({}, edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30'));
		expect(matrixPage(model, rootLinks, { prefix: 'redis' }).lede).toBe(
			"5 settings across 3 environments in pipeline order: 1 undocumented drift, 0 missing, 1 documented, 3 same. Each setting's name opens its page, with its history; each row keeps a stable anchor, the setting's name.",
		);
	});

	it('counts a drifting row in its chip and shows it on the drift page', () => {
		const view = matrixPage(
			modelWith({}, edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30')),
			rootLinks,
			{ status: 'drift' },
		);
		expect(view.statusChips[1]).toEqual({ label: 'Drift (1)', href: '/matrix/status/drift/', current: true, value: 'drift' });
		expect(view.table!.rows.map((r) => r.key)).toEqual(['load_balancer.timeout_seconds']);
	});

	it('has no Edit link: the matrix is computed, not a file', () => {
		expect(matrixPage(modelWith(REPOSITORY), rootLinks).layout.edit).toBeNull();
	});

	it('has a legend for every status badge, both tints and the skew pill', () => {
		const { legend } = matrixPage(modelWith(), rootLinks);
		expect(legend.map((item) => item.mark)).toEqual([
			{ kind: 'status', status: 'drift' },
			{ kind: 'status', status: 'missing' },
			{ kind: 'status', status: 'documented' },
			{ kind: 'status', status: 'same' },
			{ kind: 'tint', tint: 'drift' },
			{ kind: 'tint', tint: 'missing' },
			{ kind: 'skew' },
		]);
	});
});
