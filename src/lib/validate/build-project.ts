import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import type { ParsedFile } from '../schema/content-files.ts';
import { diagnosticAt } from '../diagnostics/positions.ts';
import { compileKeyGlob } from '../model/key-glob.ts';
import type { Change, Difference, Environment, Issue, Project, Runbook } from '../model/project.ts';
import { flattenSettings } from '../model/settings.ts';
import { changeSchema } from '../schema/change.ts';
import { configSchema, DEFAULT_CONFIG, type Config } from '../schema/config.ts';
import { differenceSchema, differencesSchema } from '../schema/difference.ts';
import { environmentSchema } from '../schema/environment.ts';
import { issueSchema } from '../schema/issue.ts';
import { runbookSchema } from '../schema/runbook.ts';
import { ID_PATTERN } from '../schema/shared.ts';
import { validateAgainst } from './schema-issues.ts';

/** Validates every parsed file against its schema and assembles the project; one run reports every problem. */
export function buildProject(files: readonly ParsedFile[]): { project: Project; diagnostics: Diagnostic[] } {
	const diagnostics: Diagnostic[] = [];
	const configFile = files.find((f) => f.kind === 'config');
	let config: Config = DEFAULT_CONFIG;
	if (configFile && configFile.data !== undefined) {
		const result = validateAgainst(configSchema, configFile.data ?? {}, configFile.source, 'envparity.config.yaml');
		diagnostics.push(...result.diagnostics);
		if (result.value) config = result.value;
	}
	const project: Project = {
		config, configSource: configFile?.source, environments: [], differences: [], changes: [], issues: [], runbooks: [],
		invalidIds: { environment: new Set(), change: new Set(), issue: new Set(), runbook: new Set() },
	};
	const seen = { environment: new Map<string, string>(), change: new Map<string, string>(), issue: new Map<string, string>(), runbook: new Map<string, string>() };

	for (const file of files) {
		if (file.kind === 'config') continue;
		if (file.kind === 'differences') {
			if (file.data === undefined) continue;
			project.differences.push(...readDifferences(file, diagnostics));
			continue;
		}
		const at = { file: file.file.path, line: 1, column: 1 };
		if (!ID_PATTERN.test(file.id)) {
			diagnostics.push({ ...at, severity: 'error', code: 'invalid-id', message: `"${file.id}" is not a valid id: a file name must be lowercase letters, digits and hyphens (e.g. ${suggestId(file.id)}); rename the file.` });
		}
		if (file.kind === 'environment' && file.id === 'differences') {
			diagnostics.push({ ...at, severity: 'error', code: 'reserved-id', message: '"differences" is reserved for environments/differences.yaml and cannot be an environment id; move the file to environments/differences.yaml or rename it.' });
			continue;
		}
		const previous = seen[file.kind].get(file.id);
		if (previous !== undefined) {
			diagnostics.push({ ...at, severity: 'error', code: 'duplicate-id', message: `the ${file.kind} id "${file.id}" is already used by ${previous}; ids are file names and must be unique within their kind, so rename one of the files.` });
			continue;
		}
		seen[file.kind].set(file.id, file.file.path);
		const invalid = project.invalidIds[file.kind];
		if (file.data === undefined) {
			invalid.add(file.id);
			continue;
		}
		const located = { id: file.id, file: file.file.path, source: file.source };
		const body = file.body ?? { text: '', offset: file.file.text.length, mdx: false };
		if (file.kind === 'environment') {
			const result = validateAgainst(environmentSchema, file.data ?? {}, file.source, 'an environment');
			diagnostics.push(...result.diagnostics);
			if (!result.value) {
				invalid.add(file.id);
				continue;
			}
			const stageIndex = config.pipeline.indexOf(result.value.stage);
			if (stageIndex < 0) {
				diagnostics.push(diagnosticAt(file.source, ['stage'], 'error', 'unknown-stage', `"${result.value.stage}" is not a stage of the pipeline${didYouMean(result.value.stage, config.pipeline)}; use one of: ${config.pipeline.join(', ')} (the pipeline is set in envparity.config.yaml).`));
				invalid.add(file.id);
				continue;
			}
			const env: Environment = { ...located, data: result.value, settings: flattenSettings(result.value.settings), stageIndex };
			project.environments.push(env);
		} else if (file.kind === 'change') {
			const result = validateAgainst(changeSchema, file.data ?? {}, file.source, 'a change');
			diagnostics.push(...result.diagnostics);
			if (result.value) project.changes.push({ ...located, data: result.value, body } satisfies Change);
			else invalid.add(file.id);
		} else if (file.kind === 'issue') {
			const result = validateAgainst(issueSchema, file.data ?? {}, file.source, 'an issue');
			diagnostics.push(...result.diagnostics);
			if (result.value) project.issues.push({ ...located, data: result.value, body } satisfies Issue);
			else invalid.add(file.id);
		} else if (file.kind === 'runbook') {
			const result = validateAgainst(runbookSchema, file.data ?? {}, file.source, 'a runbook');
			diagnostics.push(...result.diagnostics);
			if (result.value) project.runbooks.push({ ...located, data: result.value, body } satisfies Runbook);
			else invalid.add(file.id);
		}
	}
	project.environments.sort((a, b) => a.stageIndex - b.stageIndex || (a.id < b.id ? -1 : 1));
	resolveEnvironmentAliases(project);
	return { project, diagnostics };
}

