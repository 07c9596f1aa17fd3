import { diffEnvironments } from '../../model/compare.ts';
import type { RowStatus } from '../../model/parity-matrix.ts';
import type { ParityModel } from '../../model/parity-model.ts';
import type { SiteLinks } from '../links.ts';
import { tableLegend, type LegendItem } from '../matrix-view.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { diffTable, type SettingsTableView } from './settings-table.ts';

/** Everything the comparison of two environments shows. */
export interface ComparePage {
	layout: LayoutView;
	title: string;
	count: number;
	/** How many of the differing settings drift, are missing on one side, or are documented. */
	counts: { drift: number; missing: number; documented: number };
	swap: string;
	others: { label: string; href: string }[];
	legend: readonly LegendItem[];
	/** Drift first, then missing, then documented; by key within each. */
	table: SettingsTableView;
}

// What needs attention first: undocumented drift, then a setting one side lacks, then documented differences.
const ORDER: Record<RowStatus, number> = { drift: 0, missing: 1, documented: 2, same: 3 };

const LEGEND = tableLegend('the two values differ, and no difference documents it');

/** Where environment `a` and environment `b` differ, key by key. */
export function comparePage(model: ParityModel, links: SiteLinks, aId: string, bId: string): ComparePage {
	const a = model.environments.find((e) => e.id === aId)!;
	const b = model.environments.find((e) => e.id === bId)!;
	const rows = diffEnvironments(model, a, b, false).sort((x, y) => ORDER[x.status] - ORDER[y.status]);
	const counts = { drift: 0, missing: 0, documented: 0 };
	for (const row of rows) if (row.status !== 'same') counts[row.status]++;
	const title = `${a.data.name} → ${b.data.name}`;
	return {
		layout: layoutView(model, links, { title, description: `Where ${a.data.name} and ${b.data.name} differ.` }),
		title,
		count: rows.length,
		counts,
		swap: links.compare(b.id, a.id),
		others: model.environments.filter((e) => e !== a && e !== b).map((e) => ({ label: e.data.name, href: links.compare(a.id, e.id) })),
		legend: LEGEND,
		table: diffTable(model, links, rows, { id: a.id, name: a.data.name }, { id: b.id, name: b.data.name }),
	};
}
