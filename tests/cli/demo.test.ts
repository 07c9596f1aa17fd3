import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RELEASES, writeDemoRepository } from '../../scripts/demo.ts';
import { readPreviousReleaseTag } from '../../src/lib/load/git-tags.ts';
import { cli } from '../helpers/cli.ts';

const root = join(mkdtempSync(join(tmpdir(), 'envparity-demo-test-')), 'content');

/** The date a change of the example records for an environment, so that the test follows the example's own dates. */
function applied(change: string, env: string): string {
	const text = readFileSync(new URL(`../../changes/${change}.md`, import.meta.url), 'utf8');
	return new RegExp(`\\n  ${env}: \\{ status: applied, date: (\\d{4}-\\d{2}-\\d{2})`).exec(text)![1]!;
}

beforeAll(() => {
	writeDemoRepository(root);
});

/** A key's timeline in one environment of the demo, as [date, value]. */
async function timeline(key: string, env: string): Promise<[string, unknown][]> {
	const { stdout } = await cli(['history', key, '--env', env, '--format', 'json', '--root', root]);
	const [one] = (JSON.parse(stdout) as { environments: { timeline: { date: string; value: unknown }[] }[] }).environments;
	return one!.timeline.map((entry) => [entry.date, entry.value]);
}

describe('npm run demo', () => {
	it('holds the example exactly as it is at its last commit, with a clean working tree', () => {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
		expect(git('status', '--porcelain')).toBe('');
		for (const path of ['environments/production.yaml', 'changes/redis-pool.md', 'issues/payment-timeout.md', 'envparity.config.yaml'])
			expect(git('show', `HEAD:${path}`)).toBe(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
	});

	it("dates the payment-timeout fix: production's load balancer timeout went from 30 to 120 on the day the change applied it", async () => {
		const [start] = (await timeline('load_balancer.timeout_seconds', 'staging'))[0]!;
		expect(await timeline('load_balancer.timeout_seconds', 'production')).toEqual([
			[start, 30],
			[applied('raise-lb-timeout', 'production'), 120],
		]);
		expect(await timeline('load_balancer.timeout_seconds', 'staging')).toEqual([[start, 120]]);
		// The bug opened on 2024-02-01, when production and staging differed.
		const { stdout } = await cli(['diff', 'staging', 'production', '--at', '2024-02-01', '--root', root]);
		expect(stdout).toMatch(/load_balancer\.timeout_seconds\s+120\s+30\s+drift/);
	});

	it('shows the Redis pool change reaching dev and staging but not production', async () => {
		const [start] = (await timeline('redis.pool_size', 'production'))[0]!;
		expect(await timeline('redis.pool_size', 'staging')).toEqual([
			[start, 10],
			[applied('redis-pool', 'staging'), 20],
		]);
		expect(await timeline('redis.pool_size', 'production')).toEqual([[start, 10]]);
	});

	it('tags its releases, annotated, each on the last commit on or before its day: the previous one is v1.4.0', async () => {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
		// Oldest first: [hash, day].
		const commits = git('log', '--first-parent', '--reverse', '--format=%H %cs')
			.split('\n')
			.map((line) => line.split(' ') as [string, string]);
		for (const release of RELEASES) {
			expect(git('cat-file', '-t', release.name)).toBe('tag');
			const at = commits.findIndex(([hash]) => hash === git('rev-parse', `${release.name}^{commit}`));
			expect(commits[at]![1] <= release.date).toBe(true);
			expect(commits[at + 1]![1] > release.date).toBe(true);
		}
		const hashes = new Set(commits.map(([hash]) => hash));
		const { tag } = await readPreviousReleaseTag(root, hashes);
		expect(tag).toMatchObject({ name: 'v1.4.0', date: '2024-05-13' });
		expect(git('log', '-1', '--format=%s', 'v1.4.0^{commit}')).toBe(
			'Record the bug "Order status shows "pending" after a successful payment"',
		);
	});

	it('has a history that agrees with the changes: no history warning', async () => {
		const { stdout } = await cli(['check', '--format', 'json', '--root', root]);
		const codes = (JSON.parse(stdout) as { problems: { code: string; severity: string }[] }).problems.map((p) => p.code);
		expect(
			codes.filter((code) => ['change-applied-not-recorded', 'change-applied-date-mismatch', 'secret-in-history'].includes(code)),
		).toEqual([]);
		expect((JSON.parse(stdout) as { problems: { severity: string }[] }).problems.filter((p) => p.severity === 'error')).toEqual([]);
	});
});
