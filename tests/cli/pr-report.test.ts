import { describe, expect, it } from 'vitest';
import { baseline } from '../helpers/repo.ts';
import { cli } from '../helpers/cli.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { fake } from '../helpers/fake-secrets.ts';
import { maskSecret } from '../../src/lib/diagnostics/secret-mask.ts';

/** A repository whose main branch holds the valid baseline, and a pull-request branch on top. */
function repoWithPr(edit: (files: Record<string, string | null>) => void): { repo: GitRepo; base: string; head: string } {
	const repo = new GitRepo();
	const files: Record<string, string | null> = baseline();
	const base = repo.commit('Baseline', files);
	repo.git('checkout', '-q', '-b', 'pr');
	const changed: Record<string, string | null> = { ...files };
	edit(changed);
	const head = repo.commit('Pull request', changed);
	return { repo, base, head };
}

const report = async (repo: GitRepo, ...args: string[]) =>
	cli(['pr-report', '--root', repo.root, '--base', 'main', ...args], { ENVPARITY_NOW: '2024-03-01' });

const upgradeRedisInStaging = (files: Record<string, string | null>): void => {
	files['environments/staging.yaml'] = files['environments/staging.yaml']!.replace('version: "7.0.11"', 'version: "7.2.4"');
};

describe('envparity pr-report', () => {
	it('reports new drift and a minor skew when Redis is upgraded only in staging', async () => {
		const { repo } = repoWithPr(upgradeRedisInStaging);
		const { code, stdout } = await report(repo);
		expect(code).toBe(0);
		expect(stdout.split('\n')[1]).toBe(
			'**envparity:** Introduces 1 undocumented difference between dev and staging; introduces 1 undocumented difference between staging and production; widens the version skew between dev and staging (redis.version: minor); widens the version skew between staging and production (redis.version: minor).',
		);
		expect(stdout).toContain('| staging | `redis.version` | `7.0.11` | `7.2.4` |');
		expect(stdout).toContain('- version skew of `redis.version`: none → minor (grew)');
		const json = JSON.parse((await report(repo, '--format', 'json')).stdout);
		expect(json.stagePairs.find((p: { from: string }) => p.from === 'staging')).toMatchObject({
			to: 'production',
			introduced: [{ key: 'redis.version', status: 'drift' }],
			skews: [{ key: 'redis.version', before: null, after: 'minor' }],
		});
	});

	it('reports the difference as documented when the pull request documents it too', async () => {
		const { repo } = repoWithPr((files) => {
			upgradeRedisInStaging(files);
			files['environments/differences.yaml'] +=
				'- key: redis.version\n  values: { dev: "7.0.11", staging: "7.2.4", production: "7.0.11" }\n  rationale: Trying Redis 7.2 in staging first.\n  risk: low\n';
		});
		const json = JSON.parse((await report(repo, '--format', 'json')).stdout);
		expect(json.differences).toEqual({ added: ['redis.version'], changed: [], removed: [] });
		expect(json.stagePairs.find((p: { from: string }) => p.from === 'staging')).toMatchObject({
			introduced: [],
			documented: ['redis.version'],
		});
		expect(json.verdict).toContain('documents 1 difference');
		expect(json.verdict).not.toContain('undocumented');
	});

	it('reports a propagation step and a change that is now complete', async () => {
		const repo2 = new GitRepo();
		const files: Record<string, string | null> = baseline();
		files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace(
			'production: { status: applied, date: 2024-02-22 }',
			'production: pending',
		);
		repo2.commit('Baseline', files);
		repo2.git('checkout', '-q', '-b', 'pr');
		repo2.commit('Apply in production', {
			'changes/redis-pool.md': files['changes/redis-pool.md']!.replace(
				'production: pending',
				'production: { status: applied, date: 2024-02-28, by: "@ana" }',
			),
		});
		const { stdout } = await report(repo2);
		expect(stdout.split('\n')[1]).toBe('**envparity:** Records 1 propagation step; completes "Increase Redis connection pool".');
		expect(stdout).toContain('- Increase Redis connection pool: production pending → **applied** (2024-02-28)');
		expect(stdout).toContain('- Increase Redis connection pool: in-progress → **complete**');
		expect(stdout).toMatchSnapshot();
	});

	it('says so in one line when nothing about parity changes', async () => {
		const { repo } = repoWithPr((files) => {
			files['issues/payment-timeout.md'] = files['issues/payment-timeout.md']!.replace(
				'Payments timed out.',
				'Payments timed out at checkout.',
			);
		});
		const { stdout } = await report(repo);
		expect(stdout).toBe('<!-- envparity-pr-report -->\n**envparity:** No change to parity.\n\n');
	});

	it('reports a deleted environment, and a renamed one that keeps its old id as an alias', async () => {
		const { repo } = repoWithPr((files) => {
			files['environments/qa.yaml'] = files['environments/staging.yaml']!.replace('name: Staging', 'name: QA\naliases: [staging]');
			files['environments/staging.yaml'] = null;
			files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace('staging:', 'qa:');
			files['issues/payment-timeout.md'] = files['issues/payment-timeout.md']!.replace('{ staging: false }', '{ qa: false }');
		});
		const json = JSON.parse((await report(repo, '--format', 'json')).stdout);
		expect(json.environments).toEqual({ added: [], removed: [], renamed: [{ from: 'staging', to: 'qa' }] });
		expect(json.settings).toEqual([]);
		const deleted = repoWithPr((files) => {
			files['environments/dev.yaml'] = null;
			files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace('  dev: { status: applied, date: 2024-02-20 }\n', '');
		});
		const after = JSON.parse((await report(deleted.repo, '--format', 'json')).stdout);
		expect(after.environments.removed).toEqual(['dev']);
	});

	it('compares against a base whose content was invalid', async () => {
		const repo = new GitRepo();
		const files: Record<string, string | null> = baseline();
		repo.commit('Broken base', { ...files, 'environments/dev.yaml': 'name: [unclosed\n' });
		repo.git('checkout', '-q', '-b', 'pr');
		repo.commit('Fix it', files);
		const { code, stdout } = await report(repo);
		expect(code).toBe(0);
		expect(stdout).toContain('> The base had 1 error; the comparison covers what validated there.');
		expect(stdout).toContain('- added **dev**');
	});

	it('compares from the merge base, so commits on the base branch do not count', async () => {
		const { repo } = repoWithPr(upgradeRedisInStaging);
		repo.git('checkout', '-q', 'main');
		repo.commit('Unrelated on main', {
			'environments/production.yaml': baseline()['environments/production.yaml']!.replace('pool_size: 20', 'pool_size: 30'),
		});
		repo.git('checkout', '-q', 'pr');
		const json = JSON.parse((await report(repo, '--format', 'json')).stdout);
		expect(json.settings).toEqual([{ env: 'staging', key: 'redis.version', before: '7.0.11', after: '7.2.4' }]);
	});

	it('exits 2 with a clear message when the revisions have no common history', async () => {
		const { repo } = repoWithPr(upgradeRedisInStaging);
		repo.git('checkout', '-q', '--orphan', 'other');
		repo.commit('Unrelated root', { 'environments/dev.yaml': baseline()['environments/dev.yaml']! });
		const { code, stderr } = await cli(['pr-report', '--root', repo.root, '--base', 'main', '--head', 'other']);
		expect(code).toBe(2);
		expect(stderr).toContain('have no common history');
	});

	it('exits 2 for an unknown revision, and when --base is missing', async () => {
		const { repo } = repoWithPr(upgradeRedisInStaging);
		const unknown = await cli(['pr-report', '--root', repo.root, '--base', 'nope']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('"nope" is not a commit in this repository');
		expect((await cli(['pr-report', '--root', repo.root])).code).toBe(2);
	});

	it('reads revisions without touching the working tree', async () => {
		const { repo } = repoWithPr(upgradeRedisInStaging);
		const status = repo.git('status', '--porcelain');
		await report(repo);
		expect(repo.git('status', '--porcelain')).toBe(status);
		expect(repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('pr');
	});
});

describe('envparity pr-report, problems', () => {
	it('counts fixed problems without an empty listing', async () => {
		const repo = new GitRepo();
		const files: Record<string, string | null> = baseline();
		repo.commit('Stale base', {
			...files,
			'environments/staging.yaml': files['environments/staging.yaml']!.replace('timeout_seconds: 120', 'timeout_seconds: 30'),
		});
		repo.git('checkout', '-q', '-b', 'pr');
		repo.commit('Align staging', files);
		const { stdout } = await report(repo);
		expect(stdout).toContain('<summary>Problems: 0 new, 1 fixed</summary>\n\nNo new problem.\n\nFixed (where the base had them):\n\n```\n');
		expect(stdout).toMatch(
			/Fixed \(where the base had them\):\n\n```\nenvironments\/staging\.yaml:\d+:\d+ warning undocumented-drift: [^\n]+\n```/,
		);
		expect(stdout).not.toContain('```\n```');
		const json = JSON.parse((await report(repo, '--format', 'json')).stdout);
		expect(json.problems.fixed).toBe(1);
		expect(json.problems.resolved).toEqual([expect.objectContaining({ file: 'environments/staging.yaml', code: 'undocumented-drift' })]);
	});

	it('lists the new problems and the fixed ones, each in its own block', async () => {
		const repo = new GitRepo();
		const files: Record<string, string | null> = baseline();
		repo.commit('Drift in staging', {
			...files,
			'environments/staging.yaml': files['environments/staging.yaml']!.replace('timeout_seconds: 120', 'timeout_seconds: 30'),
		});
		repo.git('checkout', '-q', '-b', 'pr');
		repo.commit('Drift moves to Redis', {
			...files,
			'environments/staging.yaml': files['environments/staging.yaml']!.replace('version: "7.0.11"', 'version: "7.2.4"'),
		});
		const { stdout } = await report(repo);
		const problems = stdout.slice(stdout.indexOf('<summary>Problems:'));
		expect(problems).toMatch(/^<summary>Problems: \d+ new, 1 fixed<\/summary>\n\nNew:\n\n```\n/);
		const [newBlock, fixedBlock] = problems.split('Fixed (where the base had them):');
		expect(newBlock).toContain('redis.version');
		expect(newBlock).not.toContain('timeout_seconds');
		expect(fixedBlock).toMatch(/```\nenvironments\/staging\.yaml:\d+:\d+ warning undocumented-drift: [^\n]*timeout_seconds[^\n]*\n```/);
	});
});

describe('envparity pr-report, a head with errors', () => {
	// A typo in a field of staging.yaml drops staging from the head's model: compared with the base, the
	// report would read "removed staging" and "no longer drifts", and miss the real edit.
	const typoAndUpgrade = (files: Record<string, string | null>): void => {
		upgradeRedisInStaging(files);
		files['environments/staging.yaml'] = files['environments/staging.yaml']!.replace('verified:', 'verifed:');
	};

	it('leads with the errors, lists the changed files instead of parity deltas, and exits 1', async () => {
		const { repo } = repoWithPr(typoAndUpgrade);
		const { code, stdout } = await report(repo);
		expect(code).toBe(1);
		expect(stdout.split('\n')[1]).toBe(
			'**envparity:** Has 1 error (the build will fail); what it does to parity is reported once it is fixed.',
		);
		expect(stdout).toContain('environments/staging.yaml:3:1 error unknown-field: "verifed" is not a field of an environment');
		expect(stdout).toContain('- changed `environments/staging.yaml`');
		expect(stdout).not.toMatch(/removed \*\*staging\*\*|no longer|→ \*\*|Settings changed/);
		expect(stdout.replace(/<sub>Compared .*<\/sub>/, '<sub>Compared (commits)</sub>')).toMatchSnapshot();
	});

	it('withholds the parity deltas in JSON too, with the errors and the changed files', async () => {
		const { repo } = repoWithPr(typoAndUpgrade);
		const { code, stdout } = await report(repo, '--format', 'json');
		expect(code).toBe(1);
		const json = JSON.parse(stdout);
		expect(json).toMatchObject({
			withheld: true,
			errors: { base: 0, head: 1 },
			files: { added: [], changed: ['environments/staging.yaml'], removed: [] },
			environments: { added: [], removed: [], renamed: [] },
			settings: [],
			stagePairs: [],
			changes: [],
		});
		expect(json.headErrors).toEqual([
			{
				file: 'environments/staging.yaml',
				line: 3,
				column: 1,
				severity: 'error',
				code: 'unknown-field',
				message: expect.stringContaining('"verifed"'),
			},
		]);
	});

	it('reports the parity changes once the error is fixed, and exits 0', async () => {
		const { repo } = repoWithPr(typoAndUpgrade);
		repo.commit('Fix the typo', {
			'environments/staging.yaml': baseline()['environments/staging.yaml']!.replace('version: "7.0.11"', 'version: "7.2.4"'),
		});
		const { code, stdout } = await report(repo);
		expect(code).toBe(0);
		expect(stdout).toContain('| staging | `redis.version` | `7.0.11` | `7.2.4` |');
	});
});

describe('envparity pr-report, file names', () => {
	it('reads a file whose name holds a newline and reports it as the invalid-id error check gives, exit 1', async () => {
		const { repo } = repoWithPr((files) => {
			files['issues/lb\ntimeout.md'] = baseline()['issues/payment-timeout.md']!.replace('aliases: [INC-2041]', 'aliases: [INC-2042]');
		});
		const { code, stdout, stderr } = await report(repo);
		expect(stderr).toBe('');
		expect(code).toBe(1);
		expect(stdout).toContain('error invalid-id');
		const checked = await cli(['check', '--root', repo.root], { ENVPARITY_NOW: '2024-03-01' });
		expect(checked.stdout).toContain('error invalid-id');
	});
});

describe('envparity pr-report, secrets', () => {
	const planted = {
		privateKey: fake.privateKey,
		password: 'Tr0ub4dor-and-3-horses',
		awsAccessKey: fake.awsAccessKey,
		githubToken: fake.githubPat,
		databaseUrl: fake.databaseUrl,
	};
	const withSecrets = (text: string): string =>
		text.replace(
			'  load_balancer: { timeout_seconds: 120 }',
			[
				'  load_balancer: { timeout_seconds: 120 }',
				'  tls:',
				'    key: |',
				...planted.privateKey.split('\n').map((line) => `      ${line}`),
				`  db: { password: "${planted.password}", url: "${planted.databaseUrl}" }`,
				`  aws: { access_key_id: ${planted.awsAccessKey} }`,
				`  ci: { github_token: ${planted.githubToken} }`,
			].join('\n'),
		);

	it('masks every secret that a hostile pull request adds, in Markdown and JSON', async () => {
		const { repo } = repoWithPr((files) => {
			files['environments/production.yaml'] = withSecrets(files['environments/production.yaml']!);
		});
		for (const format of ['markdown', 'json']) {
			const { code, stdout, stderr } = await report(repo, '--format', format);
			expect(code).toBe(1);
			for (const [name, secret] of Object.entries(planted)) {
				for (const line of secret.split('\n').slice(0, 2)) expect(`${stdout}${stderr}`, `${format}: ${name}`).not.toContain(line);
			}
			expect(stdout).toContain(maskSecret(planted.githubToken));
		}
	});

	it('masks the secrets that a pull request removes, in the settings it reports changed', async () => {
		const repo = new GitRepo();
		const files: Record<string, string | null> = baseline();
		repo.commit('Secrets committed by mistake', {
			...files,
			'environments/production.yaml': withSecrets(files['environments/production.yaml']!),
		});
		repo.git('checkout', '-q', '-b', 'pr');
		repo.commit('Remove them', files);
		for (const format of ['markdown', 'json']) {
			const { code, stdout } = await report(repo, '--format', format);
			expect(code).toBe(0);
			expect(stdout).toContain('db.password');
			for (const [name, secret] of Object.entries(planted)) {
				for (const line of secret.split('\n').slice(0, 2)) expect(stdout, `${format}: ${name}`).not.toContain(line);
			}
		}
		const markdown = (await report(repo)).stdout;
		expect(markdown).toContain(`| production | \`db.password\` | \`${maskSecret(planted.password)}\` | — |`);
		expect(markdown).toContain(`| production | \`aws.access_key_id\` | \`${maskSecret(planted.awsAccessKey)}\` | — |`);
	});
});
