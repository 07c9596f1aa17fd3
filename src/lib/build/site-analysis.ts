import { join, relative, resolve, sep } from 'node:path';
import { analyzeRepository, analyzeRoot, parseRepository, updateRepository, type Analysis, type ParsedRepository } from '../engine.ts';
import { CONFIG_FILES, readRepository, readRepositoryPath } from '../load/read-repository.ts';
import { resolveNow } from '../model/dates.ts';
import { ENTITY_FOLDERS } from '../schema/content-files.ts';

/** The content repository the site is built from: `ENVPARITY_ROOT`, or the current folder. */
export function siteRoot(env: Record<string, string | undefined> = process.env): string {
	return resolve(env.ENVPARITY_ROOT || '.');
}

/** The folders and files of the site's content repository that an edit can change: what `npm run dev` watches. */
export function siteContentPaths(root = siteRoot()): string[] {
	return [...Object.values(ENTITY_FOLDERS), ...CONFIG_FILES].map((path) => join(root, path));
}

// Astro evaluates the content config and the pages in separate module graphs of one process; a
// process-wide cache lets both use one analysis instead of reading the repository twice.
const CACHE = Symbol.for('envparity.site-analysis');

/** The parsed files of a content root and their analysis, kept by the dev server. */
interface Live {
	repository: ParsedRepository;
	analysis: Analysis;
}

/** The analysis of one content root, and for the dev server the parsed files it came from. */
interface Site {
	analysis: Promise<Analysis>;
	/**
	 * Kept by `loadLiveSiteAnalysis` only (the build needs no parsed files once it has its analysis).
	 * Each update starts from the one before, so updates run one after another, in order.
	 */
	live?: Promise<Live>;
	/** Updates asked for but not started, by path: asking again for one joins it, since it has not read the file yet. */
	waiting: Map<string, Promise<Analysis>>;
}

function sites(): Map<string, Site> {
	return ((globalThis as Record<symbol, Map<string, Site>>)[CACHE] ??= new Map());
}

/** Analyses the site's content repository once per build. */
export function loadSiteAnalysis(): Promise<Analysis> {
	const root = siteRoot();
	let site = sites().get(root);
	if (!site) {
		// "Now" is read once per build, so that every page agrees on it.
		site = { analysis: analyzeRoot(root, { now: resolveNow(process.env) }), waiting: new Map() };
		sites().set(root, site);
	}
	return site.analysis;
}

/**
 * Analyses the site's content repository and keeps its parsed files in memory, so that
 * `updateSiteAnalysis` can re-read only the file that changed (`npm run dev`). The build does not
 * call it: it needs no parsed files once it has its analysis.
 */
export function loadLiveSiteAnalysis(): Promise<Analysis> {
	const root = siteRoot();
	const site = sites().get(root);
	if (site?.live) return site.analysis;
	const live = readLive(root);
	const analysis = live.then((l) => l.analysis);
	sites().set(root, { analysis, live, waiting: new Map() });
	return analysis;
}

/**
 * Brings the site's analysis up to date after the file or folder at `path` (absolute) was added,
 * changed or deleted: re-reads only what is now at that path and recomputes the project, the model and
 * the problems from the parsed files kept in memory. Pages asking for the analysis meanwhile get the
 * updated one. Without kept files (no `loadLiveSiteAnalysis` yet), reads the whole repository.
 */
export function updateSiteAnalysis(path: string): Promise<Analysis> {
	const root = siteRoot();
	const site = sites().get(root);
	if (!site?.live) {
		sites().delete(root);
		return loadLiveSiteAnalysis();
	}
	const under = relative(root, path).split(sep).join('/');
	const joined = site.waiting.get(under);
	if (joined) return joined;
	const previous = site.live;
	const next = previous.then(
		async (kept): Promise<Live> => {
			site.waiting.delete(under);
			const files = await readRepositoryPath(root, under);
			const present = new Set(files.map((file) => file.path));
			// What was at the path or under it and is no longer there has been deleted.
			const gone = [...kept.repository.keys()].filter((p) => (p === under || p.startsWith(`${under}/`)) && !present.has(p));
			const repository = updateRepository(kept.repository, [...files, ...gone.map((p) => ({ path: p }))]);
			// Nothing that is content changed (an editor's swap file, a folder's README): the analysis stands.
			if (repository === kept.repository) return kept;
			return { repository, analysis: analyzeRepository(repository, { now: resolveNow(process.env) }) };
		},
		// The reading before failed: read everything again.
		() => {
			site.waiting.delete(under);
			return readLive(root);
		},
	);
	const update = next.then((l) => l.analysis);
	site.live = next;
	site.analysis = update;
	site.waiting.set(under, update);
	return update;
}

async function readLive(root: string): Promise<Live> {
	const repository = parseRepository(await readRepository(root));
	return { repository, analysis: analyzeRepository(repository, { now: resolveNow(process.env) }) };
}
