import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { RowStatus } from '../../model/parity-matrix.ts';
import type { ParityModel } from '../../model/parity-model.ts';
import type { Change, Issue, Runbook } from '../../model/project.ts';
import { canonicalKey } from '../../model/setting-key.ts';
import { displayValue } from '../../model/settings.ts';
import type { Timelines } from '../../model/timeline.ts';
import type { Skew } from '../../model/version.ts';
import { changeStateLabel } from '../entity-views.ts';
import { commitLink, type SiteLinks } from '../links.ts';
import { rowView } from '../matrix-view.ts';
import { maskOf, observedView, sourceLink, type ObservedView, type SourceLink } from '../provenance.ts';
import { siteIndex } from '../site-index.ts';
import { shortList, type ShortList } from './entity-list.ts';
import { layoutView, type LayoutView } from './layout.ts';

/** How many of the value's changes in one environment a setting page shows, the newest. */
export const TIMELINE_PER_ENVIRONMENT = 8;
/** How many changes of the value (one environment at one commit each) a setting page shows in all, so that a long history keeps the page small. */
export const TIMELINE_ROWS = 60;

/** One environment's value of a setting. */
export interface SettingValueView {
	env: string;
	name: string;
	href: string;
	stage: string;
	/** The value shown; null when the environment lacks the key. */
	text: string | null;
	/** Tinted as the matrix tints it (a value that departs from the row's most common one, in a row of drift). */
	odd: boolean;
	source: SourceLink | null;
	observed: ObservedView | null;
}

/**
 * One row of a setting's timeline: a commit that set, changed or removed its value in one environment or in several to
 * the same value (one row listing them).
 */
export interface TimelineRowView {
	date: string;
	/** The environments the commit gave this value, in the timelines' order (pipeline order, then former environments). */
	environments: string[];
	event: 'added' | 'changed' | 'removed';
	/** The value from this commit on; null once removed. */
	text: string | null;
	commit: { label: string; href?: string; title: string };
	author: string;
	/** The source files the value was read from at that commit, when environments read it from one: the path in the content root, and the file's name. */
	sources?: { path: string; name: string }[];
	/** A note on the first commit: the value may be older than it (a shallow clone, or the file's first commit). */
	note?: string;
}

/** Everything a setting's page shows. */
export interface SettingPage {
	layout: LayoutView;
	key: string;
	status: RowStatus;
	skew: Skew | null;
	values: SettingValueView[];
	/** Whether any value was read from a source file, and whether any was observed: the columns shown. */
	columns: { source: boolean; observed: boolean };
	/** The documented difference that covers the key, or that no longer matches it. */
	difference: { href: string; key: string; rationale: string; risk: string; mitigation?: string; outdated: boolean } | null;
	changes: { href: string; title: string; value: string; state: string; steps: { env: string; status: string }[] }[];
	issues: ShortList;
	runbooks: ShortList;
	timeline: {
		/** Why there is no timeline (no git, no commits, the dev server). */
		note: string | null;
		/** Why the timeline may start late though it has commits (a shallow clone). */
		partial: string | null;
		/** Newest first: one table for every environment. */
		rows: TimelineRowView[];
		/** Said when the page shows fewer of the value's changes than the history holds. */
		capped: string | null;
	};
}

/** The keys that have a setting page: every row of the matrix. */
export function settingKeys(model: ParityModel): string[] {
	return model.matrix.map((row) => row.key);
}

/** The changes, bugs and runbooks that name each key, computed once per model for all the setting pages of a build. */
interface KeyMentions {
	changes: Map<string, { change: Change; value: unknown }[]>;
	issues: Map<string, Issue[]>;
	runbooks: Map<string, Runbook[]>;
}

const mentionsByModel = new WeakMap<ParityModel, KeyMentions>();

function mentionsOf(model: ParityModel): KeyMentions {
	let found = mentionsByModel.get(model);
	if (found) return found;
	found = { changes: new Map(), issues: new Map(), runbooks: new Map() };
	const add = <T>(map: Map<string, T[]>, key: string, item: T): void => {
		const list = map.get(key);
		if (list) {
			if (!list.includes(item)) list.push(item);
		} else map.set(key, [item]);
	};
	for (const change of model.changes)
		for (const [key, value] of Object.entries(change.data.settings ?? {})) {
			const canonical = canonicalKey(key);
			if (!found.changes.get(canonical)?.some((c) => c.change === change)) add(found.changes, canonical, { change, value });
		}
	for (const issue of model.issues) for (const key of issue.data.settings ?? []) add(found.issues, canonicalKey(key), issue);
	for (const runbook of model.runbooks) for (const key of runbook.data.settings ?? []) add(found.runbooks, canonicalKey(key), runbook);
	mentionsByModel.set(model, found);
	return found;
}

/**
 * A setting's page: its value, status and skew in every environment (with where each value was read from and what the
 * services said), the difference that documents it, the changes that set it, the bugs and runbooks that name it, and
 * its timeline from git in one table. Every value, today's and the history's, passes through the analysis's mask.
 */
