import type { ParityModel } from '../model/parity-model.ts';
import type { Change, Environment, Issue, Runbook } from '../model/project.ts';

/** Pagefind filter values of a page: filter name → values (rendered as `data-pagefind-filter` elements). */
export type SearchFilters = Record<string, string[]>;

/** The search filters of an environment page. */
export function environmentFilters(env: Environment): SearchFilters {
	return { kind: ['environment'], environment: [env.id], stage: [env.data.stage] };
}

/**
 * The search filters of a change page. Its environments are the ones it still waits on (pending,
 * failed or rolled back there), so that "production" finds what has not reached production; every
 * change concerns every environment, and listing them all would only weigh down the filter index.
 */
export function changeFilters(model: ParityModel, change: Change): SearchFilters {
	const propagation = model.propagation.get(change.id)!;
	const waiting = model.environments.filter((e) => ['pending', 'failed', 'rolled-back'].includes(propagation.steps[e.id]!.status));
	return {
		kind: ['change'],
		environment: waiting.map((e) => e.id),
		stage: [...new Set(waiting.map((e) => e.data.stage))],
		status: [propagation.stalled ? 'stalled' : propagation.state],
	};
}

/** The search filters of an issue page, including production-only. */
export function issueFilters(model: ParityModel, issue: Issue): SearchFilters {
	const stages = issue.data.environments
		.map((id) => model.environments.find((e) => e.id === id)?.data.stage)
		.filter((s): s is string => !!s);
	return {
		kind: ['issue'],
		environment: issue.data.environments,
		stage: [...new Set(stages)],
		status: [issue.data.status],
		severity: [issue.data.severity],
		production_only: [model.productionOnly.get(issue.id) ? 'yes' : 'no'],
	};
}

/** The search filters of a runbook page. */
export function runbookFilters(model: ParityModel, runbook: Runbook): SearchFilters {
	const envs = runbook.data.environments ?? [];
	const stages = envs.map((id) => model.environments.find((e) => e.id === id)?.data.stage).filter((s): s is string => !!s);
	return { kind: ['runbook'], environment: envs, stage: [...new Set(stages)] };
}
