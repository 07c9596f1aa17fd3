import type { ParityModel } from '../../model/parity-model.ts';
import type { Change } from '../../model/project.ts';
import { displayValue } from '../../model/settings.ts';
import { propagationDiagram } from '../diagrams.ts';
import { byline, changeRows, changeStateLabel, issuesNamingChange } from '../entity-views.ts';
import type { SiteLinks } from '../links.ts';
import { rowView } from '../matrix-view.ts';
import { BOARD_COLUMNS, changesInColumn, type BoardColumn } from '../overview.ts';
import { pageOf, type Page } from '../paging.ts';
import { siteIndex } from '../site-index.ts';
import { shortList, type ListItem, type ShortList } from './entity-list.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { matrixTable, type SettingsTableView } from './settings-table.ts';

type Tone = 'good' | 'bad' | 'warn';

/** One change on a board column. */
export interface BoardCard {
	href: string;
	title: string;
	meta: string;
	failed: boolean;
	outOfOrder: boolean;
}

/** Everything the changes board (whole, or for one environment) shows. */
export interface ChangesBoardPage {
	layout: LayoutView;
	title: string;
	chips: { label: string; href: string; current: boolean }[];
	columns: { id: BoardColumn; title: string; count: number; cards: BoardCard[]; more?: { href: string; label: string } }[];
}

// A column shows its newest changes; the full list is a paginated page of its own.
const COLUMN_LIMIT = 20;

/** The changes board: every change by propagation state, or those pending or applied in one environment. */
export function changesBoardPage(model: ParityModel, links: SiteLinks, env?: string): ChangesBoardPage {
	const changes = env
		? model.changes.filter((c) => ['pending', 'applied', 'failed', 'rolled-back'].includes(model.propagation.get(c.id)!.steps[env]!.status))
		: model.changes;
	const name = env ? model.environments.find((e) => e.id === env)!.data.name : undefined;
	const title = name ? `Changes in ${name}` : 'Changes';
	return {
		layout: layoutView(model, links, { title, description: 'Configuration changes and their propagation through the pipeline.' }),
		title,
		chips: [
			{ label: 'All environments', href: links.changes(), current: !env },
			...model.environments.map((e) => ({ label: e.data.name, href: links.changes(e.id), current: env === e.id })),
		],
		columns: BOARD_COLUMNS.map((column) => {
			const all = changesInColumn(model, changes, column.id);
			return {
				id: column.id,
				title: column.title,
				count: all.length,
				cards: all.slice(0, COLUMN_LIMIT).map((change) => boardCard(model, links, change)),
				...(all.length > COLUMN_LIMIT
					? { more: { href: links.changeColumn(column.id), label: `All ${all.length} ${column.title.toLowerCase()} changes →` } }
					: {}),
			};
		}),
	};
}

function boardCard(model: ParityModel, links: SiteLinks, change: Change): BoardCard {
	const p = model.propagation.get(change.id)!;
	return {
		href: links.change(change.id),
		title: change.data.title,
		meta: `${change.data.date}${p.pending.length > 0 ? ` · pending in ${p.pending.join(', ')}` : ''}${p.stalled ? ` for ${p.pendingDays} days` : ''}`,
		failed: p.state === 'failed',
		outOfOrder: p.outOfOrder,
	};
}

/** Everything one board column's full list shows, one page of it. */
export interface ChangeColumnPage {
	layout: LayoutView;
	title: string;
	lede: string;
	board: string;
	/** One page of the column's changes, and what the list says when the column is empty. */
	page: Page<ListItem>;
	empty: string;
	paginationLabel: string;
}

/** Page `n` of the full list of one board column, newest first. */
export function changeColumnPage(model: ParityModel, links: SiteLinks, column: BoardColumn, n = 1): ChangeColumnPage {
	const title = BOARD_COLUMNS.find((c) => c.id === column)!.title;
	const items = changesInColumn(model, model.changes, column);
	const page = pageOf(items, n, links.changeColumn(column));
	const list = page.items.map((c) => {
		const pending = model.propagation.get(c.id)!.pending.length;
		return {
			href: links.change(c.id),
			title: c.data.title,
			note: `${c.data.date}${pending > 0 ? ` · pending in ${pending} environment${pending === 1 ? '' : 's'}` : ''}`,
		};
	});
	return {
		layout: layoutView(model, links, {
			title: `${title} changes${page.currentPage > 1 ? ` (page ${page.currentPage})` : ''}`,
			description: `Every change that is ${title.toLowerCase()}.`,
		}),
		title: `${title} changes`,
		lede: `${page.total} changes, newest first.`,
		board: links.changes(),
		page: { ...page, items: list },
		empty: 'No change in this state.',
		paginationLabel: `${title} change pages`,
	};
}

/** Everything a change page shows. */
export interface ChangePage {
	layout: LayoutView;
	id: string;
	title: string;
	state: { label: string; tone: Tone };
	outOfOrder: boolean;
	facts: { date: string; reason: string; rollback: string; verification?: string; sets: string[] };
	diagram: { code: string; label: string };
	steps: { env: string; href: string; status: string; implicit: boolean; date?: string; by?: string; note?: string }[];
	/** The settings it changes, today; null when it names none that exist. */
	settings: SettingsTableView | null;
	issues: ShortList;
}

/** A change page: its state, facts, propagation (diagram and table), the settings it changes and the bugs that name it. */
export function changePage(model: ParityModel, links: SiteLinks, id: string): ChangePage {
	const change = siteIndex(model).changeByRef.get(id)!;
	const p = model.propagation.get(change.id)!;
	const rows = changeRows(model, change).map((row) => rowView(model, row));
	return {
		layout: layoutView(model, links, { title: change.data.title, file: change.file, description: change.data.reason }),
		id: change.id,
		title: change.data.title,
		state: {
			label: changeStateLabel(p),
			tone: p.state === 'complete' ? 'good' : p.state === 'failed' || p.state === 'rolled-back' ? 'bad' : 'warn',
		},
		outOfOrder: p.outOfOrder,
		facts: {
			date: byline(change.data.date, change.data.author),
			reason: change.data.reason,
			rollback: change.data.rollback,
			...(change.data.verification ? { verification: change.data.verification } : {}),
			sets: Object.entries(change.data.settings ?? {}).map(([k, v]) => `${k}: ${displayValue(v)}`),
		},
		diagram: {
			code: propagationDiagram(p, model.environments, model.config.pipeline),
			label: `Propagation of ${change.data.title} through ${model.config.pipeline.join(', ')}`,
		},
		steps: model.environments.map((env) => {
			const step = p.steps[env.id]!;
			return {
				env: env.data.name,
				href: links.environment(env.id),
				status: step.status,
				implicit: Boolean(step.implicit),
				date: step.date,
				by: step.by,
				note: step.note,
			};
		}),
		settings: rows.length > 0 ? matrixTable(model, links, rows, false) : null,
		issues: shortList(
			issuesNamingChange(model, change).map((i) => ({ href: links.issue(i.id), title: i.data.title, note: i.data.status })),
			Infinity,
			'No bug names this change.',
		),
	};
}
