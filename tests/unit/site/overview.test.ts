import { describe, expect, it } from 'vitest';
import { BOARD_COLUMNS, boardColumn, changesInColumn, computeOverview, isOpen } from '../../../src/lib/site/overview.ts';
import { analyzeFiles, baseline } from '../../helpers/repo.ts';
import { changeFile, edited, issueFile, modelOf } from './site-repo.ts';

/** The baseline plus extra files. */
function withFiles(extra: Record<string, string>): Record<string, string> {
	return { ...baseline(), ...extra };
}

/** The model's propagation of one change, in a repository that has it beside the baseline. */
function propagationOf(change: string) {
	return modelOf(withFiles({ 'changes/x.md': change })).propagation.get('x')!;
}

describe('computeOverview', () => {
	it('summarises the baseline: every key counted by status, nothing waiting or stale, one production-only bug', () => {
		const analysis = analyzeFiles(baseline());
		expect(analysis.problems).toEqual([]);
		const overview = computeOverview(analysis.model);
		expect(overview.counts).toEqual({ keys: 5, same: 4, documented: 1, drift: 0, missing: 0 });
		expect(overview.skews).toEqual({ major: 0, minor: 0, patch: 0 });
		expect(overview.waiting).toEqual([]);
		expect(overview.productionOnly.map((i) => i.id)).toEqual(['payment-timeout']);
		expect(overview.stale).toEqual([]);
	});

	it('counts a drifting key as drift instead of same', () => {
		const { counts } = computeOverview(modelOf(edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30')));
		expect(counts).toEqual({ keys: 5, same: 3, documented: 1, drift: 1, missing: 0 });
	});

	it('counts a key some environments lack as missing', () => {
		const { counts } = computeOverview(modelOf(edited('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', '')));
		expect(counts).toEqual({ keys: 5, same: 3, documented: 1, drift: 0, missing: 1 });
	});

	it('counts a key only one environment has as a new key, and as missing', () => {
		const { counts } = computeOverview(modelOf(edited('environments/dev.yaml', 'engine: sqlite }', 'engine: sqlite, debug: true }')));
		expect(counts).toEqual({ keys: 6, same: 4, documented: 1, drift: 0, missing: 1 });
	});

	it('counts version skews by their size', () => {
		let files = edited('environments/dev.yaml', 'node: "18.17.1"', 'node: "20.11.0"');
		files = edited('environments/dev.yaml', 'version: "7.0.11"', 'version: "7.0.12"', files);
		const { skews } = computeOverview(modelOf(files));
		expect(skews).toEqual({ major: 1, minor: 0, patch: 1 });
	});

	it('counts a minor version skew', () => {
		const { skews } = computeOverview(modelOf(edited('environments/staging.yaml', 'version: "7.0.11"', 'version: "7.2.0"')));
		expect(skews).toEqual({ major: 0, minor: 1, patch: 0 });
	});

	it('lists changes not yet everywhere, longest waiting first, a failed one still pending somewhere included, leaving out complete and rolled-back ones', () => {
		const model = modelOf(
			withFiles({
				'changes/recent.md': changeFile({ date: '2024-02-20', propagation: '{ dev: { status: applied, date: 2024-02-25 } }' }),
				'changes/old.md': changeFile({ date: '2024-01-01' }),
				'changes/rolled.md': changeFile({ date: '2024-01-01', propagation: '{ dev: rolled-back }' }),
				'changes/broken.md': changeFile({ date: '2024-01-01', propagation: '{ dev: failed }' }),
			}),
		);
		const { waiting } = computeOverview(model);
		expect(waiting.map((w) => [w.change.id, w.propagation.pendingDays])).toEqual([
			['broken', 60],
			['old', 60],
			['recent', 5],
		]);
		expect(waiting[1]!.propagation).toBe(model.propagation.get('old'));
	});

	it('orders changes that have waited equally by id', () => {
		const { waiting } = computeOverview(
			modelOf(withFiles({ 'changes/zeta.md': changeFile({ date: '2024-02-20' }), 'changes/alpha.md': changeFile({ date: '2024-02-20' }) })),
		);
		expect(waiting.map((w) => w.change.id)).toEqual(['alpha', 'zeta']);
	});

	it('lists production-only bugs open first, then the most recently opened', () => {
		const model = modelOf(
			withFiles({
				'issues/old-open.md': issueFile({ status: 'open', opened: '2024-01-15' }),
				'issues/investigating.md': issueFile({ status: 'investigating', opened: '2024-02-05' }),
				'issues/new-resolved.md': issueFile({ status: 'resolved', opened: '2024-02-18' }),
				'issues/wont-fix.md': issueFile({ status: 'wont-fix', opened: '2024-01-10' }),
			}),
		);
		expect(computeOverview(model).productionOnly.map((i) => i.id)).toEqual([
			'investigating',
			'old-open',
			'new-resolved',
			'payment-timeout',
			'wont-fix',
		]);
	});

	it('leaves out a bug that was also seen before production', () => {
		const model = modelOf(withFiles({ 'issues/everywhere.md': issueFile({ environments: '[staging, production]' }) }));
		expect(computeOverview(model).productionOnly.map((i) => i.id)).toEqual(['payment-timeout']);
	});

	it('leaves out a production bug that was reproduced in staging', () => {
		const model = modelOf(edited('issues/payment-timeout.md', 'reproduced: { staging: false }', 'reproduced: { staging: true }'));
		expect(computeOverview(model).productionOnly).toEqual([]);
	});

	it('lists an environment verified longer ago than stale_after_days, with its age', () => {
		const model = modelOf(edited('environments/dev.yaml', 'date: 2024-02-20', 'date: 2024-01-30'));
		expect(computeOverview(model).stale.map((s) => [s.env.id, s.ageDays])).toEqual([['dev', 31]]);
	});

	it('does not list an environment verified exactly stale_after_days ago', () => {
		const model = modelOf(edited('environments/dev.yaml', 'date: 2024-02-20', 'date: 2024-01-31'));
		expect(computeOverview(model).stale).toEqual([]);
	});

	it('lists a never-verified environment with no age', () => {
		const model = modelOf(edited('environments/staging.yaml', 'verified: { date: 2024-02-20, by: "@ana" }\n', ''));
		expect(computeOverview(model).stale.map((s) => [s.env.id, s.ageDays])).toEqual([['staging', null]]);
	});
});

describe('isOpen', () => {
	it.each([
		['open', true],
		['investigating', true],
		['resolved', false],
		['wont-fix', false],
	])('is %s → %s', (status, open) => {
		const issue = modelOf(withFiles({ 'issues/x.md': issueFile({ status }) })).issues.find((i) => i.id === 'x')!;
		expect(isOpen(issue)).toBe(open);
	});
});

describe('boardColumn', () => {
	it('puts a complete change in complete (the baseline)', () => {
		expect(boardColumn(modelOf().propagation.get('redis-pool')!)).toBe('complete');
	});

	it('puts a change applied in some environments and skipped in the rest in complete', () => {
		const p = propagationOf(
			changeFile({
				propagation:
					'{ dev: { status: skipped, note: Not used there }, staging: { status: applied, date: 2024-02-26 }, production: { status: applied, date: 2024-02-27 } }',
			}),
		);
		expect(p.state).toBe('complete');
		expect(boardColumn(p)).toBe('complete');
	});

	it('puts a recent change applied nowhere in pending', () => {
		const p = propagationOf(changeFile({ date: '2024-02-25' }));
		expect(p.state).toBe('not-started');
		expect(boardColumn(p)).toBe('pending');
	});

	it('puts a change applied in some environments in in-progress', () => {
		const p = propagationOf(changeFile({ propagation: '{ dev: { status: applied, date: 2024-02-25 } }' }));
		expect(p.state).toBe('in-progress');
		expect(boardColumn(p)).toBe('in-progress');
	});

	it('keeps a change in in-progress when it has waited exactly pending_after_days', () => {
		const p = propagationOf(changeFile({ date: '2024-02-16', propagation: '{ dev: { status: applied, date: 2024-02-16 } }' }));
		expect(p.pendingDays).toBe(14);
		expect(boardColumn(p)).toBe('in-progress');
	});

	it('moves an in-progress change that has waited longer than pending_after_days to stalled', () => {
		const p = propagationOf(changeFile({ date: '2024-02-15', propagation: '{ dev: { status: applied, date: 2024-02-15 } }' }));
		expect(p.state).toBe('in-progress');
		expect(boardColumn(p)).toBe('stalled');
	});

	it('moves a change applied nowhere for too long to stalled', () => {
		const p = propagationOf(changeFile({ date: '2024-01-01' }));
		expect(p.state).toBe('not-started');
		expect(boardColumn(p)).toBe('stalled');
	});

	it('puts a rolled-back change in rolled-back', () => {
		const p = propagationOf(changeFile({ propagation: '{ dev: { status: applied, date: 2024-02-25 }, staging: rolled-back }' }));
		expect(p.state).toBe('rolled-back');
		expect(boardColumn(p)).toBe('rolled-back');
	});

	it('puts a failed change in the rolled-back-or-failed column', () => {
		const p = propagationOf(changeFile({ propagation: '{ dev: { status: applied, date: 2024-02-25 }, staging: failed }' }));
		expect(p.state).toBe('failed');
		expect(boardColumn(p)).toBe('rolled-back');
	});

	it('puts an old rolled-back change in rolled-back rather than stalled', () => {
		const p = propagationOf(changeFile({ date: '2024-01-01', propagation: '{ dev: rolled-back }' }));
		expect(boardColumn(p)).toBe('rolled-back');
	});

	it('has a titled column for every place a change can go, in board order', () => {
		expect(BOARD_COLUMNS.map((c) => c.id)).toEqual(['pending', 'in-progress', 'stalled', 'complete', 'rolled-back']);
		expect(BOARD_COLUMNS.find((c) => c.id === 'rolled-back')!.title).toBe('Rolled back or failed');
	});
});

describe('changesInColumn', () => {
	const model = modelOf(
		withFiles({
			'changes/a-later.md': changeFile({ date: '2024-02-26', propagation: '{ dev: { status: applied, date: 2024-02-26 } }' }),
			'changes/b-earlier.md': changeFile({ date: '2024-02-24', propagation: '{ dev: { status: applied, date: 2024-02-24 } }' }),
			'changes/c-same-day.md': changeFile({ date: '2024-02-26', propagation: '{ dev: { status: applied, date: 2024-02-26 } }' }),
			'changes/waiting.md': changeFile({ date: '2024-02-27' }),
		}),
	);

	it('lists the changes of one column, newest first, then by id', () => {
		expect(changesInColumn(model, model.changes, 'in-progress').map((c) => c.id)).toEqual(['a-later', 'c-same-day', 'b-earlier']);
	});

	it('puts every change in exactly one column', () => {
		const placed = BOARD_COLUMNS.flatMap((c) => changesInColumn(model, model.changes, c.id).map((change) => change.id));
		expect(placed.sort()).toEqual(model.changes.map((c) => c.id).sort());
	});

	it('only looks at the changes it is given', () => {
		const subset = model.changes.filter((c) => c.id !== 'a-later');
		expect(changesInColumn(model, subset, 'in-progress').map((c) => c.id)).toEqual(['c-same-day', 'b-earlier']);
	});

	it('is empty for a column no change is in', () => {
		expect(changesInColumn(model, model.changes, 'stalled')).toEqual([]);
	});
});
