import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadPreviousRelease } from '../../../src/lib/build/site-history.ts';
import { GitRepo } from '../../helpers/git-repo.ts';
import { baseline, NOW } from '../../helpers/repo.ts';

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((repo) => rmSync(repo.root, { recursive: true, force: true })));
afterEach(() => {
	delete process.env.ENVPARITY_ROOT;
	delete process.env.ENVPARITY_NOW;
});

/** The baseline committed on three days, with a config; tags `v1.0.0` and `nightly-2024-01-15` on the first two commits. */
function tagged(config: string): GitRepo {
	const repo = new GitRepo();
	repos.push(repo);
	const files: Record<string, string> = { ...baseline(), 'envparity.config.yaml': config };
	const first = repo.commit('Start', files, '2024-01-10');
	const second = repo.commit(
		'pool',
		{ 'environments/dev.yaml': files['environments/dev.yaml']!.replace('pool_size: 20', 'pool_size: 21') },
		'2024-01-15',
	);
	repo.commit('pool back', { 'environments/dev.yaml': files['environments/dev.yaml']! }, '2024-01-20');
	repo.git('tag', 'v1.0.0', first);
	repo.git('tag', 'nightly-2024-01-15', second);
	process.env.ENVPARITY_ROOT = repo.root;
	process.env.ENVPARITY_NOW = NOW.toISOString();
	return repo;
}

describe("the build's previous release tag", () => {
	it('is the nearest tag behind HEAD without release_tags', async () => {
		tagged('title: Wiki\n');
		expect(await loadPreviousRelease()).toMatchObject({ name: 'nightly-2024-01-15', date: '2024-01-15' });
	});

	it('is the nearest tag that release_tags matches', async () => {
		tagged('release_tags: "v*"\n');
		expect(await loadPreviousRelease()).toMatchObject({ name: 'v1.0.0', date: '2024-01-10' });
	});

	it('is read once per build: asking again gives the same reading', async () => {
		tagged('title: Wiki\n');
		expect(loadPreviousRelease()).toBe(loadPreviousRelease());
	});
});
