import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import { filesOf, pageFile, PageWriteError, type PageWriter, type SiteFolder } from './page-writer.ts';

/** What a prerenderer's render returns: a response, or a response with what an incremental build collects. */
type PrerenderResult = Awaited<ReturnType<AstroPrerenderer['render']>>;

/** The first page that failed to render: its address and its source file. */
export interface PageFailure {
	path: string;
	component: string;
}

/** The build's hold on the pages Astro renders. */
export interface PageRenders {
	integration: AstroIntegration;
	/** Resolves once no page renders any more and the writer has stopped, having written what it was handed. */
	settled(): Promise<void>;
	/** The first page that failed to render, if one did (a page that could not be written is the writer's failure). */
	failure(): PageFailure | undefined;
	/** Stops the writer's thread. */
	close(): Promise<void>;
}

/**
 * An Astro integration that renders the pages for the build. Each rendered page goes to a writer (`startWriter`, called
 * once the pages are bundled) rather than be written by Astro, where its file is certain (`pageFile`); the rest, and
 * every page when no writer starts, Astro writes itself. It also stops rendering pages once one has failed: Astro
 * renders a few pages at a time and rejects the build at the first failure, while the others keep rendering and writing
 * into the staging folder. After a failure, every page that starts rendering fails at once and every page that finishes
 * rendering is neither returned nor handed to the writer; `settled` resolves when no page renders any more and the writer
 * has stopped. `started` is called when the first page starts rendering.
 */
export function pageRenders(started: () => void, startWriter: (site: SiteFolder) => PageWriter | undefined): PageRenders {
	const renders = new Set<Promise<unknown>>();
	let firstRender: (() => void) | undefined = started;
	let failure: PageFailure | undefined;
	let stopped = false;
	const stop = new Error('not rendered: another page failed');
	let site: SiteFolder | undefined;
	let writer: PageWriter | undefined;
	/** A page rendered: handed to the writer when it is a plain page whose file is certain, else returned for Astro to write. */
	const handOver = async (
		rendered: PrerenderResult,
		request: Request,
		{ routeData, collectMetadata }: Parameters<AstroPrerenderer['render']>[1],
	): Promise<PrerenderResult> => {
		const response = rendered instanceof Response ? rendered : rendered.response;
		const file = writer && site && !collectMetadata && routeData.type === 'page' ? pageFile(request.url, site) : undefined;
		if (!file || response.status !== 200 || !response.body) return rendered;
		const bytes = await response.arrayBuffer();
		if (stopped) throw stop;
		await writer!.write(fileURLToPath(file), bytes);
		// As Astro records the files it writes; an empty body tells it that this page's file is written.
		(routeData.distURL ??= []).push(file);
		return { response: new Response(null) };
	};
	const integration: AstroIntegration = {
		name: 'envparity-render-pages',
		hooks: {
			'astro:config:done': ({ config, buildOutput }) => {
				if (buildOutput === 'static' && config.build.format === 'directory')
					site = { outDir: config.outDir, base: config.base, publicFiles: filesOf(config.publicDir) };
			},
			'astro:build:start': ({ setPrerenderer }) => {
				setPrerenderer((prerenderer) => {
					const render = prerenderer.render.bind(prerenderer);
					const setup = prerenderer.setup?.bind(prerenderer);
					const teardown = prerenderer.teardown?.bind(prerenderer);
					prerenderer.setup = async () => {
						await setup?.();
						writer = site && startWriter(site);
					};
					prerenderer.teardown = async () => {
						await teardown?.();
						// No page renders after this. A page that could not be written fails the build, unless one failed first.
						const failedBefore = stopped;
						stopped = true;
						if (writer && !failedBefore) await writer.finished();
					};
					prerenderer.render = async (request, options) => {
						// The pages are bundled: what this build needed of the project's .astro/ is read.
						firstRender?.();
						firstRender = undefined;
						if (stopped) throw stop;
						const page = (async () => {
							const rendered = await render(request, options);
							if (stopped) throw stop;
							return handOver(rendered, request, options);
						})();
						renders.add(page);
						try {
							return await page;
						} catch (error) {
							// A page the writer could not write is not the page's fault.
							if (!stopped && !(error instanceof PageWriteError))
								failure = { path: new URL(request.url).pathname, component: options.routeData.component };
							stopped = true;
							throw error;
						} finally {
							renders.delete(page);
						}
					};
					return prerenderer;
				});
			},
		},
	};
	return {
		integration,
		async settled() {
			stopped = true;
			while (renders.size > 0) await Promise.allSettled([...renders]);
			await writer?.finished().catch(() => undefined);
			await writer?.close();
		},
		failure: () => failure,
		close: async () => writer?.close(),
	};
}
