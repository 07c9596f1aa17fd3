import { describe, expect, it } from 'vitest';
import type { ParityModel } from '../../../src/lib/model/parity-model.ts';
import {
	byline,
	changeRows,
	changeStateLabel,
	environmentView,
	issuesNamingChange,
	issuesUsingRunbook,
	relatedSettings,
	reproductionTable,
	resolveRefs,
} from '../../../src/lib/site/entity-views.ts';
import { analyzeFiles, baseline } from '../../helpers/repo.ts';
import { changeFile, edited, issueFile, modelOf, runbookFile } from './site-repo.ts';

function envView(model: ParityModel, id: string) {
	return environmentView(
		model,
		model.environments.find((e) => e.id === id)!,
	);
}

function withFiles(extra: Record<string, string>): ParityModel {
	return modelOf({ ...baseline(), ...extra });
}

describe('environmentView', () => {
	it('shows the baseline staging environment: its neighbours, settings, applied change and no bugs', () => {
		const analysis = analyzeFiles(baseline());
		expect(analysis.problems).toEqual([]);
		const view = envView(analysis.model, 'staging');
		expect(view.env.id).toBe('staging');
		expect(view.previous!.env.id).toBe('dev');
		expect(view.previous!.rows).toEqual([
			{ key: 'database.engine', a: 'sqlite', b: 'postgresql', status: 'documented', skew: null, difference: 'database.engine' },
		]);
		expect(view.next!.env.id).toBe('production');
		expect(view.next!.rows).toEqual([]);
		expect(view.settings).toEqual([
			{ key: 'database.engine', value: 'postgresql', status: 'documented' },
			{ key: 'load_balancer.timeout_seconds', value: '120', status: 'same' },
			{ key: 'redis.pool_size', value: '20', status: 'same' },
			{ key: 'redis.version', value: '7.0.11', status: 'same' },
			{ key: 'runtime.node', value: '18.17.1', status: 'same' },
		]);
		expect(view.applied.map((a) => [a.change.id, a.date])).toEqual([['redis-pool', '2024-02-21']]);
		expect(view.pending).toEqual([]);
		expect(view.issues).toEqual([]);
	});

	it('has no previous environment for the first and no next for the last', () => {
		const model = modelOf();
		expect(envView(model, 'dev').previous).toBeNull();
		expect(envView(model, 'dev').next!.env.id).toBe('staging');
		expect(envView(model, 'production').previous!.env.id).toBe('staging');
		expect(envView(model, 'production').next).toBeNull();
	});

	it('compares with a neighbour from the neighbour to this environment, showing drift', () => {
		const view = envView(modelOf(edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30')), 'production');
		expect(view.previous!.rows).toEqual([
			{ key: 'load_balancer.timeout_seconds', a: 120, b: 30, status: 'drift', skew: null, difference: null },
		]);
	});

	it('lists only the settings the environment has', () => {
		const view = envView(modelOf(edited('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', '')), 'production');
		expect(view.settings.map((s) => s.key)).toEqual(['database.engine', 'redis.pool_size', 'redis.version', 'runtime.node']);
		expect(
			envView(modelOf(edited('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', '')), 'dev').settings.find(
				(s) => s.key === 'load_balancer.timeout_seconds',
			)!.status,
		).toBe('missing');
	});

	it('lists the bugs observed in the environment', () => {
		const model = withFiles({ 'issues/cache-miss.md': issueFile({ environments: '[staging, production]' }) });
		expect(envView(model, 'production').issues.map((i) => i.id)).toEqual(['cache-miss', 'payment-timeout']);
		expect(envView(model, 'staging').issues.map((i) => i.id)).toEqual(['cache-miss']);
		expect(envView(model, 'dev').issues).toEqual([]);
	});

	it('lists applied changes newest first', () => {
		const model = withFiles({
			'changes/older.md': changeFile({ date: '2024-02-01', propagation: '{ staging: { status: applied, date: 2024-02-10 } }' }),
			'changes/newer.md': changeFile({ date: '2024-02-01', propagation: '{ staging: { status: applied, date: 2024-02-26 } }' }),
		});
		expect(envView(model, 'staging').applied.map((a) => [a.change.id, a.date])).toEqual([
			['newer', '2024-02-26'],
			['redis-pool', '2024-02-21'],
			['older', '2024-02-10'],
		]);
	});

	it('lists a change still pending in the environment, listed or not, with its propagation', () => {
		const model = withFiles({
			'changes/pool-30.md': changeFile({ propagation: '{ dev: { status: applied, date: 2024-02-25 }, staging: pending }' }),
		});
		for (const id of ['staging', 'production']) {
			const view = envView(model, id);
			expect(view.pending.map((p) => p.change.id)).toEqual(['pool-30']);
			expect(view.pending[0]!.propagation).toBe(model.propagation.get('pool-30'));
		}
		expect(envView(model, 'dev').pending).toEqual([]);
		expect(envView(model, 'dev').applied.map((a) => a.change.id)).toEqual(['pool-30', 'redis-pool']);
	});

	it('does not list a skipped change as applied or pending', () => {
		const model = withFiles({
			'changes/tuning.md': changeFile({
				propagation:
					'{ dev: { status: skipped, note: Not used there }, staging: { status: applied, date: 2024-02-26 }, production: { status: applied, date: 2024-02-27 } }',
			}),
		});
		const view = envView(model, 'dev');
		expect(view.applied.map((a) => a.change.id)).toEqual(['redis-pool']);
		expect(view.pending).toEqual([]);
	});

	it('does not list a rolled-back change as pending elsewhere', () => {
		const model = withFiles({ 'changes/bad.md': changeFile({ propagation: '{ dev: rolled-back }' }) });
		expect(envView(model, 'staging').pending).toEqual([]);
		expect(envView(model, 'production').pending).toEqual([]);
	});

	// A failed change, like a rolled-back one, "waits on a decision, not on propagation"
	// (propagation.ts); the home page's waiting list and the changes board treat both alike.
	it('does not list a change that failed in an earlier stage as pending here', () => {
		const model = withFiles({
			'changes/bad.md': changeFile({ propagation: '{ dev: { status: applied, date: 2024-02-25 }, staging: failed }' }),
		});
		expect(model.propagation.get('bad')!.state).toBe('failed');
		expect(envView(model, 'production').pending).toEqual([]);
	});
});

describe('relatedSettings', () => {
	it('shows the current value of a related setting in every environment, with its status', () => {
		expect(relatedSettings(modelOf(), ['load_balancer.timeout_seconds'])).toEqual([
			{
				key: 'load_balancer.timeout_seconds',
				status: 'same',
				values: [
					{ env: 'dev', value: '120' },
					{ env: 'staging', value: '120' },
					{ env: 'production', value: '120' },
				],
			},
		]);
	});

	it.each([['load_balancer["timeout_seconds"]'], ["load_balancer['timeout_seconds']"], ['load_balancer . timeout_seconds']])(
		'finds the row of a key written as %s, shown in canonical form',
		(raw) => {
			const [setting] = relatedSettings(modelOf(), [raw]);
			expect(setting!.key).toBe('load_balancer.timeout_seconds');
			expect(setting!.status).toBe('same');
		},
	);

	it('shows null for an environment that lacks the setting', () => {
		const model = modelOf(edited('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', ''));
		const [setting] = relatedSettings(model, ['load_balancer.timeout_seconds']);
		expect(setting).toEqual({
			key: 'load_balancer.timeout_seconds',
			status: 'missing',
			values: [
				{ env: 'dev', value: '120' },
				{ env: 'staging', value: '120' },
				{ env: 'production', value: null },
			],
		});
	});

	it('shows a setting no environment has with no status and no values', () => {
		expect(relatedSettings(modelOf(), ['cache.ttl'])).toEqual([
			{
				key: 'cache.ttl',
				status: null,
				values: [
					{ env: 'dev', value: null },
					{ env: 'staging', value: null },
					{ env: 'production', value: null },
				],
			},
		]);
	});

	it('keeps a key that does not parse as written', () => {
		const [setting] = relatedSettings(modelOf(), ['redis..pool_size']);
		expect(setting).toMatchObject({ key: 'redis..pool_size', status: null });
	});

	it('keeps the order of the keys it is given', () => {
		expect(relatedSettings(modelOf(), ['runtime.node', 'database.engine']).map((s) => [s.key, s.status])).toEqual([
			['runtime.node', 'same'],
			['database.engine', 'documented'],
		]);
	});
});

describe('reproductionTable', () => {
	function table(files: Record<string, string>, id: string): string[] {
		const model = modelOf(files);
		return reproductionTable(
			model,
			model.issues.find((i) => i.id === id)!,
		).map((r) => `${r.env.id}: ${r.result}`);
	}

	it('shows the baseline bug observed in production, not reproduced in staging and not tried in dev', () => {
		expect(table(baseline(), 'payment-timeout')).toEqual(['dev: not tried', 'staging: not reproduced', 'production: observed']);
	});

	it('shows an environment where the bug was reproduced', () => {
		expect(
			table(
				edited('issues/payment-timeout.md', 'reproduced: { staging: false }', 'reproduced: { staging: false, dev: true }'),
				'payment-timeout',
			),
		).toEqual(['dev: reproduced', 'staging: not reproduced', 'production: observed']);
	});

	it('shows observed over a reproduction attempt in the same environment', () => {
		expect(
			table(edited('issues/payment-timeout.md', 'reproduced: { staging: false }', 'reproduced: { production: false }'), 'payment-timeout'),
		).toEqual(['dev: not tried', 'staging: not tried', 'production: observed']);
	});

	it('shows every environment as not tried or observed when there were no attempts', () => {
		expect(table({ ...baseline(), 'issues/x.md': issueFile({ environments: '[dev]' }) }, 'x')).toEqual([
			'dev: observed',
			'staging: not tried',
			'production: not tried',
		]);
	});
});

describe('issuesUsingRunbook', () => {
	function using(files: Record<string, string>, runbook: string): string[] {
		const model = modelOf(files);
		return issuesUsingRunbook(
			model,
			model.runbooks.find((r) => r.id === runbook)!,
		).map((i) => i.id);
	}

	it('lists a bug that names the runbook and that the runbook names once (the baseline)', () => {
		expect(using(baseline(), 'payment-timeout')).toEqual(['payment-timeout']);
	});

	it('lists a bug that names the runbook by id', () => {
		const files = {
			...baseline(),
			'runbooks/failover.md': runbookFile(),
			'issues/db-down.md': issueFile({ extra: ['runbooks: [failover]'] }),
		};
		expect(using(files, 'failover')).toEqual(['db-down']);
	});

	it('lists a bug that names the runbook by alias', () => {
		const files = {
			...baseline(),
			'runbooks/failover.md': runbookFile({ extra: ['aliases: [RB-7]'] }),
			'issues/db-down.md': issueFile({ extra: ['runbooks: [RB-7]'] }),
		};
		expect(using(files, 'failover')).toEqual(['db-down']);
	});

	it("lists a bug the runbook names by the bug's alias", () => {
		const files = { ...baseline(), 'runbooks/failover.md': runbookFile({ extra: ['issues: [INC-2041]'] }) };
		expect(using(files, 'failover')).toEqual(['payment-timeout']);
	});

	it("lists several bugs in the model's order, each once", () => {
		const files = {
			...baseline(),
			'runbooks/failover.md': runbookFile({ extra: ['aliases: [RB-7]', 'issues: [db-down, INC-2041]'] }),
			'issues/db-down.md': issueFile({ extra: ['runbooks: [failover, RB-7]'] }),
		};
		expect(using(files, 'failover')).toEqual(['db-down', 'payment-timeout']);
	});

	it('lists nothing for a runbook no bug names', () => {
		expect(using({ ...baseline(), 'runbooks/failover.md': runbookFile() }, 'failover')).toEqual([]);
	});

	it('skips a reference to a bug that does not exist', () => {
		expect(using({ ...baseline(), 'runbooks/failover.md': runbookFile({ extra: ['issues: [no-such-bug]'] }) }, 'failover')).toEqual([]);
	});
});

describe('issuesNamingChange', () => {
	function naming(files: Record<string, string>, change: string): string[] {
		const model = modelOf(files);
		return issuesNamingChange(
			model,
			model.changes.find((c) => c.id === change)!,
		).map((i) => i.id);
	}

	it('lists a bug that names the change by id (the baseline)', () => {
		expect(naming(baseline(), 'redis-pool')).toEqual(['payment-timeout']);
	});

	it('lists a bug that names the change by alias', () => {
		const files = {
			...baseline(),
			'changes/lb.md': changeFile({ extra: ['aliases: [CHG-12]'] }),
			'issues/db-down.md': issueFile({ extra: ['changes: [CHG-12]'] }),
		};
		expect(naming(files, 'lb')).toEqual(['db-down']);
	});

	it('lists nothing for a change no bug names', () => {
		expect(naming({ ...baseline(), 'changes/lb.md': changeFile() }, 'lb')).toEqual([]);
	});
});

describe('changeRows', () => {
	it('gives the matrix rows of the keys a change sets', () => {
		const model = modelOf();
		expect(changeRows(model, model.changes[0]!).map((r) => r.key)).toEqual(['redis.pool_size']);
	});

	it('finds a key written in another form, and skips a key no environment has', () => {
		const model = withFiles({
			'changes/lb.md': changeFile({ extra: ['settings:', `  'load_balancer["timeout_seconds"]': 120`, '  cache.ttl: 60'] }),
		});
		expect(
			changeRows(
				model,
				model.changes.find((c) => c.id === 'lb')!,
			).map((r) => r.key),
		).toEqual(['load_balancer.timeout_seconds']);
	});

	it('is empty for a change that sets nothing', () => {
		const model = withFiles({ 'changes/lb.md': changeFile() });
		expect(
			changeRows(
				model,
				model.changes.find((c) => c.id === 'lb')!,
			),
		).toEqual([]);
	});
});

describe('resolveRefs', () => {
	const byRef = new Map([
		['payment-timeout', 'issue'],
		['INC-2041', 'issue'],
		['redis-pool', 'change'],
	]);

	it('resolves ids and aliases in the order given', () => {
		expect(resolveRefs(byRef, ['redis-pool', 'INC-2041'])).toEqual(['change', 'issue']);
	});

	it('skips references that resolve to nothing', () => {
		expect(resolveRefs(byRef, ['nope', 'redis-pool', 'inc-2041'])).toEqual(['change']);
	});

	it('is empty for no references', () => {
		expect(resolveRefs(byRef, undefined)).toEqual([]);
		expect(resolveRefs(byRef, [])).toEqual([]);
	});
});

describe('changeStateLabel', () => {
	it("shows a stalled change's wait, and any other change's state", () => {
		const stalled = modelOf({
			...baseline(),
			'changes/x.md': changeFile({ date: '2024-02-15', propagation: '{ dev: { status: applied, date: 2024-02-15 } }' }),
		});
		expect(changeStateLabel(stalled.propagation.get('x')!)).toBe('stalled (15 days)');
		expect(changeStateLabel(modelOf().propagation.get('redis-pool')!)).toBe('complete');
	});
});

describe('byline', () => {
	it('adds who, when known', () => {
		expect(byline('2024-01-20', '@devops-lead')).toBe('2024-01-20 by @devops-lead');
		expect(byline('2024-01-20', undefined)).toBe('2024-01-20');
	});
});
