import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLiveSiteAnalysis, loadSiteAnalysis, siteContentPaths, updateSiteAnalysis } from '../../../src/lib/build/site-analysis.ts';
import { analyzeRoot, type Analysis } from '../../../src/lib/engine.ts';
import { toExportDocument } from '../../../src/lib/model/export-document.ts';
import { baseline, dedent, NOW, problemKeys } from '../../helpers/repo.ts';

/** What an analysis shows: its problems, the machine-readable model and the files it read. */
const shown = (analysis: Analysis): unknown => ({
	problems: analysis.problems,
	model: toExportDocument(analysis.model, analysis.problems),
	fileCount: analysis.fileCount,
});

let root = '';
const write = (path: string, text: string): void => {
	mkdirSync(dirname(join(root, path)), { recursive: true });
	writeFileSync(join(root, path), text);
};
const fresh = (): Promise<Analysis> => analyzeRoot(root, { now: NOW });

// The cache is per content root, so each test gets a root of its own.
beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'envparity-site-analysis-'));
	for (const [path, text] of Object.entries(baseline())) write(path, text);
	process.env.ENVPARITY_ROOT = root;
	process.env.ENVPARITY_NOW = NOW.toISOString();
});
afterEach(() => {
	rmSync(root, { recursive: true, force: true });
	delete process.env.ENVPARITY_ROOT;
	delete process.env.ENVPARITY_NOW;
});

describe("the dev server's analysis of the site", () => {
	it('re-reads an edited file and equals a fresh analysis of the repository', async () => {
		await loadLiveSiteAnalysis();
		write('environments/staging.yaml', baseline()['environments/staging.yaml']!.replace('pool_size: 20', 'pool_size: 40'));
		const updated = await updateSiteAnalysis(join(root, 'environments/staging.yaml'));
		expect(problemKeys(updated)).toContain('environments/staging.yaml:6:42 warning undocumented-drift');
		expect(shown(updated)).toEqual(shown(await fresh()));
	});

	it('gives pages the updated analysis', async () => {
		const first = await loadLiveSiteAnalysis();
		write(
			'runbooks/payment-timeout.md',
			baseline()['runbooks/payment-timeout.md']!.replace('title: Payment timeout', 'title: Payment timeouts'),
		);
		const updated = updateSiteAnalysis(join(root, 'runbooks/payment-timeout.md'));
		expect(loadSiteAnalysis()).toBe(updated);
		expect((await loadSiteAnalysis()).model.runbooks[0]!.data.title).toBe('Payment timeouts');
		expect(await loadSiteAnalysis()).not.toBe(first);
	});

	it('runs one update for the same event however many collections ask for it', async () => {
		await loadLiveSiteAnalysis();
		write(
			'issues/cache-misses.md',
			dedent(`
			---
			title: Cache misses
			status: open
			severity: low
			environments: [staging]
			opened: 2024-02-10
			---
			Misses.
		`),
		);
		const path = join(root, 'issues/cache-misses.md');
		const asked = [updateSiteAnalysis(path), updateSiteAnalysis(path), updateSiteAnalysis(path), updateSiteAnalysis(path)];
		expect(new Set(asked).size).toBe(1);
		expect((await asked[0]!).model.issues.map((i) => i.id)).toContain('cache-misses');
	});

	it('applies edits in order, each on the files the one before left', async () => {
		await loadLiveSiteAnalysis();
		write('environments/staging.yaml', baseline()['environments/staging.yaml']!.replace('pool_size: 20', 'pool_size: 40'));
		const first = updateSiteAnalysis(join(root, 'environments/staging.yaml'));
		rmSync(join(root, 'runbooks/payment-timeout.md'));
		const second = updateSiteAnalysis(join(root, 'runbooks/payment-timeout.md'));
		// The first update read only the environment: the runbook was still there for it.
		expect(problemKeys(await first)).toEqual(expect.arrayContaining(['environments/staging.yaml:6:42 warning undocumented-drift']));
		expect(problemKeys(await first)).not.toContain('issues/payment-timeout.md:11:12 error unknown-runbook');
		expect(problemKeys(await second)).toEqual(
			expect.arrayContaining([
				'environments/staging.yaml:6:42 warning undocumented-drift',
				'issues/payment-timeout.md:11:12 error unknown-runbook',
			]),
		);
		expect(shown(await second)).toEqual(shown(await fresh()));
	});

	it('forgets every file of a deleted folder, and reads a folder that is added', async () => {
		await loadLiveSiteAnalysis();
		rmSync(join(root, 'runbooks'), { recursive: true });
		const without = await updateSiteAnalysis(join(root, 'runbooks'));
		expect(without.model.runbooks).toEqual([]);
		expect(shown(without)).toEqual(shown(await fresh()));

		write('runbooks/payment-timeout.md', baseline()['runbooks/payment-timeout.md']!);
		write('runbooks/nested/redis.md', '---\ntitle: Redis\n---\nRestart it.\n');
		const back = await updateSiteAnalysis(join(root, 'runbooks'));
		expect(back.model.runbooks.map((r) => r.id)).toEqual(['redis', 'payment-timeout']);
		expect(shown(back)).toEqual(shown(await fresh()));
	});

	it('keeps the analysis when nothing that is content changed', async () => {
		const first = await loadLiveSiteAnalysis();
		write('environments/.staging.yaml.swp', "an editor's swap file");
		expect(await updateSiteAnalysis(join(root, 'environments/.staging.yaml.swp'))).toBe(first);
		write('issues/README.md', '# Issues\n');
		expect(await updateSiteAnalysis(join(root, 'issues/README.md'))).toBe(first);
	});

	it('watches the four content folders, both names of the configuration file and the observations', () => {
		expect(siteContentPaths('/repo')).toEqual([
			'/repo/environments',
			'/repo/changes',
			'/repo/issues',
			'/repo/runbooks',
			'/repo/envparity.config.yaml',
			'/repo/envparity.config.yml',
			'/repo/observations',
		]);
	});

	it('re-reads a source file when it changes, reads a source an edit names, and watches them', async () => {
		const named = (env: string, file: string) => baseline()[`environments/${env}.yaml`]! + `sources:\n  - file: ${file}\n    at: app\n`;
		write('deploy/staging.env', 'TIMEOUT=120\n');
		write('environments/staging.yaml', named('staging', 'deploy/staging.env'));
		await loadLiveSiteAnalysis();
		expect(siteContentPaths()).toContain(join(root, 'deploy/staging.env'));
		write('deploy/staging.env', 'TIMEOUT=30\n');
		const edited = await updateSiteAnalysis(join(root, 'deploy/staging.env'));
		expect(edited.project.environments.find((e) => e.id === 'staging')!.settings.get('app.TIMEOUT')?.value).toBe('30');
		expect(shown(edited)).toEqual(shown(await fresh()));
		// An environment that names a source file the server has not read yet.
		write('deploy/production.env', 'TIMEOUT=120\n');
		write('environments/production.yaml', named('production', 'deploy/production.env'));
		const added = await updateSiteAnalysis(join(root, 'environments/production.yaml'));
		expect(added.project.environments.find((e) => e.id === 'production')!.settings.get('app.TIMEOUT')?.value).toBe('120');
		expect(shown(added)).toEqual(shown(await fresh()));
		// A source file deleted: the environment reports it.
		rmSync(join(root, 'deploy/staging.env'));
		const deleted = await updateSiteAnalysis(join(root, 'deploy/staging.env'));
		expect(problemKeys(deleted)).toContain('environments/staging.yaml:10:11 error source-missing');
		expect(shown(deleted)).toEqual(shown(await fresh()));
	});
});
