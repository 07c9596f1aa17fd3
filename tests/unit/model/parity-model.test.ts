import { describe, it, expect } from 'vitest';
import { computeModel, isProductionOnly } from '../../../src/lib/model/parity-model.ts';
import type { Environment, Project } from '../../../src/lib/model/project.ts';
import { DEFAULT_CONFIG } from '../../../src/lib/schema/config.ts';
import { change, env, issue } from '../../helpers/model.ts';

const LAST_STAGE = 2;

/** dev → staging → production. */
function environments(): Environment[] {
	return [env('dev', 'dev', 0), env('staging', 'staging', 1), env('production', 'production', 2)];
}

describe('isProductionOnly', () => {
	it('is true for a bug observed in production and not reproduced in staging (the baseline)', () => {
		expect(isProductionOnly(issue('payment-timeout', ['production'], { staging: false }), environments(), LAST_STAGE)).toBe(true);
	});

	it('is true for a bug observed in production with no reproduction attempts', () => {
		expect(isProductionOnly(issue('payment-timeout', ['production']), environments(), LAST_STAGE)).toBe(true);
	});

	it('is false when the bug was reproduced in staging', () => {
		expect(isProductionOnly(issue('payment-timeout', ['production'], { staging: true }), environments(), LAST_STAGE)).toBe(false);
	});

	it('is false when the bug was reproduced in dev', () => {
		expect(isProductionOnly(issue('payment-timeout', ['production'], { staging: false, dev: true }), environments(), LAST_STAGE)).toBe(
			false,
		);
	});

	it('is false when the bug was also observed in staging', () => {
		expect(isProductionOnly(issue('payment-timeout', ['staging', 'production']), environments(), LAST_STAGE)).toBe(false);
	});

	it('is false when the bug was observed only in staging', () => {
		expect(isProductionOnly(issue('payment-timeout', ['staging']), environments(), LAST_STAGE)).toBe(false);
	});

	it('is false when the bug was observed in an environment that does not exist', () => {
		expect(isProductionOnly(issue('payment-timeout', ['prod']), environments(), LAST_STAGE)).toBe(false);
	});

	it('is true for a bug observed in several environments that all belong to the last stage', () => {
		const registry = [...environments(), env('production-us', 'production', 2)];
		expect(isProductionOnly(issue('payment-timeout', ['production', 'production-us'], { staging: false }), registry, LAST_STAGE)).toBe(
			true,
		);
	});

	it('is false when one of several observed environments is not in the last stage', () => {
		const registry = [...environments(), env('production-us', 'production', 2)];
		expect(isProductionOnly(issue('payment-timeout', ['production', 'production-us', 'dev']), registry, LAST_STAGE)).toBe(false);
	});

	it('stays true when the bug was reproduced in another environment of the last stage', () => {
		const registry = [...environments(), env('production-us', 'production', 2)];
		expect(isProductionOnly(issue('payment-timeout', ['production'], { 'production-us': true }), registry, LAST_STAGE)).toBe(true);
	});

	it('ignores a reproduction attempt in an environment that does not exist', () => {
		expect(isProductionOnly(issue('payment-timeout', ['production'], { sandbox: true }), environments(), LAST_STAGE)).toBe(true);
	});

	it('uses the last stage it is given, not a stage named production', () => {
		// With a four-stage pipeline whose last stage is `canary`, production is no longer last.
		const registry = [...environments(), env('canary', 'canary', 3)];
		expect(isProductionOnly(issue('payment-timeout', ['production']), registry, 3)).toBe(false);
		expect(isProductionOnly(issue('payment-timeout', ['canary'], { production: false }), registry, 3)).toBe(true);
	});
});

describe('computeModel', () => {
	const NOW = new Date('2024-06-01T12:00:00Z');

	/** A project with one environment verified on `verified` (never, when undefined) and default config. */
	function project(verified?: string): Project {
		const production = env('production', 'production', 2);
		if (verified) production.data.verified = { date: verified, by: '@devops-lead' };
		return {
			config: DEFAULT_CONFIG,
			environments: [env('dev', 'dev', 0), env('staging', 'staging', 1), production],
			differences: [],
			changes: [change('redis-pool', '2024-01-22', { dev: { status: 'applied', date: '2024-01-22' } })],
			issues: [issue('payment-timeout', ['production'], { staging: false }), issue('login-loop', ['staging', 'production'])],
			runbooks: [],
			invalidIds: { environment: new Set(), change: new Set(), issue: new Set(), runbook: new Set() },
		};
	}

	it('takes today and generatedAt from the given clock', () => {
		const model = computeModel(project(), NOW);
		expect(model.today).toBe('2024-06-01');
		expect(model.generatedAt).toBe('2024-06-01T12:00:00.000Z');
	});

	it('marks an environment never verified as stale, with no age', () => {
		expect(computeModel(project(), NOW).freshness.get('production')).toEqual({ stale: true, ageDays: null });
	});

	it('does not mark an environment verified exactly stale_after_days ago as stale', () => {
		expect(computeModel(project('2024-05-02'), NOW).freshness.get('production')).toEqual({ stale: false, ageDays: 30 });
	});

	it('marks an environment verified more than stale_after_days ago as stale', () => {
		expect(computeModel(project('2024-05-01'), NOW).freshness.get('production')).toEqual({ stale: true, ageDays: 31 });
	});

	it('computes production-only for every issue', () => {
		const model = computeModel(project(), NOW);
		expect(Object.fromEntries(model.productionOnly)).toEqual({ 'payment-timeout': true, 'login-loop': false });
	});

	it('computes the propagation of every change against the clock', () => {
		const model = computeModel(project(), NOW);
		expect(model.propagation.get('redis-pool')).toMatchObject({ state: 'in-progress', pending: ['staging', 'production'], stalled: true });
	});
});
