import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRootWithHistory } from '../../../../src/lib/engine.ts';
import { readPreviousReleaseTag } from '../../../../src/lib/load/git-tags.ts';
import type { Timelines } from '../../../../src/lib/model/timeline.ts';
import { releasePointId } from '../../../../src/lib/site/links.ts';
import { matrixPage } from '../../../../src/lib/site/pages/matrix-page.ts';
import { matrixSincePage, sincePoints } from '../../../../src/lib/site/pages/matrix-since-page.ts';
import { GitRepo } from '../../../helpers/git-repo.ts';
import { baseline, NOW } from '../../../helpers/repo.ts';
import { REPOSITORY, wikiLinks } from './page-repo.ts';

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((repo) => rmSync(repo.root, { recursive: true, force: true })));

/**
 * The baseline in git: production's timeout 30 on 2024-01-10, a README (no content file) on 2024-01-20, the
 * timeout raised to 120 on 2024-02-03.
 */
function timeoutHistory(): { repo: GitRepo; start: string; readme: string; fix: string } {
	const repo = new GitRepo();
	repos.push(repo);
	const files: Record<string, string> = { ...baseline(), ...REPOSITORY };
	const production = files['environments/production.yaml']!;
	const start = repo.commit(
		'Start the wiki',
		{ ...files, 'environments/production.yaml': production.replace('timeout_seconds: 120', 'timeout_seconds: 30') },
		'2024-01-10',
	);
	const readme = repo.commit('A README', { 'README.md': '# Our infrastructure wiki\n' }, '2024-01-20');
	const fix = repo.commit('production: timeout 30 → 120', { 'environments/production.yaml': production }, '2024-02-03');
	return { repo, start, readme, fix };
}

/** The analysis, the timelines and the previous release tag of a repository, read as the build reads them. */
async function read(root: string) {
	const { analysis, timelines } = await analyzeRootWithHistory(root, { now: NOW });
	const { tag } = await readPreviousReleaseTag(root, new Set(timelines.commits.map((c) => c.hash)));
	return { model: analysis.model, timelines, tag };
}

const TIMEOUT_ROW = {
	key: 'load_balancer.timeout_seconds',
	href: '/infra-wiki/settings/load_balancer.timeout_seconds/',
	then: 'drift',
	now: 'same',
};

