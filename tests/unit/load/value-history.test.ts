import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readValueHistory } from '../../../src/lib/load/value-history.ts';
import { computeTimelines, keyTimelines } from '../../../src/lib/model/timeline.ts';
import { GitRepo } from '../../helpers/git-repo.ts';

/** An environment file with one stage and the settings written as YAML lines under `settings:`. */
function environment(stage: string, settings: string, extra = ''): string {
	return `name: ${stage}\nstage: ${stage}\n${extra}settings:\n${settings
		.trim()
		.split('\n')
		.map((line) => `  ${line}`)
		.join('\n')}\n`;
}

/** Today's environments as the engine identifies them. */
const ids = (...list: [id: string, file: string, aliases?: string[]][]) =>
	list.map(([id, file, aliases]) => ({ id, file, data: { aliases } }));

/** A key's timeline in one environment as [date, event, value, subject]. */
async function timelineOf(root: string, key: string, environments = ids(['production', 'environments/production.yaml'])) {
	const history = await readValueHistory(root);
	const timelines = computeTimelines(history, environments);
	return { history, timelines, rows: keyTimelines(timelines, key).map((t) => t.entries.map((e) => [e.date, e.event, e.value, e.subject])) };
}

describe('value history from git', () => {
	it('gives a key changed three times one entry per change, with its commit, date and author', async () => {
		const repo = new GitRepo();
		const first = repo.commit(
			'Add production',
			{ 'environments/production.yaml': environment('production', 'lb: { timeout: 30 }\nlog: info') },
			'2024-01-10',
		);
		repo.commit(
			'Raise the timeout to 60 s',
			{ 'environments/production.yaml': environment('production', 'lb: { timeout: 60 }\nlog: info') },
			'2024-01-20',
		);
		repo.commit(
			'Only the log level',
			{ 'environments/production.yaml': environment('production', 'lb: { timeout: 60 }\nlog: debug') },
			'2024-01-25',
		);
		const last = repo.commit(
			'Raise the timeout to 120 s',
			{ 'environments/production.yaml': environment('production', 'lb: { timeout: 120 }\nlog: debug') },
			'2024-02-03',
		);
		const { history, timelines, rows } = await timelineOf(repo.root, 'lb.timeout');
		expect(history.note).toBeUndefined();
		expect(rows).toEqual([
			[
				['2024-01-10', 'added', 30, 'Add production'],
				['2024-01-20', 'changed', 60, 'Raise the timeout to 60 s'],
				['2024-02-03', 'changed', 120, 'Raise the timeout to 120 s'],
			],
		]);
		const entries = timelines.environments.get('production')!.keys.get('lb.timeout')!.entries;
		expect(entries[0]).toMatchObject({ hash: first, author: 'Ana', file: 'environments/production.yaml', initial: true });
		expect(entries[2]).toMatchObject({ hash: last });
		expect(entries[2]!.initial).toBeUndefined();
	});

	it('shows a renamed key as removed under its old name and added under its new one, in the same commit', async () => {
		const repo = new GitRepo();
		repo.commit('Add production', { 'environments/production.yaml': environment('production', 'redis: { pool: 10 }') }, '2024-01-10');
		repo.commit(
			'Rename redis.pool',
			{ 'environments/production.yaml': environment('production', 'redis: { pool_size: 10 }') },
			'2024-01-12',
		);
		expect((await timelineOf(repo.root, 'redis.pool')).rows).toEqual([
			[
				['2024-01-10', 'added', 10, 'Add production'],
				['2024-01-12', 'removed', undefined, 'Rename redis.pool'],
			],
		]);
		expect((await timelineOf(repo.root, 'redis.pool_size')).rows).toEqual([[['2024-01-12', 'added', 10, 'Rename redis.pool']]]);
	});

	it('keeps a renamed environment file (its old id an alias) as one environment, with no change at the rename', async () => {
		const repo = new GitRepo();
		repo.commit('Add prod', { 'environments/prod.yaml': environment('production', 'lb: { timeout: 30 }') }, '2024-01-10');
		repo.commit(
			'Rename prod to production',
			{
				'environments/prod.yaml': null,
				'environments/production.yaml': environment('production', 'lb: { timeout: 30 }', 'aliases: [prod]\n'),
			},
			'2024-01-15',
		);
		repo.commit(
			'Raise the timeout',
			{ 'environments/production.yaml': environment('production', 'lb: { timeout: 120 }', 'aliases: [prod]\n') },
			'2024-02-03',
		);
		const { timelines, rows } = await timelineOf(repo.root, 'lb.timeout', ids(['production', 'environments/production.yaml', ['prod']]));
		expect([...timelines.environments.keys()]).toEqual(['production']);
		expect(timelines.environments.get('production')!.files).toEqual(['environments/prod.yaml', 'environments/production.yaml']);
		expect(rows).toEqual([
			[
				['2024-01-10', 'added', 30, 'Add prod'],
				['2024-02-03', 'changed', 120, 'Raise the timeout'],
			],
		]);
	});

	it('reads the content root when it is a subfolder of the repository, and leaves differences.yaml and other folders out', async () => {
		const repo = new GitRepo();
		repo.commit(
			'Add the wiki',
			{
				'wiki/environments/dev.yaml': environment('dev', 'a: 1'),
				'wiki/environments/differences.yaml': '[]\n',
				'wiki/changes/x.md': '---\ntitle: x\n---\n',
				'environments/other.yaml': environment('dev', 'a: 2'),
			},
			'2024-01-10',
		);
		const history = await readValueHistory(join(repo.root, 'wiki'));
		expect(history.versions.map((v) => [v.path, v.settings])).toEqual([['environments/dev.yaml', { a: 1 }]]);
	});

	it('keeps the previous values over a commit whose file is not valid YAML', async () => {
		const repo = new GitRepo();
		repo.commit('Add dev', { 'environments/dev.yaml': environment('dev', 'a: 1') }, '2024-01-10');
		repo.commit('Break it', { 'environments/dev.yaml': 'settings: [\n' }, '2024-01-11');
		repo.commit('Fix it', { 'environments/dev.yaml': environment('dev', 'a: 2') }, '2024-01-12');
		expect((await timelineOf(repo.root, 'a', ids(['dev', 'environments/dev.yaml']))).rows).toEqual([
			[
				['2024-01-10', 'added', 1, 'Add dev'],
				['2024-01-12', 'changed', 2, 'Fix it'],
			],
		]);
	});

	it("does not parse a version above the size limit of content files, as today's files are not", async () => {
		const repo = new GitRepo();
		repo.commit('Add dev', { 'environments/dev.yaml': environment('dev', 'a: 1') }, '2024-01-10');
		repo.commit('Huge', { 'environments/dev.yaml': `${environment('dev', 'a: 2')}# ${'x'.repeat(5 * 1024 * 1024)}\n` }, '2024-01-11');
		repo.commit('Back to normal', { 'environments/dev.yaml': environment('dev', 'a: 3') }, '2024-01-12');
		expect((await timelineOf(repo.root, 'a', ids(['dev', 'environments/dev.yaml']))).rows).toEqual([
			[
				['2024-01-10', 'added', 1, 'Add dev'],
				['2024-01-12', 'changed', 3, 'Back to normal'],
			],
		]);
	});

	it('does not read a symbolic link committed in place of an environment file as its settings', async () => {
		const repo = new GitRepo();
		repo.commit('Add dev', { 'environments/dev.yaml': environment('dev', 'a: 1'), 'elsewhere.yaml': 'settings: { a: 9 }\n' }, '2024-01-10');
		repo.git('rm', '-q', 'environments/dev.yaml');
		mkdirSync(join(repo.root, 'environments'), { recursive: true });
		symlinkSync('../elsewhere.yaml', join(repo.root, 'environments/dev.yaml'));
		repo.commit('Link it', {}, '2024-01-11');
		repo.commit('A file again', { 'environments/dev.yaml': null }, '2024-01-12');
		repo.commit('Back', { 'environments/dev.yaml': environment('dev', 'a: 2') }, '2024-01-13');
		const { history, rows } = await timelineOf(repo.root, 'a', ids(['dev', 'environments/dev.yaml']));
		expect(history.versions.map((v) => v.settings === undefined)).toEqual([false, true, false, false]);
		expect(rows).toEqual([
			[
				['2024-01-10', 'added', 1, 'Add dev'],
				['2024-01-12', 'removed', undefined, 'A file again'],
				['2024-01-13', 'added', 2, 'Back'],
			],
		]);
	});

	it('follows the first parent through a merge: the merge is when the branch got the value', async () => {
		const repo = new GitRepo();
		repo.commit('Add dev', { 'environments/dev.yaml': environment('dev', 'a: 1') }, '2024-01-10');
		repo.git('checkout', '-q', '-b', 'topic');
		repo.commit('On a branch', { 'environments/dev.yaml': environment('dev', 'a: 2') }, '2024-01-11');
		repo.git('checkout', '-q', 'main');
		repo.commit('Elsewhere', { 'README.md': 'x\n' }, '2024-01-12');
		const when = { GIT_AUTHOR_DATE: '2024-01-20T12:00:00Z', GIT_COMMITTER_DATE: '2024-01-20T12:00:00Z' };
		const who = {
			GIT_AUTHOR_NAME: 'Bo',
			GIT_AUTHOR_EMAIL: 'bo@example.com',
			GIT_COMMITTER_NAME: 'Bo',
			GIT_COMMITTER_EMAIL: 'bo@example.com',
		};
		execFileSync('git', ['merge', '-q', '--no-ff', '-m', 'Merge topic', 'topic'], {
			cwd: repo.root,
			env: { ...process.env, ...when, ...who },
		});
		expect((await timelineOf(repo.root, 'a', ids(['dev', 'environments/dev.yaml']))).rows).toEqual([
			[
				['2024-01-10', 'added', 1, 'Add dev'],
				['2024-01-20', 'changed', 2, 'Merge topic'],
			],
		]);
	});

	it('reads a long history in a worker thread, with the same result as in the calling thread', async () => {
		const repo = new GitRepo();
		for (let i = 1; i <= 6; i++)
			repo.commit(
				`Step ${i}`,
				{ 'environments/production.yaml': environment('production', `lb: { timeout: ${i * 10} }\nlog: info`) },
				`2024-01-${String(10 + i)}`,
			);
		const here = await readValueHistory(repo.root, undefined, { workerAbove: 1000 });
		const worker = await readValueHistory(repo.root, undefined, { workerAbove: 0 });
		expect(worker).toEqual(here);
		expect(worker.versions).toHaveLength(6);
		expect(
			computeTimelines(worker, ids(['production', 'environments/production.yaml']))
				.environments.get('production')!
				.keys.get('lb.timeout')!.entries,
		).toHaveLength(6);
	});

	it('says so in a shallow clone, and marks its first commit as a boundary', async () => {
		const repo = new GitRepo();
		repo.commit('Add production', { 'environments/production.yaml': environment('production', 'lb: { timeout: 30 }') }, '2024-01-10');
		repo.commit('Raise the timeout', { 'environments/production.yaml': environment('production', 'lb: { timeout: 120 }') }, '2024-02-03');
		const clone = repo.shallowClone(1);
		const { history, timelines, rows } = await timelineOf(clone, 'lb.timeout');
		expect(history.shallow).toBe(true);
		expect(history.note).toBe(
			'This is a shallow clone: history before 2024-02-03 is not available, so a value may be older than its first commit shown.',
		);
		expect(rows).toEqual([[['2024-02-03', 'added', 120, 'Raise the timeout']]]);
		expect(timelines.environments.get('production')!.keys.get('lb.timeout')!.entries[0]!.boundary).toBe(true);
	});

	it('degrades to an empty history with a note without git', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'envparity-nogit-'));
		mkdirSync(join(dir, 'environments'));
		writeFileSync(join(dir, 'environments/dev.yaml'), environment('dev', 'a: 1'));
		const history = await readValueHistory(dir);
		expect(history).toEqual({
			commits: [],
			versions: [],
			superseded: [],
			shallow: false,
			note: 'History is not available (git is missing or this is not a git repository).',
		});
		// With no git on the PATH at all, the same note.
		const saved = process.env.PATH;
		process.env.PATH = dir;
		try {
			expect((await readValueHistory(dir)).note).toBe('History is not available (git is missing or this is not a git repository).');
		} finally {
			process.env.PATH = saved;
		}
	});

	it('says so in a repository with no commit yet', async () => {
		const repo = new GitRepo();
		expect((await readValueHistory(repo.root)).note).toBe('No commits yet: the history starts with the first commit.');
	});
});
