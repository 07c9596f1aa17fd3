import { isMap, isPair, isScalar, LineCounter, parse, parseDocument, visit, type Node } from 'yaml';

/** What one version of an environment file holds for the history: its settings, aliases and sources. */
export interface VersionData {
	/** The `settings` map as plain data; undefined when the text is not a YAML map. */
	settings: Record<string, unknown> | undefined;
	aliases: string[];
	/** The `sources` list as plain data, when the version has one (checked against the schema by the caller). */
	sources?: unknown[];
}

/** A line that holds one whole pair whose value is a one-line scalar (or, outside `settings`, a one-line value). */
interface IndexedLine {
	/** Where the value starts in the line (UTF-16 units). */
	valueStart: number;
	/** The key's path under `settings`; undefined for a top-level field other than settings and aliases. */
	segments?: string[];
}

/** A version read, kept to read the next version of the same file from the lines that changed. */
export interface ReadVersion extends VersionData {
	lines: string[];
	/** Line (0-based) → the pair it holds; undefined when the version cannot be patched (aliases, unusual layout). */
	index?: Map<number, IndexedLine>;
}

// Read as the content reader reads (merge keys; duplicate keys are allowed here: the check reports them in today's files),
// with a bound on the aliases written out, so that an alias bomb in an old commit cannot hang the read.
const OPTIONS = { uniqueKeys: false, prettyErrors: false, merge: true, maxAliasCount: 10_000 } as const;

/** At most this many changed lines are patched; a larger edit is parsed whole. */
const MAX_PATCHED_LINES = 32;

/**
 * Reads a version of an environment file. When the previous version of the same file is given and the edit only
 * replaces whole one-line values (a setting set from 10 to 20, a verified date), the new settings are the previous ones
 * with those values replaced, each value parsed alone with `yaml`, instead of parsing the whole file again: a history
 * of hundreds of commits over files of thousands of lines is then read in a fraction of the time. Any other edit, and
 * any file that uses aliases, is parsed whole. Unchanged parts of the settings are shared with the previous version.
 */
export function readVersion(text: string, previous?: ReadVersion): ReadVersion {
	return patchVersion(text, previous) ?? readWhole(text, text.split('\n'), false);
}

/**
 * A version read from the previous version of the same file when the edit only replaces whole one-line values (see
 * `readVersion`); undefined for any other edit, which the caller reads whole.
 */
export function patchVersion(text: string, previous: ReadVersion | undefined): ReadVersion | undefined {
	return previous?.index && previous.settings ? patch(previous, text.split('\n')) : undefined;
}

/**
 * Reads a YAML file whose whole document is settings (a source file such as Helm values), indexed so that a later
 * version can be read with `patchVersion`; its settings are undefined when the text is not YAML or not a map.
 */
export function readSettingsDocument(text: string): ReadVersion {
	return readWhole(text, text.split('\n'), true);
}

/** Parses a version whole, and indexes the lines a later edit may replace (`document`: the whole document is the settings). */
function readWhole(text: string, lines: string[], document: boolean): ReadVersion {
	const counter = new LineCounter();
	let doc;
	try {
		doc = parseDocument(text, { ...OPTIONS, lineCounter: counter });
		if (doc.errors.length > 0) return { settings: undefined, aliases: [], lines };
	} catch {
		return { settings: undefined, aliases: [], lines };
	}
	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: OPTIONS.maxAliasCount });
	} catch {
		return { settings: undefined, aliases: [], lines };
	}
	if (data === null || typeof data !== 'object' || Array.isArray(data)) return { settings: undefined, aliases: [], lines };
	if (document) {
		const read: ReadVersion = { settings: data as Record<string, unknown>, aliases: [], lines };
		if (!hasAlias(doc) && isMap(doc.contents)) read.index = indexLines(doc.contents, counter, lines, true);
		return read;
	}
	const { settings, aliases, sources } = data as { settings?: unknown; aliases?: unknown; sources?: unknown };
	const read: ReadVersion = {
		settings: settings !== null && typeof settings === 'object' && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {},
		aliases: Array.isArray(aliases) ? aliases.filter((a): a is string => typeof a === 'string') : [],
		...(Array.isArray(sources) && sources.length > 0 ? { sources } : {}),
		lines,
	};
	// An alias repeats a node elsewhere: a change to one line could change several values, so such a file is parsed whole.
	if (!hasAlias(doc) && isMap(doc.contents)) read.index = indexLines(doc.contents, counter, lines, false);
	return read;
}

/** Whether a document uses an alias anywhere. */
function hasAlias(doc: Parameters<typeof visit>[0]): boolean {
	let aliased = false;
	visit(doc, {
		Alias: () => {
			aliased = true;
			return visit.BREAK;
		},
	});
	return aliased;
}

