import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build.ts';
import { fixture } from '../helpers/cli.ts';

describe('npm run build', () => {
	it('builds the matrix page of a valid repository after validating it', () => {
		const { status, stdout, outDir } = buildSite(fixture('valid-minimal'));
		expect(status, stdout).toBe(0);
		// It names the check that lists its warnings: the same content, judged by the same clock.
		expect(stdout).toMatch(
			/\(5 warnings; run "ENVPARITY_NOW=2024-06-01 npx envparity check --root tests\/fixtures\/valid-minimal" to list them\)/,
		);
		// The site was staged beside the output folder and moved into place, leaving nothing behind.
		expect(readdirSync(dirname(outDir)).sort()).toEqual(['cache', 'dist']);
		const $ = load(readFileSync(join(outDir, 'matrix', 'index.html'), 'utf8'));
		const rows = $('table.matrix tbody tr')
			.map((_, tr) => `${$(tr).attr('id')}: ${$(tr).find('.badge').text()}`)
			.get();
		expect(rows).toEqual(['database.engine: Documented', 'redis.pool_size: Drift', 'redis.version: Drift', 'runtime.node: Drift']);
		expect(
			$('table.matrix thead th')
				.map((_, th) => $(th).contents().first().text())
				.get(),
		).toEqual(['Setting', 'Development', 'Staging', 'Production', 'Status', 'Skew']);
	}, 180_000);

	it('fails with the engine diagnostics and writes no site when the content has errors', () => {
		const { status, stderr, outDir } = buildSite(fixture('six-errors'));
		expect(status).toBe(1);
		expect(stderr).toContain('changes/redis-pool.md:11:3 error unknown-environment: "prod" is not an environment');
		expect(stderr).toContain('no site was written');
		expect(stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
		expect(existsSync(outDir)).toBe(false);
		expect(readdirSync(dirname(outDir)).filter((name) => name.includes('.building-'))).toEqual([]);
	}, 180_000);
});
