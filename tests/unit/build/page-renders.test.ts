import type { AstroPrerenderer } from 'astro';
import { describe, expect, it } from 'vitest';
import { pageRenders } from '../../../src/lib/build/page-renders.ts';
import { PageWriteError, type PageWriter } from '../../../src/lib/build/page-writer.ts';

type Route = Parameters<AstroPrerenderer['render']>[1]['routeData'];

/** A writer that keeps what it is handed, and can be told to fail. */
function fakeWriter(fail?: { write?: boolean; finish?: boolean }) {
	const pages = new Map<string, string>();
	const calls = { finished: 0, closed: 0 };
	const writer: PageWriter = {
		async write(file, bytes) {
			if (fail?.write) throw new PageWriteError(`could not write the page ${file}`);
			pages.set(file, new TextDecoder().decode(bytes));
		},
		async finished() {
			calls.finished++;
			if (fail?.finish) throw new PageWriteError('could not write the page a/index.html (ENOSPC, no space left on device)');
		},
		async close() {
			calls.closed++;
		},
	};
	return { writer, pages, calls };
}

/** The build's integration around a prerenderer that renders `/broken/` with an error, `/moved/` as a redirect and any other page as its address. */
function setUp(writer: PageWriter | undefined, format = 'directory') {
	let started = 0;
	const renders = pageRenders(
		() => started++,
		() => writer,
	);
	const base: AstroPrerenderer = {
		name: 'astro:default',
		getStaticPaths: async () => [],
		async render(request) {
			const path = new URL(request.url).pathname;
			if (path === '/broken/') throw new Error('broken page');
			if (path === '/moved/') return new Response(null, { status: 301, headers: { Location: '/elsewhere/' } });
			return new Response(`page ${path}`);
		},
	};
	const hooks = renders.integration.hooks as Record<string, (options: unknown) => void>;
	hooks['astro:config:done']!({
		config: { outDir: new URL('file:///site/out/'), base: '/', publicDir: new URL('file:///no-such-public-folder/'), build: { format } },
		buildOutput: 'static',
	});
	let prerenderer: AstroPrerenderer | undefined;
	hooks['astro:build:start']!({ setPrerenderer: (wrap: (p: AstroPrerenderer) => AstroPrerenderer) => (prerenderer = wrap(base)) });
	const route = (type: string, component = 'src/pages/x.astro'): Route => ({ type, component, route: '/x' }) as unknown as Route;
	const render = (path: string, routeData = route('page'), collectMetadata = false) =>
		prerenderer!.render(new Request(`http://localhost${path}`), { routeData, collectMetadata });
	return { renders, prerenderer: prerenderer!, render, route, started: () => started };
}

const body = async (result: Response | { response: Response }) => (result instanceof Response ? result : result.response).text();

describe('the pages the build renders', () => {
	it("hands a plain page to the writer, gives Astro an empty response, and records the page's file as Astro does", async () => {
		const { writer, pages } = fakeWriter();
		const { prerenderer, render, route, started } = setUp(writer);
		await prerenderer.setup!();
		const routeData = route('page');
		const result = await render('/settings/a.b/', routeData);
		expect(await body(result)).toBe('');
		expect(pages.get('/site/out/settings/a.b/index.html')).toBe('page /settings/a.b/');
		expect((routeData as { distURL?: URL[] }).distURL?.map(String)).toEqual(['file:///site/out/settings/a.b/index.html']);
		expect(started()).toBe(1);
	});

	it('leaves to Astro endpoints, redirects, the home page, incremental builds, and every page when no writer starts', async () => {
		const { writer, pages } = fakeWriter();
		const { prerenderer, render, route } = setUp(writer);
		await prerenderer.setup!();
		expect(await body(await render('/badges/a.svg', route('endpoint')))).toBe('page /badges/a.svg');
		const moved = await render('/moved/');
		expect((moved instanceof Response ? moved : moved.response).status).toBe(301);
		expect(await body(await render('/'))).toBe('page /');
		expect(await body(await render('/issues/a/', route('page'), true))).toBe('page /issues/a/');
		expect(pages.size).toBe(0);
		const alone = setUp(undefined);
		await alone.prerenderer.setup!();
		expect(await body(await alone.render('/settings/a/'))).toBe('page /settings/a/');
		const files = setUp(fakeWriter().writer, 'file');
		await files.prerenderer.setup!();
		expect(await body(await files.render('/settings/a/'))).toBe('page /settings/a/');
	});

	it('fails the build at the end of rendering when a page could not be written, without blaming a page', async () => {
		const { writer, calls } = fakeWriter({ finish: true });
		const { prerenderer, render, renders } = setUp(writer);
		await prerenderer.setup!();
		await render('/a/');
		await expect(prerenderer.teardown!()).rejects.toThrow('could not write the page a/index.html (ENOSPC');
		expect(calls.finished).toBe(1);
		expect(renders.failure()).toBeUndefined();
		// No page renders after the end.
		await expect(render('/b/')).rejects.toThrow('not rendered');
	});

	it('does not blame a page whose bytes the writer refused', async () => {
		const { writer } = fakeWriter({ write: true });
		const { prerenderer, render, renders } = setUp(writer);
		await prerenderer.setup!();
		await expect(render('/a/')).rejects.toThrow(PageWriteError);
		expect(renders.failure()).toBeUndefined();
		await expect(render('/b/')).rejects.toThrow('not rendered');
	});

	it('stops at the first page that fails, names it, and settles once the writer has written what it had and stopped', async () => {
		const { writer, calls } = fakeWriter();
		const { prerenderer, render, renders } = setUp(writer);
		await prerenderer.setup!();
		await expect(render('/broken/')).rejects.toThrow('broken page');
		expect(renders.failure()).toEqual({ path: '/broken/', component: 'src/pages/x.astro' });
		await expect(render('/a/')).rejects.toThrow('not rendered');
		// The build already fails for the page: the end of rendering does not wait for the writer.
		await prerenderer.teardown!();
		expect(calls.finished).toBe(0);
		await renders.settled();
		expect(calls).toEqual({ finished: 1, closed: 1 });
	});
});
