import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnosticAt } from '../diagnostics/positions.ts';
import { isScalar, type Node } from 'yaml';
import type { ParityModel } from '../model/parity-model.ts';
import type { Environment } from '../model/project.ts';
import { displayValue, sameValue } from '../model/settings.ts';
import { settingDiagnostic } from './setting-location.ts';

/** Undocumented drift, missing settings, outdated differences, versions written as numbers, empty stages. */
export function checkParity(model: ParityModel): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	const envs = model.environments;
	for (const row of model.matrix) {
		const present = envs.filter((env) => env.id in row.values);
		const listing = envs
			.map((env) => `${env.id}=${env.id in row.values ? shorten(displayValue(row.values[env.id])) : '(missing)'}`)
			.join(', ');
		if (row.outdatedDifference !== null) {
			const difference = model.differences.find((d) => d.index === row.outdatedDifference)!;
			diagnostics.push(
				diagnosticAt(
					difference.source,
					[difference.index, 'values'],
					'warning',
					'difference-outdated',
					`the documented difference for "${difference.data.key}" expects other values than "${row.key}" has now (${listing}); update its values or align the environments.`,
					'key',
				),
			);
			continue;
		}
		if (row.status === 'drift') {
			// Point at the first environment, in pipeline order, whose value departs from the one before it.
			const culprit = present.find((env, i) => i > 0 && !sameValue(row.values[env.id], row.values[present[i - 1]!.id])) ?? present[0]!;
			diagnostics.push(
				settingDiagnostic(
					culprit,
					row.segments,
					'warning',
					'undocumented-drift',
					`"${row.key}" differs between environments with no documented difference (${listing}); align the values or document the difference in environments/differences.yaml.`,
				),
			);
		} else if (row.status === 'missing') {
			const absent = envs.filter((env) => !(env.id in row.values)).map((env) => env.id);
			const first = present[0]!;
			diagnostics.push(
				settingDiagnostic(
					first,
					row.segments,
					'warning',
					'missing-setting',
					`"${row.key}" is set in ${present.map((e) => e.id).join(', ')} but missing from ${absent.join(', ')}; add it there or document the difference in environments/differences.yaml.`,
					'key',
				),
			);
		}
	}
	for (const row of model.matrix) {
		if (!row.isVersion) continue;
		for (const env of envs) {
			const written = numberWritten(env, row.key, row.segments);
			if (written === undefined) continue;
			diagnostics.push(
				settingDiagnostic(
					env,
					row.segments,
					'warning',
					'version-as-number',
					`the version ${written.text} is written as a YAML number and read as ${written.read}; quote it ("${written.text}") so that no digit is lost.`,
				),
			);
		}
	}
	model.config.pipeline.forEach((stage) => {
		if (envs.some((env) => env.data.stage === stage) || !model.configSource) return;
		const index = model.config.pipeline.indexOf(stage);
		diagnostics.push(
			diagnosticAt(
				model.configSource,
				['pipeline', index],
				'warning',
				'stage-empty',
				`no environment is in the stage "${stage}"; add an environment with stage: ${stage} or remove the stage from the pipeline.`,
			),
		);
	});
	return diagnostics;
}

/** How a version is written when it is written as a YAML number (inline, or in a YAML source), and how it reads. */
function numberWritten(env: Environment, key: string, segments: readonly string[]): { text: string; read: string } | undefined {
	const setting = env.settings.get(key);
	if (setting?.origin) {
		const text = setting.origin.numberText;
		return text === undefined ? undefined : { text, read: String(setting.value) };
	}
	const node = env.source.doc.getIn(['settings', ...segments], true) as Node | undefined;
	if (!isScalar(node) || typeof node.value !== 'number') return undefined;
	return { text: node.source ?? String(node.value), read: String(node.value) };
}

function shorten(text: string): string {
	return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
