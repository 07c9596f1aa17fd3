import type { ParityModel } from '../../model/parity-model.ts';
import type { SiteLinks } from '../links.ts';
import { searchOptions } from '../search-options.ts';
import { layoutView, type LayoutView } from './layout.ts';

/** Everything the search page shows before a query: the filters, and where Pagefind's bundle is. */
export interface SearchPage {
	layout: LayoutView;
	bundle: string;
	options: { name: string; label: string; values: string[] }[];
	/** Where to browse without JavaScript. */
	fallback: { issues: string; matrix: string };
}

/** The search page. */
export function searchPage(model: ParityModel, links: SiteLinks): SearchPage {
	return {
		layout: layoutView(model, links, { title: 'Search', description: 'Search every environment, change, issue, runbook and difference.' }),
		bundle: links.pagefind,
		options: searchOptions(model),
		fallback: { issues: links.issues(), matrix: links.matrix() },
	};
}
