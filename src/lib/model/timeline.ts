import { sourceFormatOf, type SourceData, type SourceFormat } from '../schema/source.ts';
import { compileKeyGlob, type KeyGlob } from './key-glob.ts';
import type { Difference, Environment } from './project.ts';
import { computeParityMatrix, type RowStatus } from './parity-matrix.ts';
import { formatKey, parseKey } from './setting-key.ts';
import { flattenSettings, sameValue, type FlatSetting } from './settings.ts';
import { isIgnoredKey, KeyHolders, selectEntries, type HeldKey } from './source-settings.ts';

/** A commit that touched an environment file (the shape `load/value-history.ts` reads). */
export interface TimelineCommit {
	hash: string;
	/** YYYY-MM-DD, the day it landed. */
	date: string;
	author: string;
	subject: string;
}

/** One entry of an environment file's `sources` as a version of the file declares it, with the source files it names. */
export interface HistorySourceEntry extends SourceData {
	/**
	 * The source files of the history this entry names, sorted: its file, or for a glob every file of the history that
	 * matches it (the ones a commit holds are read at that commit).
	 */
	paths: readonly string[];
}

/** One value a source file yields, before `select`, `ignore` and `at`. */
export interface SourceValue {
	segments: string[];
	value: unknown;
}

/** A source file as one commit left it: its values in each format an environment reads it as. */
export interface SourceVersion {
	/** Index of the commit in the history. */
	commit: number;
	/** Path relative to the content root. */
	path: string;
	/**
	 * By format, the values the file yields; null in a format it could not be read as at that commit (a syntax error):
	 * its previous values are kept, as for an environment file that is not YAML. Null as a whole: the commit deleted it.
	 */
	values: Partial<Record<SourceFormat, readonly SourceValue[] | null>> | null;
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
		/** The file's `sources` at that commit, when it has any. */
		sources?: readonly HistorySourceEntry[];
	}[];
	/** Every version of the source files that today's environment files read, in commit order; absent without sources. */
	sourceVersions?: readonly SourceVersion[];
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
	/** The source file the value was read from (`deploy/values-production.yaml`), when it was not the environment file. */
	source?: string;
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
	/** Environment id → the settings of its current file, with what its sources yield, as a tree. */
	settings: Map<string, Tree>;
	/** Environment id → the file it was last read from. */
	file: Map<string, string>;
	/** Environment id → the source file of each key read from one; absent for an environment without sources. */
	origins: Map<string, ReadonlyMap<string, string>>;
}

/** An environment file as the history left it: its inline settings and its `sources`. */
interface FileState {
	settings: Tree;
	sources?: readonly HistorySourceEntry[];
}

/** What changed for one environment at one commit (see `replay`). */
interface ReplayChange {
	id: string;
	before: Tree;
	after: Tree;
	commit: number;
	file: string;
	/** The commit created the environment's first file. */
	created: boolean;
	originsBefore?: ReadonlyMap<string, string>;
	originsAfter?: ReadonlyMap<string, string>;
}

const EMPTY: Tree = Object.freeze({}) as Tree;

/**
 * Replays the history up to and including commit `upTo` (all of it when undefined), calling `onChange` once per commit
 * and environment it touched, with the environment's settings before and after the commit (a file renamed in one
 * commit, its old id kept as an alias, is one environment whose values did not change), and whether the commit created
 * the environment's first file. An environment is touched by a commit that changed its file or one of the source files
 * its `sources` read; its settings are then its inline settings and what its sources yield at that commit.
 */
