// The content loaders of the four collections that content.config.ts defines: each stores its kind of entity from the
// engine's analysis, renders the Markdown bodies, and hands the search index each entity's document. The build's thread
// loads this module and hands it to content.config.ts (`provideContentLoaders`), so that Vite does not load and
// transform its modules one by one while Astro starts; `npm run dev` loads it through Vite.
import type { Loader, LoaderContext } from 'astro/loaders';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLiveSiteAnalysis, loadSiteAnalysis, siteContentPaths, siteRoot, updateSiteAnalysis } from './site-analysis.ts';
import type { Analysis } from '../model/analysis.ts';
import { toExportDocument, type ExportDocument } from '../model/export-document.ts';
import type { Body } from '../model/project.ts';
import type { EntityFolder } from '../schema/content-files.ts';
import { activeSearchIndex } from './search-index.ts';
import { renderAhead, type RenderedAhead } from './render-ahead.ts';
import { addHeadingAnchors, plainCodeBlocks } from '../site/markdown.ts';
import { searchDocument } from '../site/search-document.ts';

export type { ExportDocument };

// The four collections share one export document, and one map of Markdown bodies, per analysis.
const exported = new WeakMap<Analysis, { doc: ExportDocument; bodies: Map<string, Body> }>();
function exportOnce(analysis: Analysis): { doc: ExportDocument; bodies: Map<string, Body> } {
	let done = exported.get(analysis);
	if (!done) {
		const { model } = analysis;
		const bodies = new Map<string, Body>([...model.changes, ...model.issues, ...model.runbooks].map((e) => [e.file, e.body]));
		for (const env of model.environments) {
			if (env.data.description) bodies.set(env.file, { text: env.data.description, offset: 0, mdx: false });
		}
		exported.set(analysis, (done = { doc: toExportDocument(model, analysis.problems), bodies }));
	}
	return done;
}

/** The build's Markdown bodies rendered while the content was read (see renderAhead), by analysis: one for the four collections. */
const aheadOf = new WeakMap<Promise<Analysis>, RenderedAhead<Awaited<ReturnType<LoaderContext['renderMarkdown']>>>>();

/** Loads one kind of entity from the engine's analysis of the content repository. */
export function envparityLoader(kind: EntityFolder): Loader {
	return {
		name: `envparity-${kind}`,
		async load(context) {
			const { watcher, store, logger } = context;
			// The content root can change between builds (ENVPARITY_ROOT): never reuse a stale store.
			store.clear();
			// `npm run dev` keeps the parsed files, so that an edit re-reads only its file; the build needs none. While the
			// build reads and checks the content in its worker, this thread renders the Markdown bodies ahead.
			const analysis = watcher ? loadLiveSiteAnalysis() : loadSiteAnalysis();
			if (!watcher && !aheadOf.has(analysis)) aheadOf.set(analysis, renderAhead(siteRoot(), context.renderMarkdown, analysis));
			await syncEntries(context, kind, await analysis, aheadOf.get(analysis));
			if (!watcher) return;
			const watched = siteContentPaths();
			watcher.add(watched);
			// Each edit updates the entries it changed, in the order of the edits. The four collections
			// ask for the same update, which the engine runs once.
			let queue = Promise.resolve();
			watcher.on('all', (_event, path) => {
				if (!watched.some((w) => path === w || path.startsWith(`${w}${sep}`))) return;
				const analysis = updateSiteAnalysis(path);
				queue = queue
					.then(async () => {
						const { updated, rendered, removed } = await syncEntries(context, kind, await analysis);
						if (updated + removed > 0) logger.info(`${updated} updated (${rendered} Markdown rendered), ${removed} removed`);
					})
					.catch((error: Error) => logger.error(`could not update after ${relative(siteRoot(), path)} changed: ${error.message}`));
			});
		},
	};
}

/**
 * Stores the entities of one kind from an analysis, skipping those whose data and body are what the
 * store holds, rendering Markdown only where the body changed, and removing the entities that are gone.
 */
async function syncEntries(
	{ store, renderMarkdown, generateDigest, config }: LoaderContext,
	kind: EntityFolder,
	analysis: Analysis,
	ahead?: RenderedAhead<Awaited<ReturnType<LoaderContext['renderMarkdown']>>>,
): Promise<{ updated: number; rendered: number; removed: number }> {
	const { doc, bodies } = exportOnce(analysis);
	const projectRoot = fileURLToPath(config.root);
	// While the site builds, each entity's search document goes to the search index as soon as its Markdown is rendered.
	const search = activeSearchIndex();
	const ids = new Set<string>();
	let updated = 0;
	let rendered = 0;
	for (const entry of doc[kind] as { id: string; file: string }[]) {
		ids.add(entry.id);
		const body = bodies.get(entry.file);
		// The data's digest, then the body's: an entry whose data changed (a matrix status, a pending
		// environment) keeps its rendered Markdown when its body did not change.
		const bodyDigest = generateDigest(body?.text ?? '');
		const digest = `${generateDigest(entry)}:${bodyDigest}`;
		const existing = store.get(entry.id);
		if (existing?.digest === digest) continue;
		updated++;
		let html = '';
		if (body?.mdx) {
			const filePath = relative(projectRoot, join(siteRoot(), entry.file)).split('\\').join('/');
			store.set({ id: entry.id, data: entry, body: body.text, filePath, digest, deferredRender: true });
			// MDX renders with the page; search reads its prose as Markdown (content MDX has no code: validate/mdx.ts).
			if (search) html = (await renderMarkdown(body.text)).html;
		} else if (body) {
			const kept = String(existing?.digest).endsWith(`:${bodyDigest}`) ? existing?.rendered : undefined;
			let output = kept;
			if (!output) {
				const fresh = await (ahead?.take(body.text) ?? renderMarkdown(body.text));
				rendered++;
				html = fresh.html;
				output = { ...fresh, html: addHeadingAnchors(fresh.html) };
			} else {
				html = output.html;
			}
			// The rendered HTML only, not the raw Markdown as well: at 10,000 entities the raw bodies would
			// add a quarter to the data store that Vite bundles and every page loads.
			store.set({ id: entry.id, data: entry, digest, rendered: output });
		} else {
			store.set({ id: entry.id, data: entry, digest });
		}
		const document = search && searchDocument(analysis.model, kind, entry.id, plainCodeBlocks(html));
		if (document) search.add(document);
	}
	let removed = 0;
	for (const id of store.keys()) {
		if (ids.has(id)) continue;
		store.delete(id);
		removed++;
	}
	return { updated, rendered, removed };
}

/** This module's loaders, as content.config.ts takes them from the build's thread. */
export interface ContentLoaders {
	envparityLoader: typeof envparityLoader;
}

/**
 * Hands this module's loaders to content.config.ts, which then does not load this module through Vite: the build's
 * thread calls this before Astro starts. content.config.ts reads them under this global symbol.
 */
export function provideContentLoaders(): void {
	(globalThis as { [key: symbol]: ContentLoaders })[Symbol.for('envparity.contentLoaders')] = { envparityLoader };
}
