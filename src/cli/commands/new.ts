import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { didYouMean } from '../../lib/diagnostics/suggest.ts';
import { secretMask } from '../../lib/diagnostics/secret-mask.ts';
import { analyzeRootWithHistory, type Analysis } from '../../lib/engine.ts';
import { canonicalKey } from '../../lib/model/setting-key.ts';
import { sameValue } from '../../lib/model/settings.ts';
import { heldSince, timelineKeys, type TimelineEntry, type Timelines } from '../../lib/model/timeline.ts';
import { buildIdIndex } from '../../lib/model/id-index.ts';
import { ENTITY_FOLDERS, type EntityKind } from '../../lib/schema/content-files.ts';
import type { ParityModel } from '../../lib/model/parity-model.ts';
import { ID_PATTERN } from '../../lib/schema/shared.ts';
import { BODY_PLACEHOLDERS, CHANGE_FIELD_PLACEHOLDERS } from '../../lib/validate/placeholder-text.ts';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.ts';

const KINDS = ['environment', 'change', 'issue', 'runbook'] as const;

/** `envparity new KIND ID`: starts a file with every required field, ready to validate. */
export const newCommand: Command = {
	name: 'new',
	summary: 'Start a new environment, change, issue or runbook file',
	usage: `Usage: envparity new environment|change|issue|runbook <id> [--title TITLE] [--stage STAGE] [--from-history KEY[=VALUE]]… [--root DIR]

Writes a new file with every required field filled in: today's date from the engine's clock,
and for a change, every environment of the pipeline listed as pending. The file validates as written.

Options:
  --title TITLE   The title (or, for an environment, its name); default: from the id
  --stage STAGE   For an environment: its stage (default: the pipeline's first stage)
  --from-history KEY[=VALUE]
                  For a change (repeatable): set KEY to VALUE (default: its latest committed
                  value) and fill in the propagation from git: applied, on the day of the commit
                  that put the value in an environment's file; skipped where the file has held it
                  since its first commit; pending elsewhere. The change's date is the first of
                  those days.
  --root DIR      The content repository (default: the current directory)
  -h, --help      Show this help

Exit status: 0 written, 2 for a usage error (an unknown kind, an invalid id, an id that exists).
`,
	options: { ...COMMON_OPTIONS, title: { type: 'string' }, stage: { type: 'string' }, 'from-history': { type: 'string', multiple: true } },
	positionals: true,
	needsContent: true,
	async run({ io, values, positionals, root, now }) {
		const [kind, id, ...extra] = positionals;
		if (!kind || !id || extra.length > 0) throw new UsageError('new takes a kind and an id, e.g. envparity new change redis-pool.');
		if (!(KINDS as readonly string[]).includes(kind))
			throw new UsageError(`"${kind}" is not a kind${didYouMean(kind, KINDS)}; use one of: ${KINDS.join(', ')}.`);
		if (!ID_PATTERN.test(id))
			throw new UsageError(`"${id}" is not a valid id: use lowercase letters, digits and hyphens, e.g. redis-pool.`);
		const fromHistory = values['from-history'] as unknown as string[] | undefined;
		if (fromHistory !== undefined && kind !== 'change') throw new UsageError('--from-history is only for new changes.');
		const { analysis, timelines } = await analyzeRootWithHistory(root, { now });
		const { model, project } = analysis;
		const prefill = fromHistory === undefined ? undefined : prefillFromHistory(analysis, timelines, fromHistory);
		const entityKind = kind as EntityKind;
		const folder = ENTITY_FOLDERS[entityKind];
		const taken = buildIdIndex(project).resolve(entityKind, id);
		const file = join(folder, `${id}.${entityKind === 'environment' ? 'yaml' : 'md'}`);
		if (taken !== undefined || ['yaml', 'yml', 'md', 'mdx'].some((ext) => existsSync(join(root, folder, `${id}.${ext}`)))) {
			throw new UsageError(
				`the ${kind} "${id}" exists already${taken && taken !== id ? ` (as an alias of ${taken})` : ''}; choose another id or edit the existing file.`,
			);
		}
		// Every id and alias resolves under /go/: an alias of any kind blocks the id, whatever its case.
		const aliasOwner = [...project.environments, ...project.changes, ...project.issues, ...project.runbooks].find((e) =>
			e.data.aliases?.some((a) => a.toLowerCase() === id),
		);
		if (aliasOwner) throw new UsageError(`"${id}" is already an alias of ${aliasOwner.file}; choose another id.`);
		const title =
			(values.title as string | undefined) ??
			id
				.split('-')
				.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
				.join(' ');
		const stage = values.stage as string | undefined;
		if (stage !== undefined && entityKind !== 'environment') throw new UsageError('--stage is only for new environments.');
		if (stage !== undefined && !model.config.pipeline.includes(stage))
			throw new UsageError(
				`"${stage}" is not a stage of the pipeline${didYouMean(stage, model.config.pipeline)}; use one of: ${model.config.pipeline.join(', ')}.`,
			);
		const text = scaffold(entityKind, title, model, stage ?? model.config.pipeline[0]!, prefill);
		await mkdir(dirname(join(root, file)), { recursive: true });
		await writeFile(join(root, file), text, { flag: 'wx' });
		io.stdout(`Wrote ${relative(io.cwd, join(root, file)) || file}.\n`);
		return 0;
	},
};

/** A change's settings, propagation and date, read from the history (`new change --from-history`). */
export interface ChangePrefill {
	date?: string;
	settings: Record<string, unknown>;
	propagation: Record<string, unknown>;
}