function replay(
	history: HistoryInput,
	environments: readonly EnvironmentIdentity[],
	upTo = Number.POSITIVE_INFINITY,
	onChange?: (change: ReplayChange) => void,
): ReplayState {
	// Per environment: each of its files as last written, and which file is current (the one written last).
	const files = new Map<string, Map<string, FileState>>();
	const active = new Map<string, string>();
	const state: ReplayState = { settings: new Map(), file: new Map(), origins: new Map() };
	const idOf = new Map<string, string>();
	// Each source file's values by format, as the last commit that could read them left them.
	const sourceFiles = new Map<string, Map<string, readonly SourceValue[]>>();
	const { versions } = history;
	const sourceVersions = history.sourceVersions ?? [];
	let v = 0;
	let s = 0;
	for (;;) {
		const commit = Math.min(versions[v]?.commit ?? Number.POSITIVE_INFINITY, sourceVersions[s]?.commit ?? Number.POSITIVE_INFINITY);
		if (commit === Number.POSITIVE_INFINITY || commit > upTo) break;
		const touched = new Map<string, Omit<ReplayChange, 'id' | 'after' | 'commit' | 'file' | 'originsAfter'>>();
		const touch = (id: string): void => {
			if (!touched.has(id))
				touched.set(id, {
					before: state.settings.get(id) ?? EMPTY,
					created: !state.file.has(id),
					...(state.origins.has(id) ? { originsBefore: state.origins.get(id) } : {}),
				});
		};
		for (; v < versions.length && versions[v]!.commit === commit; v++) {
			const version = versions[v]!;
			if (version.settings === undefined) continue;
			let id = idOf.get(version.path);
			if (id === undefined) idOf.set(version.path, (id = environmentIdOf(version.path, environments)));
			touch(id);
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
				own.set(version.path, { settings: version.settings, ...(version.sources ? { sources: version.sources } : {}) });
				active.set(id, version.path);
			}
			state.file.set(id, active.get(id) ?? version.path);
		}
		const changedSources = new Set<string>();
		for (; s < sourceVersions.length && sourceVersions[s]!.commit === commit; s++) {
			const version = sourceVersions[s]!;
			if (version.values === null) {
				if (sourceFiles.delete(version.path)) changedSources.add(version.path);
				continue;
			}
			for (const [format, values] of Object.entries(version.values)) {
				// A version that cannot be read in a format leaves the values it had.
				if (!values) continue;
				let known = sourceFiles.get(version.path);
				if (!known) sourceFiles.set(version.path, (known = new Map()));
				known.set(format, values);
				changedSources.add(version.path);
			}
		}
		if (changedSources.size > 0)
			for (const [id, path] of active)
				if (
					files
						.get(id)
						?.get(path)
						?.sources?.some((entry) => entry.paths.some((p) => changedSources.has(p)))
				)
					touch(id);
		for (const id of touched.keys()) {
			const current = active.get(id);
			const own = current === undefined ? undefined : files.get(id)!.get(current)!;
			state.origins.delete(id);
			if (!own) state.settings.delete(id);
			else if (!own.sources?.length) state.settings.set(id, own.settings);
			else {
				const composed = compose(own.settings, own.sources, sourceFiles);
				state.settings.set(id, composed.tree);
				state.origins.set(id, composed.origins);
			}
		}
		if (onChange)
			for (const [id, change] of touched)
				onChange({
					id,
					...change,
					after: state.settings.get(id) ?? EMPTY,
					commit,
					file: state.file.get(id)!,
					...(state.origins.has(id) ? { originsAfter: state.origins.get(id) } : {}),
				});
	}
	return state;
}

/** A source entry's `at`, `select` and `ignore`, read once; undefined when `at` or `select` is not a key (it yields nothing). */
interface SourceOptions {
	at: string[];
	select: string[];
	ignore: KeyGlob[];
}

const OPTIONS = new WeakMap<HistorySourceEntry, SourceOptions | null>();

function optionsOf(entry: HistorySourceEntry): SourceOptions | undefined {
	let options = OPTIONS.get(entry);
	if (options === undefined) {
		const at = entry.at === undefined ? [] : parseKey(entry.at);
		const select = entry.select === undefined ? [] : parseKey(entry.select);
		// As today's reading: a glob of `ignore` that does not parse is left out (and reported in today's file).
		const ignore = (entry.ignore ?? []).flatMap((glob) => compileKeyGlob(glob) ?? []);
		options = at && select ? { at, select, ignore } : null;
		OPTIONS.set(entry, options);
	}
	return options ?? undefined;
}

/**
 * An environment's settings at a commit: its inline settings, then what each of its sources yields from the source files
 * as the commit left them, with the same `select`, `ignore`, `at` and one truth per key as today's reading
 * (validate/sources.ts): a key already held is left to its first place. The inline tree is shared, copied only along
 * the paths a source adds to.
 */
