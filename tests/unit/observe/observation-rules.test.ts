import { describe, expect, it } from 'vitest';
import { analyzeFiles, baseline, dedent, problemKeys } from '../../helpers/repo.ts';

/** The baseline with production observing a PostgreSQL and an HTTP endpoint. */
function observed(observe = OBSERVE): Record<string, string> {
	return {
		...baseline(),
		'environments/production.yaml': dedent(`
			name: Production
			stage: production
			verified: { date: 2024-02-20, by: "@ana" }
			observe:
			${observe}
			settings:
			  runtime: { node: "18.17.1" }
			  redis: { version: "7.0.11", pool_size: 20 }
			  database: { engine: postgresql }
			  load_balancer: { timeout_seconds: 120 }
		`),
	};
}

const OBSERVE = dedent(`
	  - http: https://pay.example.com/version
	    settings:
	      runtime.node: /runtime/node
	  - redis: \${REDIS_URL}
	    settings:
	      redis.pool_size: maxclients
`)
	.split('\n')
	.join('\n\t\t\t');

/** An observations file as envparity observe writes it. */
function observation(values: { node?: unknown; pool?: unknown }, extra: { observedAt?: string; error?: string } = {}): string {
	return `${JSON.stringify(
		{
			observed_at: extra.observedAt ?? '2024-02-28T06:00:00.000Z',
			targets: [
				{
					kind: 'http',
					target: 'https://pay.example.com/version',
					server: 'https://pay.example.com/version',
					values: values.node === undefined ? {} : { 'runtime.node': values.node },
					...(values.node === undefined
						? { errors: { 'runtime.node': 'the response has no value at the JSON pointer /runtime/node' } }
						: {}),
				},
				{
					kind: 'redis',
					target: '${REDIS_URL}',
					server: 'cache.internal:6379',
					values: extra.error ? {} : { 'redis.pool_size': values.pool ?? '20' },
					...(extra.error ? { error: extra.error } : {}),
				},
			],
		},
		null,
		'\t',
	)}\n`;
}

const warnings = (files: Record<string, string>, now?: Date) =>
	problemKeys(analyzeFiles(files, now)).filter((key) => /observation-|verification-|invalid-|secret-/.test(key));

