import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { fake } from '../helpers/fake-secrets.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline } from '../helpers/repo.ts';

/** The baseline with each environment's Redis pool as given. */
function pools(dev: number, staging: number, production: number): Record<string, string> {
	const files = baseline();
	for (const [env, pool] of Object.entries({ dev, staging, production }))
		files[`environments/${env}.yaml`] = files[`environments/${env}.yaml`]!.replace('pool_size: 20', `pool_size: ${pool}`);
	return files;
}

describe('envparity new change --from-history', () => {
	it('sets the key to its latest committed value and fills in the propagation from the commits', async () => {
		const repo = new GitRepo();
		repo.commit('Start the wiki', pools(10, 10, 10), '2024-02-10');
		const dev = repo.commit('Raise the pool in dev', pools(20, 10, 10), '2024-02-11');
		const staging = repo.commit('Raise the pool in staging', pools(20, 20, 10), '2024-02-12');
		const { code, stdout, stderr } = await cli(['new', 'change', 'raise-pool', '--from-history', 'redis.pool_size', '--root', repo.root]);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Wrote .*changes\/raise-pool\.md\.\n$/);
		const text = readFileSync(join(repo.root, 'changes/raise-pool.md'), 'utf8');
		expect(text).toContain('date: 2024-02-11\n');
		expect(text).toContain('settings:\n  redis.pool_size: 20\n');
		expect(text).toContain(
			[
				'propagation:',
				'  dev:',
				'    status: applied',
				'    date: 2024-02-11',
				`    note: "Commit ${dev.slice(0, 7)}: Raise the pool in dev"`,
				'  staging:',
				'    status: applied',
				'    date: 2024-02-12',
				`    note: "Commit ${staging.slice(0, 7)}: Raise the pool in staging"`,
				'  production: pending',
			].join('\n'),
		);
		// What it wrote agrees with the history: no history warning about it.
		const check = await cli(['check', '--format', 'json', '--root', repo.root]);
		const mine = (JSON.parse(check.stdout) as { problems: { file: string; code: string; severity: string }[] }).problems.filter(
			(p) => p.file === 'changes/raise-pool.md',
		);
		expect(mine.filter((p) => p.severity === 'error' || p.code.startsWith('change-applied'))).toEqual([]);
	});

	it('marks as skipped an environment whose file has held the value since its first commit', async () => {
		const repo = new GitRepo();
		const start = repo.commit('Start the wiki', pools(20, 10, 10), '2024-02-10');
		repo.commit('Raise the pool in staging', pools(20, 20, 10), '2024-02-12');
		expect((await cli(['new', 'change', 'raise-pool', '--from-history', 'redis.pool_size', '--root', repo.root])).code).toBe(0);
		const text = readFileSync(join(repo.root, 'changes/raise-pool.md'), 'utf8');
		expect(text).toContain(
			`  dev:\n    status: skipped\n    note: "Already set: environments/dev.yaml has held it since its first commit, ${start.slice(0, 7)} on 2024-02-10."\n`,
		);
		expect(text).toContain('date: 2024-02-12\n');
	});

	it('takes the value to set as KEY=VALUE, when the environments went different ways', async () => {
		const repo = new GitRepo();
		repo.commit('Start the wiki', pools(10, 10, 5), '2024-02-10');
		const staging = repo.commit('Raise the pool in staging', pools(10, 20, 5), '2024-02-12');
		repo.commit('Raise the pool in production to 10', pools(10, 20, 10), '2024-02-14');
		expect((await cli(['new', 'change', 'raise-pool', '--from-history', 'redis.pool_size=20', '--root', repo.root])).code).toBe(0);
		const text = readFileSync(join(repo.root, 'changes/raise-pool.md'), 'utf8');
		expect(text).toContain('settings:\n  redis.pool_size: 20\n');
		expect(text).toContain(
			`  staging:\n    status: applied\n    date: 2024-02-12\n    note: "Commit ${staging.slice(0, 7)}: Raise the pool in staging"\n`,
		);
		expect(text).toContain('  dev: pending\n');
		expect(text).toContain('  production: pending\n');
		const list = await cli(['new', 'change', 'other', '--from-history', 'redis.pool_size=[1, 2]', '--root', repo.root]);
		expect([list.code, list.stderr.split('\n')[0]]).toEqual([
			2,
			'envparity new: the value in "redis.pool_size=[1, 2]" is a list or a map; --from-history sets one value, e.g. redis.pool_size=20.',
		]);
	});

	it('refuses a key no commit set, a secret value, another kind, and a folder without git', async () => {
		const repo = new GitRepo();
		const files = pools(10, 10, 10);
		repo.commit('Start the wiki', files, '2024-02-10');
		const unknown = await cli(['new', 'change', 'x', '--from-history', 'redis.pool', '--root', repo.root]);
		expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([
			2,
			'envparity new: no commit has set "redis.pool" (did you mean "redis.pool_size"?); name a key as the matrix writes it, e.g. redis.pool_size.',
		]);
		repo.commit(
			'Paste a key',
			{
				'environments/dev.yaml': files['environments/dev.yaml']!.replace(
					'settings:\n',
					`settings:\n  stripe: { key: "${fake.stripeSecret}" }\n`,
				),
			},
			'2024-02-11',
		);
		const secret = await cli(['new', 'change', 'x', '--from-history', 'stripe.key', '--root', repo.root]);
		expect(secret.code).toBe(2);
		expect(secret.stderr).toContain('the value of "stripe.key" is a secret');
		expect(secret.stderr).not.toContain(fake.stripeSecret);
		const issue = await cli(['new', 'issue', 'x', '--from-history', 'redis.pool_size', '--root', repo.root]);
		expect([issue.code, issue.stderr.split('\n')[0]]).toEqual([2, 'envparity new: --from-history is only for new changes.']);

		const plain = mkdtempSync(join(tmpdir(), 'envparity-nogit-'));
		for (const [path, text] of Object.entries(baseline())) {
			mkdirSync(dirname(join(plain, path)), { recursive: true });
			writeFileSync(join(plain, path), text);
		}
		const none = await cli(['new', 'change', 'x', '--from-history', 'redis.pool_size', '--root', plain]);
		expect(none.code).toBe(2);
		expect(none.stderr).toContain(
			"--from-history reads the environment files' history from git, and there is none: History is not available",
		);
	});
});
