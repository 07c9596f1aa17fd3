import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import type { EntityKind, ParsedFile } from '../schema/content-files.ts';
import { diagnosticAt, locate } from '../diagnostics/positions.ts';
import { compileKeyGlob } from '../model/key-glob.ts';
import type { Body, Change, Difference, Environment, Issue, Located, Project, Runbook } from '../model/project.ts';
import { flattenSettings } from '../model/settings.ts';
import { changeSchema, type ChangeData } from '../schema/change.ts';
import { configSchema, DEFAULT_CONFIG, type Config } from '../schema/config.ts';
import { differenceSchema, differencesSchema, type DifferenceData } from '../schema/difference.ts';
import { environmentSchema, type EnvironmentData } from '../schema/environment.ts';
import { issueSchema, type IssueData } from '../schema/issue.ts';
import { runbookSchema, type RunbookData } from '../schema/runbook.ts';
import { aliases, ID_PATTERN } from '../schema/shared.ts';
import type { SourceReader } from '../schema/source.ts';
import { validateAgainst } from './schema-issues.ts';
import { resolveSources } from './sources.ts';

/** The validated entity of each kind. */
interface Entities {
	environment: Environment;
	change: Change;
	issue: Issue;
	runbook: Runbook;
}

/** What building an entity needs besides its file and validated data. */
interface BuildContext {
	config: Config;
	diagnostics: Diagnostic[];
	invalidIds: Project['invalidIds'];
	/** The id of the environment that a reference names, by id or by alias. */
	environmentId: (ref: string) => string;
	/** The source files that environments read their settings from. */
	sources: SourceReader;
}

/** A reader with no source file: what a repository whose environments name no sources needs. */
const NO_SOURCES: SourceReader = { paths: [], unread: () => undefined, decode: () => undefined };

/** How one kind of entity is validated and built; `label` names the kind in messages. */
interface KindRules<K extends EntityKind> {
	schema: z.ZodType<Entities[K]['data']>;
	label: string;
	/** The entity, or undefined when it breaks a rule beyond its schema (already reported). */
	build: (data: Entities[K]['data'], file: ParsedFile, context: BuildContext) => Entities[K] | undefined;
	/**
	 * The entity, marked invalid, built from the usable part of a document that failed its schema (its errors already
	 * reported); undefined leaves the file out of the project. Without it, a file that fails its schema is left out.
	 */
	salvage?: (data: unknown, file: ParsedFile, context: BuildContext) => Entities[K] | undefined;
}

const KINDS: { [K in EntityKind]: KindRules<K> } = {
	environment: { schema: environmentSchema, label: 'an environment', build: buildEnvironment, salvage: salvageEnvironment },
	change: { schema: changeSchema, label: 'a change', build: buildChange },
	issue: { schema: issueSchema, label: 'an issue', build: buildIssue },
	runbook: { schema: runbookSchema, label: 'a runbook', build: buildRunbook },
};

/** Validates every parsed file against its schema and assembles the project; one run reports every problem. */
export function buildProject(
	files: readonly ParsedFile[],
	options: { sources?: SourceReader } = {},
): { project: Project; diagnostics: Diagnostic[] } {
	const diagnostics: Diagnostic[] = [];
	const configFile = files.find((f) => f.kind === 'config');
	const config = readConfig(configFile, diagnostics);
	const invalidIds = { environment: new Set<string>(), change: new Set<string>(), issue: new Set<string>(), runbook: new Set<string>() };
	// Environments name no other environment, so they are built before the aliases they define are known.
	const unresolved: BuildContext = { config, diagnostics, invalidIds, environmentId: (ref) => ref, sources: options.sources ?? NO_SOURCES };
	const environments = buildEntities('environment', files, unresolved).sort(
		(a, b) => a.stageIndex - b.stageIndex || (a.id < b.id ? -1 : 1),
	);
	const context: BuildContext = { ...unresolved, environmentId: environmentIdOf(environments) };
	const project: Project = {
		config,
		configSource: configFile?.source,
		environments,
		differences: files.flatMap((file) => (file.kind === 'differences' ? readDifferences(file, context) : [])),
		changes: buildEntities('change', files, context),
		issues: buildEntities('issue', files, context),
		runbooks: buildEntities('runbook', files, context),
		invalidIds,
	};
	return { project, diagnostics };
}

