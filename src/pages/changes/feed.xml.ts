import type { APIContext } from 'astro';
import { loadSiteAnalysis } from '../../lib/build/site-analysis.ts';
import { atomFeed } from '../../lib/site/feeds.ts';
import { createLinks } from '../../lib/site/links.ts';

/** An Atom feed of changes, so that a team channel can follow them. */
export async function GET({ site }: APIContext): Promise<Response> {
	const { model } = await loadSiteAnalysis();
	const links = createLinks(import.meta.env.BASE_URL);
	const entries = model.changes.map((change) => {
		const p = model.propagation.get(change.id)!;
		const dates = Object.values(p.steps).map((s) => s.date ?? '').concat(change.data.date);
		return {
			id: change.id,
			title: `${change.data.title} (${p.stalled ? 'stalled' : p.state})`,
			url: links.change(change.id),
			updated: dates.sort().at(-1)!,
			summary: `${change.data.reason}. ${p.pending.length > 0 ? `Pending in ${p.pending.join(', ')}.` : 'Applied everywhere it goes.'}`,
		};
	});
	return new Response(atomFeed({ title: `${model.config.title}: changes`, url: links.changesFeed, site, updated: model.today, entries }), { headers: { 'content-type': 'application/atom+xml' } });
}