/**
 * The settings and propagation of a change that sets `keys` to their latest committed values: in each environment,
 * applied on the day of the commit since which its file has held them all, skipped where the file has held them since
 * its first commit, pending elsewhere. A key with no history, and a value that is a secret, are usage errors.
 */
export function prefillFromHistory(analysis: Analysis, timelines: Timelines, keys: readonly string[]): ChangePrefill {
	if (timelines.commits.length === 0)
		throw new UsageError(
			`--from-history reads the environment files' history from git, and there is none: ${timelines.note ?? 'no commit yet.'}`,
		);
	const known = timelineKeys(timelines);
	const mask = secretMask(analysis.problems);
	const settings: Record<string, unknown> = {};
	for (const written of keys) {
		// KEY=VALUE names the value (a YAML scalar); a bare KEY takes the latest committed one.
		const split = assignment(written);
		const raw = split?.key ?? written;
		const key = canonicalKey(raw);
		const committed = timelineKeys(timelines).includes(key);
		if (!committed)
			throw new UsageError(
				`no commit has set "${raw}"${didYouMean(key, known)}; name a key as the matrix writes it, e.g. redis.pool_size.`,
			);
		let value: unknown;
		if (split) value = split.value;
		else {
			// The latest committed value of the key, in any environment.
			let latest: TimelineEntry | undefined;
			for (const timeline of timelines.environments.values())
				for (const entry of timeline.keys.get(key)?.entries ?? [])
					if (entry.event !== 'removed' && (!latest || entry.index > latest.index)) latest = entry;
			if (!latest) throw new UsageError(`every environment has removed "${raw}"; name the value to set, e.g. --from-history ${raw}=20.`);
			value = latest.value;
		}
		if (!sameValue(mask.value(value), value))
			throw new UsageError(`the value of "${key}" is a secret; a change records references, not secrets: write the change by hand.`);
		settings[key] = value;
	}
	const propagation: Record<string, unknown> = {};
	const days: string[] = [];
	for (const env of analysis.model.environments) {
		let since: TimelineEntry | undefined;
		for (const [key, value] of Object.entries(settings)) {
			const today = env.settings.get(key);
			const held = today && sameValue(today.value, value) ? heldSince(timelines, env.id, key, value) : undefined;
			if (!held) {
				since = undefined;
				break;
			}
			if (!since || held.index > since.index) since = held;
		}
		if (!since) propagation[env.id] = 'pending';
		else if (since.initial)
			propagation[env.id] = {
				status: 'skipped',
				note: `Already set: ${since.file} has held it since its first commit, ${since.hash.slice(0, 7)} on ${since.date}.`,
			};
		else {
			propagation[env.id] = { status: 'applied', date: since.date, note: `Commit ${since.hash.slice(0, 7)}: ${since.subject}` };
			days.push(since.date);
		}
	}
	return { ...(days.length > 0 ? { date: days.sort()[0] } : {}), settings, propagation };
}

/** `KEY=VALUE` split at the first `=` outside a bracketed key segment, the value read as YAML; undefined for a bare key. */
function assignment(text: string): { key: string; value: unknown } | undefined {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '[') depth++;
		else if (c === ']') depth = Math.max(0, depth - 1);
		else if (c === '=' && depth === 0) {
			let value: unknown;
			try {
				value = parse(text.slice(i + 1));
			} catch {
				throw new UsageError(`the value in "${text}" is not a YAML value; quote it, e.g. ${text.slice(0, i)}="${text.slice(i + 1)}".`);
			}
			if (value !== null && typeof value === 'object')
				throw new UsageError(`the value in "${text}" is a list or a map; --from-history sets one value, e.g. ${text.slice(0, i)}=20.`);
			return { key: text.slice(0, i), value };
		}
	}
	return undefined;
}

/** The text of a new file of a kind; every required field set, so that it validates, with placeholders that check warns about until they are replaced. */
export function scaffold(kind: EntityKind, title: string, model: ParityModel, stage: string, prefill?: ChangePrefill): string {
	const today = model.today;
	const yaml = (data: object): string => stringify(data, { lineWidth: 0 });
	switch (kind) {
		case 'environment':
			return `# yaml-language-server: $schema=../schemas/environment.schema.json\n${yaml({ name: title, stage, settings: {} })}# verified: { date: ${today}, by: "@you" }   # once its settings are checked against the running environment\n`;
		case 'change':
			return `---\n${yaml({
				title,
				date: prefill?.date ?? today,
				reason: CHANGE_FIELD_PLACEHOLDERS.reason.text,
				settings: prefill?.settings ?? {},
				rollback: CHANGE_FIELD_PLACEHOLDERS.rollback.text,
				verification: CHANGE_FIELD_PLACEHOLDERS.verification.text,
				propagation: prefill?.propagation ?? Object.fromEntries(model.environments.map((env) => [env.id, 'pending'])),
			})}---\n\n${BODY_PLACEHOLDERS.change.text}\n`;
		case 'issue': {
			const last = model.config.pipeline.at(-1);
			const observed = model.environments.filter((env) => env.data.stage === last).map((env) => env.id);
			return `---\n${yaml({ title, status: 'open', severity: 'medium', environments: observed.length > 0 ? observed : model.environments.slice(-1).map((e) => e.id), reproduced: {}, opened: today })}---\n\n## Symptoms\n\n## Investigation\n\n## Timeline\n`;
		}
		case 'runbook':
			return `---\n${yaml({ title, environments: [], issues: [] })}---\n\n## When to use it\n\n## Procedure\n\n${BODY_PLACEHOLDERS.runbook.text}\n`;
	}
}
