import type { KeyGlob } from './key-glob.ts';
import { formatKey } from './setting-key.ts';

/** A key as the one-truth rule sees it: its text and its segments. */
export interface HeldKey {
	key: string;
	segments: readonly string[];
}

/**
 * The entries of a source file under a `select` path, with the path taken off their keys: what `select` keeps of a
 * file, today (validate/sources.ts) and at every commit of the history (model/timeline.ts). Selecting a value itself
 * (not a map) keeps it under its last segment.
 */
export function selectEntries<E extends { segments: string[] }>(entries: readonly E[], select: readonly string[]): E[] {
	if (select.length === 0) return entries as E[];
	const out: E[] = [];
	for (const entry of entries) {
		if (entry.segments.length < select.length || !select.every((segment, i) => entry.segments[i] === segment)) continue;
		const rest = entry.segments.slice(select.length);
		out.push({ ...entry, segments: rest.length > 0 ? rest : [select.at(-1)!] });
	}
	return out;
}

/** Whether a source's `ignore` globs leave a key out: a glob that names a map leaves out everything inside it (`**.podAnnotations`). */
export function isIgnoredKey(segments: readonly string[], ignore: readonly KeyGlob[]): boolean {
	return ignore.some((pattern) => segments.some((_, n) => pattern.matches(segments.slice(0, n + 1))));
}

/** The keys set so far, and every map above them, to find a key set twice or set where a map of others is (one truth per key). */
export class KeyHolders<T extends HeldKey> {
	private readonly keys = new Map<string, T>();
	private readonly maps = new Map<string, T>();

	add(setting: T): void {
		this.keys.set(setting.key, setting);
		for (let n = 1; n < setting.segments.length; n++) {
			const above = formatKey(setting.segments.slice(0, n));
			if (!this.maps.has(above)) this.maps.set(above, setting);
		}
	}

	/** The setting that already holds a key, a map above it, or a key below it; undefined when it is free. */
	conflict(segments: readonly string[]): T | undefined {
		const key = formatKey(segments);
		const same = this.keys.get(key) ?? this.maps.get(key);
		if (same) return same;
		for (let n = 1; n < segments.length; n++) {
			const above = this.keys.get(formatKey(segments.slice(0, n)));
			if (above) return above;
		}
		return undefined;
	}
}
