import type { MatrixRow } from '../model/parity-matrix.ts';
import type { ParityModel } from '../model/parity-model.ts';
import type { Change, Issue, Runbook } from '../model/project.ts';

/** Lookups that many pages need, built once per model so that a page costs the same at 10 or 10,000 entities. */
export interface SiteIndex {
	rowByKey: Map<string, MatrixRow>;
	changeByRef: Map<string, Change>;
	runbookByRef: Map<string, Runbook>;
	issueByRef: Map<string, Issue>;
	/** Issues naming a change (by the change's id). */
	issuesByChange: Map<string, Issue[]>;
	/** Issues naming a runbook, or named by it (by the runbook's id). */
	issuesByRunbook: Map<string, Issue[]>;
}

const cache = new WeakMap<ParityModel, SiteIndex>();

/** The lookups of a model, computed on first use. */
export function siteIndex(model: ParityModel): SiteIndex {
	let index = cache.get(model);
	if (index) return index;
	const byRef = <T extends { id: string; data: { aliases?: string[] } }>(list: readonly T[]): Map<string, T> => {
		const map = new Map<string, T>();
		for (const e of list) map.set(e.id, e);
		for (const e of list) for (const alias of e.data.aliases ?? []) if (!map.has(alias)) map.set(alias, e);
		return map;
	};
	const changeByRef = byRef(model.changes);
	const runbookByRef = byRef(model.runbooks);
	const issueByRef = byRef(model.issues);
	const issuesByChange = new Map<string, Issue[]>();
	const issuesByRunbook = new Map<string, Set<Issue>>();
	const add = <K>(map: Map<K, Issue[]>, key: K, issue: Issue): void => {
		const list = map.get(key) ?? [];
		if (!list.includes(issue)) list.push(issue);
		map.set(key, list);
	};
	for (const issue of model.issues) {
		for (const ref of issue.data.changes ?? []) {
			const change = changeByRef.get(ref);
			if (change) add(issuesByChange, change.id, issue);
		}
		for (const ref of issue.data.runbooks ?? []) {
			const runbook = runbookByRef.get(ref);
			if (runbook) (issuesByRunbook.get(runbook.id) ?? issuesByRunbook.set(runbook.id, new Set()).get(runbook.id)!).add(issue);
		}
	}
	for (const runbook of model.runbooks) {
		for (const ref of runbook.data.issues ?? []) {
			const issue = issueByRef.get(ref);
			if (issue) (issuesByRunbook.get(runbook.id) ?? issuesByRunbook.set(runbook.id, new Set()).get(runbook.id)!).add(issue);
		}
	}
	index = {
		rowByKey: new Map(model.matrix.map((row) => [row.key, row])),
		changeByRef,
		runbookByRef,
		issueByRef,
		issuesByChange,
		issuesByRunbook: new Map([...issuesByRunbook].map(([id, set]) => [id, model.issues.filter((i) => set.has(i))])),
	};
	cache.set(model, index);
	return index;
}
