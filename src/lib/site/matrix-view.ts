import type { MatrixRow, RowStatus } from '../model/parity-matrix.ts';
import type { ParityModel } from '../model/parity-model.ts';
import { displayValue, valueIdentity } from '../model/settings.ts';
import type { Skew } from '../model/version.ts';

/** One cell of the matrix as shown. */
export interface MatrixCell {
	env: string;
	present: boolean;
	text: string;
	/** The value departs from the row's most common value, or no value is most common (a tie), or it is missing. */
	odd: boolean;
}

/** One row of the matrix as shown. */
export interface MatrixRowView {
	key: string;
	prefix: string;
	status: RowStatus;
	skew: Skew | null;
	cells: MatrixCell[];
	/** Index of the covering (or outdated) difference in differences.yaml. */
	difference: number | null;
	outdated: boolean;
	/** Every environment holds the key, with the same value (a row a difference covers may still be identical). */
	identical: boolean;
}

/** The statuses in the order the filters show them. */
export const STATUSES: readonly RowStatus[] = ['drift', 'missing', 'documented', 'same'];

/** Human labels of row statuses: shown as text beside the colour, never colour alone. */
export const STATUS_LABELS: Record<RowStatus, string> = { same: 'Same', documented: 'Documented', drift: 'Drift', missing: 'Missing' };

/** One entry of a table's legend: a status badge, a cell tint or the skew pill, and what it means. */
export interface LegendItem {
	mark: { kind: 'status'; status: RowStatus } | { kind: 'tint'; tint: 'drift' | 'missing' } | { kind: 'skew' };
	text: string;
}

const STATUS_MEANINGS: Record<RowStatus, string> = {
	same: 'the same value everywhere',
	documented: 'the values differ as a documented difference says ("why" links it)',
	drift: 'the values differ, and no difference documents it',
	missing: 'some environment lacks the setting',
};

/** What the matrix's badges, tints and skew pill mean; `cells` says what a red tint marks there. */
export function tableLegend(cells: string): LegendItem[] {
	return [
		...STATUSES.map((status) => ({ mark: { kind: 'status' as const, status }, text: STATUS_MEANINGS[status] })),
		{ mark: { kind: 'tint', tint: 'drift' }, text: cells },
		{ mark: { kind: 'tint', tint: 'missing' }, text: 'missing there' },
		{ mark: { kind: 'skew' }, text: 'the largest version gap: major, minor or patch' },
	];
}

/** The matrix's legend. */
export const MATRIX_LEGEND: readonly LegendItem[] = tableLegend(
	"in a row of drift, a value that departs from the row's most common one (every value, when none is most common)",
);

/** Builds the rows of the matrix page, optionally filtered by status or top-level key prefix. */
export function matrixView(model: ParityModel, filter: { status?: RowStatus; prefix?: string } = {}): MatrixRowView[] {
	return model.matrix
		.filter((row) => (!filter.status || row.status === filter.status) && (!filter.prefix || row.segments[0] === filter.prefix))
		.map((row) => rowView(model, row));
}

/** How many rows of the matrix have each status. */
export function countStatuses(rows: readonly { status: RowStatus }[]): Record<RowStatus, number> {
	const counts: Record<RowStatus, number> = { same: 0, documented: 0, drift: 0, missing: 0 };
	for (const row of rows) counts[row.status]++;
	return counts;
}

/** The top-level key prefixes, for the prefix filter. */
export function matrixPrefixes(model: ParityModel): string[] {
	return [...new Set(model.matrix.map((row) => row.segments[0]!))].sort();
}

/** One row as shown; for pages that show a few rows of the matrix. */
export function rowView(model: ParityModel, row: MatrixRow): MatrixRowView {
	const counts = new Map<string, number>();
	for (const value of Object.values(row.values)) counts.set(valueIdentity(value), (counts.get(valueIdentity(value)) ?? 0) + 1);
	const ranked = [...counts].sort((a, b) => b[1] - a[1]);
	// With a tie for the most common value (every value different, or two halves), no value is the norm: every cell departs.
	const common = ranked.length > 1 && ranked[0]![1] === ranked[1]![1] ? undefined : ranked[0]?.[0];
	const everywhere = model.environments.every((env) => env.id in row.values);
	return {
		key: row.key,
		prefix: row.segments[0]!,
		status: row.status,
		skew: row.skew,
		difference: row.difference ?? row.outdatedDifference,
		outdated: row.outdatedDifference !== null,
		identical: everywhere && counts.size === 1,
		cells: model.environments.map((env) => {
			const present = env.id in row.values;
			return {
				env: env.id,
				present,
				text: present ? displayValue(row.values[env.id]) : 'missing',
				odd: !present || (counts.size > 1 && valueIdentity(row.values[env.id]) !== common),
			};
		}),
	};
}
