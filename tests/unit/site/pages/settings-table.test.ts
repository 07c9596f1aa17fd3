import { describe, expect, it } from 'vitest';
import { diffEnvironments } from '../../../../src/lib/model/compare.ts';
import type { ParityModel } from '../../../../src/lib/model/parity-model.ts';
import { matrixView, rowView } from '../../../../src/lib/site/matrix-view.ts';
import { coveredSettingsTable, diffTable, matrixTable, relatedSettingsTable } from '../../../../src/lib/site/pages/settings-table.ts';
import { edited } from '../site-repo.ts';
import { modelWith, rootLinks, wikiLinks } from './page-repo.ts';

const DRIFT = edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30');
const MISSING = edited('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', '');

/** The full-matrix table of a model, and its row for `key`. */
function matrixRow(model: ParityModel, key: string, anchors = true) {
	return matrixTable(model, rootLinks, matrixView(model), anchors).rows.find((r) => r.key === key)!;
}

function environment(model: ParityModel, id: string) {
	return model.environments.find((e) => e.id === id)!;
}

describe('matrixTable', () => {
	it('heads each environment column with its name, linked, and its stage', () => {
		const model = modelWith();
		expect(matrixTable(model, wikiLinks, matrixView(model), true).columns).toEqual([
			{ label: 'Development', href: '/infra-wiki/environments/dev/', note: 'dev' },
			{ label: 'Staging', href: '/infra-wiki/environments/staging/', note: 'staging' },
			{ label: 'Production', href: '/infra-wiki/environments/production/', note: 'production' },
		]);
	});

	it('tints the cell that departs from the common value on a drifting row', () => {
		const row = matrixRow(modelWith({}, DRIFT), 'load_balancer.timeout_seconds');
		expect([row.status, row.cells]).toEqual([
			'drift',
			[
				{ text: '120', classes: [] },
				{ text: '120', classes: [] },
				{ text: '30', classes: ['odd'] },
			],
		]);
	});

	it('does not tint a documented row: the legend keeps red for undocumented drift', () => {
		expect(matrixRow(modelWith(), 'database.engine').cells).toEqual([
			{ text: 'sqlite', classes: [] },
			{ text: 'postgresql', classes: [] },
			{ text: 'postgresql', classes: [] },
		]);
	});

	it('tints every cell of a drifting row whose values all differ, the first environment too', () => {
		const files = edited(
			'environments/staging.yaml',
			'timeout_seconds: 120',
			'timeout_seconds: 60',
			edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30'),
		);
		expect(matrixRow(modelWith({}, files), 'load_balancer.timeout_seconds').cells.map((c) => c.classes)).toEqual([
			['odd'],
			['odd'],
			['odd'],
		]);
	});

	it('shows a row a difference covers but whose values are identical as the same, and names the difference', () => {
		const files = edited(
			'environments/differences.yaml',
			'  risk: medium',
			'  risk: medium\n- key: redis.*\n  rationale: Tuned per environment.\n  risk: low',
		);
		const model = modelWith({}, files);
		expect(model.matrix.find((r) => r.key === 'redis.pool_size')!.status).toBe('documented');
		const row = matrixRow(model, 'redis.pool_size');
		expect([row.status, row.why?.label, row.filter?.status]).toEqual(['same', 'a difference covers it', 'documented']);
	});

	it('never tints a row whose status is same', () => {
		const model = modelWith();
		const same = rowView(
			model,
			model.matrix.find((r) => r.key === 'redis.version')!,
		);
		const flagged = { ...same, cells: same.cells.map((c, i) => ({ ...c, odd: i === 0 })) };
		expect(matrixTable(model, rootLinks, [flagged], true).rows[0]!.cells.map((c) => c.classes)).toEqual([[], [], []]);
	});

	it('marks a setting an environment lacks as absent, with no text', () => {
		const row = matrixRow(modelWith({}, MISSING), 'load_balancer.timeout_seconds');
		expect([row.status, row.cells[2]]).toEqual(['missing', { text: null, classes: ['absent'] }]);
	});

	it('gives rows their anchor on the full matrix, and links the key to its setting page', () => {
		const row = matrixRow(modelWith(), 'redis.pool_size');
		expect([row.href, row.anchor]).toEqual(['/settings/redis.pool_size/', 'redis.pool_size']);
	});

	it('links rows to their setting pages, without an anchor, when it shows some rows elsewhere', () => {
		const model = modelWith();
		const row = matrixTable(model, wikiLinks, matrixView(model), false).rows.find((r) => r.key === 'redis.pool_size')!;
		expect(row.href).toBe('/infra-wiki/settings/redis.pool_size/');
		expect(row).not.toHaveProperty('anchor');
	});

	it('carries the status and prefix the in-page filters read', () => {
		expect(matrixRow(modelWith(), 'load_balancer.timeout_seconds').filter).toEqual({ status: 'same', prefix: 'load_balancer' });
	});

	it('links a documented row to the difference that covers it', () => {
		const model = modelWith();
		const row = matrixTable(model, wikiLinks, matrixView(model), true).rows.find((r) => r.key === 'database.engine')!;
		expect(row.why).toEqual({ href: '/infra-wiki/differences/#difference-1', label: 'why' });
	});

	it('links a row that drifts from its difference to it as an outdated difference', () => {
		const model = modelWith({}, edited('environments/dev.yaml', 'engine: sqlite', 'engine: mysql'));
		const row = matrixRow(model, 'database.engine');
		expect([row.status, row.why]).toEqual(['drift', { href: '/differences/#difference-1', label: 'outdated difference' }]);
	});

	it('has no "why" link on a row no difference covers', () => {
		expect(matrixRow(modelWith({}, DRIFT), 'load_balancer.timeout_seconds')).not.toHaveProperty('why');
	});

	it('shows the version skew of a row', () => {
		expect(matrixRow(modelWith({}, edited('environments/dev.yaml', 'node: "18.17.1"', 'node: "20.11.0"')), 'runtime.node').skew).toBe(
			'major',
		);
	});
});

