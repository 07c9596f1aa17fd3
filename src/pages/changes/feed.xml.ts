import type { APIContext } from 'astro';
import { loadSiteAnalysis } from '../../lib/build/site-analysis.ts';
import { changesFeed } from '../../lib/site/feeds.ts';
import { createLinks } from '../../lib/site/links.ts';

/** An Atom feed of changes, so that a team channel can follow them. */
export async function GET({ site }: APIContext): Promise<Response> {
	const feed = changesFeed((await loadSiteAnalysis()).model, createLinks(import.meta.env.BASE_URL), site);
	return new Response(feed, { headers: { 'content-type': 'application/atom+xml' } });
}
