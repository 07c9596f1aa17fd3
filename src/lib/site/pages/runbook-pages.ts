import type { ParityModel } from '../../model/parity-model.ts';
import { issuesUsingRunbook } from '../entity-views.ts';
import type { SiteLinks } from '../links.ts';
import { siteIndex } from '../site-index.ts';
import { shortList, type ShortList } from './entity-list.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { relatedSettingsTable, type SettingsTableView } from './settings-table.ts';

/** Everything the runbooks index shows. */
export interface RunbooksPage {
	layout: LayoutView;
	/** The stable address to link from incident tickets, as a pattern. */
	goPattern: string;
	runbooks: ShortList;
}

/** The runbooks index, by title. */
export function runbooksPage(model: ParityModel, links: SiteLinks): RunbooksPage {
	const runbooks = [...model.runbooks].sort((a, b) => a.data.title.localeCompare(b.data.title));
	return {
		layout: layoutView(model, links, { title: 'Runbooks', description: 'Procedures with stable links for incident tickets.' }),
		goPattern: links.go('<id or alias>').replace(encodeURIComponent('<id or alias>'), '<id or alias>'),
		runbooks: shortList(
			runbooks.map((r) => ({
				href: links.runbook(r.id),
				title: r.data.title,
				note: [r.data.owner, ...(r.data.aliases ?? [])].filter(Boolean).join(' · '),
			})),
			Infinity,
			'No runbook yet.',
		),
	};
}

/** Everything a runbook page shows. */
export interface RunbookPage {
	layout: LayoutView;
	id: string;
	title: string;
	owner?: string;
	environments: { label: string; href: string }[];
	review?: { date: string; due: boolean };
	/** Its `/go/` links; `shared` names the other pages a link's id or alias also names, where it offers a choice. */
	stableLinks: { href: string; shared: string[] }[];
	settings: SettingsTableView | null;
	usedBy: ShortList;
}

/** The pages other than runbooks that an id or alias names, as "the issue “…”": a `/go/` link to it offers the choice. */
function othersNamed(model: ParityModel, ref: string): string[] {
	const index = siteIndex(model);
	const issue = index.issueByRef.get(ref);
	const change = index.changeByRef.get(ref);
	const env = model.environments.find((e) => e.id === ref || (e.data.aliases ?? []).includes(ref));
	return [
		...(env ? [`the environment “${env.data.name}”`] : []),
		...(change ? [`the change “${change.data.title}”`] : []),
		...(issue ? [`the issue “${issue.data.title}”`] : []),
	];
}

/** A runbook page: its facts and stable links, the settings it names today, and the bugs that use it. */
export function runbookPage(model: ParityModel, links: SiteLinks, id: string): RunbookPage {
	const runbook = siteIndex(model).runbookByRef.get(id)!;
	const d = runbook.data;
	const keys = d.settings ?? [];
	return {
		layout: layoutView(model, links, { title: d.title, file: runbook.file, description: `Runbook: ${d.title}` }),
		id: runbook.id,
		title: d.title,
		...(d.owner ? { owner: d.owner } : {}),
		environments: (d.environments ?? []).map((env) => ({ label: env, href: links.environment(env) })),
		...(d.review_by ? { review: { date: d.review_by, due: d.review_by < model.today } } : {}),
		stableLinks: [runbook.id, ...(d.aliases ?? [])].map((ref) => ({ href: links.go(ref), shared: othersNamed(model, ref) })),
		settings: keys.length > 0 ? relatedSettingsTable(model, links, keys) : null,
		usedBy: shortList(
			issuesUsingRunbook(model, runbook).map((i) => ({ href: links.issue(i.id), title: i.data.title, note: i.data.status })),
			Infinity,
			'No bug links this runbook yet.',
		),
	};
}
