import type { Diagnostic, Severity } from '../diagnostics/diagnostic.ts';
import type { DiagnosticCode } from '../diagnostics/codes.ts';
import { secretMask } from '../diagnostics/secret-mask.ts';
import type { EnvironmentObservation } from './observations.ts';
import type { ParityModel } from './parity-model.ts';
import type { Skew } from './version.ts';
import type { RowStatus } from './parity-matrix.ts';
import type { ChangeState, PropagationStep } from './propagation.ts';

/** An environment's latest observation in the export document: each observed key beside its declared value, and what failed. */
export interface ExportObservation {
	file: string;
	observedAt: string;
	ageDays: number;
	stale: boolean;
	/** Fresh, every target answered and every observed key agrees with its declared value. */
	verified: boolean;
	values: Record<string, { observed: unknown; declared: unknown; agrees: boolean; target: string }>;
	failures: { target: string; key: string | null; reason: string }[];
}

/** The machine-readable model: printed by `envparity export` and published at `/api/parity.json`. */
export interface ExportDocument {
	generatedAt: string;
	title: string;
	pipeline: string[];
	environments: {
		id: string;
		name: string;
		stage: string;
		owner: string | null;
		url: string | null;
		verified: { date: string; by: string | null } | null;
		verificationStale: boolean;
		verificationAgeDays: number | null;
		/** Who verified it last: a person (`verified`), the latest observation of its services, or nobody. */
		verifiedBy: 'person' | 'observation' | null;
		/** The latest observation of its running services (`observations/<id>.json`), or null. */
		observation: ExportObservation | null;
		/** True when the environment's file has errors outside its settings: its values are shown, its other fields may be missing. */
		invalid: boolean;
		file: string;
	}[];
	matrix: {
		key: string;
		values: Record<string, unknown>;
		/** Environment id → where a value read from a source file is written; environments whose value is inline are absent. */
		sources: Record<string, { file: string; line: number }>;
		status: RowStatus;
		skew: Skew | null;
		difference: string | null;
	}[];
	scores: {
		pairs: { a: string; b: string; same: number; documented: number; drift: number; missing: number; total: number; score: number }[];
		stages: {
			from: string;
			to: string;
			environments: string[];
			same: number;
			documented: number;
			drift: number;
			missing: number;
			total: number;
			score: number;
		}[];
	};
	differences: {
		key: string;
		values: Record<string, unknown> | null;
		rationale: string;
		risk: string;
		mitigation: string | null;
		owner: string | null;
		reviewBy: string | null;
		line: number;
	}[];
	changes: {
		id: string;
		title: string;
		date: string;
		author: string | null;
		reason: string;
		settings: Record<string, unknown>;
		rollback: string;
		verification: string | null;
		state: ChangeState;
		propagation: Record<string, { status: PropagationStep['status']; date?: string; by?: string; note?: string }>;
		pending: string[];
		pendingDays: number;
		stalled: boolean;
		outOfOrder: boolean;
		aliases: string[];
		file: string;
	}[];
	issues: {
		id: string;
		title: string;
		status: string;
		severity: string;
		environments: string[];
		reproduced: Record<string, boolean>;
		opened: string;
		resolved: string | null;
		rootCause: string | null;
		resolution: string | null;
		settings: string[];
		configFiles: string[];
		changes: string[];
		runbooks: string[];
		aliases: string[];
		productionOnly: boolean;
		file: string;
	}[];
	runbooks: {
		id: string;
		title: string;
		owner: string | null;
		environments: string[];
		settings: string[];
		issues: string[];
		aliases: string[];
		reviewBy: string | null;
		file: string;
	}[];
	problems: PublishedProblem[];
	summary: { errors: number; warnings: number };
}

/** A diagnostic as published: location, code and message; the span, the sensitive flag and the secret stay internal. */
export interface PublishedProblem {
	file: string;
	line: number;
	column: number;
	severity: Severity;
	code: DiagnosticCode;
	message: string;
}

/**
 * Builds the export document from the computed model and the problems. Every secret the problems found
 * is masked wherever it appears (setting values, text fields, messages), whether or not the content has
 * errors: this document is what `export` prints and what the site publishes.
 */
