import type { Difference, Environment } from './project.ts';
import { computeParityMatrix, type RowStatus } from './parity-matrix.ts';
import { formatKey } from './setting-key.ts';
import { flattenSettings, sameValue, type FlatSetting } from './settings.ts';

/** A commit that touched an environment file (the shape `load/value-history.ts` reads). */
export interface TimelineCommit {
	hash: string;
	/** YYYY-MM-DD, the day it landed. */
	date: string;
	author: string;
	subject: string;
}

/** The history the timelines are computed from: commits oldest first, and each environment file as each commit left it. */
export interface HistoryInput {
	commits: readonly TimelineCommit[];
	versions: readonly {
		commit: number;
		path: string;
		/** null: deleted; undefined: not readable at that commit (its previous values are kept). */
		settings?: Record<string, unknown> | null;
		aliases: readonly string[];
	}[];
	shallow: boolean;
	note?: string;
}

/** One point of a key's timeline in one environment: the commit that set, changed or removed its value. */
export interface TimelineEntry extends TimelineCommit {
	/** Index of the commit in the history, oldest first. */
	index: number;
	event: 'added' | 'changed' | 'removed';
	/** The value from this commit on; undefined once removed. */
	value: unknown;
	/** The environment file at that commit. */
	file: string;
	/** The first commit of a shallow clone: the value may be older than this commit. */
	boundary?: true;
	/** The commit that added the environment's first file: the value may have been deployed before it was committed. */
	initial?: true;
}

/** A key's timeline in one environment. */
export interface KeyTimeline {
	key: string;
	segments: string[];
	/** Oldest first; two entries in a row never hold the same value. */
	entries: TimelineEntry[];
}

/** Every key's timeline in one environment. */
export interface EnvironmentTimeline {
	/** The environment's id today, or the id its file had when the environment no longer exists. */
	id: string;
	/** The files it was read from, oldest first (more than one when the file was renamed). */
	files: string[];
	keys: Map<string, KeyTimeline>;
}

/** Every setting's history in every environment, computed once from one reading of git. */
export interface Timelines {
	commits: readonly TimelineCommit[];
	/** By environment id: today's environments in their order, then the ones that no longer exist. */
	environments: Map<string, EnvironmentTimeline>;
	shallow: boolean;
	note?: string;
}

/** What identifies today's environments: their ids, files and aliases. */
export type EnvironmentIdentity = Pick<Environment, 'id' | 'file'> & { data: { aliases?: readonly string[] } };

/**
 * The environment id a file of the history belongs to: today's environment with that file, or whose id or alias is the
 * file's name (a renamed file whose old id is kept as an alias), else the file's own name.
 */
export function environmentIdOf(path: string, environments: readonly EnvironmentIdentity[]): string {
	const byFile = environments.find((env) => env.file === path);
	if (byFile) return byFile.id;
	const stem = path.slice(path.lastIndexOf('/') + 1).replace(/\.(yaml|yml)$/, '');
	return environments.find((env) => env.id === stem || env.data.aliases?.includes(stem))?.id ?? stem;
}

/** Settings as a file holds them: nested maps, before flattening. */
type Tree = Record<string, unknown>;

/** The settings of every environment as the history left them after a commit. */
interface ReplayState {
	/** Environment id → the settings of its current file, as a tree. */
	settings: Map<string, Tree>;
	/** Environment id → the file it was last read from. */
	file: Map<string, string>;
}

const EMPTY: Tree = Object.freeze({}) as Tree;

/**
 * Replays the history up to and including commit `upTo` (all of it when undefined), calling `onChange` once per commit
 * and environment it touched, with the environment's settings before and after the commit (a file renamed in one
 * commit, its old id kept as an alias, is one environment whose values did not change), and whether the commit created
 * the environment's first file.
 */
