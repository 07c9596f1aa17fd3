import type { ParityModel } from '../model/parity-model.ts';
import type { Change, Environment, Issue } from '../model/project.ts';
import type { Propagation } from '../model/propagation.ts';
import type { Skew } from '../model/version.ts';
import { isOpenStatus } from '../schema/issue.ts';
import { countStatuses } from './matrix-view.ts';

/** The figures of the home page. */
export interface Overview {
	counts: { keys: number; same: number; documented: number; drift: number; missing: number };
	skews: Record<Skew, number>;
	/** Changes not yet everywhere (failed ones still pending somewhere included; rolled-back ones were undone), longest waiting first. */
	waiting: { change: Change; propagation: Propagation }[];
	/** Production-only bugs: open ones first, then the most recently opened. */
	productionOnly: Issue[];
	stale: { env: Environment; ageDays: number | null }[];
}

/** Computes the home page's summary of parity. */
export function computeOverview(model: ParityModel): Overview {
	const counts = { keys: model.matrix.length, ...countStatuses(model.matrix) };
	const skews: Record<Skew, number> = { major: 0, minor: 0, patch: 0 };
	for (const row of model.matrix) if (row.skew) skews[row.skew]++;
	const waiting = model.changes
		.map((change) => ({ change, propagation: model.propagation.get(change.id)! }))
		.filter(({ propagation }) => propagation.pending.length > 0 && propagation.state !== 'rolled-back')
		.sort((a, b) => b.propagation.pendingDays - a.propagation.pendingDays || (a.change.id < b.change.id ? -1 : 1));
	const productionOnly = model.issues
		.filter((issue) => model.productionOnly.get(issue.id))
		.sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)) || (a.data.opened < b.data.opened ? 1 : -1));
	const stale = model.environments
		.filter((env) => model.freshness.get(env.id)!.stale)
		.map((env) => ({ env, ageDays: model.freshness.get(env.id)!.ageDays }));
	return { counts, skews, waiting, productionOnly, stale };
}

/** Whether an issue still needs work. */
export function isOpen(issue: Issue): boolean {
	return isOpenStatus(issue.data.status);
}

/** A change's board column: the propagation state, with stalled changes apart. */
export type BoardColumn = 'pending' | 'in-progress' | 'stalled' | 'complete' | 'rolled-back';

/** Where a change sits on the changes board. */
export function boardColumn(propagation: Propagation): BoardColumn {
	if (propagation.state === 'rolled-back' || propagation.state === 'failed') return 'rolled-back';
	if (propagation.stalled) return 'stalled';
	if (propagation.state === 'complete') return 'complete';
	return propagation.state === 'not-started' ? 'pending' : 'in-progress';
}

/** The columns of the changes board, in order. */
export const BOARD_COLUMNS: readonly { id: BoardColumn; title: string }[] = [
	{ id: 'pending', title: 'Pending' },
	{ id: 'in-progress', title: 'In progress' },
	{ id: 'stalled', title: 'Stalled' },
	{ id: 'complete', title: 'Complete' },
	{ id: 'rolled-back', title: 'Rolled back or failed' },
];

// Every page of a paginated column asks for the same column: sort the model's changes once, and
// split each list of changes into columns once.
const newestFirstCache = new WeakMap<ParityModel, readonly Change[]>();
const columnCache = new WeakMap<readonly Change[], Map<BoardColumn, Change[]>>();

/** The changes of one board column, newest first; `changes` is the model's list or a subset of it. */
export function changesInColumn(model: ParityModel, changes: readonly Change[], column: BoardColumn): readonly Change[] {
	let columns = columnCache.get(changes);
	if (!columns) {
		let newestFirst = newestFirstCache.get(model);
		if (!newestFirst) {
			newestFirst = [...model.changes].sort((a, b) =>
				a.data.date < b.data.date ? 1 : a.data.date > b.data.date ? -1 : a.id < b.id ? -1 : 1,
			);
			newestFirstCache.set(model, newestFirst);
		}
		const wanted = changes === model.changes ? undefined : new Set(changes);
		columns = new Map(BOARD_COLUMNS.map(({ id }) => [id, [] as Change[]]));
		for (const change of newestFirst) {
			if (!wanted || wanted.has(change)) columns.get(boardColumn(model.propagation.get(change.id)!))!.push(change);
		}
		columnCache.set(changes, columns);
	}
	return columns.get(column)!;
}
