import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleCli } from '../../scripts/bundle-cli.ts';
import { readInThread } from '../../src/lib/build/analysis-thread.ts';
import { analyzeRepository, parseRepository, parseRepositoryInThreads } from '../../src/lib/engine.ts';
import { readRepository } from '../../src/lib/load/read-repository.ts';
import { toExportDocument } from '../../src/lib/model/export-document.ts';
import { fixture } from '../helpers/cli.ts';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
	return spawnSync(process.execPath, ['bin/envparity.mjs', ...args], {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, ENVPARITY_NOW: '2024-06-01', ...env },
	});
}

/** A project of two modules that say which one ran: the sources (src/cli/main.ts) and a bundle built from them. */
function project(): { dir: string; source: string } {
	const dir = mkdtempSync(join(tmpdir(), 'envparity-bundle-'));
	mkdirSync(join(dir, 'bin', 'bundle'), { recursive: true });
	mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
	for (const file of ['envparity.mjs', 'bundle.mjs', 'v8-flags.mjs']) copyFileSync(join(PROJECT, 'bin', file), join(dir, 'bin', file));
	const module = (ran: string) => `export async function runCli(io) { process.stdout.write(${JSON.stringify(ran)}); return 0; }\n`;
	const source = join(dir, 'src', 'cli', 'main.ts');
	writeFileSync(source, module('sources'));
	writeFileSync(join(dir, 'bin', 'bundle', 'envparity.js'), module('bundle'));
	const stat = statSync(source);
	writeFileSync(join(dir, 'bin', 'bundle', 'inputs.json'), JSON.stringify([['src/cli/main.ts', stat.size, stat.mtimeMs]]));
	return { dir, source };
}

describe('the bundled command', () => {
	it('runs the bundle while its sources are as they were, and the sources as soon as one changes', () => {
		const { dir, source } = project();
		expect(run(dir, ['check']).stdout).toBe('bundle');
		expect(run(dir, ['check'], { ENVPARITY_NO_BUNDLE: '1' }).stdout).toBe('sources');
		writeFileSync(source, `${'// edited\n'}export async function runCli(io) { process.stdout.write('edited sources'); return 0; }\n`);
		expect(run(dir, ['check']).stdout).toBe('edited sources');
	});

	it('runs the sources when there is no bundle, or its list of inputs is unreadable', () => {
		const { dir } = project();
		writeFileSync(join(dir, 'bin', 'bundle', 'inputs.json'), '{not json');
		expect(run(dir, ['check']).stdout).toBe('sources');
	});

	it('says what the sources say: the same output and exit status for check, export and history', async () => {
		expect(await bundleCli()).toBeGreaterThan(50);
		for (const args of [
			['check', '--root', fixture('six-errors')],
			['check', '--root', fixture('sources'), '--format', 'json'],
			['export', '--root', fixture('observed-and-sourced')],
			['history', 'load_balancer.timeout_seconds', '--root', '.'],
		]) {
			const bundled = run(PROJECT, args);
			const sources = run(PROJECT, args, { ENVPARITY_NO_BUNDLE: '1' });
			expect({ status: bundled.status, stdout: bundled.stdout, stderr: bundled.stderr }).toEqual({
				status: sources.status,
				stdout: sources.stdout,
				stderr: sources.stderr,
			});
			expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(0);
		}
	}, 60_000);

	it("reads the content in the build's worker as the sources do", async () => {
		expect(await bundleCli()).toBeGreaterThan(50);
		const now = new Date('2024-06-01T00:00:00Z');
		const worker = new URL('bin/bundle/analysis-worker.js', pathToFileURL(`${PROJECT}/`));
		const [bundled, sources] = await Promise.all([
			readInThread(PROJECT, now, undefined, worker).reading,
			readInThread(PROJECT, now).reading,
		]);
		expect(bundled.ok && sources.ok).toBe(true);
		if (bundled.ok && sources.ok) {
			const exported = (read: typeof bundled) => toExportDocument(read.reading.analysis.model, read.reading.analysis.problems);
			expect(exported(bundled)).toEqual(exported(sources));
		}
	}, 60_000);

	it("parses in the engine's thread beside the bundle's engine as the sources do", async () => {
		expect(await bundleCli()).toBeGreaterThan(50);
		// The engine starts ./engine-worker.js beside its own module: both bundles that hold the engine have it there.
		const bundle = (name: string) => new URL(`bin/bundle/${name}`, pathToFileURL(`${PROJECT}/`));
		for (const name of ['envparity.js', 'analysis-worker.js', 'engine-worker.js']) expect(statSync(bundle(name)).isFile(), name).toBe(true);
		const files = await readRepository(fixture('six-errors'));
		let elsewhere = 0;
		const threaded = await parseRepositoryInThreads(files, {
			minFiles: 1,
			worker: bundle('engine-worker.js'),
			parsedElsewhere: (n) => (elsewhere = n),
		});
		expect(elsewhere).toBeGreaterThan(0);
		const now = new Date('2024-06-01T00:00:00Z');
		expect(analyzeRepository(threaded, { now }).problems).toEqual(analyzeRepository(parseRepository(files), { now }).problems);
	}, 60_000);

	it("bundles the build's own thread and the process that copies Mermaid, which run while the bundle is current", async () => {
		expect(await bundleCli()).toBeGreaterThan(50);
		const { bundled } = (await import(pathToFileURL(join(PROJECT, 'bin', 'bundle.mjs')).href)) as {
			bundled: (name: string) => URL | undefined;
		};
		for (const name of ['build', 'copy-mermaid', 'analysis-worker', 'page-writer-worker'])
			expect(bundled(name) && statSync(bundled(name)!).isFile(), name).toBe(true);
		// The page writer runs from the bundle as from its source.
		const { startPageWriter } = await import('../../src/lib/build/page-writer.ts');
		const pages = mkdtempSync(join(tmpdir(), 'envparity-bundle-pages-'));
		const writer = startPageWriter({ module: bundled('page-writer-worker') })!;
		try {
			await writer.write(join(pages, 'a', 'index.html'), new TextEncoder().encode('a page').buffer as ArrayBuffer);
			await writer.finished();
		} finally {
			await writer.close();
		}
		expect(readFileSync(join(pages, 'a', 'index.html'), 'utf8')).toBe('a page');
		// The Mermaid copier runs from the bundle as from its source: Mermaid's entry module under its .js name.
		const out = mkdtempSync(join(tmpdir(), 'envparity-bundle-mermaid-'));
		const copied = spawnSync(process.execPath, [fileURLToPath(bundled('copy-mermaid')!), out], { encoding: 'utf8' });
		expect(copied.status, copied.stderr).toBe(0);
		const { MERMAID_PATH, MERMAID_ENTRY } = await import('../../src/lib/build/vendor-assets.ts');
		expect(statSync(join(out, MERMAID_PATH, MERMAID_ENTRY)).size).toBeGreaterThan(1000);
	}, 60_000);
});
