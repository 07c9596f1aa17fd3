import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskSecret } from '../../src/lib/diagnostics/secret-mask.ts';
import { buildSite } from '../helpers/build.ts';
import { cli } from '../helpers/cli.ts';
import { fake } from '../helpers/fake-secrets.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline } from '../helpers/repo.ts';

// One planted secret of each kind. The repository is written into a temporary folder from parts, so
// that no file of this repository holds a literal a secret scanner would flag.
const planted = {
	privateKey: fake.privateKey,
	password: 'Tr0ub4dor-and-3-horses',
	stagingPassword: 'correct-horse-battery-staple',
	awsAccessKey: fake.awsAccessKey,
	githubToken: fake.githubPat,
	githubFineGrained: fake.githubFineGrained,
	githubServer: fake.githubServer,
	databaseUrl: fake.databaseUrl,
	stripeSecret: fake.stripeSecret,
	stripeRestricted: fake.stripeRestricted,
	slackToken: fake.slackBot,
	slackUser: fake.slackUser,
	slackWebhook: fake.slackWebhook,
	jwt: fake.jwt,
	pass: 'pa55-for-the-queue',
	pwd: 'pwd-of-the-ftp-user',
	passphrase: 'four random words here',
	credentials: 'user:s3cr3t-cr3dential',
	auth: 'Basic YWRtaW46aHVudGVyMg==',
	dbPass: 'hunter2',
};

/** What must never be printed: each secret whole, and each line of the private key's body. */
const forbidden: [string, string][] = Object.entries(planted).flatMap(([name, secret]) => [
	[name, secret] as [string, string],
	...secret
		.split('\n')
		.slice(1, -1)
		.map((line, i) => [`${name} line ${i + 2}`, line] as [string, string]),
]);

/** The baseline repository with the secrets planted in environment settings, a change and Markdown bodies. */
function withSecrets(): Record<string, string> {
	const files = baseline();
	const settings = (env: 'dev' | 'staging' | 'production'): string =>
		[
			'  load_balancer: { timeout_seconds: 120 }',
			// Keys with a different secret in production: the drift warning quotes every value, the longer ones cut short.
			`  db: { password: "${env === 'production' ? planted.password : planted.stagingPassword}", url: "${planted.databaseUrl}" }`,
			`  ci: { github_token: ${env === 'production' ? planted.githubFineGrained : planted.githubToken} }`,
			...(env === 'production'
				? [
						// Only in production: the missing-setting warning points at the same line as the secret.
						`  payments: { stripe_key: ${planted.stripeSecret} }`,
						'  tls:',
						'    key: |',
						...planted.privateKey.split('\n').map((line) => `      ${line}`),
						`  aws: { access_key_id: ${planted.awsAccessKey} }`,
						`  slack: { webhook: "${planted.slackWebhook}", bot: ${planted.slackToken} }`,
						`  api: { auth: "${planted.auth}", session: ${planted.jwt} }`,
						`  legacy: { pass: ${planted.pass}, pwd: ${planted.pwd}, passphrase: ${planted.passphrase}, credentials: "${planted.credentials}", db_pass: ${planted.dbPass} }`,
					]
				: []),
		].join('\n');
	for (const env of ['dev', 'staging', 'production'] as const) {
		const path = `environments/${env}.yaml`;
		files[path] = files[path]!.replace('  load_balancer: { timeout_seconds: 120 }', settings(env));
	}
	files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace(
		'settings: { redis.pool_size: 20 }',
		`settings: { redis.pool_size: 20, db.password: "${planted.password}" }\nverification: Checked with ${planted.githubServer}`,
	);
	files['issues/payment-timeout.md'] = files['issues/payment-timeout.md']!.replace(
		'Payments timed out.',
		`Payments timed out; the log showed ${planted.stripeRestricted}.`,
	);
	files['runbooks/payment-timeout.md'] = files['runbooks/payment-timeout.md']!.replace(
		'1. Check the load balancer.',
		`1. Check the load balancer.\n2. Post to Slack as ${planted.slackUser}.`,
	);
	return files;
}

function expectNoSecret(what: string, output: string): void {
	for (const [name, secret] of forbidden) expect(output.includes(secret), `${what} prints ${name}`).toBe(false);
}

/** Every file under a folder, with its text. */
function filesUnder(folder: string): [string, string][] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.map((name) => join(folder, name))
		.filter((path) => statSync(path).isFile())
		.map((path) => [path, readFileSync(path, 'latin1')]);
}

