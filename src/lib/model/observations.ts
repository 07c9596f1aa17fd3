import type { YamlSource } from '../diagnostics/positions.ts';
import type { ObservationsData, ObserveKind } from '../schema/observe.ts';
import { daysBetween, isoDay } from './dates.ts';
import type { Environment } from './project.ts';
import { sameValue } from './settings.ts';

/** A validated observations file: what `envparity observe` last read from one environment's services. */
export interface Observation {
	envId: string;
	/** `observations/<id>.json`. */
	file: string;
	source: YamlSource;
	data: ObservationsData;
}

/** One observed key of an environment, beside its declared value: what a matrix cell or a settings row shows. */
export interface ObservedSetting {
	key: string;
	/** What the service reported. */
	observed: unknown;
	/** The declared value; undefined when the environment does not declare the key. */
	declared: unknown;
	/** Whether the declared value is the observed one; false when the key is not declared. */
	agrees: boolean;
	/** The target that reported it: its kind, the reference as written, and where it answered. */
	target: { index: number; kind: ObserveKind; target: string; server?: string };
}

/** A target or a key that could not be read in the latest observation. */
export interface ObservationFailure {
	/** Index of the target in the observations file. */
	index: number;
	kind: ObserveKind;
	target: string;
	/** The key that was not read; undefined when the whole target failed. */
	key?: string;
	reason: string;
}

/** The latest observation of one environment, compared with its declared settings. */
export interface EnvironmentObservation {
	/** The observations file it comes from, with its positions. */
	observation: Observation;
	file: string;
	/** When it was observed (ISO date-time) and on which day. */
	observedAt: string;
	observedOn: string;
	/** Days between the observation and today. */
	ageDays: number;
	/** Older than `stale_after_days`. */
	stale: boolean;
	/** Each observed key, by key. */
	settings: Map<string, ObservedSetting>;
	failures: ObservationFailure[];
	/** How many observed keys disagree with (or are not) declared values. */
	mismatches: number;
	/**
	 * Fresh, every target answered, and every key the environment's `observe` lists was observed and
	 * agrees with its declared value: the environment counts as verified, by observation.
	 */
	verified: boolean;
}

/** Compares an environment's latest observation with its declared settings. */
export function computeObservation(
	env: Environment,
	observation: Observation,
	today: string,
	staleAfterDays: number,
): EnvironmentObservation {
	const observedOn = isoDay(new Date(observation.data.observed_at));
	const ageDays = daysBetween(observedOn, today);
	const settings = new Map<string, ObservedSetting>();
	const failures: ObservationFailure[] = [];
	observation.data.targets.forEach((target, index) => {
		const about = { index, kind: target.kind, target: target.target, ...(target.server ? { server: target.server } : {}) };
		if (target.error) failures.push({ index, kind: target.kind, target: target.target, reason: target.error });
		for (const [key, reason] of Object.entries(target.errors ?? {}))
			failures.push({ index, kind: target.kind, target: target.target, key, reason });
		for (const [key, observed] of Object.entries(target.values)) {
			const declared = env.settings.get(key)?.value;
			settings.set(key, { key, observed, declared, agrees: declared !== undefined && sameValue(declared, observed), target: about });
		}
	});
	const mismatches = [...settings.values()].filter((s) => !s.agrees).length;
	const stale = ageDays > staleAfterDays;
	const listed = (env.data.observe ?? []).flatMap((target) => Object.keys(target.settings));
	const verified =
		!stale && ageDays >= 0 && failures.length === 0 && listed.length > 0 && listed.every((key) => settings.get(key)?.agrees === true);
	return {
		observation,
		file: observation.file,
		observedAt: observation.data.observed_at,
		observedOn,
		ageDays,
		stale,
		settings,
		failures,
		mismatches,
		verified,
	};
}

/** The latest observation of each environment that has one, compared with its declared settings. */
export function computeObservations(
	environments: readonly Environment[],
	observations: ReadonlyMap<string, Observation>,
	today: string,
	staleAfterDays: number,
): Map<string, EnvironmentObservation> {
	const compared = new Map<string, EnvironmentObservation>();
	for (const env of environments) {
		const observation = observations.get(env.id);
		if (observation) compared.set(env.id, computeObservation(env, observation, today, staleAfterDays));
	}
	return compared;
}

/**
 * An environment's freshness with its latest observation: an observation that verifies the environment
 * (fresh, matching every observed key) and is not older than a fresh verification by a person counts as
 * its verification: not stale, marked as by observation. `ageDays` stays the age of the person's
 * verification (`verified.date`), which pages show beside that date; the observation's own age is in
 * the model's `observations`.
 */
export function freshnessWithObservation<T extends { stale: boolean; ageDays: number | null }>(
	freshness: T,
	observed: EnvironmentObservation | undefined,
): T & { byObservation?: true } {
	if (!observed?.verified) return freshness;
	if (freshness.ageDays !== null && freshness.ageDays >= 0 && freshness.ageDays < observed.ageDays && !freshness.stale) return freshness;
	return { ...freshness, stale: false, byObservation: true };
}
