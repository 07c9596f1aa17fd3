// `npm run bench [-- --sizes 1k,5k,10k --runs 3]`: measures envparity against the floor and a plain Astro
// baseline over the same generated content, cold, and the dev server's first page and edits, and writes
// bench/results/latest.{json,md}.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureDevEdit, type DevEditResult } from './dev-edit.ts';
import { generateRepository, writeRepository, type GenerateOptions } from './generate.ts';
import { measurePage } from './page-weight.ts';
import { measureSearch } from './search-weight.ts';
import { bundleCli } from '../scripts/bundle-cli.ts';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const SIZES: Record<string, Omit<GenerateOptions, 'seed'>> = {
	'1k': { environments: 20, settings: 500, changes: 450, issues: 450, runbooks: 80 },
	'5k': { environments: 20, settings: 500, changes: 2400, issues: 2400, runbooks: 180 },
	'10k': { environments: 20, settings: 500, changes: 5000, issues: 5000, runbooks: 200 },
	// The same repository, each environment reading its 500 settings from a values file (sources) instead of inline.
	'10k-sources': { environments: 20, settings: 500, changes: 5000, issues: 5000, runbooks: 200, sources: true },
};
const NOW = '2025-10-20';

interface Sample {
	wall: number;
	peakMiB: number;
}

/** Runs a command under GNU time; returns wall seconds and peak resident memory. */
function measure(args: string[], env: Record<string, string> = {}): Sample {
	const result = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], {
		cwd: PROJECT,
		encoding: 'utf8',
		maxBuffer: 1024 * 1024 * 1024,
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_DISABLE_COMPILE_CACHE: '1', ENVPARITY_NOW: NOW, ...env },
	});
	const last = result.stderr.trim().split('\n').at(-1) ?? '';
	const [wall, kb] = last.split(' ').map(Number);
	if (!Number.isFinite(wall) || (result.status !== 0 && result.status !== 1))
		throw new Error(`bench: ${args.join(' ')} failed (${result.status}):\n${result.stderr.slice(-2000)}`);
	return { wall: wall!, peakMiB: kb! / 1024 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summarize = (samples: Sample[]): Sample => ({
	wall: median(samples.map((s) => s.wall)),
	peakMiB: median(samples.map((s) => s.peakMiB)),
});
const fresh = (): string => mkdtempSync(join(tmpdir(), 'envparity-bench-'));

function countPages(dir: string): number {
	let n = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile() && entry.name.endsWith('.html')) n++;
	return n;
}

function folderSize(dir: string): number {
	let bytes = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
		if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
	return bytes;
}

const { values } = parseArgs({
	options: { sizes: { type: 'string', default: '1k,5k,10k,10k-sources' }, runs: { type: 'string', default: '3' } },
});
const runs = Number(values.runs);
// The command as `npm ci` installs it: bundled from the sources as they are now (bin/envparity.mjs runs the sources
// instead when one changed since the bundle was built).
process.stderr.write(`bench: bundled the command from ${await bundleCli()} source files\n`);
const results: Record<string, unknown>[] = [];
for (const size of values.sizes!.split(',')) {
	const shape = SIZES[size];
	if (!shape) throw new Error(`bench: unknown size ${size}; use ${Object.keys(SIZES).join(', ')}`);
	const content = join(PROJECT, 'bench', 'work', size);
	const files = generateRepository({ ...shape, seed: 1 });
	writeRepository(content, files);
	const entities = shape.environments + shape.changes + shape.issues + shape.runbooks;
	process.stderr.write(`bench ${size}: ${entities} entities, ${files.size} files\n`);

	const floor = summarize(Array.from({ length: runs }, () => measure(['bench/floor.ts', content])));
	const check = summarize(
		Array.from({ length: runs }, () => measure(['bin/envparity.mjs', 'check', '--root', content, '--format', 'json'])),
	);
	const exported = summarize(Array.from({ length: runs }, () => measure(['bin/envparity.mjs', 'export', '--root', content])));
	// The dev server, cold as well: a fresh server and cache per run, three edits of one setting each.
	const devRuns: DevEditResult[] = [];
	for (let i = 0; i < runs; i++) devRuns.push(await measureDevEdit(content, { now: NOW, env: { NODE_DISABLE_COMPILE_CACHE: '1' } }));
	const edits = devRuns.flatMap((r) => r.edits);
	const dev = {
		firstPage: median(devRuns.map((r) => r.firstPage)),
		editVisible: median(edits),
		peakMiB: median(devRuns.map((r) => r.peakMiB)),
		edits,
	};

	let out = '';
	const build = summarize(
		Array.from({ length: runs }, () => {
			const work = fresh();
			out = join(work, 'dist');
			return measure(['bin/build.mjs'], { ENVPARITY_ROOT: content, ENVPARITY_OUT_DIR: out, ENVPARITY_CACHE_DIR: join(work, 'cache') });
		}),
	);
	let baseOut = '';
	const baseline = summarize(
		Array.from({ length: runs }, () => {
			const work = fresh();
			baseOut = join(work, 'dist');
			const astro = measure(['bench/baseline-build.ts', content, baseOut, 'astro'], { BASELINE_CACHE_DIR: join(work, 'cache') });
			const index = measure(['bench/baseline-build.ts', content, baseOut, 'pagefind']);
			return { wall: astro.wall + index.wall, peakMiB: Math.max(astro.peakMiB, index.peakMiB) };
		}),
	);

	const sample = (dir: string): string =>
		readdirSync(join(out, dir)).find(
			(name) => existsSync(join(out, dir, name, 'index.html')) && !['filter', 'env', 'status', 'prefix', 'page'].includes(name),
		)!;
	const weights = Object.fromEntries(
		[
			['home', ''],
			['matrix', 'matrix/'],
			['environment', `environments/${sample('environments')}/`],
			['change', `changes/${sample('changes')}/`],
			['issue', `issues/${sample('issues')}/`],
			['runbook', `runbooks/${sample('runbooks')}/`],
			['setting', `settings/${sample('settings')}/`],
			['issues index', 'issues/'],
			['changes index', 'changes/'],
			['differences', 'differences/'],
			['problems', 'problems/'],
		].map(([kind, path]) => [kind, Math.round(measurePage(out, path!).total / 102.4) / 10]),
	);
	const search = await measureSearch(out, 'timeout');
	const row = {
		size,
		entities,
		files: files.size,
		floor,
		check,
		export: exported,
		dev,
		build,
		baseline,
		search,
		pages: countPages(out),
		outputMiB: folderSize(out) / 1048576,
		baselinePages: countPages(baseOut),
		ratios: {
			checkVsFloor: check.wall / floor.wall,
			buildVsBaseline: build.wall / baseline.wall,
			memoryVsBaseline: build.peakMiB / baseline.peakMiB,
			devEditVsCheck: dev.editVisible / check.wall,
		},
		pageWeightKB: weights,
	};
	results.push(row);
	process.stderr.write(`${JSON.stringify(row)}\n`);
	rmSync(join(PROJECT, 'bench', 'work', size), { recursive: true, force: true });
}

