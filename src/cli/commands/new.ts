import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { stringify } from 'yaml';
import { didYouMean } from '../../lib/diagnostics/suggest.ts';
import { analyzeRoot } from '../../lib/engine.ts';
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
	usage: `Usage: envparity new environment|change|issue|runbook <id> [--title TITLE] [--stage STAGE] [--root DIR]

Writes a new file with every required field filled in: today's date from the engine's clock,
and for a change, every environment of the pipeline listed as pending. The file validates as written.

Options:
  --title TITLE   The title (or, for an environment, its name); default: from the id
  --stage STAGE   For an environment: its stage (default: the pipeline's first stage)
  --root DIR      The content repository (default: the current directory)
  -h, --help      Show this help

Exit status: 0 written, 2 for a usage error (an unknown kind, an invalid id, an id that exists).
`,
	options: { ...COMMON_OPTIONS, title: { type: 'string' }, stage: { type: 'string' } },
	positionals: true,
	needsContent: true,
	async run({ io, values, positionals, root, now }) {
		const [kind, id, ...extra] = positionals;
		if (!kind || !id || extra.length > 0) throw new UsageError('new takes a kind and an id, e.g. envparity new change redis-pool.');
		if (!(KINDS as readonly string[]).includes(kind))
			throw new UsageError(`"${kind}" is not a kind${didYouMean(kind, KINDS)}; use one of: ${KINDS.join(', ')}.`);
		if (!ID_PATTERN.test(id))
			throw new UsageError(`"${id}" is not a valid id: use lowercase letters, digits and hyphens, e.g. redis-pool.`);
		const { model, project } = await analyzeRoot(root, { now });
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
		const text = scaffold(entityKind, title, model, stage ?? model.config.pipeline[0]!);
		await mkdir(dirname(join(root, file)), { recursive: true });
		await writeFile(join(root, file), text, { flag: 'wx' });
		io.stdout(`Wrote ${relative(io.cwd, join(root, file)) || file}.\n`);
		return 0;
	},
};

/** The text of a new file of a kind; every required field set, so that it validates, with placeholders that check warns about until they are replaced. */
export function scaffold(kind: EntityKind, title: string, model: ParityModel, stage: string): string {
	const today = model.today;
	const yaml = (data: object): string => stringify(data, { lineWidth: 0 });
	switch (kind) {
		case 'environment':
			return `# yaml-language-server: $schema=../schemas/environment.schema.json\n${yaml({ name: title, stage, settings: {} })}# verified: { date: ${today}, by: "@you" }   # once its settings are checked against the running environment\n`;
		case 'change':
			return `---\n${yaml({
				title,
				date: today,
				reason: CHANGE_FIELD_PLACEHOLDERS.reason.text,
				settings: {},
				rollback: CHANGE_FIELD_PLACEHOLDERS.rollback.text,
				verification: CHANGE_FIELD_PLACEHOLDERS.verification.text,
				propagation: Object.fromEntries(model.environments.map((env) => [env.id, 'pending'])),
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