function replay(
	history: HistoryInput,
	environments: readonly EnvironmentIdentity[],
	upTo = Number.POSITIVE_INFINITY,
	onChange?: (id: string, before: Tree, after: Tree, commit: number, file: string, created: boolean) => void,
): ReplayState {
	// Per environment: each of its files' settings, and which file is current (the one written last).
	const files = new Map<string, Map<string, Tree>>();
	const active = new Map<string, string>();
	const state: ReplayState = { settings: new Map(), file: new Map() };
	const idOf = new Map<string, string>();
	const { versions } = history;
	for (let i = 0; i < versions.length && versions[i]!.commit <= upTo;) {
		const commit = versions[i]!.commit;
		const touched = new Map<string, { before: Tree; created: boolean }>();
		for (; i < versions.length && versions[i]!.commit === commit; i++) {
			const version = versions[i]!;
			if (version.settings === undefined) continue;
			let id = idOf.get(version.path);
			if (id === undefined) idOf.set(version.path, (id = environmentIdOf(version.path, environments)));
			if (!touched.has(id)) touched.set(id, { before: state.settings.get(id) ?? EMPTY, created: !state.file.has(id) });
			let own = files.get(id);
			if (!own) files.set(id, (own = new Map()));
			if (version.settings === null) {
				own.delete(version.path);
				if (active.get(id) === version.path) {
					const other = [...own.keys()].at(-1);
					if (other === undefined) active.delete(id);
					else active.set(id, other);
				}
			} else {
				own.set(version.path, version.settings);
				active.set(id, version.path);
			}
			const current = active.get(id);
			if (current === undefined) state.settings.delete(id);
			else state.settings.set(id, own.get(current)!);
			state.file.set(id, current ?? version.path);
		}
		for (const [id, { before, created }] of touched)
			onChange?.(id, before, state.settings.get(id) ?? EMPTY, commit, state.file.get(id)!, created);
	}
	return state;
}

/** Whether a value is a map that flattening walks into (a non-empty map); anything else is one setting. */
function isBranch(value: unknown): value is Tree {
	return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
}

/**
 * Calls `emit` for each flattened setting that differs between two settings trees, walking only into the parts that are
 * not shared: a version read from the one before shares every map off the path it changed, so a commit that changes one
 * value costs one path, not the whole file.
 */
function diffTrees(
	before: unknown,
	after: unknown,
	segments: string[],
	emit: (segments: string[], event: TimelineEntry['event'], value: unknown) => void,
): void {
	if (before === after) return;
	const a = isBranch(before) ? before : undefined;
	const b = isBranch(after) ? after : undefined;
	if (!a && !b) {
		if (segments.length === 0) return;
		if (before === undefined) emit(segments, 'added', after);
		else if (after === undefined) emit(segments, 'removed', undefined);
		else if (!sameValue(before, after)) emit(segments, 'changed', after);
		return;
	}
	// A key whose value turns from one setting into a map of settings (or back): the setting goes, the map's settings come.
	if (!a && before !== undefined && segments.length > 0) emit(segments, 'removed', undefined);
	for (const name of Object.keys(a ?? {}))
		diffTrees(a![name], b ? (Object.hasOwn(b, name) ? b[name] : undefined) : undefined, [...segments, name], emit);
	for (const name of Object.keys(b ?? {})) if (!a || !Object.hasOwn(a, name)) diffTrees(undefined, b![name], [...segments, name], emit);
	if (!b && after !== undefined && segments.length > 0) emit(segments, 'added', after);
}

/**
 * The timeline of every key in every environment: one entry at each commit where its value appeared, changed or
 * disappeared. Environment files renamed with their old id kept as an alias are one environment.
 */
export function computeTimelines(history: HistoryInput, environments: readonly EnvironmentIdentity[]): Timelines {
	const timelines = new Map<string, EnvironmentTimeline>(environments.map((env) => [env.id, { id: env.id, files: [], keys: new Map() }]));
	const firstCommit = history.shallow ? 0 : -1;
	replay(history, environments, undefined, (id, before, after, index, file, created) => {
		let timeline = timelines.get(id);
		if (!timeline) timelines.set(id, (timeline = { id, files: [], keys: new Map() }));
		if (!timeline.files.includes(file)) timeline.files.push(file);
		const commit = history.commits[index]!;
		diffTrees(before, after, [], (segments, event, value) => {
			const key = formatKey(segments);
			let keyTimeline = timeline.keys.get(key);
			if (!keyTimeline) timeline.keys.set(key, (keyTimeline = { key, segments, entries: [] }));
			keyTimeline.entries.push({
				...commit,
				index,
				event,
				value,
				file,
				...(created ? { initial: true as const } : {}),
				...(index === firstCommit ? { boundary: true as const } : {}),
			});
		});
	});
	return { commits: history.commits, environments: timelines, shallow: history.shallow, ...(history.note ? { note: history.note } : {}) };
}