const by = (size: string) => results.find((r) => r.size === size) as { build: Sample } | undefined;
const growth = by('5k') && by('10k') ? by('10k')!.build.wall / by('5k')!.build.wall : null;
const f = (n: number, d = 2): string => n.toFixed(d);
const table = [
	'| size | entities | floor s | check s (× floor) | export s | build s (× baseline) | build MiB (× baseline) | baseline s / MiB | pages | output MiB |',
	'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
	...results.map((r) => {
		const x = r as unknown as {
			size: string;
			entities: number;
			floor: Sample;
			check: Sample;
			export: Sample;
			build: Sample;
			baseline: Sample;
			pages: number;
			outputMiB: number;
			ratios: Record<string, number>;
		};
		return `| ${x.size} | ${x.entities} | ${f(x.floor.wall)} | ${f(x.check.wall)} (${f(x.ratios.checkVsFloor!)}×) | ${f(x.export.wall)} | ${f(x.build.wall, 1)} (${f(x.ratios.buildVsBaseline!)}×) | ${f(x.build.peakMiB, 0)} (${f(x.ratios.memoryVsBaseline!)}×) | ${f(x.baseline.wall, 1)} / ${f(x.baseline.peakMiB, 0)} | ${x.pages} | ${f(x.outputMiB, 1)} |`;
	}),
	'',
	growth === null ? '' : `Build growth from 5k to 10k entities: ${f(growth)}× (target ≤ 2.1).`,
	'',
	'The dev server (`astro dev`): first environment page after start, and an edit to one setting of one environment file until the page shows it (median of every edit), beside `check` (target: edit < 0.5 × check):',
	'',
	'| size | check s | dev first page s | dev edit s (× check) | dev MiB |',
	'| --- | --- | --- | --- | --- |',
	...results.map((r) => {
		const x = r as unknown as {
			size: string;
			check: Sample;
			dev: { firstPage: number; editVisible: number; peakMiB: number };
			ratios: Record<string, number>;
		};
		return `| ${x.size} | ${f(x.check.wall)} | ${f(x.dev.firstPage, 1)} | ${f(x.dev.editVisible)} (${f(x.ratios.devEditVsCheck!)}×) | ${f(x.dev.peakMiB, 0)} |`;
	}),
	'',
	'Page weight (KB, gzip, HTML + CSS + JS, search excluded):',
	'',
	...results.map(
		(r) =>
			`- ${r.size}: ${Object.entries(r.pageWeightKB as Record<string, number>)
				.map(([k, v]) => `${k} ${v}`)
				.join(', ')}`,
	),
	'',
	'One search query ("timeout"), everything fetched from /pagefind/ (KB):',
	'',
	...results.map((r) => {
		const s = r.search as { kb: number; requests: number; results: number } | null;
		return `- ${r.size}: ${s ? `${s.kb} KB in ${s.requests} requests, ${s.results} results shown` : 'not measured (no Chromium)'}`;
	}),
].join('\n');
mkdirSync(join(PROJECT, 'bench', 'results'), { recursive: true });
const stamp = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, runs, now: NOW };
writeFileSync(
	join(PROJECT, 'bench', 'results', 'latest.json'),
	`${JSON.stringify({ ...stamp, growth5kTo10k: growth, results }, null, 2)}\n`,
);
writeFileSync(
	join(PROJECT, 'bench', 'results', 'latest.md'),
	`# Benchmark results\n\n${stamp.date}, Node ${stamp.node}, ${stamp.cpus} cores, median of ${runs} cold runs.\n\n${table}\n`,
);
process.stdout.write(`${table}\n`);
