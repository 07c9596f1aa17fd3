import type { APIContext } from 'astro';
import { loadSiteAnalysis } from '../../lib/build/site-analysis.ts';
import { parityBadge } from '../../lib/site/badge.ts';

/** One badge per adjacent pair of stages: `/badges/staging-production.svg`. */
export async function getStaticPaths() {
	const { model } = await loadSiteAnalysis();
	return model.scores.stages.map((pair) => ({ params: { pair: `${pair.from}-${pair.to}` }, props: { pair } }));
}

export function GET({ props }: APIContext): Response {
	const { pair } = props as { pair: { from: string; to: string; score: number; drift: number } };
	return new Response(parityBadge(`${pair.from} → ${pair.to}`, pair.score, pair.drift), { headers: { 'content-type': 'image/svg+xml' } });
}