/** The validated config, or the defaults when there is no config file or it is invalid. */
function readConfig(file: ParsedFile | undefined, diagnostics: Diagnostic[]): Config {
	if (!file || file.data === undefined) return DEFAULT_CONFIG;
	const result = validateAgainst(configSchema, file.data ?? {}, file.source, 'envparity.config.yaml');
	diagnostics.push(...result.diagnostics);
	return result.value ?? DEFAULT_CONFIG;
}

/** Validates and builds the files of one kind, in file order; a file left out is recorded in `invalidIds`. */
function buildEntities<K extends EntityKind>(kind: K, files: readonly ParsedFile[], context: BuildContext): Entities[K][] {
	const { schema, label, build, salvage } = KINDS[kind];
	const invalid = context.invalidIds[kind];
	const seen = new Map<string, string>();
	const entities: Entities[K][] = [];
	for (const file of files) {
		if (file.kind !== kind || !claimId(file, seen, context.diagnostics)) continue;
		if (file.data === undefined) {
			invalid.add(file.id);
			continue;
		}
		const result = validateAgainst(schema, file.data ?? {}, file.source, label);
		context.diagnostics.push(...result.diagnostics);
		const entity = result.value ? build(result.value, file, context) : salvage?.(file.data, file, context);
		if (entity) entities.push(entity);
		else invalid.add(file.id);
	}
	return entities;
}

/** Reports a malformed, reserved or duplicate id; returns whether the file keeps its id and goes on to validation. */
function claimId(file: ParsedFile, seen: Map<string, string>, diagnostics: Diagnostic[]): boolean {
	const at = { file: file.file.path, line: 1, column: 1 };
	if (!ID_PATTERN.test(file.id)) {
		diagnostics.push({
			...at,
			severity: 'error',
			code: 'invalid-id',
			message: `"${file.id}" is not a valid id: a file name must be lowercase letters, digits and hyphens (e.g. ${suggestId(file.id)}); rename the file.`,
		});
	}
	if (file.kind === 'environment' && file.id === 'differences') {
		diagnostics.push({
			...at,
			severity: 'error',
			code: 'reserved-id',
			message:
				'"differences" is reserved for environments/differences.yaml and cannot be an environment id; move the file to environments/differences.yaml or rename it.',
		});
		return false;
	}
	const previous = seen.get(file.id);
	if (previous !== undefined) {
		diagnostics.push({
			...at,
			severity: 'error',
			code: 'duplicate-id',
			message: `the ${file.kind} id "${file.id}" is already used by ${previous}; ids are file names and must be unique within their kind, so rename one of the files.`,
		});
		return false;
	}
	seen.set(file.id, file.file.path);
	return true;
}

function buildEnvironment(
	data: EnvironmentData,
	file: ParsedFile,
	{ config, diagnostics, sources }: BuildContext,
): Environment | undefined {
	const stageIndex = config.pipeline.indexOf(data.stage);
	if (stageIndex < 0) {
		diagnostics.push(
			diagnosticAt(
				file.source,
				['stage'],
				'error',
				'unknown-stage',
				`"${data.stage}" is not a stage of the pipeline${didYouMean(data.stage, config.pipeline)}; use one of: ${config.pipeline.join(', ')} (the pipeline is set in envparity.config.yaml).`,
			),
		);
		return undefined;
	}
	const inline = flattenSettings(data.settings);
	const settings = data.sources?.length ? resolveSources(inline, data.sources, file, sources, diagnostics) : inline;
	return { ...locatedOf(file), data, settings, stageIndex };
}

/**
 * An environment whose file has schema errors outside `stage` and `settings` (an unknown field, a bad verified.date, a
 * missing name…) is still built, marked invalid, from the fields that are valid on their own: left out, one typo would
 * empty its stage, make every key it alone holds unknown and take its values out of every drift message, a cascade of
 * misleading problems for one mistake. Its errors, already reported, still fail check and the build. A field in error
 * is left out of its data (`verified` whole, so the freshness rules say nothing of a date they cannot read); a name in
 * error reads as the id; a bad alias drops that alias alone, since references may use the others.
 * Without a valid stage and settings there is nothing to place in the pipeline or to compare, so the environment is
 * left out, as a file that fails its schema is (its id goes to invalidIds, and references to it are not reported).
 */
