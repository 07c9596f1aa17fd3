import type { DiffRow } from '../../model/compare.ts';
import type { RowStatus } from '../../model/parity-matrix.ts';
import type { ParityModel } from '../../model/parity-model.ts';
import type { Environment } from '../../model/project.ts';
import { displayValue } from '../../model/settings.ts';
import type { Skew } from '../../model/version.ts';
import { relatedSettings } from '../entity-views.ts';
import type { SiteLinks } from '../links.ts';
import { observedView, sourceLink, type ObservedView, type SourceLink } from '../provenance.ts';
import { siteIndex } from '../site-index.ts';
import type { MatrixRowView } from '../matrix-view.ts';

/** A table of settings: one row per key, one value column per environment, and optionally status and skew. */
export interface SettingsTableView {
	/** `matrix` for the parity matrix's look (tinted cells, key links without underline). */
	variant?: 'matrix';
	columns: { label: string; href?: string; note?: string }[];
	/** The heading of the status column, or null for a table without one. */
	statusHeading: 'Status' | 'Parity' | null;
	skew: boolean;
	rows: SettingsRowView[];
	/** Said under the table: why the cells do not name their source files (a large matrix). */
	note?: string;
}

/**
 * How many values read from source files a table names under their cells. A matrix of 500 settings read from files in 20
 * environments would name 10,000 lines and weigh twice the page target: above this, the cells leave the file and line to
 * each setting's page and the environment pages.
 */
export const SOURCE_CELLS_MAX = 400;

/** One key of a settings table. */
export interface SettingsRowView {
	key: string;
	/** Where the key links: its matrix row (or its own anchor on the full matrix). */
	href: string;
	/** The row's anchor, on the full matrix only. */
	anchor?: string;
	/** Data for the in-page filters of the matrix. */
	filter?: { status: RowStatus; prefix: string };
	/**
	 * One cell per column: the value shown, or null when the setting is missing there; where a value was read from a source
	 * file, that file's line; and what the latest observation said, when it observed the key.
	 */
	cells: { text: string | null; classes: string[]; source?: SourceLink; observed?: ObservedView }[];
	status?: RowStatus | null;
	/** The documented difference that covers the row. */
	why?: { href: string; label: string };
	skew?: Skew | null;
}

/** Where a mention of a key links: its setting page, or its place in the matrix for a key no environment holds today. */
export function keyLink(model: ParityModel, links: SiteLinks, key: string): string {
	return siteIndex(model).rowByKey.has(key) ? links.setting(key) : links.matrixRow(key);
}

/** Where an environment's value of a key was read from and what was observed of it, for a cell; nothing for an inline, unobserved value. */
export function cellProvenance(
	model: ParityModel,
	env: string | undefined,
	key: string,
	sources = true,
): { source?: SourceLink; observed?: ObservedView } {
	if (env === undefined) return {};
	const source = sources ? sourceLink(model, siteIndex(model).rowByKey.get(key)?.sources[env]) : null;
	const observed = observedView(model, env, key);
	return { ...(source ? { source } : {}), ...(observed ? { observed } : {}) };
}

/** The environments as the columns of a settings table; the matrix also shows each one's stage and links it. */
function environmentColumns(environments: readonly Environment[], links?: SiteLinks): SettingsTableView['columns'] {
	return environments.map((env) =>
		links ? { label: env.data.name, href: links.environment(env.id), note: env.data.stage } : { label: env.data.name },
	);
}

/** The parity matrix, or some of its rows; `anchors` gives each row its stable anchor (the full matrix only). */
export function matrixTable(model: ParityModel, links: SiteLinks, rows: readonly MatrixRowView[], anchors: boolean): SettingsTableView {
	const index = siteIndex(model);
	let sourced = 0;
	for (const row of rows) sourced += Object.keys(index.rowByKey.get(row.key)?.sources ?? {}).length;
	const sources = sourced <= SOURCE_CELLS_MAX;
	return {
		...(sources
			? {}
			: {
					note: `${sourced} of these values are read from source files; each setting's page and each environment's page name the file and line.`,
				}),
		variant: 'matrix',
		columns: environmentColumns(model.environments, links),
		statusHeading: 'Status',
		skew: true,
		rows: rows.map((row) => ({
			key: row.key,
			href: links.setting(row.key),
			...(anchors ? { anchor: row.key } : {}),
			filter: { status: row.status, prefix: row.prefix },
			// The tints mean what the matrix legend says: red, a value that departs from the row's most common one
			// in a row of undocumented drift; amber, a missing setting. A documented row is not tinted.
			cells: row.cells.map((cell) => ({
				text: cell.present ? cell.text : null,
				classes: cell.present ? (cell.odd && row.status === 'drift' ? ['odd'] : []) : ['absent'],
				...cellProvenance(model, cell.env, row.key, sources),
			})),
			// A row whose values are identical everywhere is the same, even where a difference's glob covers it.
			status: row.identical ? 'same' : row.status,
			...(row.difference !== null
				? {
						why: {
							href: links.difference(row.difference),
							label: row.outdated ? 'outdated difference' : row.identical ? 'a difference covers it' : 'why',
						},
					}
				: {}),
			skew: row.skew,
		})),
	};
}

/** Two environments compared key by key. */
export function diffTable(
	model: ParityModel,
	links: SiteLinks,
	rows: readonly DiffRow[],
	a: { id?: string; name: string },
	b: { id?: string; name: string },
): SettingsTableView {
	const show = (value: unknown): string | null => (value === undefined ? null : displayValue(value));
	return {
		variant: 'matrix',
		columns: [{ label: a.name }, { label: b.name }],
		statusHeading: 'Status',
		skew: true,
		// Tinted as the legend says: both values of an undocumented drift, the side that lacks a setting.
		rows: rows.map((row) => ({
			key: row.key,
			href: keyLink(model, links, row.key),
			cells: [row.a, row.b].map((value, i) => ({
				text: show(value),
				classes: value === undefined ? ['absent'] : row.status === 'drift' ? ['odd'] : [],
				...(value === undefined ? {} : cellProvenance(model, (i === 0 ? a : b).id, row.key)),
			})),
			status: row.status,
			skew: row.skew,
		})),
	};
}

/**
 * The settings a bug or a runbook names, today, in every environment. With `observedIn`, the
 * table has a parity column and marks the environments where the bug was observed.
 */
export function relatedSettingsTable(
	model: ParityModel,
	links: SiteLinks,
	keys: readonly string[],
	observedIn?: readonly string[],
): SettingsTableView {
	return {
		columns: environmentColumns(model.environments),
		statusHeading: observedIn ? 'Parity' : null,
		skew: false,
		rows: relatedSettings(model, keys).map((s) => ({
			key: s.key,
			href: keyLink(model, links, s.key),
			cells: s.values.map((v) => ({ text: v.value, classes: observedIn?.includes(v.env) ? ['observed'] : [] })),
			...(observedIn ? { status: s.status } : {}),
		})),
	};
}

/** The current values of the matrix rows that a documented difference covers. */
export function coveredSettingsTable(
	model: ParityModel,
	links: SiteLinks,
	rows: readonly { key: string; values: Record<string, unknown> }[],
): SettingsTableView {
	return {
		columns: environmentColumns(model.environments),
		statusHeading: null,
		skew: false,
		rows: rows.map((row) => ({
			key: row.key,
			href: keyLink(model, links, row.key),
			cells: model.environments.map((env) => ({ text: env.id in row.values ? displayValue(row.values[env.id]) : null, classes: [] })),
		})),
	};
}
