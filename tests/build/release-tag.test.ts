import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline } from '../helpers/repo.ts';

/** A valid git tag name that is also HTML, with a quote, an ampersand and slashes. */
const HOSTILE = `<img/src=x/onerror=alert(1)>"&'`;
const ID = 'tag-~3Cimg~2Fsrc~3Dx~2Fonerror~3Dalert~281~29~3E~22~26~27';

describe('a wiki built from a repository whose previous release tag is named like HTML', () => {
	let repo: GitRepo;
	let out = '';
	const page = (path: string): CheerioAPI => load(readFileSync(join(out, path, 'index.html'), 'utf8'));

	beforeAll(() => {
		repo = new GitRepo();
		const files = baseline();
		const production = files['environments/production.yaml']!;
		const start = repo.commit(
			'Start the wiki',
			{ ...files, 'environments/production.yaml': production.replace('timeout_seconds: 120', 'timeout_seconds: 30') },
			'2024-01-10',
		);
		repo.git('tag', HOSTILE, start);
		repo.commit('production: timeout 30 → 120', { 'environments/production.yaml': production }, '2024-02-03');
		const result = buildSite(repo.root, { ENVPARITY_NOW: '2024-03-01' });
		expect(result.status, result.stderr).toBe(0);
		out = result.outDir;
	}, 240_000);
	afterAll(() => rmSync(repo.root, { recursive: true, force: true }));

	it('writes its page at one safe segment and shows the name as text, never as markup', () => {
		expect(existsSync(join(out, 'matrix', 'since', ID, 'index.html'))).toBe(true);
		const matrix = page('matrix');
		const link = matrix(`a[href="/matrix/since/${ID}/"]`);
		expect(link.text()).toBe(`release ${HOSTILE}, 2024-01-10`);
		const release = page(`matrix/since/${ID}`);
		expect(release('h1').text()).toBe(`Parity matrix: changed since release ${HOSTILE}, 2024-01-10`);
		for (const $ of [matrix, release]) expect($('img').length).toBe(0);
		expect(release('tbody th').text()).toBe('load_balancer.timeout_seconds');
	});
});
