import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { fake } from '../helpers/fake-secrets.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline } from '../helpers/repo.ts';

/** The baseline with production's load balancer timeout as given, and optionally a literal under a credential key. */
function production(timeout: number, password?: string): string {
	const text = baseline()['environments/production.yaml']!.replace('timeout_seconds: 120', `timeout_seconds: ${timeout}`);
	return password === undefined ? text : text.replace('settings:\n', `settings:\n  stripe: { key: "${password}" }\n`);
}

const repo = new GitRepo();
const hashes: Record<string, string> = {};

beforeAll(() => {
	hashes.start = repo.commit('Start the wiki', { ...baseline(), 'environments/production.yaml': production(30) }, '2024-02-25');
	hashes.leak = repo.commit('Paste a key', { 'environments/production.yaml': production(30, fake.stripeSecret) }, '2024-02-26');
	hashes.unleak = repo.commit('Remove the key', { 'environments/production.yaml': production(30) }, '2024-02-27');
	hashes.fix = repo.commit('Raise the production timeout', { 'environments/production.yaml': production(120) }, '2024-03-05');
});

/** The matrix row of a key in an export document. */
const row = (stdout: string, key: string) =>
	(JSON.parse(stdout) as { matrix: { key: string; values: Record<string, unknown>; status: string }[] }).matrix.find((r) => r.key === key);

describe('--at DATE|REV', () => {
	it('diff compares two environments as they were on a day: the last commit on or before it', async () => {
		const { code, stdout, stderr } = await cli(['diff', 'staging', 'production', '--at', '2024-03-01', '--root', repo.root]);
		expect(code).toBe(0);
		expect(stderr).toBe(
			`envparity diff: the content at commit ${hashes.unleak!.slice(0, 7)} of 2024-02-27 ("Remove the key"), judged on 2024-03-01.\n`,
		);
		expect(stdout).toMatch(/load_balancer\.timeout_seconds\s+120\s+30\s+drift/);
		const today = await cli(['diff', 'staging', 'production', '--root', repo.root]);
		expect(today.stdout).not.toContain('load_balancer.timeout_seconds');
	});

	it('export gives the model at a day, at a hash and at a revision expression, judged on that day', async () => {
		const byDay = await cli(['export', '--at', '2024-03-02', '--root', repo.root]);
		expect(byDay.code).toBe(0);
		expect(row(byDay.stdout, 'load_balancer.timeout_seconds')).toMatchObject({ status: 'drift', values: { production: 30, staging: 120 } });
		expect(JSON.parse(byDay.stdout).today ?? JSON.parse(byDay.stdout).generatedAt).toContain('2024-03-02');
		const byHash = await cli(['export', '--at', hashes.start!, '--root', repo.root]);
		expect(row(byHash.stdout, 'load_balancer.timeout_seconds')).toMatchObject({ values: { production: 30 } });
		expect(byHash.stderr).toContain('judged on 2024-02-25');
		const byExpression = await cli(['export', '--at', 'HEAD~1', '--root', repo.root]);
		expect(row(byExpression.stdout, 'load_balancer.timeout_seconds')).toMatchObject({ values: { production: 30 } });
		const onTheDay = await cli(['export', '--at', '2024-03-05', '--root', repo.root]);
		expect(row(onTheDay.stdout, 'load_balancer.timeout_seconds')).toMatchObject({ status: 'same' });
	});

	it('masks a secret that the content held at that revision', async () => {
		for (const args of [
			['export', '--at', hashes.leak!],
			['diff', 'staging', 'production', '--all', '--at', '2024-02-26'],
			['diff', 'staging', 'production', '--format', 'json', '--at', '2024-02-26'],
		]) {
			const { stdout, stderr } = await cli([...args, '--root', repo.root]);
			expect(stdout + stderr).not.toContain(fake.stripeSecret);
			expect(stdout).toContain('sk_l…');
		}
	});

	it('refuses a day before the first commit, an unknown revision, a revision starting with "-", and a folder without git', async () => {
		const early = await cli(['export', '--at', '2023-12-31', '--root', repo.root]);
		expect([early.code, early.stderr]).toEqual([
			2,
			'envparity export: no commit on or before 2023-12-31: the history starts on 2024-02-25.\n',
		]);
		const unknown = await cli(['diff', 'staging', 'production', '--at', 'no-such-branch', '--root', repo.root]);
		expect([unknown.code, unknown.stderr]).toEqual([
			2,
			'envparity diff: "no-such-branch" is neither a date (YYYY-MM-DD) nor a commit of this repository; check the revision, or fetch it first.\n',
		]);
		const dash = await cli(['export', '--at=--output=x', '--root', repo.root]);
		expect(dash.code).toBe(2);
		expect(dash.stderr).toContain('envparity export: --at takes a date (YYYY-MM-DD) or a revision, and "--output=x" starts with "-".');
		const notADay = await cli(['export', '--at', '2024-02-30', '--root', repo.root]);
		expect([notADay.code, notADay.stderr]).toEqual([
			2,
			'envparity export: "2024-02-30" is not a real date; write it as YYYY-MM-DD, e.g. 2024-02-01.\n',
		]);

		const plain = mkdtempSync(join(tmpdir(), 'envparity-nogit-'));
		for (const [path, text] of Object.entries(baseline())) {
			mkdirSync(dirname(join(plain, path)), { recursive: true });
			writeFileSync(join(plain, path), text);
		}
		const none = await cli(['export', '--at', '2024-02-01', '--root', plain]);
		expect(none.code).toBe(2);
		expect(none.stderr).toContain(
			'is not in a git repository (or git is missing), so there is no earlier version to read; --at reads it from git.',
		);
	});
});