describe('observations against declared values', () => {
	it('has no problem when the latest observation agrees with every declared value', () => {
		expect(warnings({ ...observed(), 'observations/production.json': observation({ node: '18.17.1', pool: 20 }) })).toEqual([]);
	});

	it('warns at the declared value when an observation differs, naming both values and the day', () => {
		const analysis = analyzeFiles({ ...observed(), 'observations/production.json': observation({ node: '20.11.1' }) });
		const mismatch = analysis.problems.filter((p) => p.code === 'observation-mismatch');
		expect(mismatch.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`)).toEqual([
			'environments/production.yaml:13:20 warning runtime.node is declared 18.17.1, but http https://pay.example.com/version reported 20.11.1 on 2024-02-28 (observations/production.json); correct the declared value, or fix the service and run envparity observe again.',
		]);
	});

	it('warns when the observation is older than stale_after_days', () => {
		expect(
			warnings({
				...observed(),
				'observations/production.json': observation({ node: '18.17.1', pool: 20 }, { observedAt: '2024-01-02T06:00:00.000Z' }),
			}),
		).toEqual(['observations/production.json:2:17 warning observation-stale']);
	});

	it('warns at the recorded error of a target that failed, and of a key that was not read', () => {
		const analysis = analyzeFiles({
			...observed(),
			'observations/production.json': observation({}, { error: 'connect ECONNREFUSED 10.0.0.5:6379' }),
		});
		const failed = analysis.problems.filter((p) => p.code === 'observation-failed');
		expect(failed.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([
			'observations/production.json:10:21 runtime.node could not be read from http https://pay.example.com/version on 2024-02-28: the response has no value at the JSON pointer /runtime/node; check what the target reads.',
			'observations/production.json:18:13 redis ${REDIS_URL} (cache.internal:6379) could not be read on 2024-02-28: connect ECONNREFUSED 10.0.0.5:6379; check the target and its connection, then run envparity observe production.',
		]);
	});

	it('counts a fresh, matching observation as verification, in place of a stale one by a person', () => {
		const files = observed();
		files['environments/production.yaml'] = files['environments/production.yaml']!.replace('date: 2024-02-20', 'date: 2023-06-01');
		expect(warnings(files)).toEqual(['environments/production.yaml:3:19 warning verification-stale']);
		const analysis = analyzeFiles({ ...files, 'observations/production.json': observation({ node: '18.17.1', pool: 20 }) });
		expect(problemKeys(analysis).filter((k) => k.includes('production'))).toEqual([]);
		expect(analysis.model.freshness.get('production')).toEqual({ stale: false, ageDays: 274, byObservation: true });
		expect(analysis.model.observations.get('production')!.ageDays).toBe(2);
		const production = analysis.model.observations.get('production')!;
		expect(production.verified).toBe(true);
		expect(production.settings.get('redis.pool_size')).toMatchObject({ observed: 20, declared: 20, agrees: true });
	});

	it('does not count an observation that misses a listed key, or failed, as verification', () => {
		const analysis = analyzeFiles({ ...observed(), 'observations/production.json': observation({ pool: 20 }) });
		expect(analysis.model.observations.get('production')!.verified).toBe(false);
		expect(analysis.model.freshness.get('production')!.byObservation).toBeUndefined();
	});
});

describe('observations files that envparity observe did not write', () => {
	it('reports a file that is not JSON at the parser’s line and column', () => {
		const analysis = analyzeFiles({
			...observed(),
			'observations/production.json': '{\n\t"observed_at": "2024-02-28T06:00:00.000Z",\n\t"targets": [,]\n}\n',
		});
		const invalid = analysis.problems.filter((p) => p.code === 'observation-invalid');
		expect(invalid.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity}`)).toEqual(['observations/production.json:3:14 error']);
		expect(invalid[0]!.message).toBe(
			"observations/production.json is not valid JSON (Unexpected token ','); run envparity observe again to rewrite it, or fix the JSON.",
		);
	});

	it('reports a field of the wrong shape where it is', () => {
		const text = observation({ node: '18.17.1', pool: 20 }).replace(
			'"observed_at": "2024-02-28T06:00:00.000Z"',
			'"observed_at": "yesterday"',
		);
		expect(warnings({ ...observed(), 'observations/production.json': text })).toEqual([
			'observations/production.json:2:17 error observation-invalid',
		]);
	});

	it('reports observations of an environment that does not exist', () => {
		const analysis = analyzeFiles({ ...observed(), 'observations/prod.json': observation({ node: '18.17.1' }) });
		expect(
			analysis.problems.filter((p) => p.code === 'observation-invalid').map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`),
		).toEqual([
			'observations/prod.json:1:1 observations/prod.json names no environment: "prod" is not an environment (did you mean "production"?); rename the file after an environment id, or delete it.',
		]);
	});
});

describe('observe targets in environment files', () => {
	const target = (line: string) => observed(`  - ${line}\n\t\t\t    settings:\n\t\t\t      database.max_connections: max_connections`);

	it('accepts a reference', () => {
		expect(warnings(target('postgres: ${PAYMENTS_DB_URL}'))).toEqual([]);
	});

	it('rejects a connection string written in the file, and masks its password', () => {
		const analysis = analyzeFiles(target('postgres: postgresql://app:S3cret-Passw0rd@db.internal:5432/app'));
		expect(problemKeys(analysis).filter((k) => /invalid-value|secret-/.test(k))).toEqual([
			'environments/production.yaml:5:15 error invalid-value',
			'environments/production.yaml:5:15 error secret-value',
		]);
		for (const p of analysis.problems) expect(p.message).not.toContain('S3cret-Passw0rd');
	});

	it('rejects an http target that is neither an address nor a reference', () => {
		expect(warnings(target('http: pay.example.com/version'))).toEqual(['environments/production.yaml:5:11 error invalid-value']);
	});

	it('rejects a key observed by two targets', () => {
		const files = observed(
			`  - redis: \${REDIS_URL}\n\t\t\t    settings:\n\t\t\t      redis.version: redis_version\n\t\t\t  - http: https://cache.example.com/info\n\t\t\t    settings:\n\t\t\t      redis.version: /redis/version`,
		);
		expect(warnings(files).concat(problemKeys(analyzeFiles(files)).filter((k) => k.includes('setting-conflict')))).toEqual([
			'environments/production.yaml:10:7 error setting-conflict',
		]);
	});

	it('rejects an observed key named like a credential', () => {
		const files = observed(`  - redis: \${REDIS_URL}\n\t\t\t    settings:\n\t\t\t      redis.password: requirepass`);
		// The secret rules also read the key: a literal under it is a secret-literal.
		expect(warnings(files)).toEqual([
			'environments/production.yaml:7:7 error invalid-key',
			'environments/production.yaml:7:23 error secret-literal',
		]);
	});
});
