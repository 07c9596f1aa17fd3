import { describe, it, expect } from 'vitest';
import { computeParityMatrix } from '../../../src/lib/model/parity-matrix.ts';
import { computeParityScores, scoreEnvironments, type PairScore, type StagePairScore } from '../../../src/lib/model/parity-scores.ts';
import type { Difference, Environment } from '../../../src/lib/model/project.ts';
import { PIPELINE, difference, env, yaml } from '../../helpers/model.ts';

/**
 * The baseline: over dev, staging and production,
 * `shared` is the same everywhere, `database.engine` differs as documented, `redis.pool_size` is 20 in
 * dev and staging but 10 in production, `load_balancer.timeout_seconds` is set only in production and
 * `debug` only in dev.
 */
function baseline(): Environment[] {
	return [
		env(
			'dev',
			'dev',
			0,
			yaml(`
			shared: 1
			database: { engine: sqlite }
			redis: { pool_size: 20 }
			debug: true
		`),
		),
		env(
			'staging',
			'staging',
			1,
			yaml(`
			shared: 1
			database: { engine: postgresql }
			redis: { pool_size: 20 }
		`),
		),
		env(
			'production',
			'production',
			2,
			yaml(`
			shared: "1"
			database: { engine: postgresql }
			redis: { pool_size: 10 }
			load_balancer: { timeout_seconds: 30 }
		`),
		),
	];
}

const DIFFERENCES = [difference(0, 'database.engine', { dev: 'sqlite', staging: 'postgresql', production: 'postgresql' })];

/** Computes the scores as the model does, from the matrix of the environments. */
function scores(environments: Environment[], differences: Difference[] = DIFFERENCES, pipeline: readonly string[] = PIPELINE) {
	const rows = computeParityMatrix({ environments, differences, versionKeys: [], ignore: [] });
	return computeParityScores(rows, environments, differences, pipeline);
}

function pair(pairs: PairScore[], a: string, b: string): PairScore {
	const found = pairs.find((p) => p.a === a && p.b === b);
	if (!found) throw new Error(`no pair ${a}/${b}`);
	return found;
}

function stage(stages: StagePairScore[], from: string, to: string): StagePairScore {
	const found = stages.find((s) => s.from === from && s.to === to);
	if (!found) throw new Error(`no stage pair ${from}→${to}`);
	return found;
}

