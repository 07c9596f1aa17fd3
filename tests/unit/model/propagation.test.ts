import { describe, it, expect } from 'vitest';
import type { Environment } from '../../../src/lib/model/project.ts';
import { computePropagation, propagationSteps } from '../../../src/lib/model/propagation.ts';
import type { ChangeData } from '../../../src/lib/schema/change.ts';
import { change, env } from '../../helpers/model.ts';

type Steps = NonNullable<ChangeData['propagation']>;

const PENDING_AFTER_DAYS = 14;
const TODAY = '2024-02-01';

/** dev → staging → production. */
function environments(): Environment[] {
	return [env('dev', 'dev', 0), env('staging', 'staging', 1), env('production', 'production', 2)];
}

/** dev → staging-eu, staging-us → production: two environments share the staging stage. */
function sharedStage(): Environment[] {
	return [env('dev', 'dev', 0), env('staging-eu', 'staging', 1), env('staging-us', 'staging', 1), env('production', 'production', 2)];
}

/** The baseline: applied in dev, then staging, then production. */
function applied(): Steps {
	return {
		dev: { status: 'applied', date: '2024-01-22' },
		staging: { status: 'applied', date: '2024-01-23', by: '@ana' },
		production: { status: 'applied', date: '2024-01-24' },
	};
}

/** The propagation of a change made on 2024-01-22 with the given steps. */
function propagate(
	steps: Steps | undefined,
	options: { today?: string; date?: string; environments?: Environment[]; pendingAfterDays?: number } = {},
) {
	return computePropagation(
		change('redis-pool', options.date ?? '2024-01-22', steps),
		options.environments ?? environments(),
		options.today ?? TODAY,
		options.pendingAfterDays ?? PENDING_AFTER_DAYS,
	);
}