/**
 * Rewrites references to environments made by alias (an environment renamed with its old id kept)
 * into ids, so that propagation, production-only and every page see one name per environment.
 */
function resolveEnvironmentAliases(project: Project): void {
	const ids = new Set(project.environments.map((e) => e.id));
	const byAlias = new Map<string, string>();
	for (const env of project.environments) for (const alias of env.data.aliases ?? []) if (!ids.has(alias)) byAlias.set(alias, env.id);
	if (byAlias.size === 0) return;
	const id = (ref: string): string => byAlias.get(ref) ?? ref;
	const keys = <T>(map: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(map).map(([k, v]) => [id(k), v]));
	for (const change of project.changes) if (change.data.propagation) change.data = { ...change.data, propagation: keys(change.data.propagation) };
	for (const issue of project.issues) {
		issue.data = { ...issue.data, environments: issue.data.environments.map(id), ...(issue.data.reproduced ? { reproduced: keys(issue.data.reproduced) } : {}) };
	}
	for (const runbook of project.runbooks) if (runbook.data.environments) runbook.data = { ...runbook.data, environments: runbook.data.environments.map(id) };
	for (const difference of project.differences) if (difference.data.values) difference.data = { ...difference.data, values: keys(difference.data.values) };
}

/** Validates `differences.yaml` item by item, so one bad entry does not hide the others. */
function readDifferences(file: ParsedFile, diagnostics: Diagnostic[]): Difference[] {
	if (file.data === null) return [];
	const list = validateAgainst(differencesSchema.element.array(), Array.isArray(file.data) ? [] : file.data, file.source, 'differences.yaml');
	if (!Array.isArray(file.data)) {
		diagnostics.push(...list.diagnostics);
		return [];
	}
	const out: Difference[] = [];
	file.data.forEach((item, index) => {
		const result = validateAgainst(differenceSchema, item, file.source, `difference ${index + 1}`, [index]);
		diagnostics.push(...result.diagnostics);
		if (!result.value) return;
		const glob = compileKeyGlob(result.value.key);
		if (!glob) {
			diagnostics.push(diagnosticAt(file.source, [index, 'key'], 'error', 'invalid-key', `"${result.value.key}" is not a valid setting key or glob; write dotted segments, quoting special ones as ["eks.amazonaws.com/capacityType"].`));
		}
		out.push({ index, file: file.file.path, source: file.source, data: result.value, glob });
	});
	return out;
}

function suggestId(id: string): string {
	const fixed = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
	return fixed && fixed !== id ? `"${fixed}"` : '"redis-pool"';
}
