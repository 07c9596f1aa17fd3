import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/cli.ts';

describe('envparity export', () => {
	it('prints the computed model in the documented shape', async () => {
		const { code, stdout } = await cli(['export', '--root', fixture('valid-minimal')]);
		expect(code).toBe(0);
		const doc = JSON.parse(stdout);
		expect(doc.generatedAt).toBe('2024-06-01T00:00:00.000Z');
		expect(doc.pipeline).toEqual(['dev', 'staging', 'production']);
		expect(doc.environments[2]).toMatchObject({
			id: 'production',
			name: 'Production',
			stage: 'production',
			verified: { date: '2024-04-01', by: '@ana' },
			verificationStale: true,
		});
		expect(doc.matrix.find((r: { key: string }) => r.key === 'redis.version')).toEqual({
			key: 'redis.version',
			values: { dev: '7.2.4', staging: '7.0.11', production: '7.0.11' },
			sources: {},
			status: 'drift',
			skew: 'minor',
			difference: null,
		});
		expect(doc.matrix.find((r: { key: string }) => r.key === 'database.engine')).toMatchObject({
			status: 'documented',
			difference: 'database.engine',
			skew: null,
		});
		expect(doc.changes[0]).toMatchObject({
			id: 'redis-pool',
			state: 'in-progress',
			pending: ['production'],
			stalled: true,
			outOfOrder: false,
			propagation: {
				dev: { status: 'applied', date: '2024-05-01' },
				staging: { status: 'applied', date: '2024-05-02', by: '@ana' },
				production: { status: 'pending' },
			},
		});
		expect(doc.issues[0]).toMatchObject({
			id: 'payment-timeout',
			status: 'resolved',
			severity: 'high',
			environments: ['production'],
			productionOnly: true,
		});
		expect(doc.problems[0]).toEqual({
			file: 'changes/redis-pool.md',
			line: 11,
			column: 3,
			severity: 'warning',
			code: 'change-stalled',
			message: expect.any(String),
		});
		expect(doc).toMatchSnapshot();
	});

	it('exits 1 when the content has errors, still printing the document', async () => {
		const { code, stdout, stderr } = await cli(['export', '--root', fixture('six-errors')]);
		expect(code).toBe(1);
		expect(JSON.parse(stdout).summary.errors).toBe(6);
		expect(stderr).toContain('6 errors');
	});
});

describe('envparity diff', () => {
	it('lists the keys where two environments differ, side by side', async () => {
		const { code, stdout } = await cli(['diff', 'dev', 'production', '--root', fixture('valid-minimal')]);
		expect(code).toBe(0);
		expect(stdout).toMatchInlineSnapshot(`
			"dev → production: 4 keys differ (3 drift, 1 documented, 0 missing)

			KEY              DEV      PRODUCTION  STATUS      SKEW
			database.engine  sqlite   postgresql  documented
			redis.pool_size  20       10          drift
			redis.version    7.2.4    7.0.11      drift       minor
			runtime.node     18.19.0  18.17.1     drift       minor
			"
		`);
	});

	it('lists every key with --all, as JSON with --format json', async () => {
		const { stdout } = await cli(['diff', 'staging', 'production', '--all', '--format', 'json', '--root', fixture('valid-minimal')]);
		const rows = JSON.parse(stdout).rows;
		expect(rows.map((r: { key: string; status: string }) => `${r.key}=${r.status}`)).toEqual([
			'database.engine=same',
			'redis.pool_size=drift',
			'redis.version=same',
			'runtime.node=same',
		]);
	});

	it('exits 2 for an unknown environment, suggesting the closest', async () => {
		const { code, stderr } = await cli(['diff', 'dev', 'prod', '--root', fixture('valid-minimal')]);
		expect(code).toBe(2);
		expect(stderr).toContain('"prod" is not an environment (did you mean "production"?)');
	});
});
