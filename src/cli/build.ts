import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveNow } from '../lib/model/dates.ts';
import { releaseSources } from '../lib/engine.ts';
import { formatText } from '../lib/diagnostics/format.ts';
import { loadSiteAnalysis, siteRoot } from '../lib/build/site-analysis.ts';
import { openSearchIndex, type SearchIndex } from '../lib/build/search-index.ts';
import { copyMermaid } from '../lib/build/vendor-assets.ts';
import { goLinks, renderGoPage } from '../lib/site/go-links.ts';
import { createLinks } from '../lib/site/links.ts';
import type { ParityModel } from '../lib/model/parity-model.ts';
import type { CliIo } from './main.ts';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** Validates the content repository, then builds the site into `dist/` (or `ENVPARITY_OUT_DIR`) atomically. */
export async function runBuild(io: CliIo): Promise<number> {
	const root = siteRoot(io.env);
	if (!existsSync(join(root, 'environments'))) {
		io.stderr(`envparity build: ${root} has no environments/ folder; set ENVPARITY_ROOT to a content repository.\n`);
		return 2;
	}
	try {
		// Fail early, with a clear message, on an unreadable ENVPARITY_NOW or SOURCE_DATE_EPOCH.
		resolveNow(io.env);
	} catch (error) {
		io.stderr(`envparity build: ${(error as Error).message}\n`);
		return 2;
	}
	const verbose = io.env.ENVPARITY_LOG_LEVEL === 'info';
	let mark = performance.now();
	const phase = (name: string): void => {
		if (verbose) io.stderr(`envparity build: ${name} in ${((performance.now() - mark) / 1000).toFixed(2)} s\n`);
		mark = performance.now();
	};
	// The site's pages reuse this analysis (a process-wide cache), so the content is read once.
	process.env.ENVPARITY_ROOT = root;
	// Astro's modules load while the engine waits on the content files.
	const astro = import('astro');
	astro.catch(() => undefined);
	const analysis = await loadSiteAnalysis();
	phase('validated the content');
	const errors = analysis.problems.filter((p) => p.severity === 'error');
	if (errors.length > 0) {
		io.stderr(formatText(analysis.problems, analysis.sources, analysis.fileCount));
		io.stderr(`envparity build: stopped, the content has ${errors.length} error${errors.length === 1 ? '' : 's'}; no site was written.\n`);
		return 1;
	}
	releaseSources(analysis);
	const outDir = resolve(io.cwd, io.env.ENVPARITY_OUT_DIR || join(PROJECT, 'dist'));
	// Build beside the output folder, so that moving it into place is a rename on one filesystem.
	const staging = join(dirname(outDir), `.${basename(outDir)}.building-${process.pid}`);
	await rm(staging, { recursive: true, force: true });
	await mkdir(staging, { recursive: true });
	// Pagefind runs beside the build: the content loader hands it each entity as it renders the
	// entity's Markdown, and it writes its index (outside the staging folder, which Astro empties)
	// while Astro renders the pages.
	const searchOut = join(dirname(outDir), `.${basename(outDir)}.search-${process.pid}`);
	const { model } = analysis;
	const expected = model.environments.length + model.changes.length + model.issues.length + model.runbooks.length;
	let search: SearchIndex | undefined;
	try {
		search = await openSearchIndex({ model, expected, outputPath: searchOut });
		const { build } = await astro;
		await build({ root: PROJECT, outDir: staging, logLevel: verbose ? 'info' : 'warn' });
		phase('built the pages');
		const base = io.env.ENVPARITY_BASE || '/';
		// Let every writer finish before reporting a failure, so that the clean-up below never races one.
		const settled = await Promise.allSettled([
			search.finish(),
			writeGoPages(staging, model, base, io.env.ENVPARITY_SITE || undefined),
			copyMermaid(staging),
		]);
		const failed = settled.find((result) => result.status === 'rejected');
		if (failed) throw failed.reason;
		phase('wrote the /go/ pages and Mermaid, and finished the search index');
		await rename(searchOut, join(staging, 'pagefind'));
		await rm(outDir, { recursive: true, force: true });
		await rename(staging, outDir);
	} catch (error) {
		await rm(staging, { recursive: true, force: true });
		io.stderr(`envparity build: the site build failed (${(error as Error).message}); no site was written.\n`);
		return 1;
	} finally {
		await search?.close();
		await rm(searchOut, { recursive: true, force: true });
	}
	const warnings = analysis.problems.length;
	io.stdout(
		`envparity build: built the wiki of ${root} into ${outDir} (${warnings} warning${warnings === 1 ? '' : 's'}; run "npx envparity check" to list them).\n`,
	);
	return 0;
}

/** Writes a `/go/<id-or-alias>/` page for every id and alias, so incident tickets keep working after renames. */
async function writeGoPages(outDir: string, model: ParityModel, base: string, site: string | undefined): Promise<void> {
	const links = goLinks(model, createLinks(base));
	for (let i = 0; i < links.length; i += 128) {
		await Promise.all(
			links.slice(i, i + 128).map(async (link) => {
				const folder = join(outDir, 'go', link.ref);
				await mkdir(folder, { recursive: true });
				await writeFile(join(folder, 'index.html'), renderGoPage(link, site));
			}),
		);
	}
}
