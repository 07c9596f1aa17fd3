import type { APIContext } from 'astro';
import { loadSiteAnalysis } from '../../lib/build/site-analysis.ts';
import { atomFeed } from '../../lib/site/feeds.ts';
import { createLinks } from '../../lib/site/links.ts';

/** An Atom feed of environment-specific bugs. */
export async function GET({ site }: APIContext): Promise<Response> {
	const { model } = await loadSiteAnalysis();
	const links = createLinks(import.meta.env.BASE_URL);
	const entries = model.issues.map((issue) => ({
		id: issue.id,
		title: `${issue.data.title} (${issue.data.status}, ${issue.data.severity})`,
		url: links.issue(issue.id),
		updated: issue.data.resolved ?? issue.data.opened,
		summary: [`Observed in ${issue.data.environments.join(', ')}.`, issue.data.root_cause && `Root cause: ${issue.data.root_cause}.`].filter(Boolean).join(' '),
	}));
	return new Response(atomFeed({ title: `${model.config.title}: issues`, url: links.issuesFeed, site, updated: model.today, entries }), { headers: { 'content-type': 'application/atom+xml' } });
}
