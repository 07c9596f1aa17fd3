import type { ParityModel } from '../../model/parity-model.ts';
import type { Environment } from '../../model/project.ts';
import { isWebUrl } from '../../schema/shared.ts';
import { byline, environmentView } from '../entity-views.ts';
import type { SiteLinks } from '../links.ts';
import { shortList, type ShortList } from './entity-list.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { daysAgo } from '../provenance.ts';
import { cellProvenance, diffTable, keyLink, type SettingsTableView } from './settings-table.ts';

/** Everything the environments index shows: the environments as cards, grouped by stage. */
export interface EnvironmentsPage {
	layout: LayoutView;
	stages: { stage: string; cards: { href: string; name: string; meta: string; verified: string; stale: boolean }[] }[];
}

/** The environments index, in pipeline order. */
export function environmentsPage(model: ParityModel, links: SiteLinks): EnvironmentsPage {
	return {
		layout: layoutView(model, links, { title: 'Environments', description: 'Every environment of the pipeline, in promotion order.' }),
		stages: model.config.pipeline.map((stage) => ({
			stage,
			cards: model.environments
				.filter((env) => env.data.stage === stage)
				.map((env) => ({
					href: links.environment(env.id),
					name: env.data.name,
					meta: `${env.settings.size} settings${env.data.owner ? ` · ${env.data.owner}` : ''}`,
					verified: verifiedCard(model, env),
					stale: model.freshness.get(env.id)!.stale,
				})),
		})),
	};
}

/** The git history of an environment's file, as the page shows it. */
export interface HistoryView {
	commits: { date: string; author: string; subject: string }[];
	note?: string;
}

/** Everything an environment page shows. */
export interface EnvironmentPage {
	layout: LayoutView;
	/** The id of its entry in the `environments` collection, for its description. */
	id: string;
	name: string;
	facts: {
		stage: string;
		owner?: string;
		/** Where it runs: `href` only for an http(s) address, so anything else is shown as text, never as a link. */
		url?: { text: string; href?: string };
		verified: string;
		stale: boolean;
	};
	neighbours: { heading: string; compare: string; table: SettingsTableView }[];
	pending: ShortList;
	applied: ShortList;
	issues: ShortList;
	settings: SettingsTableView;
	history: { file: string } & HistoryView;
}

/**
 * How an environment was last verified: by observation of its running services when the latest observation verifies it
 * ("verified by observation on 2026-11-28 (2 days ago)"), else by a person, else never.
 */
export function verifiedText(model: ParityModel, env: Environment): string {
	const fresh = model.freshness.get(env.id)!;
	const observation = model.observations.get(env.id);
	if (fresh.byObservation && observation) return `verified by observation on ${observation.observedOn} (${daysAgo(observation.ageDays)})`;
	return env.data.verified ? `${byline(env.data.verified.date, env.data.verified.by)} (${fresh.ageDays} days ago)` : 'never';
}

/** The short form of `verifiedText` for the environment cards. */
function verifiedCard(model: ParityModel, env: Environment): string {
	const observation = model.observations.get(env.id);
	if (model.freshness.get(env.id)!.byObservation && observation) return `Verified by observation ${observation.observedOn}`;
	return env.data.verified ? `Verified ${env.data.verified.date}` : 'Never verified';
}

// Long lists show their newest entries; the filtered indexes have them all.
const LIMIT = 20;

/** An environment page: its facts, where it differs from its pipeline neighbours, its changes, bugs, settings and file history. */
export function environmentPage(model: ParityModel, links: SiteLinks, id: string, history: HistoryView): EnvironmentPage {
	const env = model.environments.find((e) => e.id === id)!;
	const view = environmentView(model, env);
	const fresh = model.freshness.get(env.id)!;
	const me = { id: env.id, name: env.data.name };
	const neighbours: EnvironmentPage['neighbours'] = [];
	if (view.previous) {
		const other = view.previous.env;
		neighbours.push({
			heading: `Since ${other.data.name}`,
			compare: links.compare(other.id, env.id),
			table: diffTable(model, links, view.previous.rows, { id: other.id, name: other.data.name }, me),
		});
	}
	if (view.next) {
		const other = view.next.env;
		const rows = view.next.rows.map((r) => ({ ...r, a: r.b, b: r.a }));
		neighbours.push({
			heading: `Towards ${other.data.name}`,
			compare: links.compare(env.id, other.id),
			table: diffTable(model, links, rows, me, { id: other.id, name: other.data.name }),
		});
	}
	const changesHere = links.changes(env.id);
	return {
		layout: layoutView(model, links, {
			title: env.data.name,
			file: env.file,
			description: `The ${env.data.name} environment (${env.data.stage}): settings, verification, drift, changes and bugs.`,
		}),
		id: env.id,
		name: env.data.name,
		facts: {
			stage: env.data.stage,
			...(env.data.owner ? { owner: env.data.owner } : {}),
			...(env.data.url ? { url: { text: env.data.url, ...(isWebUrl(env.data.url) ? { href: env.data.url } : {}) } } : {}),
			verified: verifiedText(model, env),
			stale: fresh.stale,
		},
		neighbours,
		pending: shortList(
			view.pending.map(({ change, propagation }) => ({
				href: links.change(change.id),
				title: change.data.title,
				note: propagation.stalled ? `stalled, ${propagation.pendingDays} days` : `pending ${propagation.pendingDays} days`,
			})),
			LIMIT,
			'Nothing pending.',
			{ href: changesHere, label: (n) => `All ${n} pending changes →` },
		),
		applied: shortList(
			view.applied.map(({ change, date }) => ({
				href: links.change(change.id),
				title: change.data.title,
				...(date ? { note: date } : {}),
			})),
			LIMIT,
			'No recorded change applied.',
			{ href: changesHere, label: (n) => `All ${n} applied changes →` },
		),
		issues: shortList(
			view.issues.map((issue) => ({
				href: links.issue(issue.id),
				title: issue.data.title,
				note: `${issue.data.status}, ${issue.data.severity}`,
			})),
			LIMIT,
			'No bug recorded.',
			{ href: links.issues({ facet: 'environment', value: env.id }), label: (n) => `All ${n} bugs →` },
		),
		settings: {
			columns: [{ label: 'Value' }],
			statusHeading: 'Parity',
			skew: false,
			rows: view.settings.map((s) => ({
				key: s.key,
				href: keyLink(model, links, s.key),
				cells: [{ text: s.value, classes: [], ...cellProvenance(model, env.id, s.key) }],
				status: s.status,
			})),
		},
		history: { file: env.file, commits: history.commits, ...(history.note ? { note: history.note } : {}) },
	};
}