function compose(
	inline: Tree,
	entries: readonly HistorySourceEntry[],
	sourceFiles: ReadonlyMap<string, ReadonlyMap<string, readonly SourceValue[]>>,
): { tree: Tree; origins: Map<string, string> } {
	const contributions: { path: string; options: SourceOptions; values: readonly SourceValue[] }[] = [];
	for (const entry of entries) {
		const options = optionsOf(entry);
		if (!options) continue;
		for (const path of entry.paths) {
			const format = entry.format ?? sourceFormatOf(path);
			const values = format === undefined ? undefined : sourceFiles.get(path)?.get(format);
			if (values) contributions.push({ path, options, values });
		}
	}
	// The keys of one file never overlap: with no inline settings and one file, no key can be set twice.
	const holders = contributions.length > 1 || Object.keys(inline).length > 0 ? new KeyHolders<HeldKey>() : undefined;
	if (holders) for (const setting of flattenSettings(inline).values()) holders.add(setting);
	const origins = new Map<string, string>();
	const fresh = new Set<object>();
	let tree = inline;
	for (const { path, options, values } of contributions) {
		for (const value of selectEntries(values, options.select)) {
			if (options.ignore.length > 0 && isIgnoredKey(value.segments, options.ignore)) continue;
			const segments = options.at.length > 0 ? [...options.at, ...value.segments] : value.segments;
			if (holders?.conflict(segments)) continue;
			const key = formatKey(segments);
			holders?.add({ key, segments });
			origins.set(key, path);
			tree = setFresh(tree, segments, value.value, fresh);
		}
	}
	return { tree, origins };
}

/** Sets a value deep in a tree, copying each map on the path once (the copies are remembered in `fresh`), never the shared ones. */
function setFresh(root: Tree, segments: readonly string[], value: unknown, fresh: Set<object>): Tree {
	const top = fresh.has(root) ? root : { ...root };
	fresh.add(top);
	let node = top;
	for (let i = 0; i < segments.length - 1; i++) {
		const name = segments[i]!;
		const child = Object.hasOwn(node, name) ? node[name] : undefined;
		let next: Tree;
		if (child !== null && typeof child === 'object' && fresh.has(child)) next = child as Tree;
		else {
			next = isBranch(child) ? { ...child } : {};
			fresh.add(next);
			define(node, name, next);
		}
		node = next;
	}
	define(node, segments.at(-1)!, value);
	return top;
}

/** Sets a property; a key named __proto__ is defined, so that it is data, as in a parsed file. */
function define(node: Tree, name: string, value: unknown): void {
	if (name === '__proto__') Object.defineProperty(node, name, { value, enumerable: true, writable: true, configurable: true });
	else node[name] = value;
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
	replay(history, environments, undefined, ({ id, before, after, commit: index, file, created, originsBefore, originsAfter }) => {
		let timeline = timelines.get(id);
		if (!timeline) timelines.set(id, (timeline = { id, files: [], keys: new Map() }));
		if (!timeline.files.includes(file)) timeline.files.push(file);
		const commit = history.commits[index]!;
		diffTrees(before, after, [], (segments, event, value) => {
			const key = formatKey(segments);
			const source = (event === 'removed' ? originsBefore : originsAfter)?.get(key);
			let keyTimeline = timeline.keys.get(key);
			if (!keyTimeline) timeline.keys.set(key, (keyTimeline = { key, segments, entries: [] }));
			keyTimeline.entries.push({
				...commit,
				index,
				event,
				value,
				file,
				...(source !== undefined ? { source } : {}),
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
	model: StatusModel,
	config: StatusConfig,
	commit: number,
): { then: Map<string, RowStatus>; changed: RowStatusChange[] } {
	return statusChangesSince(model, config, settingsAt(history, model.environments, commit));
}

/** Each environment's settings after the commit at `index`, read from the timelines; environments that held none are left out. */
export function timelineSettingsAt(
	timelines: Timelines,
	environments: readonly EnvironmentIdentity[],
	index: number,
): Map<string, Map<string, FlatSetting>> {
	const result = new Map<string, Map<string, FlatSetting>>();
	for (const env of environments) {
		const timeline = timelines.environments.get(env.id);
		if (!timeline) continue;
		const settings = new Map<string, FlatSetting>();
		for (const [key, keyTimeline] of timeline.keys) {
			let last: TimelineEntry | undefined;
			for (const entry of keyTimeline.entries) if (entry.index <= index) last = entry;
			if (last && last.event !== 'removed') settings.set(key, { key, segments: keyTimeline.segments, value: last.value });
		}
		if (settings.size > 0) result.set(env.id, settings);
	}
	return result;
}

/** What `matrixStatusAt` needs of the model. */
type StatusModel = {
	environments: readonly Environment[];
	differences: readonly Difference[];
	matrix: readonly { key: string; status: RowStatus }[];
};
type StatusConfig = { version_keys: readonly string[]; ignore: readonly string[] };

/**
 * The status of each matrix row over the environments' settings `then` (by environment id), with today's documented
 * differences and configuration, and the rows whose status differs from today's, by key.
 */
export function statusChangesSince(
	model: StatusModel,
	config: StatusConfig,
	settings: ReadonlyMap<string, Map<string, FlatSetting>>,
): { then: Map<string, RowStatus>; changed: RowStatusChange[] } {
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
