import { compileKeyGlob, matchesAny, type KeyGlob } from './key-glob.ts';
import type { Difference, Environment } from './project.ts';
import { sameValue } from './settings.ts';
import { largestSkew, type Skew } from './version.ts';

/** How a setting compares across environments. */
export type RowStatus = 'same' | 'documented' | 'drift' | 'missing';

/** One row of the parity matrix: a flattened setting key across environments. */
export interface MatrixRow {
	key: string;
	segments: string[];
	/** Environment id → value; an environment that lacks the key is absent. */
	values: Record<string, unknown>;
	/** Environment id → the source file and line its value is read from; an environment whose value is written inline is absent. */
	sources: Record<string, { file: string; line: number }>;
	status: RowStatus;
	/** Largest version gap, for keys matching `version_keys`. */
	skew: Skew | null;
	/** Whether the key is compared as a version. */
	isVersion: boolean;
	/** The covering difference's index in `differences.yaml`, or null. */
	difference: number | null;
	/** A covering difference whose expected values no longer match, when that made the row drift. */
	outdatedDifference: number | null;
}

/** The inputs the matrix needs. */
export interface MatrixInput {
	environments: readonly Environment[];
	differences: readonly Difference[];
	versionKeys: readonly string[];
	ignore: readonly string[];
}

/** Computes the parity matrix: one row per setting key present in any environment, minus `ignore`. */
export function computeParityMatrix(input: MatrixInput): MatrixRow[] {
	const ignore = compileAll(input.ignore);
	const versionKeys = compileAll(input.versionKeys);
	const keys = new Map<string, string[]>();
	for (const env of input.environments) {
		for (const setting of env.settings.values()) {
			if (!keys.has(setting.key) && !matchesAny(ignore, setting.segments)) keys.set(setting.key, setting.segments);
		}
	}
	const rows: MatrixRow[] = [];
	for (const [key, segments] of [...keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		const values: Record<string, unknown> = {};
		const sources: MatrixRow['sources'] = {};
		for (const env of input.environments) {
			const setting = env.settings.get(key);
			if (!setting) continue;
			values[env.id] = setting.value;
			if (setting.origin) sources[env.id] = { file: setting.origin.file, line: setting.origin.span.line };
		}
		const isVersion = matchesAny(versionKeys, segments);
		rows.push({
			key,
			segments,
			values,
			sources,
			...classifyRow(segments, values, input.environments, input.differences),
			skew: isVersion ? largestSkew(Object.values(values)) : null,
			isVersion,
		});
	}
	return rows;
}

/** The status of one key over a set of environments (the whole registry, or a pair to score). */
export function classifyRow(
	segments: readonly string[],
	values: Readonly<Record<string, unknown>>,
	environments: readonly Environment[],
	differences: readonly Difference[],
	options: { pairwise?: boolean } = {},
): { status: RowStatus; difference: number | null; outdatedDifference: number | null } {
	const present = environments.filter((env) => env.id in values);
	const missing = present.length < environments.length;
	const differs = present.some((env) => !sameValue(values[env.id], values[present[0]!.id]));
	// Between a few environments (a pair, two stages), equal values are simply the same, even where a
	// difference documents the key for the registry as a whole.
	if (options.pairwise && !missing && !differs) return { status: 'same', difference: null, outdatedDifference: null };
	let outdated: number | null = null;
	for (const difference of differences) {
		if (!difference.glob?.matches(segments)) continue;
		if (expectedValuesHold(difference, values, environments))
			return { status: 'documented', difference: difference.index, outdatedDifference: null };
		outdated ??= difference.index;
	}
	if (outdated !== null) return { status: 'drift', difference: null, outdatedDifference: outdated };
	if (missing) return { status: 'missing', difference: null, outdatedDifference: null };
	return { status: differs ? 'drift' : 'same', difference: null, outdatedDifference: null };
}

/** Whether a difference's expected values (by environment id, or by stage) match the environments' values. */
export function expectedValuesHold(
	difference: Difference,
	values: Readonly<Record<string, unknown>>,
	environments: readonly Environment[],
): boolean {
	const expected = difference.data.values;
	if (!expected) return true;
	for (const env of environments) {
		const name = Object.hasOwn(expected, env.id) ? env.id : Object.hasOwn(expected, env.data.stage) ? env.data.stage : null;
		if (name === null) continue;
		const want = expected[name];
		// An expected `null` means the environment does not set the key (or sets it to null).
		if (want === null ? env.id in values && values[env.id] !== null : !(env.id in values) || !sameValue(values[env.id], want)) return false;
	}
	return true;
}

function compileAll(globs: readonly string[]): KeyGlob[] {
	return globs.map(compileKeyGlob).filter((g): g is KeyGlob => g !== null);
}
