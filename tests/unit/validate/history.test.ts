import { describe, expect, it } from 'vitest';
import { analyzeRoot } from '../../../src/lib/engine.ts';
import { fake } from '../../helpers/fake-secrets.ts';
import { GitRepo } from '../../helpers/git-repo.ts';
import { baseline, NOW } from '../../helpers/repo.ts';

/** The baseline with production's Redis pool at `pool` and the redis-pool change's production step as written. */
function files(pool: number, productionStep: string, extra: Record<string, string> = {}): Record<string, string> {
	const files = baseline();
	files['environments/production.yaml'] = files['environments/production.yaml']!.replace('pool_size: 20', `pool_size: ${pool}`);
	files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace(
		'production: { status: applied, date: 2024-02-22 }',
		`production: ${productionStep}`,
	);
	return { ...files, ...extra };
}

/** The history warnings of a repository, as `file:line:col code` and their messages. */
async function historyProblems(root: string) {
	const { problems } = await analyzeRoot(root, { now: NOW });
	const found = problems.filter((p) =>
		['change-applied-not-recorded', 'change-applied-date-mismatch', 'secret-in-history'].includes(p.code),
	);
	return found.map((p) => ({ at: `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`, message: p.message }));
}

describe('propagation checked against history', () => {
	it('warns when a change is recorded pending in an environment whose file has held its value since a commit', async () => {
		const repo = new GitRepo();
		repo.commit('Start the wiki', files(10, 'pending'), '2024-02-20');
		const raise = repo.commit(
			'Raise the Redis pool in production',
			{ 'environments/production.yaml': files(20, 'pending')['environments/production.yaml']! },
			'2024-02-28',
		);
		expect(await historyProblems(repo.root)).toEqual([
			{
				at: 'changes/redis-pool.md:10:3 warning change-applied-not-recorded',
				message: `"Increase Redis connection pool" is recorded as pending in production, but environments/production.yaml has held redis.pool_size = 20 since commit ${raise.slice(0, 7)} on 2024-02-28 ("Raise the Redis pool in production", by Ana); record it as production: { status: applied, date: 2024-02-28 }.`,
			},
		]);
	});

	it('says when the file took the value before the change was written, and counts an unlisted environment as pending', async () => {
		const repo = new GitRepo();
		const unlisted = (pool: number) => {
			const all = files(pool, 'pending');
			all['changes/redis-pool.md'] = all['changes/redis-pool.md']!.replace(/ {2}production: pending\n/, '');
			return all;
		};
		repo.commit('Start the wiki', unlisted(10), '2024-02-10');
		const raise = repo.commit('Raise the pool early', unlisted(20), '2024-02-15');
		const [problem] = await historyProblems(repo.root);
		expect(problem!.at).toBe('changes/redis-pool.md:7:1 warning change-applied-not-recorded');
		expect(problem!.message).toContain('pending in production (it is not listed, so it counts as pending)');
		expect(problem!.message).toContain(
			`since commit ${raise.slice(0, 7)} on 2024-02-15 ("Raise the pool early", by Ana) (before the change's own date, 2024-02-20: if it needed no change there, record it as skipped with a note)`,
		);
	});

	it('does not report a pending change whose value the file has held since its first commit: that says nothing of when it was applied', async () => {
		const repo = new GitRepo();
		repo.commit('Start the wiki', files(20, 'pending'), '2024-02-21');
		expect(await historyProblems(repo.root)).toEqual([]);
	});

	it('follows an environment file renamed with its old id kept as an alias', async () => {
		const repo = new GitRepo();
		const start = files(10, 'pending');
		const production = (pool: number, alias = '') =>
			files(pool, 'pending')['environments/production.yaml']!.replace('stage: production\n', `stage: production\n${alias}`);
		repo.commit(
			'Start the wiki',
			{ ...start, 'environments/production.yaml': null, 'environments/prod.yaml': production(10) },
			'2024-02-20',
		);
		const raise = repo.commit('Raise the pool in prod', { 'environments/prod.yaml': production(20) }, '2024-02-26');
		repo.commit(
			'Rename prod to production',
			{ 'environments/prod.yaml': null, 'environments/production.yaml': production(20, 'aliases: [prod]\n') },
			'2024-02-28',
		);
		const [problem] = await historyProblems(repo.root);
		expect(problem!.message).toContain(
			`but environments/production.yaml has held redis.pool_size = 20 since commit ${raise.slice(0, 7)} on 2024-02-26 ("Raise the pool in prod", by Ana)`,
		);
	});

	it('is silent while the file does not hold the value, and once the step is recorded applied on the day of the commit', async () => {
		const repo = new GitRepo();
		repo.commit('Start the wiki', files(10, 'pending'), '2024-02-20');
		expect(await historyProblems(repo.root)).toEqual([]);
		repo.commit('Raise the pool', files(20, '{ status: applied, date: 2024-02-26 }'), '2024-02-28');
		expect(await historyProblems(repo.root)).toEqual([]);
	});

	it('warns about an applied date far from the commit that put the value in the file', async () => {
		const repo = new GitRepo();
		repo.commit('Start the wiki', files(10, 'pending'), '2024-02-20');
		const raise = repo.commit('Raise the pool', files(20, '{ status: applied, date: 2024-02-22 }'), '2024-04-15');
		expect(await historyProblems(repo.root)).toEqual([
			{
				at: 'changes/redis-pool.md:10:40 warning change-applied-date-mismatch',
				message: `"Increase Redis connection pool" is recorded as applied in production on 2024-02-22, but environments/production.yaml took redis.pool_size = 20 with commit ${raise.slice(0, 7)} on 2024-04-15 ("Raise the pool", by Ana), 53 days later (more than applied_date_tolerance_days, 7); correct the date, or raise applied_date_tolerance_days in envparity.config.yaml if the file is committed long before or after a deployment.`,
			},
		]);
	});

	it('takes how far is far from applied_date_tolerance_days', async () => {
		const repo = new GitRepo();
		repo.commit('Start the wiki', files(10, 'pending', { 'envparity.config.yaml': 'applied_date_tolerance_days: 60\n' }), '2024-02-20');
		repo.commit('Raise the pool', files(20, '{ status: applied, date: 2024-02-22 }'), '2024-04-15');
		expect(await historyProblems(repo.root)).toEqual([]);
	});

	it('does not contradict an applied date earlier than the commit that added the file: the value may have been deployed first', async () => {
		const repo = new GitRepo();
		repo.commit('Start the wiki', baseline(), '2024-05-01');
		expect(await historyProblems(repo.root)).toEqual([]);
	});

	it('does not judge applied dates from the first commit of a shallow clone', async () => {
		const repo = new GitRepo();
		repo.commit('Start the wiki', files(10, 'pending'), '2024-02-20');
		repo.commit('Raise the pool', files(20, '{ status: applied, date: 2024-01-01 }'), '2024-04-15');
		expect((await historyProblems(repo.root)).map((p) => p.at)).toEqual([
			'changes/redis-pool.md:10:40 warning change-applied-date-mismatch',
		]);
		expect(await historyProblems(repo.shallowClone(1))).toEqual([]);
	});
});

