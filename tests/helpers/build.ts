import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run build`'s script in a child process for a content root, into a fresh temporary folder. */
export function buildSite(root: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string; outDir: string } {
	const work = mkdtempSync(join(tmpdir(), 'envparity-site-'));
	const outDir = join(work, 'dist');
	// Vitest exposes Vite's own variables (BASE_URL, MODE…) in process.env; a real build never sees them.
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(name)));
	const result = spawnSync(process.execPath, ['bin/build.mjs'], {
		cwd: PROJECT,
		encoding: 'utf8',
		env: { ...inherited, ENVPARITY_ROOT: root, ENVPARITY_OUT_DIR: outDir, ENVPARITY_CACHE_DIR: join(work, 'cache'), ENVPARITY_NOW: '2024-06-01', ...env },
		timeout: 180_000,
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr, outDir };
}
