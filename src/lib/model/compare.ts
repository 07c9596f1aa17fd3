import { classifyRow, type RowStatus } from './parity-matrix.ts';
import type { ParityModel } from './parity-model.ts';
import type { Environment } from './project.ts';
import { largestSkew, type Skew } from './version.ts';

/** One key compared between two environments. */
export interface DiffRow {
	key: string;
	a: unknown;
	b: unknown;
	status: RowStatus;
	skew: Skew | null;
	difference: string | null;
}

/** Compares two environments key by key; `all` keeps keys that are the same. */
export function diffEnvironments(model: ParityModel, a: Environment, b: Environment, all: boolean): DiffRow[] {
	const rows: DiffRow[] = [];
	for (const row of model.matrix) {
		if (!(a.id in row.values) && !(b.id in row.values)) continue;
		const { status, difference } = classifyRow(row.segments, row.values, [a, b], model.differences, { pairwise: true });
		if (status === 'same' && !all) continue;
		rows.push({
			key: row.key,
			a: row.values[a.id],
			b: row.values[b.id],
			status,
			skew: row.isVersion ? largestSkew([row.values[a.id], row.values[b.id]].filter((v) => v !== undefined)) : null,
			difference: difference === null ? null : (model.differences.find((d) => d.index === difference)?.data.key ?? null),
		});
	}
	return rows;
}
