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
