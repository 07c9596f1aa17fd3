import type { ParityModel } from '../../model/parity-model.ts';
import { reproductionTable, resolveRefs } from '../entity-views.ts';
import { facetValues, issueFacets, issuesMatching, ISSUE_FACETS, type IssueFacet } from '../issue-facets.ts';
import { repositoryLinks, type SiteLinks } from '../links.ts';
import { pageOf, type Page } from '../paging.ts';
import { siteIndex } from '../site-index.ts';
import { shortList, type ShortList } from './entity-list.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { relatedSettingsTable, type SettingsTableView } from './settings-table.ts';

type Tone = 'good' | 'bad' | 'warn' | 'neutral';

const FACET_LABELS: Record<IssueFacet, string> = {
	environment: 'Environment',
	status: 'Status',
	severity: 'Severity',
	'production-only': 'Production only',
};
const SEVERITY_TONE = { critical: 'bad', high: 'bad', medium: 'warn', low: 'neutral' } as const satisfies Record<string, Tone>;

/** One row of the issue index. */
export interface IssueRow {
	href: string;
	title: string;
	productionOnly: boolean;
	status: string;
	severity: { label: string; tone: Tone };
	environments: string;
	opened: string;
	/** The issue's facet values, for the in-page filter. */
	facets: string;
}

/** Everything a page of the issue index (whole or filtered by one facet value) shows. */
export interface IssuesIndexPage {
	layout: LayoutView;
	title: string;
	/** Whether every matching issue is on this one page, so the filters can work in place. */
	inPlace: boolean;
	filters: { label: string; facet: IssueFacet; chips: { label: string; href: string; value: string; current: boolean }[] }[];
	summary: string;
	page: Page<IssueRow>;
}

/** Page `n` of the issue index, newest first, whole or filtered by one facet value. */
export function issuesIndexPage(
	model: ParityModel,
	links: SiteLinks,
	filter?: { facet: IssueFacet; value: string },
	n = 1,
): IssuesIndexPage {
	const values = facetValues(model);
	const page = pageOf(issuesMatching(model, filter?.facet, filter?.value), n, links.issues(filter));
	const title = `${filter ? `Issues: ${FACET_LABELS[filter.facet]} ${filter.value}` : 'Issues'}${page.currentPage > 1 ? ` (page ${page.currentPage})` : ''}`;
	const rows = page.items.map((issue) => ({
		href: links.issue(issue.id),
		title: issue.data.title,
		productionOnly: model.productionOnly.get(issue.id) ?? false,
		status: issue.data.status,
		severity: { label: issue.data.severity, tone: SEVERITY_TONE[issue.data.severity] },
		environments: issue.data.environments.join(', '),
		opened: issue.data.opened,
		facets: JSON.stringify(issueFacets(model, issue)),
	}));
	return {
		layout: layoutView(model, links, {
			title,
			description: 'Environment-specific bugs: where they occur, where they were reproduced, root cause and resolution.',
		}),
		title,
		inPlace: page.lastPage === 1,
		filters: ISSUE_FACETS.map((facet) => ({
			label: FACET_LABELS[facet],
			facet,
			chips: [
				{ label: 'any', href: links.issues(), value: '', current: filter?.facet !== facet },
				...values[facet].map((value) => ({
					label: value,
					href: links.issues({ facet, value }),
					value,
					current: filter?.facet === facet && filter.value === value,
				})),
			],
		})),
		summary:
			page.lastPage === 1
				? `${rows.length} of ${rows.length}`
				: `${page.total} issues, newest first; page ${page.currentPage} of ${page.lastPage}.`,
		page: { ...page, items: rows },
	};
}

/** Everything an issue page shows. */
export interface IssuePage {
	layout: LayoutView;
	id: string;
	title: string;
	pills: { label: string; tone: Tone }[];
	facts: { label: string; value: string }[];
	/** The settings it names, today; null when it names none. */
	settings: SettingsTableView | null;
	reproduction: { env: string; href: string; stage: string; result: string }[];
	changes: ShortList;
	runbooks: ShortList;
	configFiles: ShortList;
}

/** An issue page: status, facts, its settings today, where it was reproduced, and what it relates to. */
export function issuePage(model: ParityModel, links: SiteLinks, id: string): IssuePage {
	const index = siteIndex(model);
	const issue = index.issueByRef.get(id)!;
	const d = issue.data;
	const keys = d.settings ?? [];
	return {
		layout: layoutView(model, links, { title: d.title, file: issue.file, description: d.root_cause ?? d.title }),
		id: issue.id,
		title: d.title,
		pills: [
			{ label: d.status, tone: d.status === 'resolved' ? 'good' : d.status === 'wont-fix' ? 'neutral' : 'bad' },
			{ label: `${d.severity} severity`, tone: d.severity === 'low' ? 'neutral' : d.severity === 'medium' ? 'warn' : 'bad' },
			...(model.productionOnly.get(issue.id) ? [{ label: 'production only', tone: 'bad' as const }] : []),
			...(d.aliases ?? []).map((alias) => ({ label: alias, tone: 'neutral' as const })),
		],
		facts: [
			{ label: 'Opened', value: d.opened },
			...(d.resolved ? [{ label: 'Resolved', value: d.resolved }] : []),
			...(d.root_cause ? [{ label: 'Root cause', value: d.root_cause }] : []),
			...(d.resolution ? [{ label: 'Resolution', value: d.resolution }] : []),
		],
		settings: keys.length > 0 ? relatedSettingsTable(model, links, keys, d.environments) : null,
		reproduction: reproductionTable(model, issue).map((r) => ({
			env: r.env.data.name,
			href: links.environment(r.env.id),
			stage: r.env.data.stage,
			result: r.result,
		})),
		changes: shortList(
			resolveRefs(index.changeByRef, d.changes).map((c) => ({
				href: links.change(c.id),
				title: c.data.title,
				note: model.propagation.get(c.id)!.state,
			})),
			Infinity,
			'No related change.',
		),
		runbooks: shortList(
			resolveRefs(index.runbookByRef, d.runbooks).map((r) => ({ href: links.runbook(r.id), title: r.data.title })),
			Infinity,
			'No runbook.',
		),
		configFiles: shortList(
			(d.config_files ?? []).map((path) => {
				const href = repositoryLinks(model.config, path)?.view();
				return href ? { href, title: path } : { title: path };
			}),
			Infinity,
			'No configuration file named.',
		),
	};
}
