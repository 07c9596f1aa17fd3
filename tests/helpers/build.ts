import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run build`'s script in a child process for a content root, into a fresh temporary folder. */
export function buildSite(
	root: string,
	env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string; outDir: string } {
	const { outDir, options } = buildRun(root, env);
	const result = spawnSync(process.execPath, ['bin/build.mjs'], { ...options, encoding: 'utf8', timeout: 180_000 });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr, outDir };
}

/** `buildSite` without waiting: for builds that run at the same time. */
export function buildSiteAsync(
	root: string,
	env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string; outDir: string }> {
	const { outDir, options } = buildRun(root, env);
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['bin/build.mjs'], { ...options, timeout: 180_000 });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('close', (status) => resolve({ status, stdout, stderr, outDir }));
	});
}

/** A build's output folder (in a fresh temporary folder) and the working folder and environment of its process. */
function buildRun(root: string, env: Record<string, string>): { outDir: string; options: { cwd: string; env: NodeJS.ProcessEnv } } {
	const work = mkdtempSync(join(tmpdir(), 'envparity-site-'));
	const outDir = join(work, 'dist');
	// Vitest exposes Vite's own variables (BASE_URL, MODE…) in process.env; a real build never sees them.
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(name)),
	);
	return {
		outDir,
		options: {
			cwd: PROJECT,
			env: {
				...inherited,
				ENVPARITY_ROOT: root,
				ENVPARITY_OUT_DIR: outDir,
				ENVPARITY_CACHE_DIR: join(work, 'cache'),
				ENVPARITY_NOW: '2024-06-01',
				...env,
			},
		},
	};
}

/** One record of a built Pagefind index, as Pagefind stores it (a fragment). */
export interface SearchRecord {
	url: string;
	content: string;
	filters: Record<string, string[]>;
	meta: Record<string, string>;
	anchors: { element: string; id: string; text: string }[];
}

/** Reads every record of the Pagefind index a build wrote, by URL. */
export function readSearchRecords(outDir: string): Map<string, SearchRecord> {
	const folder = join(outDir, 'pagefind', 'fragment');
	const records = new Map<string, SearchRecord>();
	for (const name of readdirSync(folder)) {
		// Pagefind's files are gzip with a "pagefind_dcd" signature in front of the JSON.
		const text = gunzipSync(readFileSync(join(folder, name)))
			.toString('utf8')
			.replace(/^pagefind_dcd/, '');
		const record = JSON.parse(text) as SearchRecord;
		records.set(record.url, record);
	}
	return records;
}