describe('the previous release tag as a point of "compare with"', () => {
	it('offers only 30 and 90 days ago when the repository has no tag', async () => {
		const { repo } = timeoutHistory();
		const { model, timelines, tag } = await read(repo.root);
		expect(tag).toBeNull();
		expect(sincePoints(model, wikiLinks, timelines, tag).map((p) => p.id)).toEqual(['30-days', '90-days']);
	});

	it('offers the tag with its label and page, and lists the rows whose status changed since it', async () => {
		const { repo, start } = timeoutHistory();
		repo.git('tag', 'v1.0.0', start);
		const { model, timelines, tag } = await read(repo.root);
		const points = sincePoints(model, wikiLinks, timelines, tag);
		expect(points[2]).toEqual({
			id: 'tag-v1.0.0',
			label: 'release v1.0.0, 2024-01-10',
			date: '2024-01-10',
			href: '/infra-wiki/matrix/since/tag-v1.0.0/',
			release: { name: 'v1.0.0', commit: start, base: start },
		});
		const view = matrixSincePage(model, wikiLinks, timelines, 'tag-v1.0.0', tag);
		expect(view.title).toBe('Parity matrix: changed since release v1.0.0, 2024-01-10');
		expect(view.basis).toBe('the environment and source files as release v1.0.0 left them');
		expect(view.at).toEqual({ commit: start.slice(0, 7), date: '2024-01-10' });
		expect(view.rows).toEqual([TIMEOUT_ROW]);
		// The matrix links to it beside the days.
		expect(matrixPage(model, wikiLinks, {}, points).since.map((p) => p.label)).toEqual([
			'30 days ago',
			'90 days ago',
			'release v1.0.0, 2024-01-10',
		]);
	});

	it('built on a tagged commit, compares with the tag before it', async () => {
		const { repo, start, fix } = timeoutHistory();
		repo.git('tag', 'v1.0.0', start);
		repo.git('tag', 'v1.1.0', fix);
		const { model, timelines, tag } = await read(repo.root);
		expect(sincePoints(model, wikiLinks, timelines, tag).map((p) => p.label)).toEqual([
			'30 days ago',
			'90 days ago',
			'release v1.0.0, 2024-01-10',
		]);
	});

	it('reads an annotated tag on a commit that did not touch the environment files as the last commit before it that did', async () => {
		const { repo, start, readme } = timeoutHistory();
		repo.git('tag', '-a', '-m', 'Release 1.0', 'v1.0.0', readme);
		const { model, timelines, tag } = await read(repo.root);
		const view = matrixSincePage(model, wikiLinks, timelines, 'tag-v1.0.0', tag);
		expect(view.point.label).toBe('release v1.0.0, 2024-01-20');
		expect(view.basis).toBe(
			`the environment and source files as release v1.0.0 left them, that is as the last commit before its own (${readme.slice(0, 7)}) that changed them left them`,
		);
		expect(view.at).toEqual({ commit: start.slice(0, 7), date: '2024-01-10' });
		expect(view.rows).toEqual([TIMEOUT_ROW]);
	});

	it('gives a tag name with / and + a safe, stable page', async () => {
		const { repo, start } = timeoutHistory();
		repo.git('tag', 'release/2024.01+build.7', start);
		const { model, timelines, tag } = await read(repo.root);
		const point = sincePoints(model, wikiLinks, timelines, tag)[2]!;
		expect(point.id).toBe('tag-release~2F2024.01~2Bbuild.7');
		expect(point.href).toBe('/infra-wiki/matrix/since/tag-release~2F2024.01~2Bbuild.7/');
		expect(point.label).toBe('release release/2024.01+build.7, 2024-01-10');
		expect(matrixSincePage(model, wikiLinks, timelines, point.id, tag).rows).toEqual([TIMEOUT_ROW]);
	});

	it('in a shallow clone without the tagged commit, offers no tag', async () => {
		const { repo, start } = timeoutHistory();
		repo.git('tag', 'v1.0.0', start);
		const clone = repo.shallowClone(1);
		try {
			const { model, timelines, tag } = await read(clone);
			expect(tag).toBeNull();
			expect(sincePoints(model, wikiLinks, timelines, tag).map((p) => p.id)).toEqual(['30-days', '90-days']);
		} finally {
			rmSync(clone, { recursive: true, force: true });
		}
	});

	it('says so when no commit of the environment files is as old as the tag', async () => {
		const { repo } = timeoutHistory();
		const { model, timelines } = await read(repo.root);
		const tag = { name: 'v0.1', commit: 'abcdef0123456789abcdef0123456789abcdef01', date: '2023-12-01', base: null };
		expect(matrixSincePage(model, wikiLinks, timelines, 'tag-v0.1', tag)).toMatchObject({
			at: null,
			rows: [],
			note: 'No commit of the environment files is as old as release v0.1 (commit abcdef0 of 2023-12-01).',
		});
	});

	it('offers no point, not even the tag, without a history', async () => {
		const { repo, start } = timeoutHistory();
		const { model } = await read(repo.root);
		const empty: Timelines = { commits: [], environments: new Map(), shallow: false, note: 'no git' };
		expect(sincePoints(model, wikiLinks, empty, { name: 'v1', commit: start, date: '2024-01-10', base: start })).toEqual([]);
	});
});

describe('releasePointId', () => {
	it('writes a tag name as setting pages write keys, after tag-', () => {
		expect(releasePointId('v1.4.0')).toBe('tag-v1.4.0');
		expect(releasePointId('.hidden')).toBe('tag-~2Ehidden');
		expect(releasePointId('a b<c>"d')).toBe('tag-a~20b~3Cc~3E~22d');
	});

	it('cuts a very long name and ends it with a hash of the whole, so that two long names stay apart', () => {
		const a = releasePointId(`release/${'é'.repeat(100)}/a`);
		const b = releasePointId(`release/${'é'.repeat(100)}/b`);
		expect(a.length).toBe(120);
		expect(a).toMatch(/^tag-release~2F~C3~A9.*~~[0-9a-f]{8}$/);
		expect(a).not.toBe(b);
		expect(releasePointId(`release/${'é'.repeat(100)}/a`)).toBe(a);
	});
});