export function settingPage(
	model: ParityModel,
	links: SiteLinks,
	timelines: Timelines,
	problems: readonly Diagnostic[],
	key: string,
): SettingPage {
	const index = siteIndex(model);
	const row = index.rowByKey.get(key)!;
	const view = rowView(model, row);
	const mask = maskOf(problems);
	const show = (value: unknown): string => displayValue(mask.value(value));
	const differenceIndex = row.difference ?? row.outdatedDifference;
	const difference = differenceIndex === null ? undefined : model.differences.find((d) => d.index === differenceIndex);
	const mentions = mentionsOf(model);
	const values = model.environments.map((env, i): SettingValueView => {
		const present = env.id in row.values;
		return {
			env: env.id,
			name: env.data.name,
			href: links.environment(env.id),
			stage: env.data.stage,
			text: present ? show(row.values[env.id]) : null,
			odd: view.cells[i]!.odd && present && row.status === 'drift',
			source: sourceLink(model, row.sources[env.id]),
			observed: observedView(model, env.id, key, mask),
		};
	});
	return {
		layout: layoutView(model, links, { title: key, description: `The setting ${key} in every environment, and its history.` }),
		key,
		status: view.identical ? 'same' : row.status,
		skew: row.skew,
		values,
		columns: { source: values.some((v) => v.source), observed: values.some((v) => v.observed) },
		difference: difference
			? {
					href: links.difference(difference.index),
					key: difference.data.key,
					rationale: difference.data.rationale,
					risk: difference.data.risk,
					...(difference.data.mitigation ? { mitigation: difference.data.mitigation } : {}),
					outdated: row.outdatedDifference !== null,
				}
			: null,
		changes: (mentions.changes.get(key) ?? []).map(({ change, value }) => {
			const propagation = model.propagation.get(change.id)!;
			return {
				href: links.change(change.id),
				title: change.data.title,
				value: show(value),
				state: changeStateLabel(propagation),
				steps: model.environments.flatMap((env) => {
					const step = propagation.steps[env.id];
					return step ? [{ env: env.data.name, status: `${step.status}${step.date ? ` ${step.date}` : ''}` }] : [];
				}),
			};
		}),
		issues: shortList(
			(mentions.issues.get(key) ?? []).map((issue) => ({ href: links.issue(issue.id), title: issue.data.title })),
			Infinity,
			'No bug names this setting.',
		),
		runbooks: shortList(
			(mentions.runbooks.get(key) ?? []).map((runbook) => ({ href: links.runbook(runbook.id), title: runbook.data.title })),
			Infinity,
			'No runbook names this setting.',
		),
		timeline: timelineView(model, timelines, key, show),
	};
}

/**
 * The setting's timeline in one table, newest first: the last `TIMELINE_PER_ENVIRONMENT` changes of each environment,
 * at most `TIMELINE_ROWS` in all (the environments in the timelines' order take their share first), and one commit that
 * gave several environments the same value as one row that lists them.
 */
function timelineView(model: ParityModel, timelines: Timelines, key: string, show: (value: unknown) => string): SettingPage['timeline'] {
	const none = timelines.commits.length === 0;
	const note = none ? (timelines.note ?? 'the content is not in a git repository with commits.') : null;
	const partial = none ? null : (timelines.note ?? null);
	const names = new Map(model.environments.map((env) => [env.id, env.data.name]));
	let budget = TIMELINE_ROWS;
	let hidden = 0;
	// By commit, event, value and note: the environments that share the row, and the row's order (commit, then first environment).
	const rows = new Map<string, { index: number; order: number; row: TimelineRowView }>();
	let order = 0;
	for (const [id, timeline] of timelines.environments) {
		order++;
		const entries = timeline.keys.get(key)?.entries;
		if (!entries || entries.length === 0) continue;
		const shown = Math.max(0, Math.min(TIMELINE_PER_ENVIRONMENT, budget, entries.length));
		budget -= shown;
		hidden += entries.length - shown;
		const name = names.get(id) ?? `${id} (no longer an environment)`;
		for (const entry of entries.slice(entries.length - shown)) {
			const text = entry.event === 'removed' ? null : show(entry.value);
			const rowNote = entry.boundary
				? 'the first commit of a shallow clone: the value may be older'
				: entry.initial
					? "the environment file's first commit: the value may be older"
					: undefined;
			const rowKey = JSON.stringify([entry.hash, entry.event, text, rowNote ?? null]);
			const found = rows.get(rowKey);
			if (found) {
				found.row.environments.push(name);
				if (entry.source && !found.row.sources?.some((f) => f.path === entry.source))
					(found.row.sources ??= []).push(sourceFile(entry.source));
				continue;
			}
			const href = commitLink(model.config, entry.hash);
			rows.set(rowKey, {
				index: entry.index,
				order,
				row: {
					date: entry.date,
					environments: [name],
					event: entry.event,
					text,
					commit: { label: entry.hash.slice(0, 7), ...(href ? { href } : {}), title: show(entry.subject) },
					author: entry.author,
					...(entry.source ? { sources: [sourceFile(entry.source)] } : {}),
					...(rowNote ? { note: rowNote } : {}),
				},
			});
		}
	}
	return {
		note,
		partial,
		rows: [...rows.values()].sort((a, b) => b.index - a.index || a.order - b.order).map((r) => r.row),
		capped:
			hidden > 0
				? `${hidden} earlier ${hidden === 1 ? 'change of its value is' : 'changes of its value are'} not shown here (at most ${TIMELINE_PER_ENVIRONMENT} per environment, ${TIMELINE_ROWS} in all); npx envparity history ${key} prints them all.`
				: null,
	};
}

/** A source file as a timeline row names it: its path, and its name alone for the narrow column. */
function sourceFile(path: string): { path: string; name: string } {
	return { path, name: path.slice(path.lastIndexOf('/') + 1) };
}
