import { parseKey } from './setting-key.ts';

/** A compiled key glob: `*` matches within one segment, a `**` segment any number of segments. */
export interface KeyGlob {
	source: string;
	matches(segments: readonly string[]): boolean;
}

/**
 * Compiles a key glob such as `payments.*.mode`, `**.version` or `**_version`.
 * `**` followed by text in the same segment (`**_version`) means any number of segments, then a
 * segment ending in that text. Returns null when the glob does not parse.
 */
export function compileKeyGlob(glob: string): KeyGlob | null {
	const parsed = parseKey(glob);
	if (!parsed) return null;
	const parts: (RegExp | '**')[] = [];
	for (const segment of parsed) {
		if (segment === '**') parts.push('**');
		else if (segment.startsWith('**')) parts.push('**', segmentPattern(`*${segment.slice(2)}`));
		else parts.push(segmentPattern(segment));
	}
	return { source: glob, matches: (segments) => matchFrom(parts, 0, segments, 0) };
}

function segmentPattern(segment: string): RegExp {
	const escaped = segment.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^${escaped.join('.*')}$`, 's');
}

function matchFrom(parts: readonly (RegExp | '**')[], p: number, segments: readonly string[], s: number): boolean {
	if (p === parts.length) return s === segments.length;
	const part = parts[p]!;
	if (part === '**') {
		for (let k = s; k <= segments.length; k++) if (matchFrom(parts, p + 1, segments, k)) return true;
		return false;
	}
	return s < segments.length && part.test(segments[s]!) && matchFrom(parts, p + 1, segments, s + 1);
}

/** Whether any of the globs matches the key's segments. */
export function matchesAny(globs: readonly KeyGlob[], segments: readonly string[]): boolean {
	return globs.some((glob) => glob.matches(segments));
}
