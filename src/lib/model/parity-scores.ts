import { classifyRow, type MatrixRow, type RowStatus } from './parity-matrix.ts';
import type { Difference, Environment } from './project.ts';

/** Counts of row statuses between some environments, and the share that is same or documented. */
export interface ParityScore {
	same: number;
	documented: number;
	drift: number;
	missing: number;
	total: number;
	/** (same + documented) / total, from 0 to 1; 1 when there are no keys. */
	score: number;
}

/** The score of a pair of environments. */
export interface PairScore extends ParityScore {
	a: string;
	b: string;
}

/** The score between two adjacent stages of the pipeline, over all their environments. */
export interface StagePairScore extends ParityScore {
	from: string;
	to: string;
	environments: string[];
}

/** Scores a set of environments over the matrix's keys that any of them has. */
export function scoreEnvironments(
	rows: readonly MatrixRow[],
	environments: readonly Environment[],
	differences: readonly Difference[],
): ParityScore {
	const counts: Record<RowStatus, number> = { same: 0, documented: 0, drift: 0, missing: 0 };
	for (const row of rows) {
		if (!environments.some((env) => env.id in row.values)) continue;
		counts[classifyRow(row.segments, row.values, environments, differences, { pairwise: true }).status]++;
	}
	const total = counts.same + counts.documented + counts.drift + counts.missing;
	return { ...counts, total, score: total === 0 ? 1 : (counts.same + counts.documented) / total };
}

/** Scores every unordered pair of environments and every adjacent pair of stages. */
export function computeParityScores(
	rows: readonly MatrixRow[],
	environments: readonly Environment[],
	differences: readonly Difference[],
	pipeline: readonly string[],
): { pairs: PairScore[]; stages: StagePairScore[] } {
	const pairs: PairScore[] = [];
	for (let i = 0; i < environments.length; i++) {
		for (let j = i + 1; j < environments.length; j++) {
			const a = environments[i]!;
			const b = environments[j]!;
			pairs.push({ a: a.id, b: b.id, ...scoreEnvironments(rows, [a, b], differences) });
		}
	}
	const stages: StagePairScore[] = [];
	for (let i = 0; i + 1 < pipeline.length; i++) {
		const from = pipeline[i]!;
		const to = pipeline[i + 1]!;
		const members = environments.filter((env) => env.data.stage === from || env.data.stage === to);
		stages.push({ from, to, environments: members.map((env) => env.id), ...scoreEnvironments(rows, members, differences) });
	}
	return { pairs, stages };
}
