import type { RowStatus } from '../../model/parity-matrix.ts';
import type { ParityModel } from '../../model/parity-model.ts';
import type { SiteLinks } from '../links.ts';
import { countStatuses, MATRIX_LEGEND, matrixPrefixes, matrixView, STATUS_LABELS, STATUSES, type LegendItem } from '../matrix-view.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { matrixTable, type SettingsTableView } from './settings-table.ts';

/** A filter chip: a link that filters in place with JavaScript and loads the filtered page without it. */
export interface FilterChip {
	label: string;
	href: string;
	current: boolean;
	/** The value the in-page filter applies (`data-filter-status` or `data-filter-prefix`). */
	value: string;
}

/** Everything the matrix page (whole, or filtered by status or prefix) shows. */
export interface MatrixPage {
	layout: LayoutView;
	title: string;
	lede: string;
	statusChips: FilterChip[];
	prefixChips: FilterChip[];
	/** What the badges, tints and skew pill mean. */
	legend: readonly LegendItem[];
	/** The table, or null when no row matches the filter. */
	table: SettingsTableView | null;
	/** The fixed points the whole matrix can be compared with ("compare with"), each a pre-built page; empty without history. */
	since: { label: string; href: string }[];
}

/** The parity matrix, whole or filtered by one status or one top-level key prefix. */
export function matrixPage(
	model: ParityModel,
	links: SiteLinks,
	filter: { status?: RowStatus; prefix?: string } = {},
	since: readonly { label: string; href: string }[] = [],
): MatrixPage {
	const { status, prefix } = filter;
	const rows = matrixView(model, filter);
	const counts = countStatuses(model.matrix);
	const title = status ? `Parity matrix: ${STATUS_LABELS[status]}` : prefix ? `Parity matrix: ${prefix}.*` : 'Parity matrix';
	const whole = !status && !prefix;
	return {
		layout: layoutView(model, links, {
			title,
			description: 'Every setting across every environment, with its parity status and version skew.',
		}),
		title,
		lede:
			`${model.matrix.length} settings across ${model.environments.length} environments in pipeline order: ` +
			`${counts.drift} undocumented drift, ${counts.missing} missing, ${counts.documented} documented, ${counts.same} same. ` +
			"Each setting's name opens its page, with its history; each row keeps a stable anchor, the setting's name.",
		statusChips: [
			{ label: 'All', href: links.matrix(), current: whole, value: '' },
			...STATUSES.map((s) => ({
				label: `${STATUS_LABELS[s]} (${counts[s]})`,
				href: links.matrix({ status: s }),
				current: status === s,
				value: s,
			})),
		],
		prefixChips: matrixPrefixes(model).map((p) => ({ label: p, href: links.matrix({ prefix: p }), current: prefix === p, value: p })),
		legend: MATRIX_LEGEND,
		table: rows.length === 0 ? null : matrixTable(model, links, rows, whole),
		since: whole ? since.map((p) => ({ label: p.label, href: p.href })) : [],
	};
}
