import { environmentHistories, type FileHistory } from '../load/git-history.ts';
import { readPreviousReleaseTag, type ReleaseTag } from '../load/git-tags.ts';
import type { ParityModel } from '../model/parity-model.ts';
import { loadSiteTimelines, siteRoot } from './site-analysis.ts';

/** The git history of every environment file of the site's content, read with one `git log` per build. */
export function loadEnvironmentHistories(model: ParityModel): Promise<Map<string, FileHistory>> {
	return environmentHistories(siteRoot(), model);
}

// Astro evaluates the pages in more than one module graph of one process: a process-wide cache reads the tag once.
const RELEASES = Symbol.for('envparity.site-release-tag');

/**
 * The previous release tag of the site's content repository (`load/git-tags.ts`), read once per build, after the
 * timelines: its `base` is the last of their commits at or before it. Null without history (the dev server reads none)
 * and without a tag.
 */
export function loadPreviousRelease(): Promise<ReleaseTag | null> {
	const cache = ((globalThis as Record<symbol, Map<string, Promise<ReleaseTag | null>>>)[RELEASES] ??= new Map());
	const root = siteRoot();
	let reading = cache.get(root);
	if (!reading) {
		reading = loadSiteTimelines().then(async (timelines) =>
			timelines.commits.length === 0
				? null
				: (await readPreviousReleaseTag(root, new Set(timelines.commits.map((commit) => commit.hash)))).tag,
		);
		cache.set(root, reading);
	}
	return reading;
}
