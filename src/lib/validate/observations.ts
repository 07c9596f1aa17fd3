import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnosticAt } from '../diagnostics/positions.ts';
import { didYouMean } from '../diagnostics/suggest.ts';
import type { Observation } from '../model/observations.ts';
import type { ParityModel } from '../model/parity-model.ts';
import type { Project } from '../model/project.ts';
import { displayValue } from '../model/settings.ts';
import { observationsFileSchema, observeKindOf, type ObservationsSource } from '../schema/observe.ts';
import { isCredentialKey, isSecretReference } from './secrets.ts';
import { settingDiagnostic } from './setting-location.ts';

/**
 * Validates the observations files against their format and the environments: a file that is not
 * what `envparity observe` writes, or that names no environment, is `observation-invalid` where it goes wrong.
 */
export function buildObservations(
	sources: readonly ObservationsSource[],
	project: Project,
): { observations: Map<string, Observation>; diagnostics: Diagnostic[] } {
	const observations = new Map<string, Observation>();
	const diagnostics: Diagnostic[] = [];
	const ids = project.environments.map((env) => env.id);
	for (const { envId, source, data } of sources) {
		const file = source.file.path;
		if (!ids.includes(envId) && !project.invalidIds.environment.has(envId)) {
			diagnostics.push({
				file,
				line: 1,
				column: 1,
				severity: 'error',
				code: 'observation-invalid',
				message: `${file} names no environment: "${envId}" is not an environment${didYouMean(envId, ids)}; rename the file after an environment id, or delete it.`,
			});
			continue;
		}
		const parsed = observationsFileSchema.safeParse(data);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const path = issue.path.filter((part) => typeof part !== 'symbol') as (string | number)[];
				const at = path.length > 0 ? ` at ${path.join('.')}` : '';
				diagnostics.push(
					diagnosticAt(
						source,
						path,
						'error',
						'observation-invalid',
						`${issue.message}${at}; ${file} is written by envparity observe: run it again rather than edit the file.`,
					),
				);
			}
			continue;
		}
		observations.set(envId, { envId, file, source, data: parsed.data });
	}
	return { observations, diagnostics };
}

/**
 * The observe targets of environment files: a postgres or redis connection is a reference resolved when
 * `observe` runs (a literal with a password is also `secret-value`), an http target an address or a
 * reference, no observed key is named like a credential, and no key is observed by two targets.
 */
export function checkObserveTargets(project: Project): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	for (const env of project.environments) {
		const observedBy = new Map<string, number>();
		(env.data.observe ?? []).forEach((target, index) => {
			const kind = observeKindOf(target);
			const written = (target as unknown as Record<string, string>)[kind]!.trim();
			if (kind !== 'http' && !isSecretReference(written)) {
				diagnostics.push(
					diagnosticAt(
						env.source,
						['observe', index, kind],
						'error',
						'invalid-value',
						`the ${kind} connection must be a reference such as \${${kind === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL'}}, resolved from the environment when envparity observe runs, not a connection string in the file; keep the connection string in a secret.`,
					),
				);
			} else if (kind === 'http' && !isSecretReference(written) && !/^https?:\/\/[^\s/]/i.test(written)) {
				diagnostics.push(
					diagnosticAt(
						env.source,
						['observe', index, kind],
						'error',
						'invalid-value',
						`"${written}" is not an http(s) address or a reference; write an address such as https://pay.example.com/version, or \${VERSION_URL}.`,
					),
				);
			}
			for (const key of Object.keys(target.settings)) {
				const first = observedBy.get(key);
				if (first === undefined) observedBy.set(key, index);
				else {
					diagnostics.push(
						diagnosticAt(
							env.source,
							['observe', index, 'settings', key],
							'error',
							'setting-conflict',
							`"${key}" is observed by two targets (observe[${first}] and observe[${index}]); keep it under the one that tells its value.`,
							'key',
						),
					);
				}
				if (key.split('.').some(isCredentialKey)) {
					diagnostics.push(
						diagnosticAt(
							env.source,
							['observe', index, 'settings', key],
							'error',
							'invalid-key',
							`"${key}" is named like a credential, and observations never store a value under such a key; observe another setting.`,
							'key',
						),
					);
				}
			}
		});
	}
	return diagnostics;
}

/**
 * Declared values against the latest observations: a declared value that differs is
 * `observation-mismatch` where the value is written (inline, or in its source file); an old observation `observation-stale`; a target or key
 * that could not be read `observation-failed`, naming the target.
 */
export function checkObservations(model: ParityModel): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	const { config } = model;
	for (const env of model.environments) {
		const observed = model.observations.get(env.id);
		if (!observed) continue;
		const { source, data } = observed.observation;
		for (const setting of observed.settings.values()) {
			const declared = env.settings.get(setting.key);
			if (!declared || setting.agrees) continue;
			diagnostics.push(
				settingDiagnostic(
					env,
					declared.segments,
					'warning',
					'observation-mismatch',
					`${setting.key} is declared ${displayValue(setting.declared)}, but ${describe(setting.target)} reported ${displayValue(setting.observed)} on ${observed.observedOn} (${observed.file}); correct the declared value, or fix the service and run envparity observe again.`,
				),
			);
		}
		if (observed.stale) {
			diagnostics.push(
				diagnosticAt(
					source,
					['observed_at'],
					'warning',
					'observation-stale',
					`${env.data.name} was last observed ${observed.ageDays} days ago (on ${observed.observedOn}), more than stale_after_days (${config.stale_after_days}); run envparity observe ${env.id}.`,
				),
			);
		}
		for (const failure of observed.failures) {
			const target = data.targets[failure.index]!;
			diagnostics.push(
				diagnosticAt(
					source,
					failure.key === undefined ? ['targets', failure.index, 'error'] : ['targets', failure.index, 'errors', failure.key],
					'warning',
					'observation-failed',
					failure.key === undefined
						? `${describe(target)} could not be read on ${observed.observedOn}: ${failure.reason}; check the target and its connection, then run envparity observe ${env.id}.`
						: `${failure.key} could not be read from ${describe(target)} on ${observed.observedOn}: ${failure.reason}; check what the target reads.`,
				),
			);
		}
	}
	return diagnostics;
}

/** A target as messages name it: `postgres ${DB_URL} (db.internal:5432/app)`. */
function describe(target: { kind: string; target: string; server?: string }): string {
	return `${target.kind} ${target.target}${target.server && target.server !== target.target ? ` (${target.server})` : ''}`;
}
