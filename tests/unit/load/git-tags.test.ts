import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPreviousReleaseTag, tagNames } from '../../../src/lib/load/git-tags.ts';
import { GitRepo } from '../../helpers/git-repo.ts';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A repository of four dated commits: the environment file on 01-10, 02-03 and 04-01, a note (no environment file) on 03-01. */
function history(): { repo: GitRepo; env: string[]; note: string } {
	const repo = new GitRepo();
	folders.push(repo.root);
	const one = repo.commit('start', { 'environments/dev.yaml': 'settings: { a: 1 }\n' }, '2024-01-10');
	const two = repo.commit('a 2', { 'environments/dev.yaml': 'settings: { a: 2 }\n' }, '2024-02-03');
	const note = repo.commit('a note', { 'runbooks/note.md': '# Note\n' }, '2024-03-01');
	const three = repo.commit('a 3', { 'environments/dev.yaml': 'settings: { a: 3 }\n' }, '2024-04-01');
	return { repo, env: [one, two, three], note };
}

describe('readPreviousReleaseTag', () => {
	it('finds no tag in a repository without tags', async () => {
		const { repo, env } = history();
		expect(await readPreviousReleaseTag(repo.root, new Set(env))).toEqual({ tag: null });
	});

	it('takes the one tag behind HEAD, with its commit, its day and the commit of the environment files it shipped', async () => {
		const { repo, env } = history();
		repo.git('tag', 'v1.0.0', env[1]!);
		expect(await readPreviousReleaseTag(repo.root, new Set(env))).toEqual({
			tag: { name: 'v1.0.0', commit: env[1], date: '2024-02-03', base: env[1] },
		});
	});

	it('built on a tagged commit, takes the tag before it', async () => {
		const { repo, env } = history();
		repo.git('tag', 'v1.0.0', env[0]!);
		repo.git('tag', 'v1.1.0', env[1]!);
		repo.git('tag', 'v2.0.0', env[2]!);
		expect((await readPreviousReleaseTag(repo.root, new Set(env))).tag).toMatchObject({ name: 'v1.1.0', commit: env[1] });
	});

	it('peels an annotated tag to its commit', async () => {
		const { repo, env } = history();
		repo.git('tag', '-a', '-m', 'Release 1.0', 'v1.0.0', env[1]!);
		expect((await readPreviousReleaseTag(repo.root, new Set(env))).tag).toEqual({
			name: 'v1.0.0',
			commit: env[1],
			date: '2024-02-03',
			base: env[1],
		});
	});

	it('keeps a tag name with slashes, dots and plus signs as it is', async () => {
		const { repo, env } = history();
		repo.git('tag', 'release/1.4+build.7', env[1]!);
		expect((await readPreviousReleaseTag(repo.root, new Set(env))).tag?.name).toBe('release/1.4+build.7');
	});

	it('maps a tag on a commit that did not touch the environment files to the last one before it that did', async () => {
		const { repo, env, note } = history();
		repo.git('tag', 'v1.5.0', note);
		expect((await readPreviousReleaseTag(repo.root, new Set(env))).tag).toEqual({
			name: 'v1.5.0',
			commit: note,
			date: '2024-03-01',
			base: env[1],
		});
	});

	it('prefers the shortest of several tags on one commit, and applies a pattern', async () => {
		const { repo, env, note } = history();
		repo.git('tag', 'v1.0.0-rc.2', env[1]!);
		repo.git('tag', 'v1.0.0', env[1]!);
		repo.git('tag', 'deploy-2024-03', note);
		expect((await readPreviousReleaseTag(repo.root, new Set(env), { matches: (n) => n.startsWith('v') })).tag?.name).toBe('v1.0.0');
		expect((await readPreviousReleaseTag(repo.root, new Set(env))).tag?.name).toBe('deploy-2024-03');
	});

	it('offers no tag older than every commit of the history, which would have nothing to compare with', async () => {
		const repo = new GitRepo();
		folders.push(repo.root);
		const old = repo.commit('before the wiki', { 'README.md': 'x\n' }, '2023-12-01');
		const env = [
			repo.commit('start', { 'environments/dev.yaml': 'settings: { a: 1 }\n' }, '2024-01-10'),
			repo.commit('a 2', { 'environments/dev.yaml': 'settings: { a: 2 }\n' }, '2024-02-03'),
		];
		repo.git('tag', 'v0.1.0', old);
		expect(await readPreviousReleaseTag(repo.root, new Set(env))).toEqual({ tag: null });
		// Without landmarks (nothing to stop at), the walk reads on and finds it, with no commit to compare with.
		expect((await readPreviousReleaseTag(repo.root, new Set())).tag).toMatchObject({ name: 'v0.1.0', base: null });
	});

	it('leaves out a tag on a side branch merged into the main line (not on the first parent)', async () => {
		const { repo, env } = history();
		repo.git('checkout', '-q', '-b', 'side', env[1]!);
		const side = repo.commit('side work', { 'docs/side.md': 'x\n' }, '2024-02-10');
		repo.git('tag', 'v-side', side);
		repo.git('checkout', '-q', 'main');
		repo.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
		expect((await readPreviousReleaseTag(repo.root, new Set(env))).tag).toBeNull();
	});

	it('sees no tag whose commit a shallow clone does not hold', async () => {
		const { repo, env } = history();
		repo.git('tag', 'v1.0.0', env[0]!);
		repo.git('tag', 'v1.3.0', env[2]!);
		const clone = repo.shallowClone(2);
		folders.push(clone);
		execFileSync('git', ['fetch', '-q', '--depth', '2', '--tags'], { cwd: clone });
		expect(execFileSync('git', ['tag'], { cwd: clone, encoding: 'utf8' })).toContain('v1.0.0');
		expect(await readPreviousReleaseTag(clone, new Set(env))).toEqual({ tag: null });
		// With a tag on the commit the clone starts at: found, its base the clone's first commit.
		const deeper = repo.shallowClone(3);
		folders.push(deeper);
		repo.git('tag', 'v1.2.0', env[1]!);
		execFileSync('git', ['fetch', '-q', '--depth', '3', '--tags'], { cwd: deeper });
		expect((await readPreviousReleaseTag(deeper, new Set(env))).tag).toMatchObject({ name: 'v1.2.0', base: env[1] });
	});

	it('has no tag, and a note, outside a git repository', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'envparity-no-git-'));
		folders.push(folder);
		const reading = await readPreviousReleaseTag(folder, new Set());
		expect(reading.tag).toBeNull();
		expect(reading.note).toMatch(/not a git repository|No commits/);
	});

	it('has no tag in a repository without commits', async () => {
		const repo = new GitRepo();
		folders.push(repo.root);
		expect((await readPreviousReleaseTag(repo.root, new Set())).tag).toBeNull();
	});

	it('has no tag without git', async () => {
		const { repo, env } = history();
		repo.git('tag', 'v1.0.0', env[1]!);
		const path = process.env.PATH;
		process.env.PATH = '/nonexistent';
		try {
			expect(await readPreviousReleaseTag(repo.root, new Set(env))).toEqual({
				tag: null,
				note: 'The release tags are not available (git is missing).',
			});
		} finally {
			process.env.PATH = path;
		}
	});
});

describe('tagNames', () => {
	it("reads the tags of git's decorations and nothing else", () => {
		expect(tagNames('')).toEqual([]);
		expect(tagNames('grafted, tag: v3,x')).toEqual(['v3,x']);
		expect(tagNames('tag: rel/1.2+b, tag: outer')).toEqual(['rel/1.2+b', 'outer']);
	});
});
