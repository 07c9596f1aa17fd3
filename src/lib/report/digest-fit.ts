import type { DigestItem, DigestSection } from './digest.ts';

/** How a format writes a section's lines: an item, and the line that stands for the items left out. */
export interface LineStyle {
	item(item: DigestItem): string;
	more(count: number, section: DigestSection): string;
}

/**
 * A section's items as lines, at most `cap` of them, and as many as fit in `limit` characters once
 * joined with `separator` after `head`: the items left out become one "and N more" line, which always
 * fits, so the text never goes past the limit.
 */
export function packSection(
	section: DigestSection,
	style: LineStyle,
	options: { cap: number; limit: number; head?: string; separator?: string },
): string {
	const separator = options.separator ?? '\n';
	const head = options.head === undefined ? [] : [options.head];
	const lines = section.items.map((item) => style.item(item));
	const join = (shown: string[], left: number): string =>
		[...head, ...shown, ...(left > 0 ? [style.more(left, section)] : [])].join(separator);
	let shown: string[] = [];
	for (let i = 0; i < Math.min(lines.length, options.cap); i++) {
		const next = [...shown, lines[i]!];
		if (join(next, lines.length - next.length).length > options.limit) break;
		shown = next;
	}
	return join(shown, lines.length - shown.length);
}

/** The largest number of items per section, from 0 to `max`, whose rendering `fits`; 0 when none does (a rendering of headings only). */
export function largestFitting(max: number, fits: (cap: number) => boolean): number {
	let lo = 0;
	let hi = max;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (fits(mid)) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

/** "…and 3 more", the words every format uses for the items left out. */
export function moreText(count: number): string {
	return `…and ${count} more`;
}
