import type { Environment } from '../lib/model/project.ts';
import type { DiffRow } from '../lib/model/compare.ts';
import { displayValue } from '../lib/model/settings.ts';

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
