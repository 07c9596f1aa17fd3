/** One page of a long list, with links to its neighbours. */
export interface Page<T> {
	items: T[];
	currentPage: number;
	lastPage: number;
	total: number;
	url: { prev?: string; next?: string };
}

/** How many items an index page shows: an index of thousands stays a few tens of KB. */
export const PAGE_SIZE = 100;

/** The path of page `n` of a list whose first page is at `first` (a folder path ending in `/`). */
export function pagePath(first: string, n: number): string {
	return n <= 1 ? first : `${first}page/${n}/`;
}

/** Cuts page `n` (1-based) out of a list. */
export function pageOf<T>(items: readonly T[], n: number, first: string, size = PAGE_SIZE): Page<T> {
	const lastPage = Math.max(1, Math.ceil(items.length / size));
	const currentPage = Math.min(Math.max(1, n), lastPage);
	return {
		items: items.slice((currentPage - 1) * size, currentPage * size),
		currentPage,
		lastPage,
		total: items.length,
		url: {
			...(currentPage > 1 ? { prev: pagePath(first, currentPage - 1) } : {}),
			...(currentPage < lastPage ? { next: pagePath(first, currentPage + 1) } : {}),
		},
	};
}

/** The page numbers after the first, for getStaticPaths. */
export function laterPages(count: number, size = PAGE_SIZE): number[] {
	return Array.from({ length: Math.max(0, Math.ceil(count / size) - 1) }, (_, i) => i + 2);
}
