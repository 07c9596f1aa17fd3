import { diffEnvironments, type DiffRow } from '../model/compare.ts';
import type { ParityModel } from '../model/parity-model.ts';
import type { Change, Environment, Issue, Runbook } from '../model/project.ts';
import type { Propagation } from '../model/propagation.ts';
import { canonicalKey } from '../model/setting-key.ts';
import { displayValue } from '../model/settings.ts';
import type { MatrixRow, RowStatus } from '../model/parity-matrix.ts';
import { issuesMatching } from './issue-facets.ts';
import { siteIndex } from './site-index.ts';

/** What an environment page shows beyond its own file. */
export interface EnvironmentView {
	env: Environment;
	previous: { env: Environment; rows: DiffRow[] } | null;
	next: { env: Environment; rows: DiffRow[] } | null;
	settings: { key: string; value: string; status: RowStatus }[];
	applied: { change: Change; date?: string }[];
	pending: { change: Change; propagation: Propagation }[];
	issues: Issue[];
}

/** Computes an environment page: its settings, where it differs from its pipeline neighbours, its changes and bugs. */
export function environmentView(model: ParityModel, env: Environment): EnvironmentView {
	const index = model.environments.indexOf(env);
	const neighbour = (other: Environment | undefined) => (other ? { env: other, rows: diffEnvironments(model, other, env, false) } : null);
	const settings = model.matrix
		.filter((row) => env.id in row.values)
		.map((row) => ({ key: row.key, value: displayValue(row.values[env.id]), status: row.status }));
	const applied: EnvironmentView['applied'] = [];
	const pending: EnvironmentView['pending'] = [];
	for (const change of model.changes) {
		const propagation = model.propagation.get(change.id)!;
		const step = propagation.steps[env.id]!;
		if (step.status === 'applied') applied.push({ change, date: step.date });
		else if (step.status === 'pending' && propagation.state !== 'rolled-back' && propagation.state !== 'failed')
			pending.push({ change, propagation });
	}
	// Newest first, as the filtered indexes that the page links to for the rest.
	applied.sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : -1));
	pending.sort((a, b) =>
		a.change.data.date < b.change.data.date ? 1 : a.change.data.date > b.change.data.date ? -1 : a.change.id < b.change.id ? -1 : 1,
	);
	return {
		env,
		previous: neighbour(model.environments[index - 1]),
		next: neighbour(model.environments[index + 1]),
		settings,
		applied,
		pending,
		issues: issuesMatching(model, 'environment', env.id),
	};
}

/** The current values of a bug's related settings in every environment, so the explanation is on the page. */
export function relatedSettings(
	model: ParityModel,
	keys: readonly string[],
): { key: string; status: RowStatus | null; values: { env: string; value: string | null }[] }[] {
	return keys.map((raw) => {
		const key = canonicalKey(raw);
		const row = siteIndex(model).rowByKey.get(key);
		return {
			key,
			status: row?.status ?? null,
			values: model.environments.map((env) => ({
				env: env.id,
				value: row && env.id in row.values ? displayValue(row.values[env.id]) : null,
			})),
		};
	});
}

/** Where a bug was observed, reproduced, not reproduced, or not tried, environment by environment. */
export function reproductionTable(
	model: ParityModel,
	issue: Issue,
): { env: Environment; result: 'observed' | 'reproduced' | 'not reproduced' | 'not tried' }[] {
	const reproduced = issue.data.reproduced ?? {};
	return model.environments.map((env) => ({
		env,
		result: issue.data.environments.includes(env.id)
			? 'observed'
			: env.id in reproduced
				? reproduced[env.id]
					? 'reproduced'
					: 'not reproduced'
				: 'not tried',
	}));
}

/** The matrix rows of the keys a change sets. */
export function changeRows(model: ParityModel, change: Change): MatrixRow[] {
	const rows = siteIndex(model).rowByKey;
	return Object.keys(change.data.settings ?? {})
		.map((key) => rows.get(canonicalKey(key)))
		.filter((row): row is MatrixRow => row !== undefined);
}

/** Bugs that name a change. */
export function issuesNamingChange(model: ParityModel, change: Change): Issue[] {
	return siteIndex(model).issuesByChange.get(change.id) ?? [];
}

/** Bugs that name a runbook or that it names, for its back-links. */
export function issuesUsingRunbook(model: ParityModel, runbook: Runbook): Issue[] {
	return siteIndex(model).issuesByRunbook.get(runbook.id) ?? [];
}

/** Resolves references (ids or aliases) through a lookup, skipping unknown ones. */
export function resolveRefs<T>(byRef: ReadonlyMap<string, T>, refs: readonly string[] | undefined): T[] {
	return (refs ?? []).map((ref) => byRef.get(ref)).filter((e): e is T => e !== undefined);
}

/** A change's state as its page and its search record show it: "stalled (12 days)" while stalled. */
export function changeStateLabel(propagation: Propagation): string {
	return propagation.stalled ? `stalled (${propagation.pendingDays} days)` : propagation.state;
}

/** A date with who it belongs to, when known: "2024-01-20 by @devops-lead". */
export function byline(date: string, by: string | undefined): string {
	return by ? `${date} by ${by}` : date;
}