describe('secrets in history', () => {
	it('warns about a secret committed and later replaced by a reference, naming the file and the commit, and masks it', async () => {
		const repo = new GitRepo();
		const start = baseline();
		const withKey = (value: string) =>
			start['environments/production.yaml']!.replace('settings:\n', `settings:\n  stripe: { secret_key: "${value}" }\n`);
		repo.commit('Start the wiki', start, '2024-01-10');
		const leak = repo.commit('Add the Stripe key', { 'environments/production.yaml': withKey(fake.stripeSecret) }, '2024-01-12');
		repo.commit('Use a reference', { 'environments/production.yaml': withKey('${STRIPE_SECRET_KEY}') }, '2024-01-13');
		const { problems } = await analyzeRoot(repo.root, { now: NOW });
		const found = problems.filter((p) => p.code === 'secret-in-history');
		expect(found.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`)).toEqual([
			'environments/production.yaml:5:13 warning secret-in-history',
		]);
		expect(found[0]!.message).toBe(
			`environments/production.yaml held a Stripe secret key (sk_l… (32 characters)) at stripe.secret_key in commit ${leak.slice(0, 7)} on 2024-01-12 ("Add the Stripe key", by Ana); git keeps every commit, so anyone with the repository can read it: rotate it now, and keep only a reference such as \${SECRET_NAME} in the file.`,
		);
		// Carried for the masks of every output, never in the message.
		expect(found[0]!.secret).toBe(fake.stripeSecret);
		expect(JSON.stringify(found.map(({ secret: _, ...rest }) => rest))).not.toContain(fake.stripeSecret);
	});

	it('finds a literal under a key named like a credential, and a secret in a file that no longer exists', async () => {
		const repo = new GitRepo();
		repo.commit('Start the wiki', baseline(), '2024-01-10');
		const leak = repo.commit(
			'Add qa',
			{ 'environments/qa.yaml': 'name: QA\nstage: staging\nsettings:\n  db: { password: "correct-horse-battery" }\n' },
			'2024-01-12',
		);
		repo.commit('Remove qa', { 'environments/qa.yaml': null }, '2024-01-13');
		const found = (await historyProblems(repo.root)).filter((p) => p.at.endsWith('secret-in-history'));
		expect(found).toEqual([
			{
				at: 'environments/qa.yaml:1:1 warning secret-in-history',
				message: expect.stringContaining(
					`environments/qa.yaml held a literal under "password" (corr… (21 characters)) at db.password in commit ${leak.slice(0, 7)}`,
				),
			},
		]);
	});

	it('reports a private key once, whether read from the file text (indented) or as a value', async () => {
		const repo = new GitRepo();
		const start = baseline();
		const block = fake.privateKey
			.split('\n')
			.map((line) => `      ${line}`)
			.join('\n');
		repo.commit('Start the wiki', start, '2024-01-10');
		const leak = repo.commit(
			'Add the TLS key',
			{
				'environments/production.yaml': start['environments/production.yaml']!.replace(
					'settings:\n',
					`settings:\n  tls:\n    key: |\n${block}\n`,
				),
			},
			'2024-01-12',
		);
		repo.commit('Remove it', { 'environments/production.yaml': start['environments/production.yaml']! }, '2024-01-13');
		const found = (await historyProblems(repo.root)).filter((p) => p.at.endsWith('secret-in-history'));
		expect(found.map((p) => p.at)).toEqual(['environments/production.yaml:4:1 warning secret-in-history']);
		expect(found[0]!.message).toContain(`held a private key (----… (`);
		expect(found[0]!.message).toContain(`at tls.key in commit ${leak.slice(0, 7)}`);
	});

	it('finds a secret that an earlier version of a change held, in its body or under a credential key of its settings', async () => {
		const repo = new GitRepo();
		const start = baseline();
		const change = start['changes/redis-pool.md']!;
		repo.commit('Start the wiki', start, '2024-02-20');
		const leak = repo.commit(
			'Note the key',
			{
				'changes/redis-pool.md': change
					.replace('settings: { redis.pool_size: 20 }', 'settings: { redis.pool_size: 20, redis.password: "correct-horse-battery" }')
					.replace('The pool was too small.', `The pool was too small. Stripe: ${fake.stripeSecret}`),
			},
			'2024-02-21',
		);
		repo.commit('Clean it', { 'changes/redis-pool.md': change }, '2024-02-22');
		const found = (await historyProblems(repo.root)).filter((p) => p.at.endsWith('secret-in-history'));
		expect(found.map((p) => p.at)).toEqual([
			'changes/redis-pool.md:1:1 warning secret-in-history',
			'changes/redis-pool.md:1:1 warning secret-in-history',
		]);
		const messages = found.map((p) => p.message).join('\n');
		expect(messages).toContain(
			`changes/redis-pool.md held a Stripe secret key (sk_l… (32 characters)) in commit ${leak.slice(0, 7)} on 2024-02-21`,
		);
		expect(messages).toContain(
			`changes/redis-pool.md held a literal under "password" (corr… (21 characters)) in commit ${leak.slice(0, 7)}`,
		);
		expect(messages).not.toContain(fake.stripeSecret);
		// A change committed once, as it is today, costs no reading of its blobs.
		const { readValueHistory } = await import('../../../src/lib/load/value-history.ts');
		expect((await readValueHistory(repo.root)).superseded.map((v) => v.path)).toEqual(['changes/redis-pool.md', 'changes/redis-pool.md']);
	});

	it("leaves a secret that today's file still holds to the secret-value error", async () => {
		const repo = new GitRepo();
		const start = baseline();
		start['environments/production.yaml'] = start['environments/production.yaml']!.replace(
			'settings:\n',
			`settings:\n  stripe: { key: "${fake.stripeSecret}" }\n`,
		);
		repo.commit('Start the wiki', start, '2024-01-10');
		const { problems } = await analyzeRoot(repo.root, { now: NOW });
		expect(problems.filter((p) => p.code.startsWith('secret')).map((p) => p.code)).toEqual(['secret-value']);
	});
});
