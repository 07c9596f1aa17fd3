import { diffEnvironments, type DiffRow } from '../model/compare.ts';
import type { ParityModel } from '../model/parity-model.ts';
import type { Change, Environment, Issue, Runbook } from '../model/project.ts';
import type { Propagation } from '../model/propagation.ts';
import { canonicalKey } from '../model/setting-key.ts';
import { displayValue } from '../model/settings.ts';
import type { RowStatus } from '../model/parity-matrix.ts';

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
	const settings = model.matrix.filter((row) => env.id in row.values).map((row) => ({ key: row.key, value: displayValue(row.values[env.id]), status: row.status }));
	const applied: EnvironmentView['applied'] = [];
	const pending: EnvironmentView['pending'] = [];
	for (const change of model.changes) {
		const propagation = model.propagation.get(change.id)!;
		const step = propagation.steps[env.id]!;
		if (step.status === 'applied') applied.push({ change, date: step.date });
		else if (step.status === 'pending' && propagation.state !== 'rolled-back') pending.push({ change, propagation });
	}
	applied.sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : -1));
	return {
		env,
		previous: neighbour(model.environments[index - 1]),
		next: neighbour(model.environments[index + 1]),
		settings,
		applied,
		pending,
		issues: model.issues.filter((issue) => issue.data.environments.includes(env.id)),
	};
}

/** The current values of a bug's related settings in every environment, so the explanation is on the page. */
export function relatedSettings(model: ParityModel, keys: readonly string[]): { key: string; status: RowStatus | null; values: { env: string; value: string | null }[] }[] {
	return keys.map((raw) => {
		const key = canonicalKey(raw);
		const row = model.matrix.find((r) => r.key === key);
		return {
			key,
			status: row?.status ?? null,
			values: model.environments.map((env) => ({ env: env.id, value: row && env.id in row.values ? displayValue(row.values[env.id]) : null })),
		};
	});
}

/** Where a bug was observed, reproduced, not reproduced, or not tried, environment by environment. */
export function reproductionTable(model: ParityModel, issue: Issue): { env: Environment; result: 'observed' | 'reproduced' | 'not reproduced' | 'not tried' }[] {
	const reproduced = issue.data.reproduced ?? {};
	return model.environments.map((env) => ({
		env,
		result: issue.data.environments.includes(env.id) ? 'observed' : env.id in reproduced ? (reproduced[env.id] ? 'reproduced' : 'not reproduced') : 'not tried',
	}));
}

/** The matrix rows of the keys a change sets. */
export function changeRows(model: ParityModel, change: Change) {
	const keys = new Set(Object.keys(change.data.settings ?? {}).map(canonicalKey));
	return model.matrix.filter((row) => keys.has(row.key));
}

/** Bugs that name a runbook, for its back-links. */
export function issuesUsingRunbook(model: ParityModel, runbook: Runbook): Issue[] {
	const names = new Set([runbook.id, ...(runbook.data.aliases ?? [])]);
	const listed = new Set(runbook.data.issues ?? []);
	return model.issues.filter((issue) => (issue.data.runbooks ?? []).some((r) => names.has(r)) || listed.has(issue.id) || (issue.data.aliases ?? []).some((a) => listed.has(a)));
}

/** Resolves references (ids or aliases) of one kind to entities, skipping unknown ones. */
export function resolveRefs<T extends { id: string; data: { aliases?: string[] } }>(entities: readonly T[], refs: readonly string[] | undefined): T[] {
	return (refs ?? []).map((ref) => entities.find((e) => e.id === ref || e.data.aliases?.includes(ref))).filter((e): e is T => e !== undefined);
}
