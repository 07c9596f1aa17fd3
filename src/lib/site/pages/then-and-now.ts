import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { ParityModel } from '../../model/parity-model.ts';
import { canonicalKey } from '../../model/setting-key.ts';
import { displayValue, sameValue } from '../../model/settings.ts';
import { commitIndexAt, type Timelines } from '../../model/timeline.ts';
import { commitLink, type SiteLinks } from '../links.ts';
import { maskOf } from '../provenance.ts';
import { keyLink } from './settings-table.ts';

/** One value of a then-and-now row: the text shown (null when missing), and whether it differs from the other side. */
export interface ThenNowCell {
	text: string | null;
	/** Then: the value differs from today's. */
	changed: boolean;
	/** In a row whose values differ, the value departs from the most common one (every value, when none is most common). */
	odd: boolean;
}

/** Which values of a row depart from its most common value, when the values differ; a missing value always does. */
function oddOnes(texts: readonly (string | null)[]): boolean[] {
	const counts = new Map<string, number>();
	for (const text of texts) if (text !== null) counts.set(text, (counts.get(text) ?? 0) + 1);
	const ranked = [...counts.values()].sort((a, b) => b - a);
	if (counts.size <= 1 && !texts.includes(null)) return texts.map(() => false);
	const tie = ranked.length > 1 && ranked[0] === ranked[1];
	const common = tie ? undefined : [...counts].find(([, n]) => n === ranked[0])?.[0];
	return texts.map((text) => text === null || text !== common);
}

/** A related setting of a bug, as it was on the day the bug was opened and as it is today. */
export interface ThenNowRow {
	key: string;
	href: string;
	then: ThenNowCell[];
	now: ThenNowCell[];
	/** The environments held different values then (or some lacked it), and today they do not, or the other way round. */
	differedThen: boolean;
	differsNow: boolean;
	/** The first commit after the opened day that changed the value, in each environment whose value changed. */
	changes: { env: string; date: string; commit: string; href?: string; subject: string }[];
}

/** A bug's related settings then (on its `opened` day) and now; null when the bug names no setting. */
export interface ThenAndNowView {
	opened: string;
	/** The last commit on or before the opened day, the "then" the values are read at. */
	at: { commit: string; date: string } | null;
	columns: { label: string }[];
	rows: ThenNowRow[];
	/** Why there is nothing to compare with: no history, or every commit is later than the opened day. */
	note: string | null;
}

/**
 * The settings a bug names, on the day it was opened beside today, from the build's timelines: the values then are the
 * last commit's on or before `opened`. Rows mark the difference that existed then and name the commit that changed each
 * value since. Values pass through the analysis's mask.
 */
export function thenAndNow(
	model: ParityModel,
	links: SiteLinks,
	timelines: Timelines,
	problems: readonly Diagnostic[],
	issueId: string,
): ThenAndNowView | null {
	const issue = model.issues.find((i) => i.id === issueId);
	if (!issue || !issue.data.settings?.length) return null;
	const opened = issue.data.opened;
	const mask = maskOf(problems);
	const show = (value: unknown): string => displayValue(mask.value(value));
	const at = commitIndexAt(timelines, opened);
	const columns = model.environments.map((env) => ({ label: env.data.name }));
	const base = { opened, columns, rows: [] };
	if (timelines.commits.length === 0)
		return { ...base, at: null, note: `No history to compare with: ${timelines.note ?? 'the content has no commits.'}` };
	if (at < 0) return { ...base, at: null, note: `Every commit of the environment files is later than ${opened}.` };
	const rows = [...new Set(issue.data.settings.map(canonicalKey))].map((key): ThenNowRow => {
		const now = model.environments.map((env) => env.settings.get(key));
		const then = model.environments.map((env) => {
			const entries = timelines.environments.get(env.id)?.keys.get(key)?.entries ?? [];
			let last: (typeof entries)[number] | undefined;
			for (const entry of entries) if (entry.index <= at) last = entry;
			return { value: last && last.event !== 'removed' ? last.value : undefined, entries };
		});
		const changes: ThenNowRow['changes'] = [];
		model.environments.forEach((env, i) => {
			const before = then[i]!.value;
			const today = now[i]?.value;
			if (before === today || (before !== undefined && today !== undefined && sameValue(before, today))) return;
			const next = then[i]!.entries.find((entry) => entry.index > at);
			if (!next) return;
			const href = commitLink(model.config, next.hash);
			changes.push({
				env: env.data.name,
				date: next.date,
				commit: next.hash.slice(0, 7),
				...(href ? { href } : {}),
				subject: show(next.subject),
			});
		});
		const differs = (values: unknown[]): boolean =>
			values.some((v) => v === undefined) ? values.some((v) => v !== undefined) : values.some((v) => !sameValue(v, values[0]));
		const thenTexts = then.map((t) => (t.value === undefined ? null : show(t.value)));
		const nowTexts = now.map((s) => (s ? show(s.value) : null));
		const thenOdd = oddOnes(thenTexts);
		const nowOdd = oddOnes(nowTexts);
		return {
			key,
			href: keyLink(model, links, key),
			then: then.map((t, i) => ({
				text: thenTexts[i]!,
				changed: !(t.value === now[i]?.value || (t.value !== undefined && now[i] !== undefined && sameValue(t.value, now[i]!.value))),
				odd: thenOdd[i]!,
			})),
			now: nowTexts.map((text, i) => ({ text, changed: false, odd: nowOdd[i]! })),
			differedThen: differs(then.map((t) => t.value)),
			differsNow: differs(now.map((s) => s?.value)),
			changes,
		};
	});
	const commit = timelines.commits[at]!;
	return { ...base, at: { commit: commit.hash.slice(0, 7), date: commit.date }, rows, note: null };
}
