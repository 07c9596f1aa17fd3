import { posix } from 'node:path';
import { environmentHistories, type FileHistory } from '../load/git-history.ts';
import { readPreviousReleaseTag, type ReleaseTag } from '../load/git-tags.ts';
import type { ParityModel } from '../model/parity-model.ts';
import { loadSiteAnalysis, loadSiteTimelines, siteRoot } from './site-analysis.ts';

/** The git history of every environment file of the site's content, read with one `git log` per build. */
export function loadEnvironmentHistories(model: ParityModel): Promise<Map<string, FileHistory>> {
	return environmentHistories(siteRoot(), model);
}

// Astro evaluates the pages in more than one module graph of one process: a process-wide cache reads the tag once.
const RELEASES = Symbol.for('envparity.site-release-tag');

/**
 * The previous release tag of the site's content repository (`load/git-tags.ts`), read once per build, after the
 * timelines: its `base` is the last of their commits at or before it. Only tags that the config's `release_tags` glob
 * matches count (every tag without one). Null without history (the dev server reads none) and without a tag.
 */
export function loadPreviousRelease(): Promise<ReleaseTag | null> {
	const cache = ((globalThis as Record<symbol, Map<string, Promise<ReleaseTag | null>>>)[RELEASES] ??= new Map());
	const root = siteRoot();
	let reading = cache.get(root);
	if (!reading) {
		reading = Promise.all([loadSiteAnalysis(), loadSiteTimelines()]).then(async ([{ model }, timelines]) => {
			if (timelines.commits.length === 0) return null;
			const pattern = model.config.release_tags;
			const matches = pattern === null ? undefined : (name: string) => posix.matchesGlob(name, pattern);
			return (await readPreviousReleaseTag(root, new Set(timelines.commits.map((commit) => commit.hash)), { matches })).tag;
		});
		cache.set(root, reading);
	}
	return reading;
}
