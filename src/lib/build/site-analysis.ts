import { join, posix, relative, resolve, sep } from 'node:path';
import type { Analysis, ParsedRepository } from '../engine.ts';
import { CONFIG_FILES, ENTITY_FOLDERS } from '../schema/content-files.ts';
import { isGlob, normalSourcePath } from '../load/sources/patterns.ts';
import { resolveNow } from '../model/dates.ts';
import type { Timelines } from '../model/timeline.ts';
import { OBSERVATIONS_FOLDER } from '../schema/observe.ts';

/** The content repository the site is built from: `ENVPARITY_ROOT`, or the current folder. */
export function siteRoot(env: Record<string, string | undefined> = process.env): string {
	return resolve(env.ENVPARITY_ROOT || '.');
}

/**
 * The folders and files of the site's content repository that an edit can change: what `npm run dev` watches. Once
 * the dev server has read the repository, the source files its environments name are among them (for a glob, the
 * folder before its first wildcard).
 */
export function siteContentPaths(root = siteRoot()): string[] {
	const sources = sites().get(root)?.sourcePatterns ?? [];
	const watched = sources.map((pattern) =>
		(isGlob(pattern) ? pattern.split('/').filter((_, i, parts) => !parts.slice(0, i + 1).some(isGlob)) : [pattern]).join('/'),
	);
	return [...new Set([...Object.values(ENTITY_FOLDERS), ...CONFIG_FILES, OBSERVATIONS_FOLDER, ...watched.filter(Boolean)])].map((path) =>
		join(root, path),
	);
}

/** The source paths and globs that the environments of a parsed repository name. */
function sourcePatternsOf(repository: ParsedRepository): string[] {
	const patterns = new Set<string>();
	for (const { parsed } of repository.values()) {
		if (parsed?.kind !== 'environment') continue;
		const sources = (parsed.data as { sources?: unknown } | null)?.sources;
		if (!Array.isArray(sources)) continue;
		for (const source of sources) {
			const path = normalSourcePath((source as { file?: unknown } | null)?.file);
			if (path !== undefined) patterns.add(path);
		}
	}
	return [...patterns].sort();
}

/** Whether a path is one that a source path or glob names. */
function isSourcePath(path: string, patterns: readonly string[]): boolean {
	return patterns.some((pattern) => pattern === path || (isGlob(pattern) && posix.matchesGlob(path, pattern)));
}

/**
 * The engine and the reader, loaded when first used: the build's own thread never needs them (its worker reads the
 * content), and loading them would hold up Astro's start by a few hundred milliseconds. They are imported by a URL
 * that the bundler does not follow, so that the pages' bundle does not hold them: pages read the analysis that the
 * content loaders asked for first (one cache per process), and bundling the engine's hundred modules with the pages
 * cost each build about 0.15 s. `npm run dev` loads them through Vite, from their sources. In the command's bundle
 * (bin/bundle/build.js) the URL names no file, and nothing asks for it: the build provides its analysis first.
 */
const ENGINE = new URL('../engine.ts', import.meta.url).href;
const READER = new URL('../load/read-repository.ts', import.meta.url).href;
const engine = (): Promise<typeof import('../engine.ts')> => import(/* @vite-ignore */ ENGINE);
const reader = (): Promise<typeof import('../load/read-repository.ts')> => import(/* @vite-ignore */ READER);

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
	/** Every setting's timeline, read from git with the analysis (the build only; the dev server reads no history). */
	timelines?: Promise<Timelines>;
	/**
	 * Kept by `loadLiveSiteAnalysis` only (the build needs no parsed files once it has its analysis).
	 * Each update starts from the one before, so updates run one after another, in order.
	 */
	live?: Promise<Live>;
	/** Updates asked for but not started, by path: asking again for one joins it, since it has not read the file yet. */
	waiting: Map<string, Promise<Analysis>>;
	/** The source paths and globs the environments name, as last read (dev server only). */
	sourcePatterns?: string[];
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
		const now = resolveNow(process.env);
		const reading = engine().then(({ analyzeRootWithHistory }) => analyzeRootWithHistory(root, { now }));
		site = { analysis: reading.then((r) => r.analysis), timelines: reading.then((r) => r.timelines), waiting: new Map() };
		sites().set(root, site);
	}
	return site.analysis;
}

/**
 * Makes `reading` the analysis (and timelines) of this build's content root, read elsewhere (the build reads it in a
 * thread of its own while Astro starts): the content loaders and pages wait for it.
 */
export function provideSiteAnalysis(reading: Promise<{ analysis: Analysis; timelines: Timelines }>): void {
	const analysis = reading.then((r) => r.analysis);
	const timelines = reading.then((r) => r.timelines);
	// A failed reading is reported by whoever provided it; those who wait for it fail with it.
	analysis.catch(() => undefined);
	timelines.catch(() => undefined);
	sites().set(siteRoot(), { analysis, timelines, waiting: new Map() });
}

/**
 * Every setting's timeline from the one reading of git of the build's analysis. The dev server reads no history: its
 * timelines are empty, with a note that says so.
 */
export async function loadSiteTimelines(): Promise<Timelines> {
	await loadSiteAnalysis();
	const timelines = sites().get(siteRoot())?.timelines;
	return (
		(await timelines) ?? {
			commits: [],
			environments: new Map(),
			shallow: false,
			note: "the dev server does not read the git history; npm run build shows each value's timeline.",
		}
	);
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
			const patterns = sourcePatternsOf(kept.repository);
			const [{ analyzeRepository, updateRepository }, { readRepositoryPath }] = await Promise.all([engine(), reader()]);
			const files = await readRepositoryPath(root, under);
			// A source file (or one a glob names) is read again as a source.
			const sources = isSourcePath(under, patterns) ? await readRepositoryPath(root, under, { source: true }) : [];
			const present = new Set(files.map((file) => file.path));
			const presentSources = new Set(sources.map((file) => file.path));
			// What was at the path or under it and is no longer there has been deleted.
			const inside = (p: string) => p === under || p.startsWith(`${under}/`);
			const isContent = (p: string) => {
				const entry = kept.repository.get(p)!;
				return !entry.source || entry.parsed !== undefined || entry.diagnostics.length > 0;
			};
			const gone = [...kept.repository.keys()].filter((p) => inside(p) && !present.has(p) && isContent(p));
			// A source file edited, added or deleted (a folder's deletion leaves its sources until the next start).
			const goneSources = isSourcePath(under, patterns)
				? [...kept.repository.keys()].filter((p) => p === under && !presentSources.has(p) && kept.repository.get(p)!.source)
				: [];
			let repository = updateRepository(kept.repository, [
				...files,
				...gone.map((p) => ({ path: p })),
				...sources,
				...goneSources.map((p) => ({ path: p, source: true as const })),
			]);
			// An environment that names a new source: read what it names.
			const added = sourcePatternsOf(repository).filter((pattern) => !patterns.includes(pattern));
			for (const pattern of added) repository = updateRepository(repository, await readRepositoryPath(root, pattern, { source: true }));
			site.sourcePatterns = sourcePatternsOf(repository);
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
	const [{ analyzeRepository, parseRepositoryInThreads }, { readRepository }] = await Promise.all([engine(), reader()]);
	const repository = await parseRepositoryInThreads(await readRepository(root));
	const site = sites().get(root);
	if (site) site.sourcePatterns = sourcePatternsOf(repository);
	return { repository, analysis: analyzeRepository(repository, { now: resolveNow(process.env) }) };
}
