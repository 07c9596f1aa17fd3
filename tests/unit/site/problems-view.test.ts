import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../../src/lib/diagnostics/codes.ts';
import type { Diagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';
import { groupProblems, PROBLEM_GROUPS } from '../../../src/lib/site/problems-view.ts';
import { analyzeFiles } from '../../helpers/repo.ts';
import { edited } from './site-repo.ts';

function problem(code: DiagnosticCode, line = 1): Diagnostic {
	return { file: 'environments/dev.yaml', line, column: 1, severity: 'warning', code, message: `${code} here.` };
}

const ALL_CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

describe('groupProblems', () => {
	it('has no groups when there are no problems', () => {
		expect(groupProblems([])).toEqual([]);
	});

	it('puts every problem in exactly one group, whatever its code', () => {
		const problems = ALL_CODES.map((code) => problem(code));
		const groups = groupProblems(problems);
		const placed = groups.flatMap((g) => g.problems);
		expect(placed).toHaveLength(problems.length);
		expect(new Set(placed)).toEqual(new Set(problems));
	});

	it('names no code in two groups, and only codes that exist', () => {
		const named = PROBLEM_GROUPS.flatMap((g) => [...g.codes]);
		expect(new Set(named).size).toBe(named.length);
		for (const code of named) expect(ALL_CODES).toContain(code);
	});

	it.each([
		['undocumented-drift', 'drift'],
		['missing-setting', 'drift'],
		['difference-outdated', 'drift'],
		['version-as-number', 'drift'],
		['change-stalled', 'changes'],
		['change-out-of-order', 'changes'],
		['change-not-reflected', 'changes'],
		['verification-stale', 'freshness'],
		['verification-future', 'freshness'],
		['difference-review-due', 'freshness'],
		['runbook-review-due', 'freshness'],
		['date-in-future', 'freshness'],
		['yaml-syntax', 'other'],
		['unknown-environment', 'other'],
		['secret-value', 'other'],
	] as [DiagnosticCode, string][])('puts %s in %s', (code, group) => {
		expect(groupProblems([problem(code)]).map((g) => g.id)).toEqual([group]);
	});

	it('drops empty groups and keeps the page order of the rest', () => {
		const groups = groupProblems([problem('yaml-syntax'), problem('change-stalled'), problem('undocumented-drift')]);
		expect(groups.map((g) => [g.id, g.title])).toEqual([
			['drift', 'Drift'],
			['changes', 'Changes'],
			['other', 'Other'],
		]);
	});

	it('keeps the order of the problems within a group', () => {
		const first = problem('missing-setting', 3);
		const second = problem('undocumented-drift', 1);
		expect(groupProblems([first, second])[0]!.problems).toEqual([first, second]);
	});

	it('groups the problems of a real analysis: a drifting setting lands in drift', () => {
		const { problems } = analyzeFiles(edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30'));
		expect(problems.map((p) => p.code)).toEqual(['undocumented-drift']);
		expect(groupProblems(problems).map((g) => [g.id, g.problems.length])).toEqual([['drift', 1]]);
	});
});
