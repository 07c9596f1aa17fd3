import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveNow } from '../lib/model/dates.ts';
import { provideSiteAnalysis, siteRoot } from '../lib/build/site-analysis.ts';
import { readInThread, type ThreadReading } from '../lib/build/analysis-thread.ts';
import { openSearchIndex, type SearchIndex } from '../lib/build/search-index.ts';
import { copyMermaidApart, MERMAID_PATH } from '../lib/build/vendor-assets.ts';
import { holdAstroLock } from '../lib/build/astro-lock.ts';
import { provideContentLoaders } from '../lib/build/content-loaders.ts';
import { startPageWriter } from '../lib/build/page-writer.ts';
import { pageRenders, type PageFailure } from '../lib/build/page-renders.ts';
import {
	buildFolders,
	cleanStaleBuilds,
	cleanStaleWorkFolders,
	markBuiltSite,
	moveIntoPlace,
	refuseOutputFolder,
	removeFolder,
} from '../lib/build/output-folder.ts';
import type { CliIo } from './main.ts';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Validates the content repository, then builds the site into `dist/` (or `ENVPARITY_OUT_DIR`) atomically. `worker`: the
 * module that reads the content in a worker thread, when not the sources' (the command's bundle, bin/bundle.mjs).
 */
export async function runBuild(io: CliIo, options: { worker?: URL } = {}): Promise<number> {
	const root = siteRoot(io.env);
	if (!existsSync(join(root, 'environments'))) {
		io.stderr(`envparity build: ${root} has no environments/ folder; set ENVPARITY_ROOT to a content repository.\n`);
		return 2;
	}
	let now: Date;
	try {
		// Fail early, with a clear message, on an unreadable ENVPARITY_NOW or SOURCE_DATE_EPOCH; "now" is read once per build.
		now = resolveNow(io.env);
	} catch (error) {
		io.stderr(`envparity build: ${(error as Error).message}\n`);
		return 2;
	}
	const outDir = resolve(io.cwd, io.env.ENVPARITY_OUT_DIR || join(PROJECT, 'dist'));
	// Builds that were killed left their folders beside the output folder; one killed while moving
	// its site into place left the previous site aside, which goes back first.
	await cleanStaleBuilds(outDir);
	const refused = await refuseOutputFolder(outDir);
	if (refused) {
		io.stderr(`envparity build: ${refused}\n`);
		return 2;
	}
	const verbose = io.env.ENVPARITY_LOG_LEVEL === 'info';
	let mark = performance.now();
	const phase = (name: string): void => {
		if (verbose) io.stderr(`envparity build: ${name} in ${((performance.now() - mark) / 1000).toFixed(2)} s\n`);
		mark = performance.now();
	};
	// The content is read and checked in a thread of its own while this one starts Astro; Astro's content loaders and
	// pages wait for the reading (a process-wide cache, so the content is read once). Content with errors fails the
	// loaders before any page is written, and the errors are reported instead of the build's failure.
	process.env.ENVPARITY_ROOT = root;
	// Build beside the output folder, so that moving it into place is a rename on one filesystem.
	// Pagefind runs beside the build: the content loader hands it each entity as it renders the
	// entity's Markdown, and it writes its index (outside the staging folder, which Astro empties)
	// while Astro renders the pages. Once the pages render, Mermaid's modules are copied by a process of their own into a
	// folder of their own, moved in at the end (the copying holds about 50 MB, which would stay in this process), and a
	// small worker writes the /go/ pages into a folder of their own, also moved in at the end.
	const { staging, search: searchOut, vendor: vendorOut, go: goOut, aside } = buildFolders(outDir, process.pid);
	const workFolder = join(PROJECT, '.astro', 'builds', String(process.pid));
	await cleanStaleWorkFolders(dirname(workFolder));
	let releaseAstro: (() => Promise<void>) | undefined;
	// The /go/ pages and Mermaid's modules are written once the pages render: until the pages are bundled, both cores are
	// busy (this thread starting Astro, Vite's threads, the reading), and while this thread renders the pages one after
	// another the other core has time (a 1k build's cores are a fifth to two fifths idle then). A build that fails
	// before its pages render writes neither.
	const rendering = Promise.withResolvers<boolean>();
	const pages = pageRenders(
		() => {
			rendering.resolve(true);
			void releaseAstro?.();
		},
		(site) => startPageWriter({ root: fileURLToPath(site.outDir) }),
	);
	let search: SearchIndex | undefined;
	let mermaid: Promise<void> | undefined;
	let failed: Extract<ThreadReading, { ok: false }> | undefined;
	let built = false;
	await rm(goOut, { recursive: true, force: true });
	const { reading, goPages } = readInThread(
		root,
		now,
		{ folder: goOut, base: io.env.ENVPARITY_BASE || '/', site: io.env.ENVPARITY_SITE || undefined },
		options.worker,
		{ goPagesWhen: rendering.promise },
	);
	const ready = reading.then(async (read) => {
		phase('validated the content');
		if (!read.ok) {
			failed = read;
			throw new ContentErrors();
		}
		const { model, problems } = read.reading.analysis;
		const expected = model.environments.length + model.changes.length + model.issues.length + model.runbooks.length;
		search = await openSearchIndex({ model, expected, outputPath: searchOut, problems });
		return read.reading;
	});
	provideSiteAnalysis(ready);
	// content.config.ts takes the content loaders from this thread rather than have Vite load their modules one by one.
	provideContentLoaders();
	try {
		await rm(staging, { recursive: true, force: true });
		await mkdir(staging, { recursive: true });
		await rm(vendorOut, { recursive: true, force: true });
		mermaid = rendering.promise.then((go) => (go ? copyMermaidApart(vendorOut) : undefined));
		// Awaited after the pages; a failure meanwhile is reported then.
		mermaid.catch(() => undefined);
		const { build } = await import('astro');
		// Astro writes the bundle that renders the pages into ./.astro/.prerender when the output folder is not under the
		// current folder, and deletes it after: two such builds at once (of two content repositories, or tests) would
		// delete each other's. From a folder of its own inside the project (where the bundle still finds node_modules),
		// each build has its own.
		await mkdir(workFolder, { recursive: true });
		process.chdir(workFolder);
		// Builds from this project folder take turns until their pages are bundled: Astro keeps some of a build's files in
		// the project's .astro/ (build/astro-lock.ts). The first page rendered releases the lock.
		releaseAstro = await holdAstroLock(dirname(workFolder), {
			waiting: (owner) => {
				if (verbose)
					io.stderr(`envparity build: waiting for another build from this project folder (process ${owner ?? '?'}) to bundle its pages\n`);
			},
		});
		await build({
			root: PROJECT,
			outDir: staging,
			logLevel: verbose ? 'info' : 'warn',
			// Astro prints an error with its stack; without ENVPARITY_LOG_LEVEL=info, the one line below reports it.
			logger: { entrypoint: join(PROJECT, 'src', 'cli', 'build-log.ts'), config: { errors: verbose } },
			integrations: [pages.integration],
		});
		await releaseAstro?.();
		// A site without a page still gets its /go/ pages and Mermaid.
		rendering.resolve(true);
		phase('built the pages');
		// Let every writer finish before reporting a failure, so that the clean-up below never races one.
		const settled = await Promise.allSettled([
			search!.finish(),
			goPages.then(() => rename(join(goOut, 'go'), join(staging, 'go'))),
			mermaid.then(() => moveMermaid(vendorOut, staging)),
		]);
		const failed = settled.find((result) => result.status === 'rejected');
		if (failed) throw failed.reason;
		phase('wrote the /go/ pages and Mermaid, and finished the search index');
		await rename(searchOut, join(staging, 'pagefind'));
		// Last: a site with the marker is whole, and the next build may replace it.
		await markBuiltSite(staging);
		await moveIntoPlace(staging, outDir, aside);
		built = true;
	} catch (error) {
		// Nothing more is written once the build failed (the /go/ pages and Mermaid, if the pages had not started).
		rendering.resolve(false);
		// No page renders after the first failure; wait for those under way, and for Pagefind.
		await pages.settled();
		await search?.close();
		await mermaid?.catch(() => undefined);
		await goPages.catch(() => undefined);
		const removed = await removeFolder(staging);
		// The content's errors, rather than the failure they caused; and a failure of the reading itself.
		const read = await reading.catch((readError: unknown) => readError);
		if (failed) {
			io.stderr(failed.report);
			io.stderr(
				`envparity build: stopped, the content has ${failed.errors} error${failed.errors === 1 ? '' : 's'}; no site was written.\n`,
			);
			return 1;
		}
		if (read instanceof Error) error = read;
		io.stderr(`envparity build: ${describeFailure(error, pages.failure(), removed ? undefined : staging)}\n`);
		return 1;
	} finally {
		rendering.resolve(false);
		await releaseAstro?.();
		// Every writer of these folders is done once awaited here; Astro's, of the working folder, once the site is built.
		await Promise.all([search?.close(), mermaid?.catch(() => undefined), goPages.catch(() => undefined), pages.close()]);
		if (process.cwd() === workFolder) process.chdir(PROJECT);
		await Promise.all([
			removeFolder(searchOut, { settled: true }),
			removeFolder(vendorOut, { settled: true }),
			removeFolder(goOut, { settled: true }),
			removeFolder(workFolder, { settled: built }),
		]);
	}
	const warnings = (await ready).analysis.problems.length;
	io.stdout(
		`envparity build: built the wiki of ${root} into ${outDir} (${warnings} warning${warnings === 1 ? '' : 's'}; run "${checkCommand(io, root)}" to list them).\n`,
	);
	return 0;
}

