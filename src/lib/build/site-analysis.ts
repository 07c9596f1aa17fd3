import { resolve } from 'node:path';
import { analyzeRoot, type Analysis } from '../engine.ts';
import { resolveNow } from '../model/dates.ts';

/** The content repository the site is built from: `ENVPARITY_ROOT`, or the current folder. */
export function siteRoot(env: Record<string, string | undefined> = process.env): string {
	return resolve(env.ENVPARITY_ROOT || '.');
}

// Astro evaluates the content config and the pages in separate module graphs of one process; a
// process-wide cache lets both use one analysis instead of reading the repository twice.
const CACHE = Symbol.for('envparity.site-analysis');
type Cache = Map<string, Promise<Analysis>>;

/** Analyses the site's content repository once per build. */
export function loadSiteAnalysis(): Promise<Analysis> {
	const root = siteRoot();
	const cache = ((globalThis as Record<symbol, Cache>)[CACHE] ??= new Map());
	let analysis = cache.get(root);
	if (!analysis) {
		// "Now" is read once per build, so that every page agrees on it.
		analysis = analyzeRoot(root, { now: resolveNow(process.env) });
		cache.set(root, analysis);
	}
	return analysis;
}

/** Forgets the analysis of the site's content, so that the next page reads the files again (`npm run dev`). */
export function invalidateSiteAnalysis(): void {
	(globalThis as Record<symbol, Cache | undefined>)[CACHE]?.clear();
}
