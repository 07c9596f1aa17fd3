import type { ParityModel } from '../../model/parity-model.ts';
import type { Change } from '../../model/project.ts';
import type { Propagation } from '../../model/propagation.ts';
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

/** A labelled badge on a card; the text says what the tone does. */
export interface CardBadge {
	label: string;
	tone: Tone;
}

/** One change on a board column. */
export interface BoardCard {
	href: string;
	title: string;
	meta: string;
	/** Failed, rolled back, stalled, a hotfix ahead of earlier stages. */
	badges: CardBadge[];
}

/** One column of a board: the whole board's columns are propagation states, one environment's are its steps. */
export interface BoardColumnView {
	id: string;
	title: string;
	count: number;
	cards: BoardCard[];
	/** What the column says when it holds no change. */
	empty: string;
	more?: { href: string; label: string };
}

/** Everything the changes board (whole, or for one environment) shows. */
export interface ChangesBoardPage {
	layout: LayoutView;
	title: string;
	lede: string;
	chips: { label: string; href: string; current: boolean }[];
	columns: BoardColumnView[];
}

/** The columns of one environment's board: where each change stands in that environment. */
const ENVIRONMENT_COLUMNS = [
	{ id: 'pending', title: 'Pending here', statuses: ['pending'], empty: 'Nothing waits to be applied here.' },
	{ id: 'applied', title: 'Applied here', statuses: ['applied'], empty: 'No change applied here yet.' },
	{
		id: 'failed',
		title: 'Failed or rolled back here',
		statuses: ['failed', 'rolled-back'],
		empty: 'Nothing failed or was rolled back here.',
	},
] as const;

// A column shows its newest changes; the full list is a paginated page of its own.
const COLUMN_LIMIT = 20;

/** The changes board: every change by propagation state, or those pending or applied in one environment. */
export function changesBoardPage(model: ParityModel, links: SiteLinks, env?: string): ChangesBoardPage {
	const environment = env ? model.environments.find((e) => e.id === env) : undefined;
	const title = environment ? `Changes in ${environment.data.name}` : 'Changes';
	return {
		layout: layoutView(model, links, { title, description: 'Configuration changes and their propagation through the pipeline.' }),
		title,
		lede: environment
			? `Where each change stands in ${environment.data.name}; a change skipped here is left out.`
			: 'Every change by where it stands in the pipeline as a whole.',
		chips: [
			{ label: 'All environments', href: links.changes(), current: !env },
			...model.environments.map((e) => ({ label: e.data.name, href: links.changes(e.id), current: env === e.id })),
		],
		columns: environment ? environmentColumns(model, links, environment.id) : boardColumns(model, links),
	};
}

/** The whole board's columns: each change by its propagation state, stalled changes apart. */
function boardColumns(model: ParityModel, links: SiteLinks): BoardColumnView[] {
	return BOARD_COLUMNS.map((column) => {
		const all = changesInColumn(model, model.changes, column.id);
		return {
			id: column.id,
			title: column.title,
			count: all.length,
			cards: all.slice(0, COLUMN_LIMIT).map((change) => boardCard(model, links, change)),
			empty: `No change is ${column.title.toLowerCase()}.`,
			...(all.length > COLUMN_LIMIT
				? { more: { href: links.changeColumn(column.id), label: `All ${all.length} ${column.title.toLowerCase()} changes →` } }
				: {}),
		};
	});
}

/** One environment's columns: pending, applied, failed or rolled back there; cards speak of that environment. */
function environmentColumns(model: ParityModel, links: SiteLinks, env: string): BoardColumnView[] {
	const newestFirst = [...model.changes].sort((a, b) =>
		a.data.date < b.data.date ? 1 : a.data.date > b.data.date ? -1 : a.id < b.id ? -1 : 1,
	);
	return ENVIRONMENT_COLUMNS.map((column) => {
		const all = newestFirst.filter((c) => (column.statuses as readonly string[]).includes(model.propagation.get(c.id)!.steps[env]!.status));
		return {
			id: column.id,
			title: column.title,
			count: all.length,
			cards: all.map((change) => environmentCard(model, links, change, env)),
			empty: column.empty,
		};
	});
}

/** The badges a change's state calls for on the whole board. */
function stateBadges(p: Propagation): CardBadge[] {
	return [
		...(p.state === 'failed' ? [{ label: 'failed', tone: 'bad' as const }] : []),
		...(p.state === 'rolled-back' ? [{ label: 'rolled back', tone: 'bad' as const }] : []),
		...(p.outOfOrder ? [{ label: 'hotfix ahead of earlier stages', tone: 'warn' as const }] : []),
	];
}

function boardCard(model: ParityModel, links: SiteLinks, change: Change): BoardCard {
	const p = model.propagation.get(change.id)!;
	return {
		href: links.change(change.id),
		title: change.data.title,
		meta: `${change.data.date}${p.pending.length > 0 ? ` · pending in ${p.pending.join(', ')}` : ''}${p.stalled ? ` for ${p.pendingDays} days` : ''}`,
		badges: stateBadges(p),
	};
}

/** A card on one environment's board: what happened to the change there, and since when. */
function environmentCard(model: ParityModel, links: SiteLinks, change: Change, env: string): BoardCard {
	const p = model.propagation.get(change.id)!;
	const step = p.steps[env]!;
	const stalled = p.stalledIn.find((s) => s.environment === env);
	const badges: CardBadge[] = [];
	let meta: string;
	if (step.status === 'pending') {
		meta = stalled ? `waiting here ${stalled.days} days (since ${stalled.since})` : `change of ${change.data.date}`;
		if (stalled) badges.push({ label: 'stalled', tone: 'warn' });
		if (p.state === 'failed' || p.state === 'rolled-back')
			badges.push({ label: `${p.state === 'failed' ? 'failed' : 'rolled back'} elsewhere`, tone: 'bad' });
	} else if (step.status === 'applied') {
		meta = `applied here ${step.date}`;
		if (p.outOfOrderIn.some((o) => o.applied === env)) badges.push({ label: 'hotfix ahead of earlier stages', tone: 'warn' });
	} else {
		meta = `${step.status === 'failed' ? 'failed' : 'rolled back'} here${step.date ? ` ${step.date}` : ''}`;
		badges.push({ label: step.status === 'failed' ? 'failed' : 'rolled back', tone: 'bad' });
	}
	return { href: links.change(change.id), title: change.data.title, meta, badges };
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
