import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentHistories, readFileHistories, readFileHistory } from '../../../src/lib/load/git-history.ts';

function git(cwd: string, ...args: string[]): void {
	execFileSync('git', args, {
		cwd,
		stdio: 'ignore',
		env: {
			...process.env,
			GIT_AUTHOR_NAME: 'Ana',
			GIT_AUTHOR_EMAIL: 'ana@example.com',
			GIT_COMMITTER_NAME: 'Ana',
			GIT_COMMITTER_EMAIL: 'ana@example.com',
			GIT_AUTHOR_DATE: '2024-05-01T10:00:00Z',
			GIT_COMMITTER_DATE: '2024-05-01T10:00:00Z',
		},
	});
}

function repoWithHistory(): string {
	const dir = mkdtempSync(join(tmpdir(), 'envparity-git-'));
	git(dir, 'init', '-q', '-b', 'main');
	writeFileSync(join(dir, 'prod.yaml'), 'name: A\n');
	git(dir, 'add', '.');
	git(dir, 'commit', '-q', '-m', 'Add production');
	writeFileSync(join(dir, 'prod.yaml'), 'name: B\n');
	git(dir, 'commit', '-q', '-am', 'Rename production');
	return dir;
}

describe('file history from git', () => {
	it('lists the last commits of a file, newest first', async () => {
		const history = await readFileHistory(repoWithHistory(), 'prod.yaml');
		expect(history.note).toBeUndefined();
		expect(history.commits.map((c) => [c.date, c.author, c.subject])).toEqual([
			['2024-05-01', 'Ana', 'Rename production'],
			['2024-05-01', 'Ana', 'Add production'],
		]);
	});

	it('says so in a shallow clone', async () => {
		const source = repoWithHistory();
		const clone = mkdtempSync(join(tmpdir(), 'envparity-shallow-'));
		git(clone, 'clone', '-q', '--depth', '1', `file://${source}`, '.');
		const history = await readFileHistory(clone, 'prod.yaml');
		expect(history.commits.map((c) => c.subject)).toEqual(['Rename production']);
		expect(history.note).toContain('shallow clone');
	});

	it('degrades to a note outside a git repository', async () => {
		const history = await readFileHistory(mkdtempSync(join(tmpdir(), 'envparity-nogit-')), 'prod.yaml');
		expect(history).toEqual({ commits: [], note: expect.stringContaining('History is not available') });
	});
});

describe('the history of several files at once', () => {
	it('reads each file its own commits, newest first and at most `limit`, with one git log', async () => {
		const dir = repoWithHistory();
		writeFileSync(join(dir, 'dev.yaml'), 'name: D\n');
		git(dir, 'add', '.');
		git(dir, 'commit', '-q', '-m', 'Add dev');
		writeFileSync(join(dir, 'prod.yaml'), 'name: C\n');
		git(dir, 'commit', '-q', '-am', 'Tune production');
		const histories = await readFileHistories(dir, ['prod.yaml', 'dev.yaml', 'new.yaml'], 2);
		expect(histories.get('prod.yaml')!.commits.map((c) => c.subject)).toEqual(['Tune production', 'Rename production']);
		expect(histories.get('dev.yaml')!.commits.map((c) => c.subject)).toEqual(['Add dev']);
		expect(histories.get('new.yaml')).toEqual({ commits: [], note: 'No commits touch this file yet.' });
	});

	it('names files relative to the content root when the content lives in a folder of the repository', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'envparity-git-'));
		git(dir, 'init', '-q', '-b', 'main');
		mkdirSync(join(dir, 'infra', 'environments'), { recursive: true });
		writeFileSync(join(dir, 'infra', 'environments', 'prod.yaml'), 'name: A\n');
		git(dir, 'add', '.');
		git(dir, 'commit', '-q', '-m', 'Add production');
		const histories = await readFileHistories(join(dir, 'infra'), ['environments/prod.yaml']);
		expect(histories.get('environments/prod.yaml')!.commits.map((c) => c.subject)).toEqual(['Add production']);
	});

	it('reads the history of files whose names git would quote', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'envparity-git-'));
		git(dir, 'init', '-q', '-b', 'main');
		for (const name of ['prod "eu".yaml', 'tab\tname.yaml', 'zürich.yaml']) writeFileSync(join(dir, name), 'name: A\n');
		git(dir, 'add', '.');
		git(dir, 'commit', '-q', '-m', 'Add three');
		const histories = await readFileHistories(dir, ['prod "eu".yaml', 'tab\tname.yaml', 'zürich.yaml']);
		expect([...histories.values()].map((h) => h.commits.map((c) => c.subject))).toEqual([['Add three'], ['Add three'], ['Add three']]);
	});

	it('gives every file the same note outside a git repository', async () => {
		const histories = await readFileHistories(mkdtempSync(join(tmpdir(), 'envparity-nogit-')), ['a.yaml', 'b.yaml']);
		expect([...histories.values()].map((h) => h.note)).toEqual([
			expect.stringContaining('History is not available'),
			expect.stringContaining('History is not available'),
		]);
	});
});

describe('environmentHistories', () => {
	it("reads every environment file's history once per model", async () => {
		const dir = repoWithHistory();
		const model = { environments: [{ file: 'prod.yaml' }, { file: 'dev.yaml' }] };
		const first = environmentHistories(dir, model);
		expect(environmentHistories(dir, model)).toBe(first);
		const histories = await first;
		expect([...histories.keys()]).toEqual(['prod.yaml', 'dev.yaml']);
		expect(histories.get('prod.yaml')!.commits).toHaveLength(2);
		expect(environmentHistories(dir, { environments: [...model.environments] })).not.toBe(first);
	});
});