function salvageEnvironment(raw: unknown, file: ParsedFile, context: BuildContext): Environment | undefined {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
	const fields = raw as Record<string, unknown>;
	const { shape } = environmentSchema;
	if (!shape.stage.safeParse(fields.stage).success || !shape.settings.safeParse(fields.settings).success) return undefined;
	const valid: Record<string, unknown> = {};
	for (const [field, schema] of Object.entries(shape)) {
		const result = (schema as z.ZodType).safeParse(fields[field]);
		if (result.success && result.data !== undefined) valid[field] = result.data;
	}
	valid.name ??= file.id;
	if (Array.isArray(fields.aliases)) valid.aliases = fields.aliases.filter((alias) => aliases.element.safeParse(alias).success);
	const environment = buildEnvironment(valid as EnvironmentData, file, context);
	return environment && { ...environment, invalid: true };
}

function buildChange(data: ChangeData, file: ParsedFile, { environmentId }: BuildContext): Change {
	const propagation = data.propagation && renameKeys(data.propagation, environmentId);
	return { ...locatedOf(file), data: { ...data, ...(propagation && { propagation }) }, body: bodyOf(file) };
}

function buildIssue(data: IssueData, file: ParsedFile, { environmentId }: BuildContext): Issue {
	const reproduced = data.reproduced && renameKeys(data.reproduced, environmentId);
	return {
		...locatedOf(file),
		data: { ...data, environments: data.environments.map(environmentId), ...(reproduced && { reproduced }) },
		body: bodyOf(file),
	};
}

function buildRunbook(data: RunbookData, file: ParsedFile, { environmentId }: BuildContext): Runbook {
	const environments = data.environments?.map(environmentId);
	return { ...locatedOf(file), data: { ...data, ...(environments && { environments }) }, body: bodyOf(file) };
}

function locatedOf(file: ParsedFile): Located {
	return { id: file.id, file: file.file.path, source: file.source };
}

function bodyOf(file: ParsedFile): Body {
	return file.body ?? { text: '', offset: file.file.text.length, mdx: false };
}

/**
 * Resolves references to environments made by alias (an environment renamed with its old id kept) to ids,
 * so that propagation, production-only and every page see one name per environment. An alias that is
 * also an environment's id names that environment.
 */
function environmentIdOf(environments: readonly Environment[]): (ref: string) => string {
	const ids = new Set(environments.map((e) => e.id));
	const byAlias = new Map<string, string>();
	for (const env of environments) for (const alias of env.data.aliases ?? []) if (!ids.has(alias)) byAlias.set(alias, env.id);
	return (ref) => byAlias.get(ref) ?? ref;
}

function renameKeys<T>(record: Record<string, T>, rename: (key: string) => string): Record<string, T> {
	return Object.fromEntries(Object.entries(record).map(([key, value]) => [rename(key), value]));
}

/** Validates `differences.yaml` item by item, so one bad entry does not hide the others. */
function readDifferences(file: ParsedFile, context: BuildContext): Difference[] {
	if (file.data === undefined || file.data === null) return [];
	const { diagnostics } = context;
	if (!Array.isArray(file.data)) {
		diagnostics.push(...validateAgainst(differencesSchema.element.array(), file.data, file.source, 'differences.yaml').diagnostics);
		return [];
	}
	const out: Difference[] = [];
	file.data.forEach((item, index) => {
		const result = validateAgainst(differenceSchema, item, file.source, `difference ${index + 1}`, [index]);
		diagnostics.push(...result.diagnostics);
		if (!result.value) return;
		const difference = buildDifference(result.value, index, file, context);
		if (!difference.glob) {
			diagnostics.push(
				diagnosticAt(
					file.source,
					[index, 'key'],
					'error',
					'invalid-key',
					`"${result.value.key}" is not a valid setting key or glob; write dotted segments, quoting special ones as ["eks.amazonaws.com/capacityType"].`,
				),
			);
		}
		out.push(difference);
	});
	return out;
}

function buildDifference(data: DifferenceData, index: number, file: ParsedFile, { environmentId }: BuildContext): Difference {
	const values = data.values && renameKeys(data.values, environmentId);
	return {
		index,
		file: file.file.path,
		source: file.source,
		data: { ...data, ...(values && { values }) },
		line: locate(file.source, [index]).line,
		glob: compileKeyGlob(data.key),
	};
}

function suggestId(id: string): string {
	const fixed = id
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return fixed && fixed !== id ? `"${fixed}"` : '"redis-pool"';
}