/** The content has errors: the reading reports them, and the build stops. */
class ContentErrors extends Error {
	constructor() {
		super('the content has errors; they are listed above');
	}
}

/**
 * Why the site build failed, in one line: the error's first line, and the next one when the first only announces it
 * (the bundler's "Build failed with 1 error:" says nothing by itself).
 */
export function failureReason(error: unknown): string {
	// Without the terminal colours that some tools put in their messages.
	const lines = (error instanceof Error ? error.message : String(error)).replace(/\u001b\[[0-9;]*m/g, '').split('\n');
	const [first = '', next] = lines.map((line) => line.trim()).filter(Boolean);
	return first.endsWith(':') && next ? `${first} ${next}` : first;
}

/** One line on why the site build failed, then what to do. */
function describeFailure(error: unknown, page: PageFailure | undefined, left: string | undefined): string {
	const reason = failureReason(error);
	const what = page ? `the page ${page.path} (${page.component}) failed to render: ${reason}` : `the site build failed: ${reason}`;
	const leftover = left ? ` (the next build removes ${left})` : '';
	const fix = page ? 'Fix the page and build again; ' : '';
	return `${what}; no site was written${leftover}. ${fix}ENVPARITY_LOG_LEVEL=info prints the whole log of the build, with the stack.`;
}

/** Moves Mermaid's modules, copied into `vendorOut`, to where the built site serves them. */
async function moveMermaid(vendorOut: string, staging: string): Promise<void> {
	const to = join(staging, MERMAID_PATH);
	await mkdir(dirname(to), { recursive: true });
	await rename(join(vendorOut, MERMAID_PATH), to);
}

/**
 * The check that lists the build's warnings: the same content and the same clock (a fixed ENVPARITY_NOW, such as the
 * example's demo clock, or SOURCE_DATE_EPOCH), so that it finds exactly what the build found.
 */
function checkCommand(io: CliIo, root: string): string {
	const clock = io.env.ENVPARITY_NOW?.trim()
		? `ENVPARITY_NOW=${io.env.ENVPARITY_NOW.trim()} `
		: io.env.SOURCE_DATE_EPOCH?.trim()
			? `SOURCE_DATE_EPOCH=${io.env.SOURCE_DATE_EPOCH.trim()} `
			: '';
	const where = relative(io.cwd, root);
	return `${clock}npx envparity check${where === '' ? '' : ` --root ${/^[\w./-]+$/.test(where) ? where : JSON.stringify(where)}`}`;
}
