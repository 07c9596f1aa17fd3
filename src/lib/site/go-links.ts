import type { ParityModel } from '../model/parity-model.ts';
import { escapeXml } from './feeds.ts';
import type { SiteLinks } from './links.ts';

/** A `/go/<ref>/` page: a redirect when the ref names one entity, a choice when it names several. */
export interface GoLink {
	ref: string;
	targets: { kind: string; title: string; href: string }[];
}

/** Every id and alias of every kind, with where it leads. */
export function goLinks(model: ParityModel, links: SiteLinks): GoLink[] {
	const byRef = new Map<string, GoLink['targets']>();
	const add = (ref: string, target: GoLink['targets'][number]): void => {
		const list = byRef.get(ref) ?? [];
		if (!list.some((t) => t.href === target.href)) list.push(target);
		byRef.set(ref, list);
	};
	for (const env of model.environments)
		for (const ref of [env.id, ...(env.data.aliases ?? [])])
			add(ref, { kind: 'Environment', title: env.data.name, href: links.environment(env.id) });
	for (const change of model.changes)
		for (const ref of [change.id, ...(change.data.aliases ?? [])])
			add(ref, { kind: 'Change', title: change.data.title, href: links.change(change.id) });
	for (const issue of model.issues)
		for (const ref of [issue.id, ...(issue.data.aliases ?? [])])
			add(ref, { kind: 'Issue', title: issue.data.title, href: links.issue(issue.id) });
	for (const runbook of model.runbooks)
		for (const ref of [runbook.id, ...(runbook.data.aliases ?? [])])
			add(ref, { kind: 'Runbook', title: runbook.data.title, href: links.runbook(runbook.id) });
	return [...byRef].map(([ref, targets]) => ({ ref, targets })).sort((a, b) => (a.ref < b.ref ? -1 : 1));
}

/**
 * The HTML of a `/go/<ref>/` page: an instant redirect with a canonical link when the ref names one
 * page, a choice when it names several. Written by the build directly: thousands of these tiny
 * pages need no rendering pipeline.
 */
export function renderGoPage(link: GoLink, site?: string): string {
	const single = link.targets.length === 1 ? link.targets[0] : undefined;
	const e = escapeXml;
	const head = single
		? `<meta http-equiv="refresh" content="0; url=${e(single.href)}">\n<link rel="canonical" href="${e(site ? new URL(single.href, site).href : single.href)}">`
		: '';
	const body = single
		? `<p>Redirecting to <a href="${e(single.href)}">${e(single.title)}</a>.</p>`
		: `<p>"${e(link.ref)}" names several pages:</p>\n<ul>${link.targets.map((t) => `<li>${e(t.kind)}: <a href="${e(t.href)}">${e(t.title)}</a></li>`).join('')}</ul>`;
	return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="robots" content="noindex">\n<title>${e(link.ref)}</title>\n${head}\n</head>\n<body>\n<main>\n<h1>${e(link.ref)}</h1>\n${body}\n</main>\n</body>\n</html>\n`;
}