/** The lines of a document's top-level fields and settings that hold one whole pair with a one-line value. */
function indexLines(root: Node, counter: LineCounter, lines: readonly string[], document: boolean): Map<number, IndexedLine> {
	const index = new Map<number, IndexedLine>();
	const lineOf = (offset: number): number => counter.linePos(offset).line - 1;
	const claimed = new Set<number>();
	// A pair is indexed when its key and value start and end on one line that holds nothing else; a line claimed twice
	// (a flow map of several pairs) is dropped.
	const consider = (pair: unknown, segments: string[] | undefined): void => {
		if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range || !pair.value) return;
		const value = pair.value as Node;
		if (!value.range) return;
		const line = lineOf(pair.key.range[0]);
		const end = lineOf(Math.max(value.range[1] - 1, value.range[0]));
		if (lineOf(value.range[0]) !== line || end !== line) {
			claimed.add(line);
			return;
		}
		const start = counter.lineStarts[line]!;
		const text = lines[line]!;
		const before = text.slice(0, pair.key.range[0] - start);
		if (claimed.has(line) || before.trim() !== '') {
			claimed.add(line);
			index.delete(line);
			return;
		}
		claimed.add(line);
		index.set(line, { valueStart: value.range[0] - start, ...(segments ? { segments } : {}) });
	};
	if (!isMap(root)) return index;
	if (document) {
		walkSettings(root, [], consider);
		return index;
	}
	for (const pair of root.items) {
		const name = isScalar(pair.key) ? String(pair.key.value) : '';
		if (name === 'settings' && isMap(pair.value)) walkSettings(pair.value, [], consider);
		// An edit to aliases or sources (even a one-line flow list) is read by parsing the version whole.
		else if (name !== 'settings' && name !== 'aliases' && name !== 'sources' && name !== '<<') consider(pair, undefined);
	}
	return index;
}

/** Considers every pair of the settings map whose value is a scalar, with its path; keys seen twice in a map are left out. */
function walkSettings(map: Node, prefix: string[], consider: (pair: unknown, segments: string[]) => void): void {
	if (!isMap(map)) return;
	const names = map.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined));
	// Counted once, so that a map of many thousands of keys costs a pass, not a comparison of every pair.
	const counts = new Map<string | undefined, number>();
	for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
	map.items.forEach((pair, i) => {
		const name = names[i];
		if (name === undefined || name === '<<' || counts.get(name)! > 1) return;
		if (isMap(pair.value) && pair.value.items.length > 0) walkSettings(pair.value, [...prefix, name], consider);
		else if (isScalar(pair.value)) consider(pair, [...prefix, name]);
	});
}

/** A value that cannot be patched alone: a block scalar, an anchor, an alias, a tag, a collection or a directive. */
const NOT_ALONE = /^[|>&*!%@`-]|^[[{]/;

/** The new version as the previous one with some one-line values replaced, or undefined when the edit is another kind. */
function patch(previous: ReadVersion, lines: string[]): ReadVersion | undefined {
	const old = previous.lines;
	if (old.length !== lines.length) return undefined;
	const changed: number[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (old[i] === lines[i]) continue;
		changed.push(i);
		if (changed.length > MAX_PATCHED_LINES) return undefined;
	}
	let settings = previous.settings!;
	for (const line of changed) {
		const indexed = previous.index!.get(line);
		if (!indexed) return undefined;
		const before = old[line]!;
		const after = lines[line]!;
		if (after.slice(0, indexed.valueStart) !== before.slice(0, indexed.valueStart)) return undefined;
		const text = after.slice(indexed.valueStart);
		if (text.trim() === '' || NOT_ALONE.test(text)) {
			// A top-level field may hold a one-line flow map (verified: { date: …, by: … }): it is not a setting.
			if (indexed.segments || !/^[[{]/.test(text)) return undefined;
		}
		let value: unknown;
		try {
			value = parse(text, OPTIONS);
		} catch {
			return undefined;
		}
		if (!indexed.segments) continue;
		if (value !== null && typeof value === 'object') return undefined;
		settings = setIn(settings, indexed.segments, value);
	}
	return { settings, aliases: previous.aliases, ...(previous.sources ? { sources: previous.sources } : {}), lines, index: previous.index };
}

/** A copy of a nested map with one value replaced, sharing every part off the path. */
function setIn(root: Record<string, unknown>, segments: readonly string[], value: unknown): Record<string, unknown> {
	const [head, ...rest] = segments as [string, ...string[]];
	const copy = { ...root };
	const next = rest.length === 0 ? value : setIn((root[head] as Record<string, unknown>) ?? {}, rest, value);
	// Defined, not assigned: a key named __proto__ is data here, as in the parsed file.
	Object.defineProperty(copy, head, { value: next, enumerable: true, writable: true, configurable: true });
	return copy;
}
