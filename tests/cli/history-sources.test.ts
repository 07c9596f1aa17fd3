import { beforeAll, describe, expect, it } from 'vitest';
import { maskSecret } from '../../src/lib/diagnostics/secret-mask.ts';
import { cli } from '../helpers/cli.ts';
import { fake } from '../helpers/fake-secrets.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline } from '../helpers/repo.ts';

/** Production reading its payments settings from a Helm values file. */
const production = [
	'name: Production',
	'stage: production',
	'verified: { date: 2024-02-20, by: "@ana" }',
	'sources:',
	'  - file: deploy/values-production.yaml',
	'    at: payments',
	'',
].join('\n');

/** The values file, with a Stripe key written as a literal or as a reference. */
function values(replicas: number, stripe: string): string {
	return `replicaCount: ${replicas}\nstripe:\n  secret_key: "${stripe}"\n`;
}

const repo = new GitRepo();
const hashes: Record<string, string> = {};

beforeAll(() => {
	const { 'environments/production.yaml': _, 'changes/redis-pool.md': __, ...rest } = baseline();
	hashes.start = repo.commit(
		'Start the wiki',
		{ ...rest, 'environments/production.yaml': production, 'deploy/values-production.yaml': values(2, '${STRIPE_SECRET_KEY}') },
		'2024-01-10',
	);
	hashes.leak = repo.commit('Paste the Stripe key', { 'deploy/values-production.yaml': values(2, fake.stripeSecret) }, '2024-01-20');
	hashes.reference = repo.commit(
		'Use a reference again',
		{ 'deploy/values-production.yaml': values(3, '${STRIPE_SECRET_KEY}') },
		'2024-01-21',
	);
});

describe('envparity history of a key read from a source file', () => {
	it('names the values file on each line', async () => {
		const { code, stdout, stderr } = await cli(['history', 'payments.replicaCount', '--root', repo.root]);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const short = (name: string) => hashes[name]!.slice(0, 7);
		expect(stdout).toBe(
			[
				'payments.replicaCount',
				'',
				'production (environments/production.yaml)',
				`  2024-01-10  ${short('start')}  2  added    Ana  Start the wiki         (deploy/values-production.yaml)`,
				`  2024-01-21  ${short('reference')}  3  changed  Ana  Use a reference again  (deploy/values-production.yaml)`,
				'  today                3',
				'',
			].join('\n'),
		);
	});

	it('masks a secret a commit of the values file held, and check warns of it at the key in the values file', async () => {
		const text = await cli(['history', 'payments.stripe.secret_key', '--root', repo.root]);
		const json = await cli(['history', 'payments.stripe.secret_key', '--format', 'json', '--root', repo.root]);
		for (const output of [text.stdout, json.stdout]) {
			expect(output).not.toContain(fake.stripeSecret);
			expect(output).not.toContain(fake.stripeSecret.slice(8, 20));
		}
		expect(text.stdout).toContain(maskSecret(fake.stripeSecret));
		const timeline = JSON.parse(json.stdout).environments[0].timeline;
		expect(timeline.map((e: { subject: string; source: string }) => [e.subject, e.source])).toEqual([
			['Start the wiki', 'deploy/values-production.yaml'],
			['Paste the Stripe key', 'deploy/values-production.yaml'],
			['Use a reference again', 'deploy/values-production.yaml'],
		]);
		const check = await cli(['check', '--format', 'json', '--root', repo.root]);
		expect(check.stdout).not.toContain(fake.stripeSecret);
		const found = (
			JSON.parse(check.stdout) as { problems: { file: string; line: number; code: string; message: string }[] }
		).problems.filter((d) => d.code === 'secret-in-history');
		expect(found.map((d) => `${d.file}:${d.line}`)).toEqual(['deploy/values-production.yaml:3']);
		expect(found[0]!.message).toContain(
			`deploy/values-production.yaml held a Stripe secret key (${maskSecret(fake.stripeSecret)}) at payments.stripe.secret_key`,
		);
		expect(found[0]!.message).toContain(`in commit ${hashes.leak!.slice(0, 7)} on 2024-01-20`);
	});
});

describe('envparity history without sources', () => {
	it('prints exactly what it printed before sources had timelines, in text and JSON', async () => {
		const plain = new GitRepo();
		const start = plain.commit('Start the wiki', baseline(), '2024-01-10').slice(0, 7);
		const text = await cli(['history', 'redis.pool_size', '--env', 'dev', '--root', plain.root]);
		expect(text.stdout).toBe(
			`redis.pool_size\n\ndev (environments/dev.yaml)\n  2024-01-10  ${start}  20  added  Ana  Start the wiki\n  today                20\n`,
		);
		const json = await cli(['history', 'redis.pool_size', '--env', 'dev', '--format', 'json', '--root', plain.root]);
		expect(json.stdout).toBe(
			JSON.stringify(
				{
					key: 'redis.pool_size',
					environments: [
						{
							id: 'dev',
							file: 'environments/dev.yaml',
							current: true,
							now: 20,
							uncommitted: false,
							timeline: [
								{
									commit: plain.git('rev-parse', 'HEAD').trim(),
									date: '2024-01-10',
									author: 'Ana',
									subject: 'Start the wiki',
									event: 'added',
									value: 20,
								},
							],
						},
					],
				},
				null,
				2,
			) + '\n',
		);
	});
});
