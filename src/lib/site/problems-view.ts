import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { DiagnosticCode } from '../diagnostics/codes.ts';

/** The groups of the Problems page, in the order shown. */
export const PROBLEM_GROUPS = [
	{ id: 'drift', title: 'Drift', codes: ['undocumented-drift', 'missing-setting', 'difference-outdated', 'version-as-number'] },
	{ id: 'changes', title: 'Changes', codes: ['change-stalled', 'change-out-of-order', 'change-not-reflected'] },
	{
		id: 'freshness',
		title: 'Stale verifications and reviews',
		codes: ['verification-stale', 'verification-future', 'difference-review-due', 'runbook-review-due', 'date-in-future'],
	},
	{ id: 'other', title: 'Other', codes: [] },
] as const satisfies readonly { id: string; title: string; codes: readonly DiagnosticCode[] }[];

/** Groups problems for the Problems page; every problem lands in exactly one group. */
export function groupProblems(problems: readonly Diagnostic[]): { id: string; title: string; problems: Diagnostic[] }[] {
	const known = new Set<string>(PROBLEM_GROUPS.flatMap((g) => [...g.codes]));
	return PROBLEM_GROUPS.map((group) => ({
		id: group.id,
		title: group.title,
		problems: problems.filter((p) => (group.id === 'other' ? !known.has(p.code) : (group.codes as readonly string[]).includes(p.code))),
	})).filter((group) => group.problems.length > 0);
}
