import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	BUILD_MARKER,
	buildFolders,
	cleanStaleBuilds,
	cleanStaleWorkFolders,
	isRunning,
	markBuiltSite,
	moveIntoPlace,
	refuseOutputFolder,
	removeFolder,
} from '../../../src/lib/build/output-folder.ts';

/** A fresh folder to build beside, with `dist` as the output folder. */
function workspace(): { parent: string; outDir: string } {
	const parent = mkdtempSync(join(tmpdir(), 'envparity-out-'));
	return { parent, outDir: join(parent, 'dist') };
}

/** A whole built site: its marker and one page that says which build wrote it. */
function site(folder: string, build: string): void {
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, 'index.html'), build);
	writeFileSync(join(folder, BUILD_MARKER), '');
}

const DEAD = 4_000_001;
const LIVE = 4_000_002;
const running = (pid: number): boolean => pid === LIVE;

describe('buildFolders', () => {
	it("names a build's folders after the output folder and the process, beside the output folder", () => {
		expect(buildFolders('/srv/wiki/dist', 42)).toEqual({
			staging: '/srv/wiki/.dist.building-42',
			search: '/srv/wiki/.dist.search-42',
			vendor: '/srv/wiki/.dist.vendor-42',
			go: '/srv/wiki/.dist.go-42',
			aside: '/srv/wiki/.dist.old-42',
		});
	});
});

describe('isRunning', () => {
	it('tells this process, which runs, from a process that has ended', () => {
		const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
		expect(isRunning(process.pid)).toBe(true);
		expect(isRunning(Number(ended.stdout))).toBe(false);
	});
});

describe('cleanStaleBuilds', () => {
	it('removes the staging, search, vendor and aside folders of builds that no longer run', async () => {
		const { parent, outDir } = workspace();
		site(outDir, 'current');
		for (const kind of ['building', 'search', 'vendor', 'go', 'old'])
			mkdirSync(join(parent, `.dist.${kind}-${DEAD}`, 'sub'), { recursive: true });
		expect((await cleanStaleBuilds(outDir, running)).length).toBe(5);
		expect(readdirSync(parent)).toEqual(['dist']);
		expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('current');
	});

	it('keeps the folders of a build that still runs, and folders it did not name', async () => {
		const { parent, outDir } = workspace();
		const kept = [
			`.dist.building-${LIVE}`,
			`.dist.search-${LIVE}`,
			`.dist.vendor-${LIVE}`,
			`.dist.go-${LIVE}`,
			`.other.building-${DEAD}`,
			`.dist.building-x${DEAD}`,
			`dist.building-${DEAD}`,
			'.dist.building-0',
		];
		for (const name of kept) mkdirSync(join(parent, name));
		expect(await cleanStaleBuilds(outDir, running)).toEqual([]);
		expect(readdirSync(parent).sort()).toEqual([...kept].sort());
	});

	it('puts the previous site back when a build was killed between setting it aside and moving the new one in', async () => {
		const { parent, outDir } = workspace();
		site(join(parent, `.dist.old-${DEAD}`), 'previous');
		site(join(parent, `.dist.building-${DEAD}`), 'new, never published');
		await cleanStaleBuilds(outDir, running);
		expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('previous');
		expect(readdirSync(parent)).toEqual(['dist']);
	});

	it('does nothing when the output folder has no parent yet', async () => {
		expect(await cleanStaleBuilds(join(tmpdir(), 'envparity-none', 'deeper', 'dist'), running)).toEqual([]);
	});
});

