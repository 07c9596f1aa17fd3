import type { ParityModel } from '../../model/parity-model.ts';
import { repositoryLinks, type SiteLinks } from '../links.ts';

/** Everything the page frame shows: title, navigation, feeds, the Edit and History links, the footer. */
export interface LayoutView {
	/** The document title: the page's, then the site's. */
	title: string;
	description?: string;
	siteTitle: string;
	home: string;
	favicon: string;
	search: string;
	nav: { label: string; href: string }[];
	/** The Atom feeds: `title` for the feed readers, `label` for the footer. */
	feeds: { title: string; label: string; href: string }[];
	parityJson: string;
	/** Links to the page's file in the repository, when `repository` is set and the page has a file. */
	edit: { edit: string; history: string } | null;
	builtOn: string;
}

/** The page frame of one page: `file` is its source file, relative to the content root. */
export function layoutView(model: ParityModel, links: SiteLinks, page: { title: string; description?: string; file?: string }): LayoutView {
	const repo = page.file ? repositoryLinks(model.config, page.file) : null;
	const site = model.config.title;
	return {
		title: page.title === site ? page.title : `${page.title} · ${site}`,
		...(page.description ? { description: page.description } : {}),
		siteTitle: site,
		home: links.home,
		favicon: links.favicon,
		search: links.search,
		nav: [
			{ label: 'Matrix', href: links.matrix() },
			{ label: 'Environments', href: links.environments },
			{ label: 'Changes', href: links.changes() },
			{ label: 'Issues', href: links.issues() },
			{ label: 'Runbooks', href: links.runbooks },
			{ label: 'Differences', href: links.differences },
			{ label: 'Problems', href: links.problems },
		],
		feeds: [
			{ title: `${site}: changes`, label: 'Changes feed', href: links.changesFeed },
			{ title: `${site}: issues`, label: 'Issues feed', href: links.issuesFeed },
		],
		parityJson: links.parityJson,
		edit: repo ? { edit: repo.edit, history: repo.history } : null,
		builtOn: model.today,
	};
}
