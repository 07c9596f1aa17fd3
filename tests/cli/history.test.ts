import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { fake } from '../helpers/fake-secrets.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline } from '../helpers/repo.ts';

/** The baseline with production's load balancer timeout and Stripe key as given. */
function production(timeout: number, stripeKey?: string): string {
	const text = baseline()['environments/production.yaml']!.replace('timeout_seconds: 120', `timeout_seconds: ${timeout}`);
	return stripeKey === undefined ? text : text.replace('settings:\n', `settings:\n  stripe: { secret_key: "${stripeKey}" }\n`);
}

const repo = new GitRepo();
const hashes: Record<string, string> = {};

beforeAll(() => {
	hashes.start = repo.commit('Start the wiki', { ...baseline(), 'environments/production.yaml': production(30) }, '2024-01-10');
	hashes.leak = repo.commit('Add the Stripe key', { 'environments/production.yaml': production(30, fake.stripeSecret) }, '2024-01-20');
	hashes.reference = repo.commit(
		'Use a reference',
		{ 'environments/production.yaml': production(30, '${STRIPE_SECRET_KEY}') },
		'2024-01-21',
	);
	hashes.fix = repo.commit(
		'Raise the production timeout',
		{ 'environments/production.yaml': production(120, '${STRIPE_SECRET_KEY}') },
		'2024-02-03',
	);
});

describe('envparity history', () => {
	it("prints a key's timeline in every environment, with today's value", async () => {
		const { code, stdout, stderr } = await cli(['history', 'load_balancer.timeout_seconds', '--root', repo.root]);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const short = (name: string) => hashes[name]!.slice(0, 7);
		expect(stdout).toBe(
			[
				'load_balancer.timeout_seconds',
				'',
				'dev (environments/dev.yaml)',
				`  2024-01-10  ${short('start')}  120  added  Ana  Start the wiki`,
				'  today                120',
				'',
				'staging (environments/staging.yaml)',
				`  2024-01-10  ${short('start')}  120  added  Ana  Start the wiki`,
				'  today                120',
				'',
				'production (environments/production.yaml)',
				`  2024-01-10  ${short('start')}  30   added    Ana  Start the wiki`,
				`  2024-02-03  ${short('fix')}  120  changed  Ana  Raise the production timeout`,
				'  today                120',
				'',
			].join('\n'),
		);
	});

	it('takes --env (an id or an alias), --since and --format json', async () => {
		const { code, stdout } = await cli([
			'history',
			'load_balancer["timeout_seconds"]',
			'--env',
			'production',
			'--since',
			'2024-02-01',
			'--format',
			'json',
			'--root',
			repo.root,
		]);
		expect(code).toBe(0);
		expect(JSON.parse(stdout)).toEqual({
			key: 'load_balancer.timeout_seconds',
			since: '2024-02-01',
			environments: [
				{
					id: 'production',
					file: 'environments/production.yaml',
					current: true,
					now: 120,
					uncommitted: false,
					timeline: [
						{
							commit: hashes.fix,
							date: '2024-02-03',
							author: 'Ana',
							subject: 'Raise the production timeout',
							event: 'changed',
							value: 120,
						},
					],
				},
			],
		});
	});

	it('masks a secret that an earlier commit held, though a reference has replaced it, in text and JSON', async () => {
		for (const format of ['text', 'json']) {
			const { code, stdout } = await cli(['history', 'stripe.secret_key', '--format', format, '--root', repo.root]);
			expect(code).toBe(0);
			expect(stdout).not.toContain(fake.stripeSecret);
			expect(stdout).not.toContain(fake.stripeSecret.slice(8));
			expect(stdout).toContain('sk_l… (32 characters)');
			expect(stdout).toContain('${STRIPE_SECRET_KEY}');
		}
		const check = await cli(['check', '--root', repo.root]);
		expect(check.stdout).toContain('warning secret-in-history');
		expect(check.stdout).toContain(`in commit ${hashes.leak!.slice(0, 7)} on 2024-01-20`);
		expect(check.stdout).not.toContain(fake.stripeSecret);
	});

	it('says when the file has an edit not committed yet', async () => {
		const copy = mkdtempSync(join(tmpdir(), 'envparity-history-'));
		cpSync(repo.root, copy, { recursive: true });
		writeFileSync(join(copy, 'environments/production.yaml'), production(90, '${STRIPE_SECRET_KEY}'));
		const { stdout } = await cli(['history', 'load_balancer.timeout_seconds', '--env', 'production', '--root', copy]);
		expect(stdout).toContain('  today                90   not committed yet\n');
	});

	it('refuses a key no environment has ever had, with a did-you-mean, and an unknown environment', async () => {
		const key = await cli(['history', 'load_balancer.timeout_second', '--root', repo.root]);
		expect(key.code).toBe(2);
		expect(key.stderr).toContain(
			'envparity history: no environment has or ever had the setting "load_balancer.timeout_second" (did you mean "load_balancer.timeout_seconds"?)',
		);
		const env = await cli(['history', 'load_balancer.timeout_seconds', '--env', 'prod', '--root', repo.root]);
		expect(env.code).toBe(2);
		expect(env.stderr).toContain('"prod" is not an environment (did you mean "production"?)');
		const since = await cli(['history', 'load_balancer.timeout_seconds', '--since', 'yesterday', '--root', repo.root]);
		expect(since.code).toBe(2);
		expect(since.stderr).toContain('--since must be a day written YYYY-MM-DD, not "yesterday"');
	});

	it("prints today's values with a note in a shallow clone and without git", async () => {
		const shallow = await cli(['history', 'load_balancer.timeout_seconds', '--env', 'production', '--root', repo.shallowClone(1)]);
		expect(shallow.code).toBe(0);
		expect(shallow.stderr).toBe(
			'envparity history: This is a shallow clone: history before 2024-02-03 is not available, so a value may be older than its first commit shown.\n',
		);
		expect(shallow.stdout).toContain('2024-02-03');
		expect(shallow.stdout).not.toContain('2024-01-10');

		const plain = mkdtempSync(join(tmpdir(), 'envparity-nogit-'));
		for (const [path, text] of Object.entries(baseline())) {
			mkdirSync(dirname(join(plain, path)), { recursive: true });
			writeFileSync(join(plain, path), text);
		}
		const none = await cli(['history', 'load_balancer.timeout_seconds', '--env', 'production', '--root', plain]);
		expect(none.code).toBe(0);
		expect(none.stderr).toBe('envparity history: History is not available (git is missing or this is not a git repository).\n');
		expect(none.stdout).toBe('load_balancer.timeout_seconds\n\nproduction (environments/production.yaml)\n  today    120\n');
	});
});
