import type { YamlSource } from '../diagnostics/positions.ts';
import type { Config } from '../schema/config.ts';
import { daysBetween, isoDay } from './dates.ts';
import { computeObservations, freshnessWithObservation, type EnvironmentObservation, type Observation } from './observations.ts';
import { computeParityMatrix, type MatrixRow } from './parity-matrix.ts';
import { computeParityScores, type PairScore, type StagePairScore } from './parity-scores.ts';
import type { Change, Difference, Environment, Issue, Project, Runbook } from './project.ts';
import { computePropagation, type Propagation } from './propagation.ts';

/** Verification freshness of an environment. */
export interface Freshness {
	stale: boolean;
	/** Days since the last verification by a person (`verified.date`); null when never verified by one. */
	ageDays: number | null;
	/**
	 * Set when the latest observation of the running services verifies it (then it is not stale, whatever
	 * `ageDays` says): pages should say "verified by observation" with the observation's day and age
	 * (`ParityModel.observations`), not a person.
	 */
	byObservation?: true;
}

/** The computed model of a repository: what the CLI prints and the site renders. */
export interface ParityModel {
	config: Config;
	/** The config file's source, when the repository has one. */
	configSource?: YamlSource;
	/** "Now", as YYYY-MM-DD, from the engine's clock. */
	today: string;
	generatedAt: string;
	environments: Environment[];
	freshness: Map<string, Freshness>;
	/** The latest observation of each environment that has one (`observations/<id>.json`), beside its declared values. */
	observations: Map<string, EnvironmentObservation>;
	matrix: MatrixRow[];
	scores: { pairs: PairScore[]; stages: StagePairScore[] };
	differences: Difference[];
	changes: Change[];
	propagation: Map<string, Propagation>;
	issues: Issue[];
	productionOnly: Map<string, boolean>;
	runbooks: Runbook[];
}

/** Computes the matrix, scores, propagation, freshness and production-only flags of a validated project. */
export function computeModel(project: Project, now: Date, observationFiles: ReadonlyMap<string, Observation> = new Map()): ParityModel {
	const today = isoDay(now);
	const { config, environments, differences } = project;
	const matrix = computeParityMatrix({ environments, differences, versionKeys: config.version_keys, ignore: config.ignore });
	const observations = computeObservations(environments, observationFiles, today, config.stale_after_days);
	const freshness = new Map<string, Freshness>();
	for (const env of environments) {
		const date = env.data.verified?.date;
		const ageDays = date ? daysBetween(date, today) : null;
		freshness.set(
			env.id,
			freshnessWithObservation({ stale: ageDays === null || ageDays > config.stale_after_days, ageDays }, observations.get(env.id)),
		);
	}
	const propagation = new Map<string, Propagation>();
	for (const change of project.changes)
		propagation.set(change.id, computePropagation(change, environments, today, config.pending_after_days));
	const productionOnly = new Map<string, boolean>();
	for (const issue of project.issues) productionOnly.set(issue.id, isProductionOnly(issue, environments, config.pipeline.length - 1));
	return {
		config,
		configSource: project.configSource,
		today,
		generatedAt: now.toISOString(),
		environments,
		freshness,
		observations,
		matrix,
		scores: computeParityScores(matrix, environments, differences, config.pipeline),
		differences,
		changes: project.changes,
		propagation,
		issues: project.issues,
		productionOnly,
		runbooks: project.runbooks,
	};
}

/** True when every environment where the bug was observed is in the last stage and no earlier stage reproduced it. */
export function isProductionOnly(issue: Issue, environments: readonly Environment[], lastStage: number): boolean {
	const byId = new Map(environments.map((env) => [env.id, env]));
	const observed = issue.data.environments.map((id) => byId.get(id));
	if (observed.length === 0 || observed.some((env) => env?.stageIndex !== lastStage)) return false;
	return !Object.entries(issue.data.reproduced ?? {}).some(([id, reproduced]) => {
		const env = byId.get(id);
		return reproduced && env !== undefined && env.stageIndex < lastStage;
	});
}