describe('computeParityScores', () => {
	describe('pairs of environments', () => {
		it('scores every unordered pair once, in environment order', () => {
			expect(scores(baseline()).pairs.map((p) => [p.a, p.b])).toEqual([
				['dev', 'staging'],
				['dev', 'production'],
				['staging', 'production'],
			]);
		});

		it('counts same, documented and missing between dev and staging, skipping keys neither has', () => {
			// shared and pool_size same, engine documented, debug missing; load_balancer is in neither.
			expect(pair(scores(baseline()).pairs, 'dev', 'staging')).toEqual({
				a: 'dev',
				b: 'staging',
				same: 2,
				documented: 1,
				drift: 0,
				missing: 1,
				total: 4,
				score: 0.75,
			});
		});

		it('counts drift and missing between dev and production', () => {
			// shared same (number and string with the same text), engine documented, pool_size drift, debug and load_balancer missing.
			expect(pair(scores(baseline()).pairs, 'dev', 'production')).toEqual({
				a: 'dev',
				b: 'production',
				same: 1,
				documented: 1,
				drift: 1,
				missing: 2,
				total: 5,
				score: 0.4,
			});
		});

		it('counts between staging and production', () => {
			expect(pair(scores(baseline()).pairs, 'staging', 'production')).toEqual({
				a: 'staging',
				b: 'production',
				same: 2,
				documented: 0,
				drift: 1,
				missing: 1,
				total: 4,
				score: 0.5,
			});
		});

		it('counts a documented key as same in a pair whose values agree', () => {
			expect(pair(scores(baseline()).pairs, 'staging', 'production')).toMatchObject({ documented: 0, same: 2 });
			expect(pair(scores(baseline()).pairs, 'dev', 'staging')).toMatchObject({ documented: 1 });
		});

		it("counts a row as drift in a pair where the difference's expected values no longer hold", () => {
			const outdated = [difference(0, 'database.engine', { dev: 'mysql' })];
			const result = scores(baseline(), outdated);
			expect(pair(result.pairs, 'dev', 'staging')).toMatchObject({ documented: 0, drift: 1 });
		});

		it('scores 1 when the pair has no keys', () => {
			const result = scores([env('dev', 'dev', 0, {}), env('production', 'production', 2, {})], []);
			expect(result.pairs).toEqual([{ a: 'dev', b: 'production', same: 0, documented: 0, drift: 0, missing: 0, total: 0, score: 1 }]);
		});

		it('scores 0 when every key drifts', () => {
			const result = scores([env('dev', 'dev', 0, { a: 1 }), env('production', 'production', 2, { a: 2 })], []);
			expect(pair(result.pairs, 'dev', 'production')).toMatchObject({ drift: 1, total: 1, score: 0 });
		});

		it('has no pairs for a single environment', () => {
			expect(scores([env('production', 'production', 2, { a: 1 })]).pairs).toEqual([]);
		});
	});

	describe('adjacent stages', () => {
		it('scores each adjacent pair of stages in pipeline order', () => {
			expect(scores(baseline()).stages.map((s) => [s.from, s.to])).toEqual([
				['dev', 'staging'],
				['staging', 'production'],
			]);
		});

		it('scores a stage pair with one environment per stage like that pair of environments', () => {
			const result = scores(baseline());
			const { a: _a, b: _b, ...pairCounts } = pair(result.pairs, 'staging', 'production');
			expect(stage(result.stages, 'staging', 'production')).toEqual({
				from: 'staging',
				to: 'production',
				environments: ['staging', 'production'],
				...pairCounts,
			});
		});

		it('does not score dev against production, which are not adjacent', () => {
			expect(scores(baseline()).stages.some((s) => s.from === 'dev' && s.to === 'production')).toBe(false);
		});

		describe('with several environments sharing a stage', () => {
			function shared(usPoolSize: number): Environment[] {
				return [
					env('dev', 'dev', 0, { shared: 1, redis: { pool_size: 20 } }),
					env('staging-eu', 'staging', 1, { shared: 1, redis: { pool_size: 20 } }),
					env('staging-us', 'staging', 1, { shared: 1, redis: { pool_size: usPoolSize } }),
					env('production', 'production', 2, { shared: 1, redis: { pool_size: 20 } }),
				];
			}

			it('lists every environment of both stages', () => {
				const result = scores(shared(20), []);
				expect(stage(result.stages, 'dev', 'staging').environments).toEqual(['dev', 'staging-eu', 'staging-us']);
				expect(stage(result.stages, 'staging', 'production').environments).toEqual(['staging-eu', 'staging-us', 'production']);
			});

			it('counts every key same when all of them agree', () => {
				expect(stage(scores(shared(20), []).stages, 'dev', 'staging')).toMatchObject({ same: 2, drift: 0, total: 2, score: 1 });
			});

			it('counts a key as drift when one environment of a stage differs', () => {
				const result = scores(shared(30), []);
				expect(stage(result.stages, 'dev', 'staging')).toMatchObject({ same: 1, drift: 1, total: 2, score: 0.5 });
				expect(stage(result.stages, 'staging', 'production')).toMatchObject({ same: 1, drift: 1, total: 2, score: 0.5 });
			});

			it('still scores the agreeing pair of environments across those stages as the same', () => {
				expect(pair(scores(shared(30), []).pairs, 'staging-eu', 'production')).toMatchObject({ same: 2, drift: 0, score: 1 });
			});

			it('scores six pairs for four environments', () => {
				expect(scores(shared(20), []).pairs).toHaveLength(6);
			});

			it('counts a key missing from one environment of a stage as missing', () => {
				const environments = shared(20);
				environments[2] = env('staging-us', 'staging', 1, { shared: 1 });
				expect(stage(scores(environments, []).stages, 'dev', 'staging')).toMatchObject({ same: 1, missing: 1 });
			});
		});
	});
});

describe('scoreEnvironments', () => {
	it('skips rows that none of the environments has', () => {
		const environments = baseline();
		const rows = computeParityMatrix({ environments, differences: [], versionKeys: [], ignore: [] });
		// Of dev and staging, neither has load_balancer.timeout_seconds: four of the five rows count.
		expect(scoreEnvironments(rows, environments.slice(0, 2), []).total).toBe(4);
	});

	it('scores no environments as 1 with no keys', () => {
		const rows = computeParityMatrix({ environments: baseline(), differences: [], versionKeys: [], ignore: [] });
		expect(scoreEnvironments(rows, [], [])).toEqual({ same: 0, documented: 0, drift: 0, missing: 0, total: 0, score: 1 });
	});
});
