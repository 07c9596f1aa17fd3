import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILD_MARKER } from '../../src/lib/build/output-folder.ts';
import { buildSite, buildSiteAsync } from '../helpers/build.ts';
import { fixture } from '../helpers/cli.ts';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh folder to build beside: `dist` is the output folder, `cache` Astro's cache. */
function workspace(): { work: string; outDir: string; env: Record<string, string> } {
	const work = mkdtempSync(join(tmpdir(), 'envparity-robust-'));
	const outDir = join(work, 'dist');
	return { work, outDir, env: { ENVPARITY_OUT_DIR: outDir, ENVPARITY_CACHE_DIR: join(work, 'cache') } };
}

/** A site as a build leaves it: the marker, a home page that says which build wrote it, and a page in a folder. */
function previousSite(folder: string, build = 'previous'): void {
	mkdirSync(join(folder, 'matrix'), { recursive: true });
	writeFileSync(join(folder, BUILD_MARKER), '');
	writeFileSync(join(folder, 'index.html'), build);
	writeFileSync(join(folder, 'matrix', 'index.html'), `${build} matrix`);
}

/** Every file of a folder with its text, to compare a folder before and after. */
function contents(folder: string): Record<string, string> {
	const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
	return Object.fromEntries(
		files.map((entry) => [
			join(entry.parentPath, entry.name).slice(folder.length),
			readFileSync(join(entry.parentPath, entry.name), 'utf8'),
		]),
	);
}

/** The id of a process that has ended, as a killed build's is. */
function endedPid(): number {
	return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

/**
 * A copy of this project with one more page, as a team adds its own under src/pages/ (the build
 * renders the pages of the project it runs from). node_modules is linked, not copied.
 */
function projectWithPage(name: string, source: string): string {
	const copy = join(mkdtempSync(join(tmpdir(), 'envparity-project-')), 'project');
	for (const entry of ['src', 'bin', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'])
		cpSync(join(PROJECT, entry), join(copy, entry), { recursive: true });
	symlinkSync(join(PROJECT, 'node_modules'), join(copy, 'node_modules'), 'dir');
	writeFileSync(join(copy, 'src', 'pages', name), source);
	return copy;
}

describe('npm run build, when things go wrong', () => {
	it('stops at a page that fails to render with one line and exit 1, leaving no folder of its own and the previous site as it was', () => {
		const { work, outDir, env } = workspace();
		previousSite(outDir);
		const before = contents(outDir);
		const project = projectWithPage('broken.astro', '---\nthrow new Error("the report cannot reach its data");\n---\n<p>never</p>\n');
		const inherited = Object.fromEntries(
			Object.entries(process.env).filter(([name]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(name)),
		);
		const result = spawnSync(process.execPath, ['bin/build.mjs'], {
			cwd: project,
			encoding: 'utf8',
			env: { ...inherited, ...env, ENVPARITY_ROOT: fixture('site-basic'), ENVPARITY_NOW: '2024-06-01' },
			timeout: 180_000,
		});
		expect(result.status, result.stderr).toBe(1);
		expect(result.stderr).toBe(
			'envparity build: the page /broken/ (src/pages/broken.astro) failed to render: the report cannot reach its data; no site was written. Fix the page and build again; ENVPARITY_LOG_LEVEL=info prints the whole log of the build, with the stack.\n',
		);
		expect(readdirSync(work).sort()).toEqual(['cache', 'dist']);
		expect(contents(outDir)).toEqual(before);
	}, 180_000);

	it('refuses, with exit 2, an output folder that holds files and was not written by a build, and leaves it as it was', () => {
		const { work, outDir, env } = workspace();
		mkdirSync(outDir);
		writeFileSync(join(outDir, 'notes.md'), 'not a site');
		const result = buildSite(fixture('valid-minimal'), env);
		expect(result.status).toBe(2);
		expect(result.stderr).toBe(
			`envparity build: the output folder ${outDir} is not empty and was not written by envparity (it has no ${BUILD_MARKER} file), so the build will not replace it; empty or remove the folder, or set ENVPARITY_OUT_DIR to another folder.\n`,
		);
		expect(contents(outDir)).toEqual({ '/notes.md': 'not a site' });
		expect(readdirSync(work)).toEqual(['dist']);
	}, 180_000);

	it('replaces a site it wrote, marks the new one, and removes only the folders that builds no longer running left', () => {
		const { work, outDir, env } = workspace();
		previousSite(outDir);
		const dead = endedPid();
		for (const kind of ['building', 'search', 'old']) previousSite(join(work, `.dist.${kind}-${dead}`), 'killed');
		// A build that still runs (this test's process) keeps its folder; a folder of another name is not the build's.
		const kept = [`.dist.building-${process.pid}`, '.dist.notes'];
		for (const name of kept) mkdirSync(join(work, name));
		const result = buildSite(fixture('valid-minimal'), env);
		expect(result.status, result.stderr).toBe(0);
		expect(readdirSync(work).sort()).toEqual([...kept, 'cache', 'dist'].sort());
		expect(readFileSync(join(outDir, 'index.html'), 'utf8')).not.toBe('previous');
		expect(readFileSync(join(outDir, 'matrix', 'index.html'), 'utf8')).toContain('redis.pool_size');
		expect(readdirSync(outDir)).toContain(BUILD_MARKER);
	}, 180_000);

	it('puts back the previous site that a build killed while moving its site into place had set aside', () => {
		const { work, outDir, env } = workspace();
		const dead = endedPid();
		previousSite(join(work, `.dist.old-${dead}`));
		previousSite(join(work, `.dist.building-${dead}`), 'killed');
		// Content with errors: the build stops after its clean-up, and writes no site of its own (Astro, started while the
		// content was read, may have made its cache folder).
		const result = buildSite(fixture('six-errors'), env);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('stopped, the content has 6 errors; no site was written.');
		expect(readdirSync(work).filter((name) => name !== 'cache')).toEqual(['dist']);
		expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('previous');
	}, 180_000);

	it('runs two builds at once, each into its own output folder, one with MDX, and removes the working folder a killed build left', async () => {
		// Output folders outside the project: Astro's page-rendering bundle would go to ./.astro/.prerender for both. And
		// Astro keeps the list of MDX modules to bundle in the project's .astro/ whatever the build: the builds take turns
		// until their pages are bundled, so neither bundles the other's list (build/astro-lock.ts).
		const builds = join(PROJECT, '.astro', 'builds');
		const dead = endedPid();
		mkdirSync(join(builds, String(dead), '.astro'), { recursive: true });
		const withMdx = mkdtempSync(join(tmpdir(), 'envparity-mdx-content-'));
		cpSync(fixture('valid-minimal'), withMdx, { recursive: true });
		writeFileSync(
			join(withMdx, 'runbooks', 'mdx-notes.mdx'),
			'---\ntitle: Notes in MDX\nenvironments: [production]\n---\n## Before you start\n\nPromote the replica, then point the app at it.\n',
		);
		const [a, b] = await Promise.all([buildSiteAsync(fixture('valid-minimal')), buildSiteAsync(withMdx)]);
		for (const result of [a, b]) {
			expect(result.stderr).not.toContain('failed');
			expect(result.status).toBe(0);
			expect(readFileSync(join(result.outDir, 'index.html'), 'utf8')).toContain('<html');
		}
		expect(readFileSync(join(b.outDir, 'runbooks', 'mdx-notes', 'index.html'), 'utf8')).toContain('Promote the replica');
		expect(readdirSync(builds)).not.toContain(String(dead));
	}, 180_000);
});
