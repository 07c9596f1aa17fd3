import type { ParityModel } from '../model/parity-model.ts';
import { escapeXml } from './feeds.ts';
import type { SiteLinks } from './links.ts';
import { PALETTE_CSS } from './palette.ts';

/** A `/go/<ref>/` page: a redirect when the ref names one entity, a choice when it names several. */
export interface GoLink {
	ref: string;
	targets: { kind: string; title: string; href: string }[];
	/** The wiki's title, home page and icon, for the page's header (one object shared by every link). */
	frame?: GoFrame;
}

/** What a `/go/` page shows of the wiki around it. */
export interface GoFrame {
	siteTitle: string;
	home: string;
	favicon: string;
}

// The /go/ pages are written by the build, not rendered by Astro: a few rules of their own over the
// wiki's palette, so that they look like its other pages in light and dark.
const GO_CSS =
	'body{margin:0;background:var(--bg);color:var(--fg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55}' +
	'a{color:var(--accent)}:focus-visible{outline:2px solid var(--focus);outline-offset:2px}' +
	'header{padding:.6rem 1.25rem;border-bottom:1px solid var(--border);background:var(--surface)}' +
	'header a{color:var(--fg);font-weight:700;text-decoration:none}' +
	'main{max-width:48rem;margin:0 auto;padding:1rem 1.25rem 3rem;overflow-wrap:anywhere}h1{font-size:1.5rem}' +
	'.kind{display:inline-block;margin-right:.5rem;padding:0 .5rem;border:1px solid var(--border-strong);border-radius:1rem;font-size:.8rem;color:var(--muted)}' +
	'li{margin:.35rem 0}';

/** Every id and alias of every kind, with where it leads. */
export function goLinks(model: ParityModel, links: SiteLinks): GoLink[] {
	const frame: GoFrame = { siteTitle: model.config.title, home: links.home, favicon: links.favicon };
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
	return [...byRef].map(([ref, targets]) => ({ ref, targets, frame })).sort((a, b) => (a.ref < b.ref ? -1 : 1));
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
		: `<p>"${e(link.ref)}" names several pages; choose one:</p>\n<ul>${link.targets.map((t) => `<li><span class="kind">${e(t.kind)}<span class="sep">: </span></span><a href="${e(t.href)}">${e(t.title)}</a></li>`).join('')}</ul>`;
	const frame = link.frame;
	const icon = frame ? `\n<link rel="icon" href="${e(frame.favicon)}" type="image/svg+xml">` : '';
	const header = frame ? `<header><a href="${e(frame.home)}">${e(frame.siteTitle)}</a></header>\n` : '';
	return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n<meta name="robots" content="noindex">\n<title>${e(link.ref)}${frame ? ` · ${e(frame.siteTitle)}` : ''}</title>${icon}\n<style>${PALETTE_CSS}${GO_CSS}.sep{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>\n${head}\n</head>\n<body>\n${header}<main>\n<h1>${e(link.ref)}</h1>\n${body}\n</main>\n</body>\n</html>\n`;
}
