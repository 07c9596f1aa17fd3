import { afterEach, describe, expect, it } from 'vitest';
import { loadSiteAnalysis } from '../../../src/lib/build/site-analysis.ts';
import { GitRepo } from '../../helpers/git-repo.ts';
import { baseline, NOW, problemKeys } from '../../helpers/repo.ts';

afterEach(() => {
	delete process.env.ENVPARITY_ROOT;
	delete process.env.ENVPARITY_NOW;
});

describe("the build's analysis", () => {
	it('holds the warnings that read the history, so the build reports them as check does', async () => {
		const files = baseline();
		const pending = (pool: number) => ({
			...files,
			'environments/production.yaml': files['environments/production.yaml']!.replace('pool_size: 20', `pool_size: ${pool}`),
			'changes/redis-pool.md': files['changes/redis-pool.md']!.replace(
				'production: { status: applied, date: 2024-02-22 }',
				'production: pending',
			),
		});
		const repo = new GitRepo();
		repo.commit('Start the wiki', pending(10), '2024-02-20');
		repo.commit('Raise the pool in production', pending(20), '2024-02-26');
		process.env.ENVPARITY_ROOT = repo.root;
		process.env.ENVPARITY_NOW = NOW.toISOString();
		expect(problemKeys(await loadSiteAnalysis())).toContain('changes/redis-pool.md:10:3 warning change-applied-not-recorded');
	});
});