/** A key's timeline in every environment that ever had it (or only in `environment`), in the timelines' order. */
export function keyTimelines(timelines: Timelines, key: string, environment?: string): (KeyTimeline & { environment: string })[] {
	const out: (KeyTimeline & { environment: string })[] = [];
	for (const [id, timeline] of timelines.environments) {
		if (environment !== undefined && id !== environment) continue;
		const found = timeline.keys.get(key);
		if (found) out.push({ ...found, environment: id });
	}
	return out;
}

/** Every key that has a timeline anywhere, sorted. */
export function timelineKeys(timelines: Timelines): string[] {
	const keys = new Set<string>();
	for (const timeline of timelines.environments.values()) for (const key of timeline.keys.keys()) keys.add(key);
	return [...keys].sort();
}

/**
 * The commit since which an environment's file has held `value` at `key` without a break, when its last commit holds
 * it: the start of the current value's run. Undefined when the history does not end with that value.
 */
export function heldSince(timelines: Timelines, environment: string, key: string, value: unknown): TimelineEntry | undefined {
	const last = timelines.environments.get(environment)?.keys.get(key)?.entries.at(-1);
	return last && last.event !== 'removed' && (last.value === value || sameValue(last.value, value)) ? last : undefined;
}

/** The index of the last commit on or before a day (YYYY-MM-DD), or -1 when every commit is later. */
export function commitIndexAt(history: Pick<HistoryInput, 'commits'>, date: string): number {
	let found = -1;
	history.commits.forEach((commit, i) => {
		if (commit.date <= date) found = i;
	});
	return found;
}

/** The index of a commit given by its hash or a prefix of at least 4 characters, or -1 when the history does not hold it. */
export function commitIndexOf(history: Pick<HistoryInput, 'commits'>, hash: string): number {
	if (hash.length < 4) return -1;
	const lower = hash.toLowerCase();
	return history.commits.findIndex((commit) => commit.hash.startsWith(lower));
}

/** The settings of every environment as they were after a commit of the history (index, oldest first): what then-and-now compares with today. */
export function settingsAt(
	history: HistoryInput,
	environments: readonly EnvironmentIdentity[],
	commit: number,
): Map<string, Map<string, FlatSetting>> {
	const trees = replay(history, environments, commit).settings;
	return new Map([...trees].map(([id, tree]) => [id, flattenSettings(tree)]));
}

/** A matrix row whose status differs between an earlier point and today. */
export interface RowStatusChange {
	key: string;
	/** The status then; undefined when no environment had the key. */
	then?: RowStatus;
	/** The status today; undefined when no environment has the key. */
	now?: RowStatus;
}

/**
 * The status of each matrix row after an earlier commit, computed with today's documented differences and configuration
 * over the environments as they were then, and the rows whose status has changed since: what "compare with" shows.
 */
export function matrixStatusAt(
	history: HistoryInput,
	model: {
		environments: readonly Environment[];
		differences: readonly Difference[];
		matrix: readonly { key: string; status: RowStatus }[];
	},
	config: { version_keys: readonly string[]; ignore: readonly string[] },
	commit: number,
): { then: Map<string, RowStatus>; changed: RowStatusChange[] } {
	const settings = settingsAt(history, model.environments, commit);
	const environments = model.environments.flatMap((env) => {
		const then = settings.get(env.id);
		return then ? [{ ...env, settings: then }] : [];
	});
	const rows = computeParityMatrix({
		environments,
		differences: model.differences,
		versionKeys: config.version_keys,
		ignore: config.ignore,
	});
	const then = new Map(rows.map((row) => [row.key, row.status]));
	const now = new Map(model.matrix.map((row) => [row.key, row.status]));
	const changed: RowStatusChange[] = [];
	for (const key of [...new Set([...then.keys(), ...now.keys()])].sort()) {
		const a = then.get(key);
		const b = now.get(key);
		if (a !== b) changed.push({ key, ...(a ? { then: a } : {}), ...(b ? { now: b } : {}) });
	}
	return { then, changed };
}
