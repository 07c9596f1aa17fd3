import { describe, it, expect } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/lib/schema/config.ts';
import { classifyRow, computeParityMatrix, type MatrixInput, type MatrixRow } from '../../../src/lib/model/parity-matrix.ts';
import type { Difference, Environment } from '../../../src/lib/model/project.ts';
import { difference, env, yaml } from '../../helpers/model.ts';

/** The settings every baseline environment shares: every row is `same`. */
function baseline(): Record<string, unknown> {
	return yaml(`
		runtime:
		  node: 18.17.1
		database:
		  engine: postgresql
		  version: "15.2"
		redis:
		  pool_size: 10
		payments:
		  stripe:
		    mode: live
	`);
}

/** A copy of settings with the value at a dotted path (plain segments) set. */
function withSetting(settings: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
	const copy = structuredClone(settings);
	const segments = path.split('.');
	let node = copy;
	for (const segment of segments.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>;
	node[segments.at(-1)!] = value;
	return copy;
}

/** A copy of settings without the value at a dotted path (plain segments). */
function without(settings: Record<string, unknown>, path: string): Record<string, unknown> {
	const copy = structuredClone(settings);
	const segments = path.split('.');
	let node = copy;
	for (const segment of segments.slice(0, -1)) node = node[segment] as Record<string, unknown>;
	delete node[segments.at(-1)!];
	return copy;
}

/** dev → staging → production, each with the baseline settings unless given. */
function pipeline(
	settings: { dev?: Record<string, unknown>; staging?: Record<string, unknown>; production?: Record<string, unknown> } = {},
): Environment[] {
	return [
		env('dev', 'dev', 0, settings.dev ?? baseline()),
		env('staging', 'staging', 1, settings.staging ?? baseline()),
		env('production', 'production', 2, settings.production ?? baseline()),
	];
}

/** Computes the matrix with the default version keys and no ignore globs unless given. */
function matrix(
	environments: Environment[],
	differences: Difference[] = [],
	options: Partial<Pick<MatrixInput, 'versionKeys' | 'ignore'>> = {},
): MatrixRow[] {
	return computeParityMatrix({
		environments,
		differences,
		versionKeys: options.versionKeys ?? DEFAULT_CONFIG.version_keys,
		ignore: options.ignore ?? DEFAULT_CONFIG.ignore,
	});
}

/** The row of a key, which must exist. */
function row(rows: MatrixRow[], key: string): MatrixRow {
	const found = rows.find((r) => r.key === key);
	if (!found) throw new Error(`no row for ${key}; rows: ${rows.map((r) => r.key).join(', ')}`);
	return found;
}

describe('computeParityMatrix', () => {
	describe('the baseline', () => {
		const rows = matrix(pipeline());

		it('has one row per setting key, sorted by key', () => {
			expect(rows.map((r) => r.key)).toEqual([
				'database.engine',
				'database.version',
				'payments.stripe.mode',
				'redis.pool_size',
				'runtime.node',
			]);
		});

		it('marks every row same, with no difference', () => {
			for (const r of rows)
				expect({ key: r.key, status: r.status, difference: r.difference, outdatedDifference: r.outdatedDifference }).toEqual({
					key: r.key,
					status: 'same',
					difference: null,
					outdatedDifference: null,
				});
		});

		it("holds each environment's value by environment id", () => {
			expect(row(rows, 'redis.pool_size').values).toEqual({ dev: 10, staging: 10, production: 10 });
		});

		it("keeps each row's segments", () => {
			expect(row(rows, 'payments.stripe.mode').segments).toEqual(['payments', 'stripe', 'mode']);
		});
	});

	describe('rows and values', () => {
		it('adds a row for a key only one environment has', () => {
			const rows = matrix(pipeline({ production: withSetting(baseline(), 'load_balancer.timeout_seconds', 30) }));
			expect(row(rows, 'load_balancer.timeout_seconds').values).toEqual({ production: 30 });
		});

		it('leaves an environment that lacks the key out of the values', () => {
			const rows = matrix(pipeline({ dev: without(baseline(), 'redis.pool_size') }));
			expect(Object.keys(row(rows, 'redis.pool_size').values)).toEqual(['staging', 'production']);
		});

		it('uses the bracketed key for a segment containing dots', () => {
			const selector = { master: { nodeSelector: { 'eks.amazonaws.com/capacityType': 'ON_DEMAND' } } };
			const rows = matrix(
				pipeline({
					dev: { ...baseline(), ...selector },
					staging: { ...baseline(), ...selector },
					production: { ...baseline(), ...selector },
				}),
			);
			expect(row(rows, 'master.nodeSelector["eks.amazonaws.com/capacityType"]')).toMatchObject({
				segments: ['master', 'nodeSelector', 'eks.amazonaws.com/capacityType'],
				status: 'same',
			});
		});

		it('has no rows when no environment has settings', () => {
			expect(matrix([env('dev', 'dev', 0, {}), env('production', 'production', 2, {})])).toEqual([]);
		});
	});

	describe('status', () => {
		it("marks a row drift when one environment's value differs", () => {
			const rows = matrix(pipeline({ dev: withSetting(baseline(), 'redis.pool_size', 20) }));
			expect(row(rows, 'redis.pool_size').status).toBe('drift');
		});

		it('marks a row missing when one environment lacks the key', () => {
			const rows = matrix(pipeline({ dev: without(baseline(), 'redis.pool_size') }));
			expect(row(rows, 'redis.pool_size').status).toBe('missing');
		});

		it('marks a row missing rather than drift when values also differ', () => {
			const rows = matrix(
				pipeline({ dev: without(baseline(), 'redis.pool_size'), staging: withSetting(baseline(), 'redis.pool_size', 20) }),
			);
			expect(row(rows, 'redis.pool_size').status).toBe('missing');
		});

		it('marks a row same when a number and a string have the same text', () => {
			const rows = matrix(pipeline({ staging: withSetting(baseline(), 'redis.pool_size', '10') }));
			expect(row(rows, 'redis.pool_size').status).toBe('same');
		});

		it('marks a row drift when a boolean meets the string "true"', () => {
			const settings = (value: unknown) => withSetting(baseline(), 'redis.tls', value);
			const rows = matrix(pipeline({ dev: settings(true), staging: settings('true'), production: settings(true) }));
			expect(row(rows, 'redis.tls').status).toBe('drift');
		});

		it('counts a null value as present, not missing', () => {
			const settings = withSetting(baseline(), 'cache.ttl', null);
			const rows = matrix(pipeline({ dev: settings, staging: settings, production: settings }));
			expect(row(rows, 'cache.ttl')).toMatchObject({ status: 'same', values: { dev: null, staging: null, production: null } });
		});

		it('compares lists as a whole, in order', () => {
			const settings = (value: unknown) => withSetting(baseline(), 'server.ports', value);
			const rows = matrix(pipeline({ dev: settings([80, 443]), staging: settings([443, 80]), production: settings([80, 443]) }));
			expect(row(rows, 'server.ports').status).toBe('drift');
		});

		it('compares empty maps as one value', () => {
			const settings = withSetting(baseline(), 'master.nodeSelector', {});
			const rows = matrix(pipeline({ dev: settings, staging: settings, production: settings }));
			expect(row(rows, 'master.nodeSelector').status).toBe('same');
		});
	});

	describe('documented differences', () => {
		const drifting = () => pipeline({ dev: withSetting(baseline(), 'database.engine', 'sqlite') });

		it('marks a drifting row covered by a difference without values documented', () => {
			const rows = matrix(drifting(), [difference(0, 'database.engine')]);
			expect(row(rows, 'database.engine')).toMatchObject({ status: 'documented', difference: 0, outdatedDifference: null });
		});

		it('reports the covering difference by its index in differences.yaml', () => {
			const rows = matrix(drifting(), [difference(0, 'redis.pool_size'), difference(1, 'database.engine')]);
			expect(row(rows, 'database.engine').difference).toBe(1);
		});

		it('marks a missing row covered by a difference documented', () => {
			const rows = matrix(pipeline({ dev: without(baseline(), 'redis.pool_size') }), [difference(0, 'redis.pool_size')]);
			expect(row(rows, 'redis.pool_size')).toMatchObject({ status: 'documented', difference: 0 });
		});

		it('marks a row whose values agree documented when a difference covers it', () => {
			const rows = matrix(pipeline(), [difference(0, 'database.engine')]);
			expect(row(rows, 'database.engine').status).toBe('documented');
		});

		it('leaves a row drift when the difference covers another key', () => {
			const rows = matrix(drifting(), [difference(0, 'database.version')]);
			expect(row(rows, 'database.engine')).toMatchObject({ status: 'drift', difference: null, outdatedDifference: null });
		});

		it('documents a row through a glob key (payments.*.mode)', () => {
			const rows = matrix(pipeline({ dev: withSetting(baseline(), 'payments.stripe.mode', 'test') }), [difference(0, 'payments.*.mode')]);
			expect(row(rows, 'payments.stripe.mode')).toMatchObject({ status: 'documented', difference: 0 });
		});

		it('ignores a difference whose key does not parse', () => {
			const broken = difference(0, 'database..engine');
			expect(broken.glob).toBeNull();
			expect(row(matrix(drifting(), [broken]), 'database.engine').status).toBe('drift');
		});

		describe('with expected values', () => {
			it('documents a row whose values match the expected values keyed by environment id', () => {
				const rows = matrix(drifting(), [
					difference(0, 'database.engine', { dev: 'sqlite', staging: 'postgresql', production: 'postgresql' }),
				]);
				expect(row(rows, 'database.engine')).toMatchObject({ status: 'documented', difference: 0, outdatedDifference: null });
			});

			it('documents a row whose values match the expected values keyed by stage name', () => {
				const environments = [
					env('local', 'dev', 0, withSetting(baseline(), 'database.engine', 'sqlite')),
					env('qa', 'staging', 1, baseline()),
					env('prod-eu', 'production', 2, baseline()),
				];
				const rows = matrix(environments, [
					difference(0, 'database.engine', { dev: 'sqlite', staging: 'postgresql', production: 'postgresql' }),
				]);
				expect(row(rows, 'database.engine')).toMatchObject({ status: 'documented', difference: 0 });
			});

			it('checks every environment of a stage against a value keyed by stage name', () => {
				const environments = [
					env('dev', 'dev', 0, withSetting(baseline(), 'database.engine', 'sqlite')),
					env('staging-eu', 'staging', 1, baseline()),
					env('staging-us', 'staging', 1, withSetting(baseline(), 'database.engine', 'mysql')),
				];
				const rows = matrix(environments, [difference(0, 'database.engine', { dev: 'sqlite', staging: 'postgresql' })]);
				expect(row(rows, 'database.engine')).toMatchObject({ status: 'drift', outdatedDifference: 0 });
			});

			it("prefers a value keyed by the environment's id over one keyed by its stage", () => {
				const environments = [
					env('dev', 'dev', 0, baseline()),
					env('staging-eu', 'staging', 1, baseline()),
					env('staging-us', 'staging', 1, withSetting(baseline(), 'database.engine', 'mysql')),
				];
				const rows = matrix(environments, [difference(0, 'database.engine', { staging: 'postgresql', 'staging-us': 'mysql' })]);
				expect(row(rows, 'database.engine').status).toBe('documented');
			});

			it('leaves environments the expected values do not name unchecked', () => {
				const rows = matrix(drifting(), [difference(0, 'database.engine', { production: 'postgresql' })]);
				expect(row(rows, 'database.engine').status).toBe('documented');
			});

			it('treats an expected number and an actual string with the same text as matching', () => {
				const rows = matrix(pipeline({ dev: withSetting(baseline(), 'redis.pool_size', '5') }), [
					difference(0, 'redis.pool_size', { dev: 5, production: '10' }),
				]);
				expect(row(rows, 'redis.pool_size').status).toBe('documented');
			});

			it('makes the row drift and points at the difference when an expected value no longer matches', () => {
				const rows = matrix(pipeline({ dev: withSetting(baseline(), 'database.engine', 'mysql') }), [
					difference(0, 'database.engine', { dev: 'sqlite', production: 'postgresql' }),
				]);
				expect(row(rows, 'database.engine')).toMatchObject({ status: 'drift', difference: null, outdatedDifference: 0 });
			});

			it('makes the row drift when the environments now agree but the difference still expects them to differ', () => {
				const rows = matrix(pipeline(), [difference(0, 'database.engine', { dev: 'sqlite', production: 'postgresql' })]);
				expect(row(rows, 'database.engine')).toMatchObject({ status: 'drift', outdatedDifference: 0 });
			});

			it('makes the row drift when an environment expected to hold a value lacks the key', () => {
				const rows = matrix(pipeline({ dev: without(baseline(), 'redis.pool_size') }), [difference(0, 'redis.pool_size', { dev: 5 })]);
				expect(row(rows, 'redis.pool_size')).toMatchObject({ status: 'drift', outdatedDifference: 0 });
			});

			it('documents a key absent from an environment whose expected value is null', () => {
				const rows = matrix(
					pipeline({ dev: baseline(), staging: baseline(), production: withSetting(baseline(), 'load_balancer.timeout_seconds', 30) }),
					[difference(0, 'load_balancer.timeout_seconds', { dev: null, staging: null, production: 30 })],
				);
				expect(row(rows, 'load_balancer.timeout_seconds')).toMatchObject({ status: 'documented', difference: 0 });
			});

			it('makes the row drift when an environment expected to lack the key sets it', () => {
				const timeout = (seconds: number) => withSetting(baseline(), 'load_balancer.timeout_seconds', seconds);
				const rows = matrix(pipeline({ dev: baseline(), staging: timeout(120), production: timeout(30) }), [
					difference(0, 'load_balancer.timeout_seconds', { dev: null, staging: null, production: 30 }),
				]);
				expect(row(rows, 'load_balancer.timeout_seconds')).toMatchObject({ status: 'drift', outdatedDifference: 0 });
			});

			it('uses a later difference whose values hold over an earlier outdated one', () => {
				const rows = matrix(drifting(), [
					difference(0, 'database.*', { dev: 'mysql' }),
					difference(1, 'database.engine', { dev: 'sqlite' }),
				]);
				expect(row(rows, 'database.engine')).toMatchObject({ status: 'documented', difference: 1, outdatedDifference: null });
			});

			it("checks a glob difference's expected values against each matched key on its own", () => {
				const rows = matrix(drifting(), [difference(0, 'database.*', { dev: 'sqlite' })]);
				expect(row(rows, 'database.engine').status).toBe('documented');
				expect(row(rows, 'database.version')).toMatchObject({ status: 'drift', outdatedDifference: 0 });
			});
		});
	});

	describe('ignore', () => {
		const withUrls = () =>
			withSetting(withSetting(baseline(), 'api.url', 'https://api.example.com'), 'services.web.url', 'https://web.example.com');

		it('drops the rows of keys an ignore glob matches', () => {
			const rows = matrix(pipeline({ dev: withUrls(), staging: withUrls(), production: withUrls() }), [], { ignore: ['**.url'] });
			expect(rows.map((r) => r.key)).not.toContain('api.url');
			expect(rows.map((r) => r.key)).not.toContain('services.web.url');
		});

		it('keeps the rows the ignore globs do not match', () => {
			const rows = matrix(pipeline({ dev: withUrls(), staging: withUrls(), production: withUrls() }), [], { ignore: ['**.url'] });
			expect(rows.map((r) => r.key)).toEqual([
				'database.engine',
				'database.version',
				'payments.stripe.mode',
				'redis.pool_size',
				'runtime.node',
			]);
		});

		it('drops a row named by an exact key', () => {
			const rows = matrix(pipeline(), [], { ignore: ['redis.pool_size'] });
			expect(rows.map((r) => r.key)).not.toContain('redis.pool_size');
			expect(rows).toHaveLength(4);
		});

		it('drops a drifting row, so it is not reported', () => {
			const rows = matrix(pipeline({ dev: withSetting(baseline(), 'redis.pool_size', 20) }), [], { ignore: ['redis.*'] });
			expect(rows.some((r) => r.status === 'drift')).toBe(false);
		});

		it('skips an ignore glob that does not parse rather than dropping anything', () => {
			expect(matrix(pipeline(), [], { ignore: ['redis..pool_size'] })).toHaveLength(5);
		});
	});

	describe('version skew', () => {
		it('grades a version key by the largest gap between environments', () => {
			const rows = matrix(pipeline({ dev: withSetting(baseline(), 'database.version', '16.1') }));
			expect(row(rows, 'database.version')).toMatchObject({ isVersion: true, skew: 'major', status: 'drift' });
		});

		it('gives a minor skew for a minor gap', () => {
			const rows = matrix(pipeline({ dev: withSetting(baseline(), 'database.version', '15.4') }));
			expect(row(rows, 'database.version').skew).toBe('minor');
		});

		it('gives a patch skew for a patch gap under runtime.*', () => {
			const rows = matrix(pipeline({ dev: withSetting(baseline(), 'runtime.node', '18.17.2') }));
			expect(row(rows, 'runtime.node')).toMatchObject({ isVersion: true, skew: 'patch' });
		});

		it('grades a key ending in _version', () => {
			const version = (value: string) => withSetting(baseline(), 'cache.redis_version', value);
			const rows = matrix(pipeline({ dev: version('7.2.4'), staging: version('7.0.11'), production: version('7.0.11') }));
			expect(row(rows, 'cache.redis_version')).toMatchObject({ isVersion: true, skew: 'minor' });
		});

		it('gives no skew to a version key whose values agree', () => {
			expect(row(matrix(pipeline()), 'database.version')).toMatchObject({ isVersion: true, skew: null });
		});

		it('gives no skew to a key that is not a version key, even when its values look like versions', () => {
			const build = (value: string) => withSetting(baseline(), 'app.build', value);
			const rows = matrix(pipeline({ dev: build('2.0.0'), staging: build('1.0.0'), production: build('1.0.0') }));
			expect(row(rows, 'app.build')).toMatchObject({ isVersion: false, skew: null, status: 'drift' });
		});

		it('gives no skew when no version keys are configured', () => {
			const rows = matrix(pipeline({ dev: withSetting(baseline(), 'database.version', '16.1') }), [], { versionKeys: [] });
			expect(row(rows, 'database.version')).toMatchObject({ isVersion: false, skew: null });
		});

		it('grades only the environments that have the key', () => {
			const rows = matrix(
				pipeline({ dev: without(baseline(), 'database.version'), staging: withSetting(baseline(), 'database.version', '15.3') }),
			);
			expect(row(rows, 'database.version')).toMatchObject({ status: 'missing', skew: 'minor' });
		});

		it('keeps the skew of a documented version difference', () => {
			const rows = matrix(pipeline({ dev: withSetting(baseline(), 'database.version', '16.1') }), [difference(0, 'database.version')]);
			expect(row(rows, 'database.version')).toMatchObject({ status: 'documented', skew: 'major' });
		});
	});

	it('computes the matrix of a three-environment setup', () => {
		const environments = [
			env(
				'dev',
				'dev',
				0,
				yaml(`
				runtime: { node: 20.11.0 }
				database: { engine: sqlite, version: "3.45" }
				redis: { version: 7.2.4, pool_size: 20 }
				payments: { stripe: { mode: test } }
				api: { url: http://localhost:3000 }
			`),
			),
			env(
				'staging',
				'staging',
				1,
				yaml(`
				runtime: { node: 18.17.1 }
				database: { engine: postgresql, version: "15.2" }
				redis: { version: 7.0.11, pool_size: "20" }
				payments: { stripe: { mode: test } }
				api: { url: https://staging.example.com }
			`),
			),
			env(
				'production',
				'production',
				2,
				yaml(`
				runtime: { node: 18.17.1 }
				database: { engine: postgresql, version: "15.2" }
				redis: { version: 7.0.11, pool_size: 10 }
				payments: { stripe: { mode: live } }
				api: { url: https://app.example.com }
				load_balancer: { timeout_seconds: 30 }
			`),
			),
		];
		const differences = [
			difference(0, 'database.engine', { dev: 'sqlite', staging: 'postgresql', production: 'postgresql' }),
			difference(1, 'payments.*.mode', { dev: 'test', staging: 'test', production: 'live' }),
			difference(2, 'database.version', { dev: '3.40' }),
		];
		const rows = matrix(environments, differences, { ignore: ['**.url'] });
		expect(rows.map(({ segments: _segments, ...rest }) => rest)).toMatchInlineSnapshot(`
			[
			  {
			    "difference": 0,
			    "isVersion": false,
			    "key": "database.engine",
			    "outdatedDifference": null,
			    "skew": null,
			    "sources": {},
			    "status": "documented",
			    "values": {
			      "dev": "sqlite",
			      "production": "postgresql",
			      "staging": "postgresql",
			    },
			  },
			  {
			    "difference": null,
			    "isVersion": true,
			    "key": "database.version",
			    "outdatedDifference": 2,
			    "skew": "major",
			    "sources": {},
			    "status": "drift",
			    "values": {
			      "dev": "3.45",
			      "production": "15.2",
			      "staging": "15.2",
			    },
			  },
			  {
			    "difference": null,
			    "isVersion": false,
			    "key": "load_balancer.timeout_seconds",
			    "outdatedDifference": null,
			    "skew": null,
			    "sources": {},
			    "status": "missing",
			    "values": {
			      "production": 30,
			    },
			  },
			  {
			    "difference": 1,
			    "isVersion": false,
			    "key": "payments.stripe.mode",
			    "outdatedDifference": null,
			    "skew": null,
			    "sources": {},
			    "status": "documented",
			    "values": {
			      "dev": "test",
			      "production": "live",
			      "staging": "test",
			    },
			  },
			  {
			    "difference": null,
			    "isVersion": false,
			    "key": "redis.pool_size",
			    "outdatedDifference": null,
			    "skew": null,
			    "sources": {},
			    "status": "drift",
			    "values": {
			      "dev": 20,
			      "production": 10,
			      "staging": "20",
			    },
			  },
			  {
			    "difference": null,
			    "isVersion": true,
			    "key": "redis.version",
			    "outdatedDifference": null,
			    "skew": "minor",
			    "sources": {},
			    "status": "drift",
			    "values": {
			      "dev": "7.2.4",
			      "production": "7.0.11",
			      "staging": "7.0.11",
			    },
			  },
			  {
			    "difference": null,
			    "isVersion": true,
			    "key": "runtime.node",
			    "outdatedDifference": null,
			    "skew": "major",
			    "sources": {},
			    "status": "drift",
			    "values": {
			      "dev": "20.11.0",
			      "production": "18.17.1",
			      "staging": "18.17.1",
			    },
			  },
			]
		`);
	});
});

describe('classifyRow', () => {
	const [dev, staging, production] = pipeline();

	it('classifies over the given environments only', () => {
		expect(classifyRow(['redis', 'pool_size'], { dev: 10, staging: 10, production: 20 }, [dev!, staging!], [])).toEqual({
			status: 'same',
			difference: null,
			outdatedDifference: null,
		});
	});

	it('finds drift between a pair', () => {
		expect(classifyRow(['redis', 'pool_size'], { dev: 10, staging: 10, production: 20 }, [staging!, production!], []).status).toBe('drift');
	});

	it('finds a key missing from one of a pair', () => {
		expect(classifyRow(['redis', 'pool_size'], { dev: 10, production: 20 }, [staging!, production!], []).status).toBe('missing');
	});

	it('checks expected values only for the given environments', () => {
		const differences = [difference(0, 'database.engine', { dev: 'sqlite', staging: 'postgresql', production: 'postgresql' })];
		const values = { dev: 'mysql', staging: 'postgresql', production: 'postgresql' };
		expect(classifyRow(['database', 'engine'], values, [staging!, production!], differences)).toEqual({
			status: 'documented',
			difference: 0,
			outdatedDifference: null,
		});
		expect(classifyRow(['database', 'engine'], values, [dev!, production!], differences)).toEqual({
			status: 'drift',
			difference: null,
			outdatedDifference: 0,
		});
	});
});
