import { secretMask } from '../../lib/diagnostics/secret-mask.ts';
import { didYouMean } from '../../lib/diagnostics/suggest.ts';
import { analyzeRootWithHistory } from '../../lib/engine.ts';
import { canonicalKey } from '../../lib/model/setting-key.ts';
import { displayValue, sameValue } from '../../lib/model/settings.ts';
import { keyTimelines, timelineKeys, type TimelineEntry } from '../../lib/model/timeline.ts';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.ts';

/** One environment's part of `envparity history`: the key's timeline there and its value today. */
export interface HistoryEnvironment {
	id: string;
	/** The environment file, as today or as it last was. */
	file: string;
	/** Whether the environment exists today. */
	current: boolean;
	/** The value in today's file (working tree), when it has the key. */
	now?: unknown;
	/** Whether today's value differs from the last commit's (an edit not committed yet). */
	uncommitted: boolean;
	timeline: {
		commit: string;
		date: string;
		author: string;
		subject: string;
		event: TimelineEntry['event'];
		value?: unknown;
		/** The source file the value was read from (`deploy/values-production.yaml`), when not the environment file. */
		source?: string;
	}[];
}

/** `envparity history KEY`: a setting's values over time, from git. */
export const historyCommand: Command = {
	name: 'history',
	summary: "Show a setting's values over time in every environment, from git",
	usage: `Usage: envparity history KEY [--env ENV] [--since DATE] [--format text|json] [--root DIR]

Prints the timeline of a setting key in each environment: every commit where its value
appeared, changed or disappeared, with the day, the commit, its author and subject, then
the value in today's file. The history is read from git along the first parent (a merge is
the day the branch got the value), with one git log over the environment files and the
source files they read (a value read from one names it at the end of its line); an
environment file renamed with its old id kept as an alias stays one environment. Values
that the check finds to be secrets, today or in any earlier commit, are masked.

Options:
  --env ENV         Only this environment (an id or an alias)
  --since DATE      Only the commits on or after this day (YYYY-MM-DD)
  --format FORMAT   text (default) or json
  --root DIR        The content repository (default: the current directory)
  -h, --help        Show this help

Without git, outside a repository or in a shallow clone, a note says what is missing.
Exit status: 0, 2 for a usage or I/O error (such as a key no environment has ever had).
`,
	options: { ...COMMON_OPTIONS, env: { type: 'string' }, since: { type: 'string' }, format: { type: 'string' } },
	positionals: true,
	needsContent: true,
	async run({ io, values, positionals, root, now }) {
		if (positionals.length !== 1) throw new UsageError('history takes one setting key, e.g. envparity history redis.pool_size.');
		const format = (values.format as string | undefined) ?? 'text';
		if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}".`);
		const since = values.since as string | undefined;
		if (since !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(`${since}T00:00:00Z`))))
			throw new UsageError(`--since must be a day written YYYY-MM-DD, not "${since}".`);
		const { analysis, timelines } = await analyzeRootWithHistory(root, { now });
		const { model, problems } = analysis;
		const key = canonicalKey(positionals[0]!);
		const known = new Set([...timelineKeys(timelines), ...model.matrix.map((row) => row.key)]);
		if (!known.has(key))
			throw new UsageError(
				`no environment has or ever had the setting "${positionals[0]}"${didYouMean(key, known)}; keys are written as in the matrix, e.g. redis.pool_size.`,
			);
		let only: string | undefined;
		if (values.env !== undefined) {
			const wanted = values.env as string;
			only =
				model.environments.find((e) => e.id === wanted || e.data.aliases?.includes(wanted))?.id ??
				(timelines.environments.has(wanted) ? wanted : undefined);
			const ids = [...new Set([...model.environments.map((e) => e.id), ...timelines.environments.keys()])];
			if (only === undefined)
				throw new UsageError(`"${wanted}" is not an environment${didYouMean(wanted, ids)}; environments: ${ids.join(', ')}.`);
		}
		const mask = secretMask(problems);
		const environments: HistoryEnvironment[] = [];
		const byId = new Map(keyTimelines(timelines, key, only).map((t) => [t.environment, t]));
		for (const id of new Set([...model.environments.map((e) => e.id), ...timelines.environments.keys()])) {
			if (only !== undefined && id !== only) continue;
			const env = model.environments.find((e) => e.id === id);
			const setting = env?.settings.get(key);
			const entries = byId.get(id)?.entries ?? [];
			if (!setting && entries.length === 0) continue;
			const last = entries.at(-1);
			const committed = last && last.event !== 'removed' ? last.value : undefined;
			environments.push({
				id,
				file: env?.file ?? last?.file ?? '',
				current: env !== undefined,
				...(setting ? { now: mask.value(setting.value) } : {}),
				uncommitted:
					timelines.commits.length > 0 &&
					(setting ? committed === undefined || !sameValue(committed, setting.value) : committed !== undefined),
				timeline: entries
					.filter((entry) => since === undefined || entry.date >= since)
					.map((entry) => ({
						commit: entry.hash,
						date: entry.date,
						author: entry.author,
						subject: entry.subject,
						event: entry.event,
						...(entry.event === 'removed' ? {} : { value: mask.value(entry.value) }),
						...(entry.source !== undefined ? { source: entry.source } : {}),
					})),
			});
		}
		if (format === 'json') {
			const document = { key, ...(since ? { since } : {}), ...(timelines.note ? { note: timelines.note } : {}), environments };
			io.stdout(mask.text(`${JSON.stringify(document, null, 2)}\n`));
		} else {
			if (timelines.note) io.stderr(`envparity history: ${timelines.note}\n`);
			io.stdout(mask.text(formatHistory(key, environments)));
		}
		return 0;
	},
};

/** The text of `envparity history`: per environment, one line per commit, then today's value. */
export function formatHistory(key: string, environments: readonly HistoryEnvironment[]): string {
	const cell = (value: unknown): string => {
		const text = displayValue(value);
		return text.length > 38 ? `${text.slice(0, 37)}…` : text;
	};
	const blocks = environments.map((env) => {
		const head = `${env.id} (${env.file}${env.current ? '' : ', no longer exists'})`;
		const rows = env.timeline.map((e) => [
			e.date,
			e.commit.slice(0, 7),
			e.event === 'removed' ? '(removed)' : cell(e.value),
			e.event,
			e.author,
			e.subject,
			// Last, so that a history without sources prints as it always has.
			e.source === undefined ? '' : `(${e.source})`,
		]);
		const today = env.now === undefined ? '(missing)' : cell(env.now);
		rows.push(['today', '', today, env.uncommitted ? 'not committed yet' : '', '', '', '']);
		const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
		const lines = rows.map((row) =>
			row
				.map((c, i) => c.padEnd(widths[i]!))
				.join('  ')
				.trimEnd(),
		);
		return `${head}\n${lines.map((line) => `  ${line}`).join('\n')}`;
	});
	return `${key}\n\n${blocks.length > 0 ? blocks.join('\n\n') : 'No environment has this key in the commits shown.'}\n`;
}
