import { classifyRow, type RowStatus } from '../lib/model/parity-matrix.ts';
import type { ParityModel } from '../lib/model/parity-model.ts';
import type { Environment } from '../lib/model/project.ts';
import { displayValue } from '../lib/model/settings.ts';
import { largestSkew, type Skew } from '../lib/model/version.ts';

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
		const { status, difference } = classifyRow(row.segments, row.values, [a, b], model.differences);
		if (status === 'same' && !all) continue;
		rows.push({
			key: row.key, a: row.values[a.id], b: row.values[b.id], status,
			skew: row.isVersion ? largestSkew([row.values[a.id], row.values[b.id]].filter((v) => v !== undefined)) : null,
			difference: difference === null ? null : (model.differences.find((d) => d.index === difference)?.data.key ?? null),
		});
	}
	return rows;
}

/** The side-by-side text table of a diff. */
export function formatDiffTable(a: Environment, b: Environment, rows: readonly DiffRow[]): string {
	const counts = { drift: 0, documented: 0, missing: 0, same: 0 };
	for (const row of rows) counts[row.status]++;
	const differing = rows.length - counts.same;
	const head = `${a.id} → ${b.id}: ${differing} ${differing === 1 ? 'key differs' : 'keys differ'} (${counts.drift} drift, ${counts.documented} documented, ${counts.missing} missing)`;
	if (rows.length === 0) return `${head}\n`;
	const cell = (value: unknown): string => {
		const text = value === undefined ? '(missing)' : displayValue(value);
		return text.length > 38 ? `${text.slice(0, 37)}…` : text;
	};
	const table = [['KEY', a.id.toUpperCase(), b.id.toUpperCase(), 'STATUS', 'SKEW'], ...rows.map((r) => [r.key, cell(r.a), cell(r.b), r.status, r.skew ?? ''])];
	const widths = table[0]!.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
	const lines = table.map((line) => line.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
	return `${head}\n\n${lines.join('\n')}\n`;
}