export function toExportDocument(model: ParityModel, problems: readonly Diagnostic[]): ExportDocument {
	const differenceKey = (index: number | null): string | null =>
		index === null ? null : (model.differences.find((d) => d.index === index)?.data.key ?? null);
	const mask = secretMask(problems);
	const values = <T>(value: T): T => mask.value(value) as T;
	return mask.strings<ExportDocument>({
		generatedAt: model.generatedAt,
		title: model.config.title,
		pipeline: [...model.config.pipeline],
		environments: model.environments.map((env) => ({
			id: env.id,
			name: env.data.name,
			stage: env.data.stage,
			owner: env.data.owner ?? null,
			url: env.data.url ?? null,
			verified: env.data.verified ? { date: env.data.verified.date, by: env.data.verified.by ?? null } : null,
			verificationStale: model.freshness.get(env.id)!.stale,
			verificationAgeDays: model.freshness.get(env.id)!.ageDays,
			verifiedBy: model.freshness.get(env.id)!.byObservation ? 'observation' : env.data.verified ? 'person' : null,
			observation: exportObservation(model.observations.get(env.id), values),
			invalid: env.invalid === true,
			file: env.file,
		})),
		matrix: model.matrix.map((row) => ({
			key: row.key,
			values: values(row.values),
			sources: row.sources,
			status: row.status,
			skew: row.skew,
			difference: differenceKey(row.difference),
		})),
		scores: {
			pairs: model.scores.pairs.map((p) => ({ ...p, score: round(p.score) })),
			stages: model.scores.stages.map((s) => ({ ...s, score: round(s.score) })),
		},
		differences: model.differences.map((d) => ({
			key: d.data.key,
			values: values(d.data.values ?? null),
			rationale: d.data.rationale,
			risk: d.data.risk,
			mitigation: d.data.mitigation ?? null,
			owner: d.data.owner ?? null,
			reviewBy: d.data.review_by ?? null,
			line: d.line,
		})),
		changes: model.changes.map((change) => {
			const p = model.propagation.get(change.id)!;
			const propagation = Object.fromEntries(Object.entries(p.steps).map(([id, step]) => [id, stripStep(step)]));
			return {
				id: change.id,
				title: change.data.title,
				date: change.data.date,
				author: change.data.author ?? null,
				reason: change.data.reason,
				settings: values(change.data.settings ?? {}),
				rollback: change.data.rollback,
				verification: change.data.verification ?? null,
				state: p.state,
				propagation,
				pending: p.pending,
				pendingDays: p.pendingDays,
				stalled: p.stalled,
				outOfOrder: p.outOfOrder,
				aliases: change.data.aliases ?? [],
				file: change.file,
			};
		}),
		issues: model.issues.map((issue) => ({
			id: issue.id,
			title: issue.data.title,
			status: issue.data.status,
			severity: issue.data.severity,
			environments: issue.data.environments,
			reproduced: issue.data.reproduced ?? {},
			opened: issue.data.opened,
			resolved: issue.data.resolved ?? null,
			rootCause: issue.data.root_cause ?? null,
			resolution: issue.data.resolution ?? null,
			settings: issue.data.settings ?? [],
			configFiles: issue.data.config_files ?? [],
			changes: issue.data.changes ?? [],
			runbooks: issue.data.runbooks ?? [],
			aliases: issue.data.aliases ?? [],
			productionOnly: model.productionOnly.get(issue.id)!,
			file: issue.file,
		})),
		runbooks: model.runbooks.map((r) => ({
			id: r.id,
			title: r.data.title,
			owner: r.data.owner ?? null,
			environments: r.data.environments ?? [],
			settings: r.data.settings ?? [],
			issues: r.data.issues ?? [],
			aliases: r.data.aliases ?? [],
			reviewBy: r.data.review_by ?? null,
			file: r.file,
		})),
		problems: problems.map(toProblem),
		summary: {
			errors: problems.filter((p) => p.severity === 'error').length,
			warnings: problems.filter((p) => p.severity === 'warning').length,
		},
	});
}

/** A diagnostic as published (its message is masked where the document is built). */
export function toProblem(d: Diagnostic): PublishedProblem {
	return { file: d.file, line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message };
}

function stripStep(step: PropagationStep): { status: PropagationStep['status']; date?: string; by?: string; note?: string } {
	const { implicit: _implicit, ...rest } = step;
	return rest;
}

function round(score: number): number {
	return Math.round(score * 1000) / 1000;
}

function exportObservation(observed: EnvironmentObservation | undefined, values: <T>(value: T) => T): ExportObservation | null {
	if (!observed) return null;
	const name = (target: { kind: string; target: string }) => `${target.kind} ${target.target}`;
	return {
		file: observed.file,
		observedAt: observed.observedAt,
		ageDays: observed.ageDays,
		stale: observed.stale,
		verified: observed.verified,
		values: Object.fromEntries(
			[...observed.settings.values()].map((s) => [
				s.key,
				{ observed: values(s.observed), declared: values(s.declared ?? null), agrees: s.agrees, target: name(s.target) },
			]),
		),
		failures: observed.failures.map((f) => ({ target: name(f), key: f.key ?? null, reason: f.reason })),
	};
}
