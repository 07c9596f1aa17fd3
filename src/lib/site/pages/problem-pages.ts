import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { ParityModel } from '../../model/parity-model.ts';
import { repositoryLinks, type SiteLinks } from '../links.ts';
import { laterPages, pageOf, type Page } from '../paging.ts';
import { groupProblems } from '../problems-view.ts';
import { layoutView, type LayoutView } from './layout.ts';

/** One problem as listed: its code, where it is (linked to the repository when `repository` is set), its message. */
export interface ProblemItem {
	code: string;
	tone: 'bad' | 'warn';
	where: string;
	/** The line in the repository, when `repository` is set. */
	href?: string;
	/** The wiki page of the entity the problem is about (the file's environment, change, bug or runbook, or the differences). */
	page?: { href: string; label: string };
	message: string;
}

/** Everything the Problems page shows: each group with its first problems. */
export interface ProblemsPage {
	layout: LayoutView;
	lede: string;
	groups: { id: string; title: string; count: number; problems: ProblemItem[]; more?: { href: string; label: string } }[];
}

// Each group shows its first problems here; its own pages list them all.
const PREVIEW = 50;
const GROUP_PAGE_SIZE = 200;

/** The Problems page: every warning, grouped. */
export function problemsPage(model: ParityModel, links: SiteLinks, problems: readonly Diagnostic[]): ProblemsPage {
	return {
		layout: layoutView(model, links, {
			title: 'Problems',
			description: 'Every warning the engine raised, grouped, each linking to its file and line.',
		}),
		lede:
			problems.length === 0
				? 'No problems: every environment is verified, every change has propagated and every difference is documented.'
				: `${problems.length} warning${problems.length === 1 ? '' : 's'}. The same list, with codes, comes from npx envparity check.`,
		groups: groupProblems(problems).map((group) => ({
			id: group.id,
			title: group.title,
			count: group.problems.length,
			problems: group.problems.slice(0, PREVIEW).map((p) => problemItem(model, links, p)),
			...(group.problems.length > PREVIEW
				? { more: { href: links.problemGroup(group.id), label: `All ${group.problems.length} problems in ${group.title.toLowerCase()} →` } }
				: {}),
		})),
	};
}

/** Everything one page of a group of problems shows. */
export interface ProblemGroupPage {
	layout: LayoutView;
	title: string;
	lede: string;
	all: string;
	page: Page<ProblemItem>;
}

/** Page `n` of one group of problems, sorted by file and line. */
export function problemGroupPage(
	model: ParityModel,
	links: SiteLinks,
	problems: readonly Diagnostic[],
	id: string,
	n = 1,
): ProblemGroupPage {
	const group = groupProblems(problems).find((g) => g.id === id)!;
	const page = pageOf(group.problems, n, links.problemGroup(id), GROUP_PAGE_SIZE);
	return {
		layout: layoutView(model, links, {
			title: `Problems: ${group.title}${page.currentPage > 1 ? ` (page ${page.currentPage})` : ''}`,
			description: `Every problem in ${group.title.toLowerCase()}.`,
		}),
		title: `Problems: ${group.title}`,
		lede: `${group.problems.length} problems, sorted by file and line.`,
		all: links.problems,
		page: { ...page, items: page.items.map((p) => problemItem(model, links, p)) },
	};
}

/** The later pages (after the first) of every group of problems, for getStaticPaths. */
export function laterProblemPages(problems: readonly Diagnostic[]): { group: string; page: number }[] {
	return groupProblems(problems).flatMap((g) => laterPages(g.problems.length, GROUP_PAGE_SIZE).map((page) => ({ group: g.id, page })));
}

// The wiki page of each content file, by path; computed once per model and route table.
const pagesByFile = new WeakMap<ParityModel, WeakMap<SiteLinks, Map<string, { href: string; label: string }>>>();

/** The wiki page of each file of the model: its entity's page, or the differences page. */
function entityPages(model: ParityModel, links: SiteLinks): Map<string, { href: string; label: string }> {
	let byLinks = pagesByFile.get(model);
	if (!byLinks) pagesByFile.set(model, (byLinks = new WeakMap()));
	let pages = byLinks.get(links);
	if (!pages) {
		pages = new Map();
		for (const env of model.environments) pages.set(env.file, { href: links.environment(env.id), label: env.data.name });
		for (const c of model.changes) pages.set(c.file, { href: links.change(c.id), label: c.data.title });
		for (const i of model.issues) pages.set(i.file, { href: links.issue(i.id), label: i.data.title });
		for (const r of model.runbooks) pages.set(r.file, { href: links.runbook(r.id), label: r.data.title });
		for (const d of model.differences) pages.set(d.file, { href: links.differences, label: 'Documented differences' });
		byLinks.set(links, pages);
	}
	return pages;
}

function problemItem(model: ParityModel, links: SiteLinks, p: Diagnostic): ProblemItem {
	const href = repositoryLinks(model.config, p.file)?.view(p.line);
	const page = entityPages(model, links).get(p.file);
	return {
		code: p.code,
		tone: p.severity === 'error' ? 'bad' : 'warn',
		where: `${p.file}:${p.line}:${p.column}`,
		...(href ? { href } : {}),
		...(page ? { page } : {}),
		message: p.message,
	};
}
