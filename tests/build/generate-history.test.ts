import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRepository, writeHistory, writeRepository } from '../../bench/generate.ts';
import { analyzeRootWithHistory } from '../../src/lib/engine.ts';

const SHAPE = { environments: 4, settings: 40, changes: 130, issues: 20, runbooks: 2, seed: 7 };
const NOW = { now: new Date('2025-10-20T00:00:00Z') };

/** A generated repository with a history of `commits` commits, and what the engine reads of it. */
async function generated(sources: boolean, commits: number) {
	const root = mkdtempSync(join(tmpdir(), 'envparity-generate-'));
	const files = generateRepository({ ...SHAPE, sources });
	writeRepository(root, files);
	writeHistory(root, files, commits, SHAPE.seed);
	const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
	return { root, git, ...(await analyzeRootWithHistory(root, NOW)) };
}

describe('the synthetic history (npm run generate -- --history N)', () => {
	it('with --sources, writes its commits into the values files, and the timelines follow them', async () => {
		const { git, history, timelines, analysis } = await generated(true, 12);
		// A clean checkout: the last commit holds the files as written.
		expect(git('status', '--porcelain')).toBe('');
		const touched = git('log', '--format=', '--name-only', 'HEAD~12..HEAD').split('\n').filter(Boolean);
		expect(touched.length).toBe(12);
		expect(touched.every((path) => /^deploy\/values-[a-z]+-\d\d\.yaml$/.test(path))).toBe(true);
		expect(history.commits).toHaveLength(13);
		expect(history.sourceVersions!.length).toBe(4 + 12);
		const sourced = [...timelines.environments.values()].flatMap((t) =>
			[...t.keys.values()].flatMap((k) => k.entries.filter((e) => e.index > 0).map((e) => e.source)),
		);
		expect(sourced).toHaveLength(12);
		expect(sourced.every((source) => source?.startsWith('deploy/values-'))).toBe(true);
		expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
	});

	it('without --sources, writes them into the environment files as before', async () => {
		const { git, history } = await generated(false, 12);
		const touched = git('log', '--format=', '--name-only', 'HEAD~12..HEAD').split('\n').filter(Boolean);
		expect(touched.every((path) => /^environments\/[a-z]+-\d\d\.yaml$/.test(path))).toBe(true);
		expect(history.sourceVersions).toBeUndefined();
	});

	it('finds the same changes applied but not recorded whether the history edits the values files or the environment files', async () => {
		const history = (analysis: Awaited<ReturnType<typeof generated>>['analysis']) =>
			analysis.problems.filter((p) => p.code.startsWith('change-applied-')).map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`);
		const sourced = history((await generated(true, 30)).analysis);
		expect(sourced.length).toBeGreaterThan(0);
		expect(sourced).toEqual(history((await generated(false, 30)).analysis));
	});
});