describe('computePropagation', () => {
	describe('the baseline, applied everywhere in order', () => {
		const result = propagate(applied());

		it('is complete', () => {
			expect(result.state).toBe('complete');
		});

		it('has nothing pending', () => {
			expect(result.pending).toEqual([]);
			expect(result.pendingDays).toBe(0);
		});

		it('is neither stalled nor out of order', () => {
			expect(result).toMatchObject({ stalled: false, stalledIn: [], outOfOrder: false, outOfOrderIn: [] });
		});
	});

	describe('state', () => {
		it('is complete when an environment skipped it and every other applied it', () => {
			expect(propagate({ ...applied(), staging: { status: 'skipped', note: 'No Redis in staging.' } }).state).toBe('complete');
		});

		it('is in-progress when some environments applied it and one is pending', () => {
			expect(propagate({ ...applied(), production: 'pending' }).state).toBe('in-progress');
		});

		it('is not-started when every environment is pending', () => {
			expect(propagate({ dev: 'pending', staging: 'pending', production: 'pending' }).state).toBe('not-started');
		});

		it('is not-started when the change lists no propagation', () => {
			expect(propagate(undefined).state).toBe('not-started');
		});

		it('is not-started when the only non-pending step is a skip', () => {
			expect(propagate({ dev: { status: 'skipped', note: 'Not used in dev.' }, staging: 'pending', production: 'pending' }).state).toBe(
				'not-started',
			);
		});

		it('is failed when an environment failed, even though the others applied it', () => {
			expect(propagate({ ...applied(), production: 'failed' }).state).toBe('failed');
		});

		it('is failed rather than in-progress when one environment failed and another is pending', () => {
			expect(propagate({ dev: applied().dev!, staging: 'failed', production: 'pending' }).state).toBe('failed');
		});

		it('is rolled-back when an environment rolled it back', () => {
			expect(propagate({ ...applied(), production: 'rolled-back' }).state).toBe('rolled-back');
		});

		it('is rolled-back rather than failed when one environment rolled it back and another failed', () => {
			expect(propagate({ dev: applied().dev!, staging: 'failed', production: 'rolled-back' }).state).toBe('rolled-back');
		});

		it('reads a status written in full form like the short form', () => {
			expect(propagate({ ...applied(), production: { status: 'rolled-back', date: '2024-01-25', note: 'Memory spike.' } }).state).toBe(
				'rolled-back',
			);
		});
	});

	describe('an environment the change does not list', () => {
		const { production: _production, ...withoutProduction } = applied();

		it('counts as pending', () => {
			expect(propagate(withoutProduction).pending).toEqual(['production']);
		});

		it('keeps a change that forgot production from being complete', () => {
			expect(propagate(withoutProduction).state).toBe('in-progress');
		});

		it('keeps a change skipped everywhere else but silent about production from being complete', () => {
			const result = propagate({ dev: applied().dev!, staging: { status: 'skipped', note: 'Shared cache.' } });
			expect(result.state).not.toBe('complete');
			expect(result.pending).toEqual(['production']);
		});

		it('appears in the steps as an implicit pending step', () => {
			expect(propagate(withoutProduction).steps.production).toEqual({ status: 'pending', implicit: true });
		});

		it('counts an environment added to the registry after the change as pending', () => {
			const registry = [...environments(), env('production-us', 'production', 2)];
			expect(propagate(applied(), { environments: registry })).toMatchObject({ state: 'in-progress', pending: ['production-us'] });
		});
	});

	describe('pending', () => {
		it('lists every pending environment in pipeline order', () => {
			expect(propagate({ dev: applied().dev!, production: 'pending', staging: 'pending' }).pending).toEqual(['staging', 'production']);
		});

		it('leaves out skipped, failed and rolled-back environments', () => {
			expect(propagate({ dev: { status: 'skipped', note: 'n/a' }, staging: 'failed', production: 'rolled-back' }).pending).toEqual([]);
		});
	});

	describe('stalled', () => {
		// Staging applied it on 2024-01-23; production is pending. Fourteen days later is 2024-02-06.
		const waiting = (): Steps => ({ ...applied(), production: 'pending' });

		it('is not stalled within pending_after_days of the previous stage applying it', () => {
			expect(propagate(waiting(), { today: '2024-01-30' }).stalled).toBe(false);
		});

		it('is not stalled exactly pending_after_days after the previous stage applied it', () => {
			const result = propagate(waiting(), { today: '2024-02-06' });
			expect(result).toMatchObject({ stalled: false, stalledIn: [], pendingDays: 14 });
		});

		it('is stalled one day past pending_after_days', () => {
			const result = propagate(waiting(), { today: '2024-02-07' });
			expect(result).toMatchObject({
				stalled: true,
				stalledIn: [{ environment: 'production', since: '2024-01-23', days: 15 }],
				pendingDays: 15,
			});
		});

		it('counts from the latest applied date in an earlier stage, not the earliest', () => {
			const steps: Steps = {
				dev: { status: 'applied', date: '2024-01-01' },
				staging: { status: 'applied', date: '2024-01-25' },
				production: 'pending',
			};
			expect(propagate(steps, { today: '2024-02-01', date: '2024-01-01' })).toMatchObject({ stalled: false, pendingDays: 7 });
		});

		it('counts from the latest applied date even when an earlier stage applied it later', () => {
			const steps: Steps = {
				dev: { status: 'applied', date: '2024-01-25' },
				staging: { status: 'applied', date: '2024-01-02' },
				production: 'pending',
			};
			expect(propagate(steps, { today: '2024-02-01', date: '2024-01-01' })).toMatchObject({ stalled: false, pendingDays: 7 });
		});

		it("counts from the change's date when no earlier stage applied it", () => {
			const result = propagate({ dev: 'pending', staging: 'pending', production: 'pending' }, { date: '2024-01-01', today: '2024-01-16' });
			expect(result.stalled).toBe(true);
			expect(result.stalledIn[0]).toEqual({ environment: 'dev', since: '2024-01-01', days: 15 });
		});

		it("is not stalled exactly pending_after_days after the change's date when nothing applied it", () => {
			expect(
				propagate({ dev: 'pending', staging: 'pending', production: 'pending' }, { date: '2024-01-01', today: '2024-01-15' }).stalled,
			).toBe(false);
		});

		it("counts from the change's date for a pending environment whose only applied environments are in later stages", () => {
			// A hotfix applied straight to production: dev has waited since the change was made.
			const steps: Steps = { dev: 'pending', staging: 'pending', production: { status: 'applied', date: '2024-01-30' } };
			const result = propagate(steps, { date: '2024-01-01', today: '2024-02-01' });
			expect(result.stalledIn.find((s) => s.environment === 'dev')).toEqual({ environment: 'dev', since: '2024-01-01', days: 31 });
		});

		it('does not count an applied date in the same stage', () => {
			const steps: Steps = {
				dev: { status: 'applied', date: '2024-01-01' },
				'staging-eu': { status: 'applied', date: '2024-01-30' },
				'staging-us': 'pending',
				production: { status: 'skipped', note: 'Not needed.' },
			};
			const result = propagate(steps, { environments: sharedStage(), date: '2024-01-01', today: '2024-02-01' });
			expect(result.stalledIn).toEqual([{ environment: 'staging-us', since: '2024-01-01', days: 31 }]);
		});

		it('lists every stalled environment and reports the longest wait', () => {
			const result = propagate(
				{ dev: { status: 'applied', date: '2024-01-02' }, staging: 'pending', production: 'pending' },
				{ date: '2024-01-01', today: '2024-02-01' },
			);
			expect(result.stalledIn.map((s) => s.environment)).toEqual(['staging', 'production']);
			expect(result.pendingDays).toBe(30);
		});

		it('honours a pending_after_days of 0', () => {
			expect(propagate({ ...applied(), production: 'pending' }, { today: '2024-01-23', pendingAfterDays: 0 }).stalled).toBe(false);
			expect(propagate({ ...applied(), production: 'pending' }, { today: '2024-01-24', pendingAfterDays: 0 }).stalled).toBe(true);
		});

		it('treats an unlisted environment as pending when deciding whether it stalled', () => {
			const { production: _production, ...withoutProduction } = applied();
			expect(propagate(withoutProduction, { today: '2024-02-07' }).stalledIn.map((s) => s.environment)).toEqual(['production']);
		});

		it('is not stalled when nothing is pending, however old the change', () => {
			expect(propagate(applied(), { today: '2030-01-01' }).stalled).toBe(false);
		});
	});

	describe('out of order', () => {
		it('is out of order when a later stage applied it while an earlier stage is pending', () => {
			const result = propagate({ dev: applied().dev!, staging: 'pending', production: applied().production! });
			expect(result).toMatchObject({ outOfOrder: true, outOfOrderIn: [{ applied: 'production', behind: 'staging' }] });
		});

		it('is out of order when a later stage applied it while an earlier stage failed', () => {
			const result = propagate({ dev: applied().dev!, staging: 'failed', production: applied().production! });
			expect(result).toMatchObject({ outOfOrder: true, outOfOrderIn: [{ applied: 'production', behind: 'staging' }] });
		});

		it('is out of order when an earlier stage is pending because the change does not list it', () => {
			const result = propagate({ production: { status: 'applied', date: '2024-01-24' } });
			expect(result.outOfOrder).toBe(true);
			expect(result.outOfOrderIn).toEqual([
				{ applied: 'production', behind: 'dev' },
				{ applied: 'production', behind: 'staging' },
			]);
		});

		it('is not out of order when the earlier stage skipped it', () => {
			expect(propagate({ ...applied(), staging: { status: 'skipped', note: 'No Redis in staging.' } }).outOfOrder).toBe(false);
		});

		it('is not out of order while later stages wait for earlier ones', () => {
			expect(propagate({ dev: applied().dev!, staging: 'pending', production: 'pending' }).outOfOrder).toBe(false);
		});

		it('is not out of order when the later stage only failed', () => {
			expect(propagate({ dev: 'pending', staging: 'pending', production: 'failed' }).outOfOrder).toBe(false);
		});

		it('is not out of order when another environment of the same stage is pending', () => {
			const steps: Steps = {
				dev: { status: 'applied', date: '2024-01-22' },
				'staging-eu': { status: 'applied', date: '2024-01-23' },
				'staging-us': 'pending',
				production: 'pending',
			};
			expect(propagate(steps, { environments: sharedStage() }).outOfOrder).toBe(false);
		});

		it('is out of order when production applied it while one of two staging environments is pending', () => {
			const steps: Steps = {
				dev: { status: 'applied', date: '2024-01-22' },
				'staging-eu': { status: 'applied', date: '2024-01-23' },
				'staging-us': 'pending',
				production: { status: 'applied', date: '2024-01-24' },
			};
			expect(propagate(steps, { environments: sharedStage() }).outOfOrderIn).toEqual([{ applied: 'production', behind: 'staging-us' }]);
		});
	});
});

describe('propagationSteps', () => {
	it('reads a short-form status as a step', () => {
		expect(propagationSteps(change('c', '2024-01-22', { dev: 'pending' }), [env('dev', 'dev', 0)])).toEqual({ dev: { status: 'pending' } });
	});

	it('keeps a full-form step as written', () => {
		const steps = propagationSteps(
			change('c', '2024-01-22', { dev: { status: 'applied', date: '2024-01-23', by: '@ana', note: 'Smooth.' } }),
			[env('dev', 'dev', 0)],
		);
		expect(steps).toEqual({ dev: { status: 'applied', date: '2024-01-23', by: '@ana', note: 'Smooth.' } });
	});

	it('has a step for every environment of the registry, in pipeline order', () => {
		const steps = propagationSteps(change('c', '2024-01-22', { production: 'pending', dev: 'pending' }), environments());
		expect(Object.keys(steps)).toEqual(['dev', 'staging', 'production']);
	});

	it('leaves out an environment the change lists but the registry does not have', () => {
		const steps = propagationSteps(change('c', '2024-01-22', { sandbox: 'pending' }), [env('dev', 'dev', 0)]);
		expect(steps).toEqual({ dev: { status: 'pending', implicit: true } });
	});
});
