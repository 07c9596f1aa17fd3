import type { ParityModel } from '../model/parity-model.ts';
import type { SiteLinks } from './links.ts';

/** One entry of an Atom feed. */
export interface FeedEntry {
	id: string;
	title: string;
	/** Absolute or site-relative URL of the entry's page. */
	url: string;
	/** YYYY-MM-DD */
	updated: string;
	summary: string;
}

/** Escapes text for XML. */
export function escapeXml(text: string): string {
	return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** Renders an Atom 1.0 feed, newest entry first. `site` makes the links absolute when the site's address is known. */
export function atomFeed(feed: { title: string; url: string; site?: URL; updated: string; entries: FeedEntry[] }): string {
	const absolute = (url: string): string => (feed.site ? new URL(url, feed.site).href : url);
	// Atom ids must be absolute IRIs; without the site's address, a URN stands in.
	const id = (url: string): string => (feed.site ? absolute(url) : `urn:envparity:${url.replace(/^\/+|\/+$/g, '').replace(/\//g, ':')}`);
	const entries = [...feed.entries].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? -1 : 1));
	const stamp = (day: string): string => `${day}T00:00:00Z`;
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeXml(feed.title)}</title>
  <id>${escapeXml(id(feed.url))}</id>
  <link rel="self" href="${escapeXml(absolute(feed.url))}"/>
  <updated>${stamp(entries[0]?.updated ?? feed.updated)}</updated>
  <generator>envparity</generator>
${entries
	.map(
		(e) => `  <entry>
    <title>${escapeXml(e.title)}</title>
    <id>${escapeXml(id(e.url))}</id>
    <link href="${escapeXml(absolute(e.url))}"/>
    <updated>${stamp(e.updated)}</updated>
    <author><name>envparity</name></author>
    <summary>${escapeXml(e.summary)}</summary>
  </entry>`,
	)
	.join('\n')}
</feed>
`;
}

/** The feed of changes: each change with its state, and where it is still pending. */
export function changesFeed(model: ParityModel, links: SiteLinks, site?: URL): string {
	const entries = model.changes.map((change) => {
		const p = model.propagation.get(change.id)!;
		const dates = Object.values(p.steps)
			.map((s) => s.date ?? '')
			.concat(change.data.date);
		return {
			id: change.id,
			title: `${change.data.title} (${p.stalled ? 'stalled' : p.state})`,
			url: links.change(change.id),
			updated: dates.sort().at(-1)!,
			summary: `${change.data.reason}. ${p.pending.length > 0 ? `Pending in ${p.pending.join(', ')}.` : 'Applied everywhere it goes.'}`,
		};
	});
	return atomFeed({
		title: `${model.config.title}: changes`,
		url: links.changesFeed,
		...(site ? { site } : {}),
		updated: model.today,
		entries,
	});
}

/** The feed of environment-specific bugs: each with its status, severity, where it was observed and its root cause. */
export function issuesFeed(model: ParityModel, links: SiteLinks, site?: URL): string {
	const entries = model.issues.map((issue) => ({
		id: issue.id,
		title: `${issue.data.title} (${issue.data.status}, ${issue.data.severity})`,
		url: links.issue(issue.id),
		updated: issue.data.resolved ?? issue.data.opened,
		summary: [`Observed in ${issue.data.environments.join(', ')}.`, issue.data.root_cause && `Root cause: ${issue.data.root_cause}.`]
			.filter(Boolean)
			.join(' '),
	}));
	return atomFeed({
		title: `${model.config.title}: issues`,
		url: links.issuesFeed,
		...(site ? { site } : {}),
		updated: model.today,
		entries,
	});
}