describe('diffTable', () => {
	it('shows the two environments side by side, in the order given, only where they differ', () => {
		const model = modelWith({}, DRIFT);
		const rows = diffEnvironments(model, environment(model, 'staging'), environment(model, 'production'), false);
		expect(diffTable(model, wikiLinks, rows, { name: 'Staging' }, { name: 'Production' })).toEqual({
			variant: 'matrix',
			columns: [{ label: 'Staging' }, { label: 'Production' }],
			statusHeading: 'Status',
			skew: true,
			rows: [
				{
					key: 'load_balancer.timeout_seconds',
					href: '/infra-wiki/settings/load_balancer.timeout_seconds/',
					cells: [
						{ text: '120', classes: ['odd'] },
						{ text: '30', classes: ['odd'] },
					],
					status: 'drift',
					skew: null,
				},
			],
		});
	});

	it('shows a setting one side lacks as missing (null), not as the text "undefined"', () => {
		const model = modelWith({}, MISSING);
		const rows = diffEnvironments(model, environment(model, 'staging'), environment(model, 'production'), false);
		expect(diffTable(model, rootLinks, rows, { name: 'Staging' }, { name: 'Production' }).rows[0]!.cells).toEqual([
			{ text: '120', classes: [] },
			{ text: null, classes: ['absent'] },
		]);
	});
});

describe('relatedSettingsTable', () => {
	it('marks the environments where the bug was observed, and has a Parity column', () => {
		const table = relatedSettingsTable(modelWith({}, DRIFT), wikiLinks, ['load_balancer.timeout_seconds'], ['production']);
		expect(table).toEqual({
			columns: [{ label: 'Development' }, { label: 'Staging' }, { label: 'Production' }],
			statusHeading: 'Parity',
			skew: false,
			rows: [
				{
					key: 'load_balancer.timeout_seconds',
					href: '/infra-wiki/settings/load_balancer.timeout_seconds/',
					cells: [
						{ text: '120', classes: [] },
						{ text: '120', classes: [] },
						{ text: '30', classes: ['observed'] },
					],
					status: 'drift',
				},
			],
		});
	});

	it('has no Parity column and marks nothing without observed environments, as for a runbook', () => {
		const table = relatedSettingsTable(modelWith(), rootLinks, ['redis.pool_size']);
		expect(table.statusHeading).toBeNull();
		expect(table.rows[0]).not.toHaveProperty('status');
		expect(table.rows[0]!.cells.map((c) => c.classes)).toEqual([[], [], []]);
	});

	it('keeps a key that no environment sets, as missing everywhere with no status', () => {
		const row = relatedSettingsTable(modelWith(), rootLinks, ['cache.ttl'], ['production']).rows[0]!;
		expect([row.key, row.cells.map((c) => c.text), row.status]).toEqual(['cache.ttl', [null, null, null], null]);
	});
});

describe('coveredSettingsTable', () => {
	it('shows the current value of each covered row in every environment, missing ones as null', () => {
		const model = modelWith({}, MISSING);
		const row = model.matrix.find((r) => r.key === 'load_balancer.timeout_seconds')!;
		expect(coveredSettingsTable(model, wikiLinks, [row])).toEqual({
			columns: [{ label: 'Development' }, { label: 'Staging' }, { label: 'Production' }],
			statusHeading: null,
			skew: false,
			rows: [
				{
					key: 'load_balancer.timeout_seconds',
					href: '/infra-wiki/settings/load_balancer.timeout_seconds/',
					cells: [
						{ text: '120', classes: [] },
						{ text: '120', classes: [] },
						{ text: null, classes: [] },
					],
				},
			],
		});
	});
});
