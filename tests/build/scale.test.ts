import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRepository, writeRepository } from '../../bench/generate.ts';
import { analyzeRoot } from '../../src/lib/engine.ts';
import { buildSite } from '../helpers/build.ts';

const SHAPE = { environments: 4, settings: 40, changes: 130, issues: 230, runbooks: 4, seed: 7 };

describe('the synthetic content generator', () => {
	it('is deterministic for a seed', () => {
		expect([...generateRepository(SHAPE)]).toEqual([...generateRepository(SHAPE)]);
		expect([...generateRepository({ ...SHAPE, seed: 8 })]).not.toEqual([...generateRepository(SHAPE)]);
	});

	it('writes a repository that validates without errors, with drift, documented differences and every change state', async () => {
		const root = mkdtempSync(join(tmpdir(), 'envparity-gen-'));
		writeRepository(root, generateRepository({ ...SHAPE, changes: 400 }));
		const { problems, model } = await analyzeRoot(root, { now: new Date('2025-10-20T00:00:00Z') });
		expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(model.issues.length).toBe(230);
		expect(new Set(model.matrix.map((r) => r.status))).toEqual(new Set(['same', 'documented', 'drift']));
		expect(new Set([...model.propagation.values()].map((p) => p.state))).toEqual(
			new Set(['complete', 'in-progress', 'not-started', 'failed', 'rolled-back']),
		);
	});
});

describe('index pages of a large repository', () => {
	let out = '';
	beforeAll(() => {
		const root = mkdtempSync(join(tmpdir(), 'envparity-scale-'));
		writeRepository(root, generateRepository(SHAPE));
		const result = buildSite(root, { ENVPARITY_NOW: '2025-10-20' });
		expect(result.status, result.stderr).toBe(0);
		out = result.outDir;
	}, 240_000);
	const page = (path: string) => load(readFileSync(join(out, path, 'index.html'), 'utf8'));

	it('paginates the issue index, 100 to a page, newest first', () => {
		expect(page('issues')('tbody tr[data-facets]').length).toBe(100);
		expect(page('issues')('a[rel="next"]').attr('href')).toBe('/issues/page/2/');
		expect(page('issues/page/3')('tbody tr[data-facets]').length).toBe(30);
		expect(page('issues/page/3')('a[rel="prev"]').attr('href')).toBe('/issues/page/2/');
		const dates = page('issues')('tbody time')
			.map((_, t) => t.attribs.datetime!)
			.get();
		expect(dates).toEqual([...dates].sort().reverse());
	});

	it('paginates filtered issue lists too', () => {
		const filtered = page('issues/filter/production-only/yes');
		const total = Number(/(\d+) issues/.exec(filtered('[aria-live]').text())?.[1]);
		expect(total).toBeGreaterThan(100);
		expect(existsSync(join(out, 'issues/filter/production-only/yes/page/2/index.html'))).toBe(true);
	});

	it('caps each column of the changes board and links its full, paginated list', () => {
		const $ = page('changes');
		const complete = $('#column-complete').parent();
		expect(complete.find('li').length).toBe(20);
		expect(complete.find('a[href="/changes/state/complete/"]').text()).toMatch(/^All \d+ complete changes/);
		expect(page('changes/state/complete')('main li').length).toBeGreaterThan(20);
	});

	it('keeps the problems page short and lists every problem on its group pages', () => {
		const $ = page('problems');
		expect($('#changes').parent().find('li').length).toBeLessThanOrEqual(50);
		expect(existsSync(join(out, 'problems/changes/index.html'))).toBe(true);
	});
});