describe('refuseOutputFolder', () => {
	it('accepts a folder that does not exist, an empty folder and a site a build wrote', async () => {
		const { outDir } = workspace();
		expect(await refuseOutputFolder(outDir)).toBeUndefined();
		mkdirSync(outDir);
		expect(await refuseOutputFolder(outDir)).toBeUndefined();
		site(outDir, 'built');
		expect(await refuseOutputFolder(outDir)).toBeUndefined();
	});

	it('refuses a folder that holds files and no marker, and says how to go on', async () => {
		const { outDir } = workspace();
		mkdirSync(outDir);
		writeFileSync(join(outDir, 'notes.txt'), 'mine');
		expect(await refuseOutputFolder(outDir)).toBe(
			`the output folder ${outDir} is not empty and was not written by envparity (it has no .envparity-build file), so the build will not replace it; empty or remove the folder, or set ENVPARITY_OUT_DIR to another folder.`,
		);
	});

	it('replaces a site that envparity built before it wrote the marker', async () => {
		const { outDir } = workspace();
		mkdirSync(join(outDir, 'pagefind'), { recursive: true });
		writeFileSync(join(outDir, 'index.html'), '<!doctype html><html><head><meta name="generator" content="envparity" /></head></html>');
		expect(await refuseOutputFolder(outDir)).toBeUndefined();
	});

	it('refuses a folder whose home page only claims envparity, with no search index', async () => {
		const { outDir } = workspace();
		mkdirSync(outDir);
		writeFileSync(join(outDir, 'index.html'), '<meta name="generator" content="envparity" />');
		expect(await refuseOutputFolder(outDir)).toContain('is not empty and was not written by envparity');
	});

	it('refuses a file, and a symbolic link that the build would replace', async () => {
		const { parent, outDir } = workspace();
		writeFileSync(outDir, 'a file');
		expect(await refuseOutputFolder(outDir)).toContain(
			'is not a folder, so the build will not replace it; remove it, or set ENVPARITY_OUT_DIR',
		);
		const link = join(parent, 'link');
		site(join(parent, 'real'), 'built');
		symlinkSync(join(parent, 'real'), link);
		expect(await refuseOutputFolder(link)).toContain('is a symbolic link, which the build would replace with a folder');
	});
});

describe('moveIntoPlace', () => {
	it('replaces the previous site with the new one and leaves nothing beside them', async () => {
		const { parent, outDir } = workspace();
		const { staging, aside } = buildFolders(outDir, 7);
		site(outDir, 'previous');
		site(staging, 'new');
		await moveIntoPlace(staging, outDir, aside);
		expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('new');
		expect(readdirSync(parent)).toEqual(['dist']);
	});

	it('puts the previous site back when the new one cannot be moved in', async () => {
		const { parent, outDir } = workspace();
		const { staging, aside } = buildFolders(outDir, 7);
		site(outDir, 'previous');
		await expect(moveIntoPlace(staging, outDir, aside)).rejects.toThrow('ENOENT');
		expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('previous');
		expect(readdirSync(parent)).toEqual(['dist']);
	});
});

describe('markBuiltSite', () => {
	it('writes the marker that lets the next build replace the site', async () => {
		const { outDir } = workspace();
		mkdirSync(outDir);
		writeFileSync(join(outDir, 'index.html'), '');
		expect(await refuseOutputFolder(outDir)).toBeDefined();
		await markBuiltSite(outDir);
		expect(await refuseOutputFolder(outDir)).toBeUndefined();
	});

	it("removes the working folders of builds that no longer run, and leaves running builds' folders and the Astro lock", async () => {
		const { parent } = workspace();
		for (const name of ['101', '202', 'astro.lock']) mkdirSync(join(parent, name, '.astro'), { recursive: true });
		await cleanStaleWorkFolders(parent, (pid) => pid === 202);
		expect(readdirSync(parent).sort()).toEqual(['202', 'astro.lock']);
		await cleanStaleWorkFolders(join(parent, 'none'));
	});
});

describe('removeFolder', () => {
	it('removes a folder whose writers are done in one go, and says a folder that is not there is gone', async () => {
		const { parent } = workspace();
		const folder = join(parent, 'vendor');
		mkdirSync(join(folder, 'mermaid', 'chunks'), { recursive: true });
		writeFileSync(join(folder, 'mermaid', 'chunks', 'a.js'), '');
		expect(await removeFolder(folder, { settled: true })).toBe(true);
		expect(readdirSync(parent)).toEqual([]);
		expect(await removeFolder(folder, { settled: true })).toBe(true);
		expect(await removeFolder(folder)).toBe(true);
	});
});
