// The engine's entities as Astro content collections, so that a team can add its own pages that
// query getCollection('issues') and the rest. Data comes from the engine (validated and computed);
// Markdown bodies are rendered by Astro, with the project's Markdown configuration.
import { defineCollection } from 'astro:content';
import type { Loader, LoaderContext } from 'astro/loaders';
import { z } from 'astro/zod';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invalidateSiteAnalysis, loadSiteAnalysis, siteRoot } from './lib/build/site-analysis.ts';
import { toExportDocument, type ExportDocument } from './lib/model/export-document.ts';
import type { Body } from './lib/model/project.ts';
import type { EntityFolder } from './lib/schema/content-files.ts';
import { activeSearchIndex } from './lib/build/search-index.ts';
import { addHeadingAnchors, mdxProse, plainCodeBlocks } from './lib/site/markdown.ts';
import { searchDocument } from './lib/site/search-document.ts';

// The four collections share one export document per analysis.
const exported = new WeakMap<object, ExportDocument>();
function exportOnce(analysis: Awaited<ReturnType<typeof loadSiteAnalysis>>): ExportDocument {
	let doc = exported.get(analysis);
	if (!doc) exported.set(analysis, (doc = toExportDocument(analysis.model, analysis.problems)));
	return doc;
}

/** Loads one kind of entity from the engine's analysis of the content repository. */
function envparityLoader(kind: EntityFolder): Loader {
	return {
		name: `envparity-${kind}`,
		async load(context) {
			await sync(context);
			// In `npm run dev`, content edits re-run the engine and refresh the pages.
			const root = siteRoot();
			const watched = ['environments', 'changes', 'issues', 'runbooks', 'envparity.config.yaml', 'envparity.config.yml'].map((p) => join(root, p));
			context.watcher?.add(watched);
			context.watcher?.on('all', (_event, path) => {
				if (!watched.some((w) => path === w || path.startsWith(`${w}/`))) return;
				invalidateSiteAnalysis();
				void sync(context);
			});
		},
	};

	async function sync({ store, renderMarkdown, generateDigest, config }: LoaderContext): Promise<void> {
		// The content root can change between builds (ENVPARITY_ROOT): never reuse a stale store.
		store.clear();
		const analysis = await loadSiteAnalysis();
		const doc = exportOnce(analysis);
		const { model } = analysis;
		const projectRoot = fileURLToPath(config.root);
		const bodies = new Map<string, Body>([...model.changes, ...model.issues, ...model.runbooks].map((e) => [e.file, e.body]));
		for (const env of model.environments) {
			if (env.data.description) bodies.set(env.file, { text: env.data.description, offset: 0, mdx: false });
		}
		// While the site builds, each entity's search document goes to the search index as soon as its Markdown is rendered.
		const search = activeSearchIndex();
		for (const entry of doc[kind] as { id: string; file: string }[]) {
			const body = bodies.get(entry.file);
			const digest = generateDigest({ entry, body: body?.text ?? '' });
			let html = '';
			if (body?.mdx) {
				const filePath = relative(projectRoot, join(siteRoot(), entry.file)).split('\\').join('/');
				store.set({ id: entry.id, data: entry, body: body.text, filePath, digest, deferredRender: true });
				// MDX renders with the page; search reads its prose as Markdown, without the module lines.
				if (search) html = (await renderMarkdown(mdxProse(body.text))).html;
			} else if (body) {
				const rendered = await renderMarkdown(body.text);
				html = rendered.html;
				// The rendered HTML only, not the raw Markdown as well: at 10,000 entities the raw bodies would
				// add a quarter to the data store that Vite bundles and every page loads.
				store.set({ id: entry.id, data: entry, digest, rendered: { ...rendered, html: addHeadingAnchors(rendered.html) } });
			} else {
				store.set({ id: entry.id, data: entry, digest });
			}
			const document = search && searchDocument(model, kind, entry.id, plainCodeBlocks(html));
			if (document) search.add(document);
		}
	}
}

export const collections = {
	environments: defineCollection({ loader: envparityLoader('environments'), schema: z.custom<ExportDocument['environments'][number]>() }),
	changes: defineCollection({ loader: envparityLoader('changes'), schema: z.custom<ExportDocument['changes'][number]>() }),
	issues: defineCollection({ loader: envparityLoader('issues'), schema: z.custom<ExportDocument['issues'][number]>() }),
	runbooks: defineCollection({ loader: envparityLoader('runbooks'), schema: z.custom<ExportDocument['runbooks'][number]>() }),
};
