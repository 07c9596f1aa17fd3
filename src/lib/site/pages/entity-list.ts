/** One entry of a plain list of links: a related change, a bug, a runbook, a file. */
export interface ListItem {
	/** Absent for an entry with no page, such as a file when `repository` is not set. */
	href?: string;
	title: string;
	note?: string;
}

/** A list that shows its first entries, and a link to all of them when there are more. */
export interface ShortList {
	items: ListItem[];
	more?: { href: string; label: string };
	empty: string;
}

/** A text cut around its dates (YYYY-MM-DD), so that a page can keep each date on one line ("2024-01-" never ends a line). */
export function dateParts(text: string): { text: string; date: boolean }[] {
	return text
		.split(/(\d{4}-\d{2}-\d{2})/)
		.filter((part) => part !== '')
		.map((part) => ({ text: part, date: /^\d{4}-\d{2}-\d{2}$/.test(part) }));
}

/** Keeps the first `limit` items of a list, with a link to the full list labelled by `label(total)` when some are left out. */
export function shortList(
	items: readonly ListItem[],
	limit: number,
	empty: string,
	more?: { href: string; label: (total: number) => string },
): ShortList {
	return {
		items: items.slice(0, limit),
		...(more && items.length > limit ? { more: { href: more.href, label: more.label(items.length) } } : {}),
		empty,
	};
}