describe('secrets never leave', () => {
	// main holds the valid baseline; the pull request plants the secrets; "cleanup" removes them again.
	let repo: GitRepo;
	beforeAll(() => {
		repo = new GitRepo();
		repo.commit('Baseline', baseline());
		repo.git('checkout', '-q', '-b', 'pr');
		repo.commit('Plant secrets', withSecrets());
		repo.git('checkout', '-q', '-b', 'cleanup');
		repo.commit('Remove them', baseline());
		repo.git('checkout', '-q', 'pr');
	});

	const run = (args: string[]) => cli([...args, '--root', repo.root], { ENVPARITY_NOW: '2024-03-01' });

	it('finds every planted secret, and each as an error, so no secret is only a warning', async () => {
		const { problems } = JSON.parse((await run(['check', '--format', 'json'])).stdout) as {
			problems: { severity: string; code: string }[];
		};
		const secrets = problems.filter((p) => p.code.startsWith('secret-'));
		// Some appear more than once: the database URL in every environment, the password in production and in the change.
		expect(secrets.length).toBeGreaterThanOrEqual(Object.keys(planted).length);
		expect(secrets.every((p) => p.severity === 'error')).toBe(true);
		expect(problems.map((p) => p.code)).toEqual(expect.arrayContaining(['missing-setting', 'undocumented-drift', 'change-not-reflected']));
	});

	it.each([
		['check', ['check']],
		['check --format json', ['check', '--format', 'json']],
		['check --format github', ['check', '--format', 'github']],
		['check --format gitlab', ['check', '--format', 'gitlab']],
		['check --format bitbucket', ['check', '--format', 'bitbucket']],
		['check --strict', ['check', '--strict']],
		['export', ['export']],
		['diff', ['diff', 'staging', 'production']],
		['diff --all --format json', ['diff', 'staging', 'production', '--all', '--format', 'json']],
		['diff dev production', ['diff', 'dev', 'production', '--all']],
		['pr-report', ['pr-report', '--base', 'main']],
		['pr-report --format json', ['pr-report', '--base', 'main', '--format', 'json']],
		['pr-report of a pull request that removes them', ['pr-report', '--base', 'pr', '--head', 'cleanup']],
		['pr-report --format json of a pull request that removes them', ['pr-report', '--base', 'pr', '--head', 'cleanup', '--format', 'json']],
		['digest', ['digest']],
		['digest --format slack', ['digest', '--format', 'slack']],
		['digest --format teams', ['digest', '--format', 'teams']],
		['digest --format discord', ['digest', '--format', 'discord']],
	])('prints no secret: %s', async (name, args) => {
		const { code, stdout, stderr } = await run(args);
		expect(code, stderr).toBeLessThan(2);
		expect(stdout.length).toBeGreaterThan(0);
		expectNoSecret(name, stdout + stderr);
	});

	it('prints what it masks: the document, the table and the reports still show the keys, with masked values', async () => {
		const exported = JSON.parse((await run(['export'])).stdout);
		expect(exported.matrix.find((row: { key: string }) => row.key === 'db.password').values).toEqual({
			dev: maskSecret(planted.stagingPassword),
			staging: maskSecret(planted.stagingPassword),
			production: maskSecret(planted.password),
		});
		expect(exported.changes[0].verification).toBe(`Checked with ${maskSecret(planted.githubServer)}`);
		expect((await run(['diff', 'staging', 'production'])).stdout).toMatch(
			/db\.password\s+corr… \(28 characters\)\s+Tr0u… \(22 characters\)\s+drift/,
		);
		const text = (await run(['check'])).stdout;
		expect(text).toContain(`  payments: { stripe_key: ${'*'.repeat(planted.stripeSecret.length)} }`);
		const removed = (await run(['pr-report', '--base', 'pr', '--head', 'cleanup'])).stdout;
		expect(removed).toContain(`| production | \`legacy.db_pass\` | \`${maskSecret(planted.dbPass)}\` | — |`);
	});

	it('stops the build, printing no secret and writing no site', () => {
		const { status, stdout, stderr, outDir } = buildSite(repo.root);
		expect(status).toBe(1);
		expect(stderr).toContain('error secret-literal');
		expectNoSecret('the build', stdout + stderr);
		for (const [path, text] of filesUnder(outDir)) expectNoSecret(path, text);
		expect(existsSync(outDir)).toBe(false);
	}, 180_000);
});
