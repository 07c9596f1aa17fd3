import { describe, expect, it } from 'vitest';
import { countStatuses, matrixPrefixes, matrixView, rowView, STATUS_LABELS, STATUSES } from '../../../src/lib/site/matrix-view.ts';
import { edited, modelOf } from './site-repo.ts';

/** The cells of one row as `env:text` with a `!` for an odd cell. */
function cells(files: Record<string, string> | undefined, key: string): string[] {
	const row = matrixView(modelOf(files)).find((r) => r.key === key)!;
	return row.cells.map((c) => `${c.env}:${c.text}${c.odd ? '!' : ''}`);
}

describe('matrixView', () => {
	it('shows every row of the baseline in key order, with its prefix and status', () => {
		expect(matrixView(modelOf()).map((r) => [r.key, r.prefix, r.status])).toEqual([
			['database.engine', 'database', 'documented'],
			['load_balancer.timeout_seconds', 'load_balancer', 'same'],
			['redis.pool_size', 'redis', 'same'],
			['redis.version', 'redis', 'same'],
			['runtime.node', 'runtime', 'same'],
		]);
	});

	it('shows one cell per environment, in pipeline order', () => {
		const row = matrixView(modelOf())[0]!;
		expect(row.cells.map((c) => c.env)).toEqual(['dev', 'staging', 'production']);
		expect(row.cells.every((c) => c.present)).toBe(true);
	});

	it('filters by status', () => {
		const model = modelOf();
		expect(matrixView(model, { status: 'documented' }).map((r) => r.key)).toEqual(['database.engine']);
		expect(matrixView(model, { status: 'same' })).toHaveLength(4);
		expect(matrixView(model, { status: 'drift' })).toEqual([]);
	});

	it('filters by top-level prefix, not by a string prefix of the key', () => {
		const model = modelOf(edited('environments/dev.yaml', 'engine: sqlite }', 'engine: sqlite }\n  redis_proxy: { port: 6380 }'));
		expect(matrixView(model, { prefix: 'redis' }).map((r) => r.key)).toEqual(['redis.pool_size', 'redis.version']);
		expect(matrixView(model, { prefix: 'redis_proxy' }).map((r) => r.key)).toEqual(['redis_proxy.port']);
	});

	it('applies status and prefix filters together', () => {
		const model = modelOf();
		expect(matrixView(model, { status: 'same', prefix: 'database' })).toEqual([]);
		expect(matrixView(model, { status: 'documented', prefix: 'database' }).map((r) => r.key)).toEqual(['database.engine']);
	});

	it('marks no cell odd in a row whose values are all the same', () => {
		expect(cells(undefined, 'redis.pool_size')).toEqual(['dev:20', 'staging:20', 'production:20']);
	});

	it('marks the cell that departs from the most common value', () => {
		expect(cells(undefined, 'database.engine')).toEqual(['dev:sqlite!', 'staging:postgresql', 'production:postgresql']);
	});

	it('marks the departing cell whichever environment holds it', () => {
		expect(
			cells(edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30'), 'load_balancer.timeout_seconds'),
		).toEqual(['dev:120', 'staging:120', 'production:30!']);
	});

	it('marks every cell when no value is the most common one', () => {
		const files = edited(
			'environments/staging.yaml',
			'timeout_seconds: 120',
			'timeout_seconds: 60',
			edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30'),
		);
		expect(cells(files, 'load_balancer.timeout_seconds')).toEqual(['dev:120!', 'staging:60!', 'production:30!']);
	});

	it('treats a number and a string with the same text as the same value', () => {
		expect(
			cells(edited('environments/staging.yaml', 'timeout_seconds: 120', 'timeout_seconds: "120"'), 'load_balancer.timeout_seconds'),
		).toEqual(['dev:120', 'staging:120', 'production:120']);
	});

	it('shows a missing cell as missing, not present, and odd', () => {
		const model = modelOf(edited('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', ''));
		const row = matrixView(model).find((r) => r.key === 'load_balancer.timeout_seconds')!;
		expect(row.status).toBe('missing');
		expect(row.cells).toEqual([
			{ env: 'dev', present: true, text: '120', odd: false },
			{ env: 'staging', present: true, text: '120', odd: false },
			{ env: 'production', present: false, text: 'missing', odd: true },
		]);
	});

	it('shows a key only one environment has as missing elsewhere', () => {
		expect(cells(edited('environments/dev.yaml', 'engine: sqlite }', 'engine: sqlite, debug: true }'), 'database.debug')).toEqual([
			'dev:true',
			'staging:missing!',
			'production:missing!',
		]);
	});

	it('shows lists and multi-line text readably', () => {
		const files = edited('environments/dev.yaml', 'engine: sqlite }', 'engine: sqlite, hosts: [a, b], motd: "one\\ntwo" }');
		expect(cells(files, 'database.hosts')[0]).toBe('dev:["a","b"]');
		expect(cells(files, 'database.motd')[0]).toBe('dev:"one\\ntwo"');
	});

	it('links a documented row to its difference', () => {
		const row = matrixView(modelOf()).find((r) => r.key === 'database.engine')!;
		expect(row).toMatchObject({ difference: 0, outdated: false });
	});

	it('has no difference for an undocumented row', () => {
		expect(matrixView(modelOf()).find((r) => r.key === 'runtime.node')).toMatchObject({ difference: null, outdated: false });
	});

	it('links a row whose difference no longer holds to that difference, marked outdated', () => {
		const row = matrixView(modelOf(edited('environments/staging.yaml', 'engine: postgresql', 'engine: mysql'))).find(
			(r) => r.key === 'database.engine',
		)!;
		expect(row).toMatchObject({ status: 'drift', difference: 0, outdated: true });
	});

	it('carries the version skew of a version key', () => {
		const row = matrixView(modelOf(edited('environments/dev.yaml', 'node: "18.17.1"', 'node: "20.11.0"'))).find(
			(r) => r.key === 'runtime.node',
		)!;
		expect(row).toMatchObject({ status: 'drift', skew: 'major' });
		expect(matrixView(modelOf()).find((r) => r.key === 'runtime.node')!.skew).toBeNull();
	});
});

describe('rowView', () => {
	it('is the row matrixView shows', () => {
		const model = modelOf();
		expect(rowView(model, model.matrix[0]!)).toEqual(matrixView(model)[0]);
	});
});

describe('matrixPrefixes', () => {
	it('lists each top-level prefix once, sorted', () => {
		expect(matrixPrefixes(modelOf())).toEqual(['database', 'load_balancer', 'redis', 'runtime']);
	});
});

describe('STATUSES and STATUS_LABELS', () => {
	it('lists every status once, worst first, each with a text label', () => {
		expect(STATUSES).toEqual(['drift', 'missing', 'documented', 'same']);
		expect(Object.keys(STATUS_LABELS).sort()).toEqual([...STATUSES].sort());
		for (const status of STATUSES) expect(STATUS_LABELS[status]).toMatch(/^[A-Z][a-z]+$/);
	});
});

describe('countStatuses', () => {
	it('counts the rows of each status, zero for a status no row has', () => {
		expect(countStatuses([{ status: 'drift' }, { status: 'same' }, { status: 'drift' }])).toEqual({
			same: 1,
			documented: 0,
			drift: 2,
			missing: 0,
		});
		const model = modelOf();
		const counts = countStatuses(model.matrix);
		expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(model.matrix.length);
	});
});
