import { diffEnvironments } from '../../model/compare.ts';
import type { ParityModel } from '../../model/parity-model.ts';
import type { SiteLinks } from '../links.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { diffTable, type SettingsTableView } from './settings-table.ts';

/** Everything the comparison of two environments shows. */
export interface ComparePage {
	layout: LayoutView;
	title: string;
	count: number;
	swap: string;
	others: { label: string; href: string }[];
	table: SettingsTableView;
}

/** Where environment `a` and environment `b` differ, key by key. */
export function comparePage(model: ParityModel, links: SiteLinks, aId: string, bId: string): ComparePage {
	const a = model.environments.find((e) => e.id === aId)!;
	const b = model.environments.find((e) => e.id === bId)!;
	const rows = diffEnvironments(model, a, b, false);
	const title = `${a.data.name} → ${b.data.name}`;
	return {
		layout: layoutView(model, links, { title, description: `Where ${a.data.name} and ${b.data.name} differ.` }),
		title,
		count: rows.length,
		swap: links.compare(b.id, a.id),
		others: model.environments.filter((e) => e !== a && e !== b).map((e) => ({ label: e.data.name, href: links.compare(a.id, e.id) })),
		table: diffTable(links, rows, { name: a.data.name }, { name: b.data.name }),
	};
}
