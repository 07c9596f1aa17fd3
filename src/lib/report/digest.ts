import { summarize, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { secretMask } from '../diagnostics/secret-mask.ts';
import { daysBetween, isoDay } from '../model/dates.ts';
import { computeParityMatrix } from '../model/parity-matrix.ts';
import type { ParityModel } from '../model/parity-model.ts';
import { computeParityScores, type StagePairScore } from '../model/parity-scores.ts';
import { commitIndexAt, settingsAt, type HistoryInput } from '../model/timeline.ts';
import { isOpenStatus } from '../schema/issue.ts';
import type { WikiLinks } from './wiki-links.ts';
import { cutText } from './cut-text.ts';

/** One line of a digest: something a team should look at, linked to its wiki page. */
export interface DigestItem {
	/** The entity: a change's or bug's title, an environment's name, a setting key, a pair of stages. */
	title: string;
	/** What is wrong with it, and since when. */
	detail: string;
	/** Its wiki page, when the wiki's address is known. */
	url?: string;
	/** It became so within the digest's window (`--since`). */
	isNew: boolean;
	/** For a stage pair, with the history: its parity when the window began. */
	then?: ParityThen;
}

/** The kinds of section a digest has, in order. */
export type DigestSectionId = 'parity' | 'changes' | 'bugs' | 'verifications' | 'differences';

/** What the history says of parity on the window's first day, for a stage pair. */
export interface ParityThen {
	/** The day the window starts. */
	date: string;
	/** The score then, from 0 to 1; undefined when the history does not reach back that far. */
	score?: number;
}

/** One part of a digest, with all its items; each format shows as many as its platform allows. */
export interface DigestSection {
	id: DigestSectionId;
	title: string;
	/** The wiki page that lists the whole section. */
	url?: string;
	items: DigestItem[];
	/** What the section says when it has no item. */
	empty: string;
}

/** Everything a digest says, before a format renders it for one platform. Secrets are masked. */
export interface Digest {
	/** The wiki's title. */
	title: string;
	today: string;
	/** The window that makes an item new: the last `days` days, from `from` on. */
	since: { days: number; from: string };
	/** The wiki's home page. */
	url?: string;
	/** One sentence: the count of each section's items. */
	summary: string;
	/** The content's own problems, as check counts them. */
	problems: { errors: number; warnings: number; url?: string };
	sections: DigestSection[];
}

/** The longest title and detail an item keeps; the rest is cut, so that one long title cannot crowd out the others. */
export const ITEM_TITLE_LIMIT = 160;
export const ITEM_DETAIL_LIMIT = 240;

/**
 * The digest of a model on its day (the model's "today", from the one clock): parity per adjacent pair
 * of stages, changes stalled or out of order with their age, production-only bugs that are open or
 * opened within the window, verifications gone stale, and documented differences due for review,
 * each linked into the wiki when `wiki` is given. An item is new when it became so within the last
 * `sinceDays` days. Every string is passed through the secret mask of `problems`.
 */
export function computeDigest(
	model: ParityModel,
	problems: readonly Diagnostic[],
	options: { sinceDays: number; wiki?: WikiLinks; history?: HistoryInput },
): Digest {
	const { wiki, sinceDays, history } = options;
	const url = (path: string): string | undefined => wiki?.url(path);
	const routes = wiki?.routes;
	const today = model.today;
	const from = isoDay(new Date(Date.parse(`${today}T00:00:00Z`) - sinceDays * 86_400_000));
	const within = (date: string | undefined): boolean => date !== undefined && date >= from && date <= today;
	const ago = (date: string): string => {
		const days = daysBetween(date, today);
		return days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
	};
	const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
	const envName = new Map(model.environments.map((env) => [env.id, env.data.name]));

	const scoresThen = history ? stageScoresAt(model, history, from) : undefined;
	const parity: DigestItem[] = model.scores.stages.map((pair, i) => {
		const fromEnvs = model.environments.filter((env) => env.data.stage === pair.from);
		const toEnvs = model.environments.filter((env) => env.data.stage === pair.to);
		const page =
			fromEnvs.length === 1 && toEnvs.length === 1
				? routes?.compare(fromEnvs[0]!.id, toEnvs[0]!.id)
				: routes?.matrix(pair.drift > 0 ? { status: 'drift' } : undefined);
		const undocumented = [pair.drift > 0 ? `${pair.drift} undocumented drift` : '', pair.missing > 0 ? `${pair.missing} missing` : '']
			.filter(Boolean)
			.join(', ');
		const percent = (score: number): number => Math.round(score * 100);
		const then: ParityThen | undefined = history && {
			date: from,
			...(scoresThen?.[i] && scoresThen[i]!.total > 0 ? { score: scoresThen[i]!.score } : {}),
		};
		const change =
			then?.score === undefined
				? ''
				: percent(then.score) === percent(pair.score)
					? `; unchanged since ${from}`
					: `; ${percent(pair.score) > percent(then.score) ? 'up' : 'down'} from ${percent(then.score)}% on ${from}`;
		return {
			title: `${pair.from} → ${pair.to}`,
			detail: `${percent(pair.score)}% of ${plural(pair.total, 'setting')} same or documented${undocumented ? ` (${undocumented})` : ''}${change}`,
			url: page && url(page),
			isNew: false,
			...(then ? { then } : {}),
		};
	});

	const { pending_after_days: pendingAfter, stale_after_days: staleAfter } = model.config;
	const changes = model.changes
		.map((change) => ({ change, propagation: model.propagation.get(change.id)! }))
		.filter(({ propagation }) => propagation.stalled || propagation.outOfOrder)
		.sort((a, b) => b.propagation.pendingDays - a.propagation.pendingDays || (a.change.id < b.change.id ? -1 : 1))
		.map(({ change, propagation }): DigestItem => {
			const parts: string[] = [];
			if (propagation.stalled) {
				const longest = Math.max(...propagation.stalledIn.map((s) => s.days));
				const since = propagation.stalledIn.find((s) => s.days === longest)!.since;
				parts.push(
					`stalled ${plural(longest, 'day')} in ${propagation.stalledIn.map((s) => envName.get(s.environment) ?? s.environment).join(', ')} (since ${since})`,
				);
			}
			if (propagation.outOfOrder) {
				const applied = [...new Set(propagation.outOfOrderIn.map((o) => o.applied))];
				const behind = [...new Set(propagation.outOfOrderIn.map((o) => o.behind))];
				parts.push(
					`applied in ${applied.map((id) => envName.get(id) ?? id).join(', ')} ahead of ${behind.map((id) => envName.get(id) ?? id).join(', ')}`,
				);
			}
			parts.push(`made ${change.data.date}, ${ago(change.data.date)}`);
			// Stalled within the window: it passed pending_after_days in the last sinceDays days.
			const newlyStalled = propagation.stalledIn.some((s) => s.days - pendingAfter <= sinceDays);
			const newlyAhead = propagation.outOfOrderIn.some((o) => within(propagation.steps[o.applied]?.date));
			return {
				title: change.data.title,
				detail: parts.join('; '),
				url: routes && url(routes.change(change.id)),
				isNew: newlyStalled || newlyAhead,
			};
		});

	const bugs = model.issues
		.filter((issue) => model.productionOnly.get(issue.id) && (isOpenStatus(issue.data.status) || within(issue.data.opened)))
		.map((issue) => ({ issue, isNew: within(issue.data.opened) }))
		.sort(
			(a, b) =>
				Number(b.isNew) - Number(a.isNew) ||
				(a.issue.data.opened < b.issue.data.opened ? 1 : a.issue.data.opened > b.issue.data.opened ? -1 : a.issue.id < b.issue.id ? -1 : 1),
		)
		.map(({ issue, isNew }): DigestItem => ({
			title: issue.data.title,
			detail: `${issue.data.status}, ${issue.data.severity} severity, in ${issue.data.environments.map((id) => envName.get(id) ?? id).join(', ')}; opened ${issue.data.opened}, ${ago(issue.data.opened)}`,
			url: routes && url(routes.issue(issue.id)),
			isNew,
		}));

	const verifications = model.environments
		.map((env) => ({ env, freshness: model.freshness.get(env.id)! }))
		.filter(({ freshness }) => freshness.stale)
		// Oldest first (never verified first of all); on a tie, in pipeline order, as the model lists them.
		.sort((a, b) => (b.freshness.ageDays ?? Number.MAX_SAFE_INTEGER) - (a.freshness.ageDays ?? Number.MAX_SAFE_INTEGER))
		.map(({ env, freshness }): DigestItem => {
			const date = env.data.verified?.date;
			return {
				title: env.data.name,
				detail:
					freshness.ageDays === null || !date
						? 'never verified'
						: `last verified ${date}, ${ago(date)} (stale after ${plural(staleAfter, 'day')})`,
				url: routes && url(routes.environment(env.id)),
				isNew: freshness.ageDays !== null && freshness.ageDays - staleAfter <= sinceDays,
			};
		});

	const differences = model.differences
		.filter((difference) => difference.data.review_by !== undefined && difference.data.review_by < today)
		.sort((a, b) => (a.data.review_by! < b.data.review_by! ? -1 : a.data.review_by! > b.data.review_by! ? 1 : a.index - b.index))
		.map(({ data, index }): DigestItem => ({
			title: data.key,
			detail: `review was due ${data.review_by}, ${ago(data.review_by!)}; ${data.risk} risk${data.owner ? `, owner ${data.owner}` : ''}`,
			url: routes && url(routes.difference(index)),
			isNew: within(data.review_by),
		}));

	const sections: DigestSection[] = [
		{
			id: 'parity',
			title: 'Parity between stages',
			url: routes && url(routes.matrix()),
			items: parity,
			empty: 'The pipeline has one stage.',
		},
		{
			id: 'changes',
			title: 'Changes stalled or out of order',
			url: routes && url(routes.changes()),
			items: changes,
			empty: 'No change is stalled or out of order.',
		},
		{
			id: 'bugs',
			title: 'Production-only bugs, open or new',
			url: routes && url(bugs.length > 0 ? routes.issues({ facet: 'production-only', value: 'yes' }) : routes.issues()),
			items: bugs,
			empty: 'No open production-only bug.',
		},
		{
			id: 'verifications',
			title: 'Verifications gone stale',
			url: routes && url(routes.environments),
			items: verifications,
			empty: 'Every environment was verified recently.',
		},
		{
			id: 'differences',
			title: 'Documented differences due for review',
			url: routes && url(routes.differences),
			items: differences,
			empty: 'No documented difference is due for review.',
		},
	];
	const newCount = (items: DigestItem[]): string => {
		const n = items.filter((i) => i.isNew).length;
		return n > 0 ? ` (${n} new)` : '';
	};
	const summary = `${plural(changes.length, 'change')} stalled or out of order${newCount(changes)}, ${plural(bugs.length, 'production-only bug')}${newCount(bugs)}, ${plural(verifications.length, 'stale verification')}${newCount(verifications)}, ${plural(differences.length, 'difference')} due for review${newCount(differences)}.`;
	const { errors, warnings } = summarize(problems);
	const digest: Digest = {
		title: model.config.title,
		today,
		since: { days: sinceDays, from },
		url: routes && url(routes.home),
		summary,
		problems: { errors, warnings, url: routes && url(routes.problems) },
		sections,
	};
	// Titles, names and keys come from the content: mask every secret it was found to hold, then cut
	// (masking first, so that no cut leaves a piece of a secret too short to be recognised).
	const masked = secretMask(problems).strings(digest);
	for (const section of masked.sections)
		for (const item of section.items) {
			item.title = cutText(item.title, ITEM_TITLE_LIMIT);
			item.detail = cutText(item.detail, ITEM_DETAIL_LIMIT);
		}
	return masked;
}

/**
 * The stage-pair scores as the environment files stood at the end of `date`, with today's documented differences and
 * configuration, in the order of the model's; undefined when the history holds no commit on or before that day.
 */
function stageScoresAt(model: ParityModel, history: HistoryInput, date: string): StagePairScore[] | undefined {
	const commit = commitIndexAt(history, date);
	if (commit < 0) return undefined;
	const settings = settingsAt(history, model.environments, commit);
	const environments = model.environments.flatMap((env) => {
		const then = settings.get(env.id);
		return then ? [{ ...env, settings: then }] : [];
	});
	const { config, differences } = model;
	const rows = computeParityMatrix({ environments, differences, versionKeys: config.version_keys, ignore: config.ignore });
	return computeParityScores(rows, environments, differences, config.pipeline).stages;
}

/** "1 error in the content", "3 errors in the content": how every format names the content's errors. */
export function contentErrors(digest: Digest): string {
	const n = digest.problems.errors;
	return `${n} ${n === 1 ? 'error' : 'errors'} in the content`;
}
