import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import { diagnosticAt, type YamlPath, type YamlSource } from '../diagnostics/positions.ts';
import { buildIdIndex } from '../model/id-index.ts';
import { ENTITY_FOLDERS, type EntityKind } from '../schema/content-files.ts';
import { compileKeyGlob } from '../model/key-glob.ts';
import type { Project } from '../model/project.ts';
import { canonicalKey, parseKey } from '../model/setting-key.ts';

const UNKNOWN = {
	environment: 'unknown-environment',
	change: 'unknown-change',
	issue: 'unknown-issue',
	runbook: 'unknown-runbook',
} as const;

/** Every environment, change, issue and runbook a file names must exist, and so must the setting keys it names. */
export function checkReferences(project: Project): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	const index = buildIdIndex(project);
	const knownKeys = new Set<string>();
	const allSegments: string[][] = [];
	for (const env of project.environments) {
		for (const setting of env.settings.values()) {
			if (!knownKeys.has(setting.key)) allSegments.push(setting.segments);
			knownKeys.add(setting.key);
		}
	}
	const stages = new Set(project.config.pipeline);

	const ref = (source: YamlSource, path: YamlPath, kind: EntityKind, id: string, part: 'key' | 'value' = 'value'): void => {
		if (index.resolve(kind, id) !== undefined) return;
		diagnostics.push(
			diagnosticAt(
				source,
				path,
				'error',
				UNKNOWN[kind],
				`"${id}" is not ${article(kind)}${didYouMean(id, index.names(kind))}; check the spelling or add ${ENTITY_FOLDERS[kind]}/${id}.${kind === 'environment' ? 'yaml' : 'md'}.`,
				part,
			),
		);
	};
	const settingKey = (source: YamlSource, path: YamlPath, key: string): void => {
		if (!parseKey(key)) {
			diagnostics.push(
				diagnosticAt(
					source,
					path,
					'error',
					'invalid-key',
					`"${key}" is not a valid setting key; write dotted segments such as database.version, quoting special segments as ["eks.amazonaws.com/capacityType"].`,
				),
			);
		} else if (!knownKeys.has(canonicalKey(key))) {
			diagnostics.push(
				diagnosticAt(
					source,
					path,
					'error',
					'unknown-setting',
					`no environment has the setting "${key}"${didYouMean(key, knownKeys)}; fix the key or add the setting to an environment file.`,
				),
			);
		}
	};

	for (const change of project.changes) {
		for (const envId of Object.keys(change.data.propagation ?? {})) ref(change.source, ['propagation', envId], 'environment', envId, 'key');
		for (const key of Object.keys(change.data.settings ?? {})) {
			if (!parseKey(key))
				diagnostics.push(
					diagnosticAt(
						change.source,
						['settings', key],
						'error',
						'invalid-key',
						`"${key}" is not a valid setting key; write dotted segments such as redis.pool_size.`,
						'key',
					),
				);
		}
	}
	for (const issue of project.issues) {
		issue.data.environments.forEach((id, i) => ref(issue.source, ['environments', i], 'environment', id));
		for (const id of Object.keys(issue.data.reproduced ?? {})) ref(issue.source, ['reproduced', id], 'environment', id, 'key');
		(issue.data.changes ?? []).forEach((id, i) => ref(issue.source, ['changes', i], 'change', id));
		(issue.data.runbooks ?? []).forEach((id, i) => ref(issue.source, ['runbooks', i], 'runbook', id));
		(issue.data.settings ?? []).forEach((key, i) => settingKey(issue.source, ['settings', i], key));
	}
	for (const runbook of project.runbooks) {
		(runbook.data.environments ?? []).forEach((id, i) => ref(runbook.source, ['environments', i], 'environment', id));
		(runbook.data.issues ?? []).forEach((id, i) => ref(runbook.source, ['issues', i], 'issue', id));
		(runbook.data.settings ?? []).forEach((key, i) => settingKey(runbook.source, ['settings', i], key));
	}
	for (const difference of project.differences) {
		for (const name of Object.keys(difference.data.values ?? {})) {
			if (index.resolve('environment', name) === undefined && !stages.has(name)) {
				diagnostics.push(
					diagnosticAt(
						difference.source,
						[difference.index, 'values', name],
						'error',
						'unknown-environment',
						`"${name}" is neither an environment nor a stage${didYouMean(name, [...index.names('environment'), ...stages])}; key expected values by environment id or stage name.`,
						'key',
					),
				);
			}
		}
		const glob = difference.glob ?? compileKeyGlob(difference.data.key);
		if (glob && !allSegments.some((segments) => glob.matches(segments))) {
			diagnostics.push(
				diagnosticAt(
					difference.source,
					[difference.index, 'key'],
					'error',
					'unknown-setting',
					`"${difference.data.key}" matches no setting of any environment${didYouMean(difference.data.key, knownKeys)}; fix the key or remove the difference.`,
				),
			);
		}
	}
	return diagnostics;
}

function article(kind: EntityKind): string {
	return kind === 'environment' || kind === 'issue' ? `an ${kind}` : `a ${kind}`;
}
