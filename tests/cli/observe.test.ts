import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/cli.ts';
import { html, json, silent, startHttpServer, type TestHttpServer } from '../helpers/http-server.ts';
import { postgresMissing, startPostgres, type PostgresServer } from '../helpers/postgres.ts';
import { redisMissing, startRedis, type RedisServer } from '../helpers/redis.ts';
import { fake } from '../helpers/fake-secrets.ts';
import { freePort } from '../helpers/servers.ts';

/** A copy of a fixture in a temporary folder, since observe writes into it. */
function copyFixture(name: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'envparity-observe-'));
	cpSync(fixture(name), dir, { recursive: true });
	return dir;
}

const copies: string[] = [];
afterEach(() => {
	for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repository(): string {
	const dir = copyFixture('observe-services');
	copies.push(dir);
	return dir;
}

const observations = (dir: string) => readFileSync(join(dir, 'observations/production.json'), 'utf8');
const problemLines = (stdout: string, code: string) => stdout.split('\n').filter((line) => line.includes(` ${code}: `));

let http: TestHttpServer;
beforeAll(async () => {
	http = await startHttpServer({
		'/version': json({ version: '2.4.1', runtime: { node: '20.11.1' } }),
		'/slow': silent,
		'/login': html('<!doctype html><title>Sign in</title>'),
		'/leaky': json({ version: fake.githubPat, runtime: { node: '20.11.1' }, db: { password: 'hunter2-Leaked-99' } }),
	});
});
afterAll(() => http?.close());

describe.skipIf(postgresMissing || redisMissing)('envparity observe against a real PostgreSQL, Redis and HTTP endpoint', () => {
	let postgres: PostgresServer;
	let redis: RedisServer;
	beforeAll(async () => {
		[postgres, redis] = await Promise.all([startPostgres({ max_connections: 37 }), startRedis({ 'maxmemory-policy': 'allkeys-lru' })]);
	}, 120_000);
	afterAll(async () => {
		postgres?.stop();
		await redis?.stop();
	});

	const services = (overrides: Record<string, string> = {}) => ({
		PAYMENTS_DB_URL: postgres.url(),
		REDIS_URL: redis.url(),
		VERSION_URL: http.url('/version'),
		...overrides,
	});

	it('writes what each service says, when, and which target, without a credential; check then warns where declared and observed differ', async () => {
		const dir = repository();
		const observed = await cli(['observe', '--root', dir], services());
		expect(observed.stderr).toBe('');
		expect(observed.code).toBe(0);
		const written = JSON.parse(observations(dir));
		expect(written).toEqual({
			observed_at: '2024-06-01T00:00:00.000Z',
			targets: [
				{
					kind: 'postgres',
					target: '${PAYMENTS_DB_URL}',
					server: `127.0.0.1:${postgres.port}/postgres`,
					values: { 'database.version': expect.stringMatching(/^\d+(\.\d+)+$/), 'database.max_connections': '37' },
				},
				{ kind: 'redis', target: '${REDIS_URL}', server: `127.0.0.1:${redis.port}`, values: { 'redis.maxmemory_policy': 'allkeys-lru' } },
				{
					kind: 'http',
					target: '${VERSION_URL}',
					server: http.url('/version'),
					values: { 'app.version': '2.4.1', 'runtime.node': '20.11.1' },
				},
			],
		});
		for (const text of [observations(dir), observed.stdout]) {
			expect(text).not.toContain(postgres.password);
			expect(text).not.toContain(redis.password);
			expect(text).not.toContain(postgres.user);
		}
		expect(observed.stdout).toContain(`postgres \${PAYMENTS_DB_URL} (127.0.0.1:${postgres.port}/postgres): 2 values`);

		const check = await cli(['check', '--root', dir]);
		expect(check.code).toBe(0);
		const version = written.targets[0].values['database.version'];
		expect(problemLines(check.stdout, 'observation-mismatch')).toEqual([
			`environments/production.yaml:18:24 warning observation-mismatch: database.version is declared 16.4, but postgres \${PAYMENTS_DB_URL} (127.0.0.1:${postgres.port}/postgres) reported ${version} on 2024-06-01 (observations/production.json); correct the declared value, or fix the service and run envparity observe again.`,
			`environments/production.yaml:18:49 warning observation-mismatch: database.max_connections is declared 100, but postgres \${PAYMENTS_DB_URL} (127.0.0.1:${postgres.port}/postgres) reported 37 on 2024-06-01 (observations/production.json); correct the declared value, or fix the service and run envparity observe again.`,
			`environments/production.yaml:19:30 warning observation-mismatch: redis.maxmemory_policy is declared noeviction, but redis \${REDIS_URL} (127.0.0.1:${redis.port}) reported allkeys-lru on 2024-06-01 (observations/production.json); correct the declared value, or fix the service and run envparity observe again.`,
		]);

		const exported = JSON.parse((await cli(['export', '--root', dir])).stdout);
		const production = exported.environments.find((e: { id: string }) => e.id === 'production');
		expect(production.verifiedBy).toBe('person');
		expect(production.observation).toMatchObject({
			file: 'observations/production.json',
			observedAt: '2024-06-01T00:00:00.000Z',
			ageDays: 0,
			stale: false,
			verified: false,
			failures: [],
		});
		expect(production.observation.values['database.max_connections']).toEqual({
			observed: '37',
			declared: 100,
			agrees: false,
			target: 'postgres ${PAYMENTS_DB_URL}',
		});
		expect(production.observation.values['app.version']).toMatchObject({ observed: '2.4.1', agrees: true });
	});

	it('counts an environment whose fresh observation matches every key as verified by observation, and warns once it is stale', async () => {
		const dir = repository();
		expect((await cli(['observe', 'production', '--root', dir], services())).code).toBe(0);
		const version = JSON.parse(observations(dir)).targets[0].values['database.version'];
		const file = join(dir, 'environments/production.yaml');
		writeFileSync(
			file,
			readFileSync(file, 'utf8')
				.replace('verified: { date: 2024-05-20, by: "@ana" }', 'verified: { date: 2024-01-02, by: "@ana" }')
				.replace('database: { version: "16.4", max_connections: 100 }', `database: { version: "${version}", max_connections: 37 }`)
				.replace('maxmemory_policy: noeviction', 'maxmemory_policy: allkeys-lru'),
		);
		const fresh = await cli(['check', '--root', dir]);
		expect(fresh.stdout).not.toMatch(/production\.yaml.*(verification-stale|observation-)/);
		const exported = JSON.parse((await cli(['export', '--root', dir])).stdout);
		const production = exported.environments.find((e: { id: string }) => e.id === 'production');
		expect(production).toMatchObject({ verifiedBy: 'observation', verificationStale: false, verificationAgeDays: 151 });
		expect(production.observation.ageDays).toBe(0);
		expect(production.observation.verified).toBe(true);

		const later = await cli(['check', '--root', dir], { ENVPARITY_NOW: '2024-08-01' });
		expect(problemLines(later.stdout, 'observation-stale')).toEqual([
			'observations/production.json:2:17 warning observation-stale: Production was last observed 61 days ago (on 2024-06-01), more than stale_after_days (30); run envparity observe production.',
		]);
		expect(problemLines(later.stdout, 'verification-stale')).toContain(
			'environments/production.yaml:3:19 warning verification-stale: Production was last verified 212 days ago (on 2024-01-02), more than stale_after_days (30); check its settings and update verified.date.',
		);
	});

	it('records refused authentication as data, exits 1, never prints or stores the password, and check warns naming the target', async () => {
		const dir = repository();
		const wrong = 'Wrong-Pass-0a9b8c7d';
		const observed = await cli(['observe', '--root', dir], services({ PAYMENTS_DB_URL: postgres.url(wrong), REDIS_URL: redis.url(wrong) }));
		expect(observed.code).toBe(1);
		expect(observed.stderr).toBe('envparity observe: 2 targets could not be read in full; the observations record why.\n');
		const written = observations(dir);
		for (const text of [written, observed.stdout, observed.stderr]) {
			expect(text).not.toContain(wrong);
			expect(text).not.toContain(postgres.password);
		}
		expect(JSON.parse(written).targets[0]).toEqual({
			kind: 'postgres',
			target: '${PAYMENTS_DB_URL}',
			server: `127.0.0.1:${postgres.port}/postgres`,
			values: {},
			error: `password authentication failed for user "${postgres.user}"`,
		});
		const check = await cli(['check', '--root', dir]);
		expect(problemLines(check.stdout, 'observation-failed')[0]).toBe(
			`observations/production.json:9:13 warning observation-failed: postgres \${PAYMENTS_DB_URL} (127.0.0.1:${postgres.port}/postgres) could not be read on 2024-06-01: password authentication failed for user "${postgres.user}"; check the target and its connection, then run envparity observe production.`,
		);
		expect(check.stdout).not.toContain(wrong);
	});
});

describe('envparity observe when targets fail', () => {
	it('records an unreachable port, an endpoint that times out and one that answers HTML, exits 1 and never hangs', async () => {
		const dir = repository();
		const port = await freePort();
		const started = Date.now();
		const observed = await cli(['observe', '--root', dir, '--timeout', '0.5'], {
			PAYMENTS_DB_URL: `postgresql://app:Secret-Pw-55aa66bb@127.0.0.1:${port}/app`,
			REDIS_URL: `redis://:Secret-Pw-55aa66bb@127.0.0.1:${port}`,
			VERSION_URL: http.url('/slow'),
		});
		expect(Date.now() - started).toBeLessThan(5000);
		expect(observed.code).toBe(1);
		const targets = JSON.parse(observations(dir)).targets;
		expect(targets.map((t: { error?: string }) => t.error)).toEqual([
			`connect ECONNREFUSED 127.0.0.1:${port}`,
			`connect ECONNREFUSED 127.0.0.1:${port}`,
			// The target's own timeout (2 s) wins over --timeout.
			'did not answer within 2 s',
		]);
		expect(observations(dir) + observed.stdout + observed.stderr).not.toContain('Secret-Pw-55aa66bb');

		const page = await cli(['observe', '--root', dir], { VERSION_URL: http.url('/login') });
		expect(page.code).toBe(1);
		expect(JSON.parse(observations(dir)).targets[2].error).toBe(
			'answered text/html, not JSON; point the target at an address that answers application/json',
		);
		expect(JSON.parse(observations(dir)).targets[0].error).toBe(
			'PAYMENTS_DB_URL is not set in the environment of envparity observe; set it to the connection string',
		);
	}, 30_000);

	it('records a JSON pointer that the response does not have', async () => {
		const dir = repository();
		const file = join(dir, 'environments/production.yaml');
		writeFileSync(file, readFileSync(file, 'utf8').replace('runtime.node: /runtime/node', 'runtime.node: /runtime/nodejs'));
		const observed = await cli(['observe', '--root', dir], { VERSION_URL: http.url('/version') });
		expect(observed.code).toBe(1);
		expect(observed.stdout).toContain('    runtime.node: the response has no value at the JSON pointer /runtime/nodejs\n');
		const check = await cli(['check', '--root', dir]);
		expect(problemLines(check.stdout, 'observation-failed')).toContain(
			`observations/production.json:24:21 warning observation-failed: runtime.node could not be read from http \${VERSION_URL} (${http.url('/version')}) on 2024-06-01: the response has no value at the JSON pointer /runtime/nodejs; check what the target reads.`,
		);
	});

	it('never stores a value that looks like a credential, or one under a key named like one', async () => {
		const dir = repository();
		const file = join(dir, 'environments/production.yaml');
		writeFileSync(
			file,
			readFileSync(file, 'utf8').replace('runtime.node: /runtime/node', 'runtime.node: /runtime/node\n      app.db_password: /db/password'),
		);
		const observed = await cli(['observe', '--root', dir], { VERSION_URL: http.url('/leaky') });
		expect(observed.code).toBe(1);
		const target = JSON.parse(observations(dir)).targets[2];
		expect(target.values).toEqual({ 'runtime.node': '20.11.1' });
		expect(target.errors).toEqual({
			'app.version': 'not stored: the value looks like a GitHub personal access token',
			'app.db_password': 'not stored: the key is named like a credential',
		});
		for (const text of [observations(dir), observed.stdout, observed.stderr]) {
			expect(text).not.toContain(fake.githubPat);
			expect(text).not.toContain('hunter2-Leaked-99');
		}
	});

	it('never connects with, writes or prints a connection string written in the environment file', async () => {
		const dir = repository();
		const file = join(dir, 'environments/production.yaml');
		const written = 'postgresql://app:S3cret-Passw0rd-77@127.0.0.1:1/app';
		writeFileSync(file, readFileSync(file, 'utf8').replace('postgres: ${PAYMENTS_DB_URL}', `postgres: ${written}`));
		const observed = await cli(['observe', '--root', dir], { VERSION_URL: http.url('/version') });
		expect(observed.code).toBe(1);
		const target = JSON.parse(observations(dir)).targets[0];
		expect(target.values).toEqual({});
		expect(target.error).toMatch(/is not a reference envparity observe can resolve/);
		for (const text of [observations(dir), observed.stdout, observed.stderr]) expect(text).not.toContain('S3cret-Passw0rd-77');
	});

	it.each([
		[['--timeout', 'soon'], '--timeout must be a number of seconds above 0 and at most 120, not "soon".'],
		[['--timeout', '0'], '--timeout must be a number of seconds above 0 and at most 120, not "0".'],
		[['prod'], '"prod" is not an environment (did you mean "production"?); environments: staging, production.'],
		[['staging'], 'staging lists no observe targets; add observe: to environments/staging.yaml or name another environment.'],
	])('exits 2 on a usage error: %j', async (args, message) => {
		const dir = repository();
		const result = await cli(['observe', ...args, '--root', dir]);
		expect(result.code).toBe(2);
		expect(result.stderr.split('\n')[0]).toBe(`envparity observe: ${message}`);
		expect(existsSync(join(dir, 'observations'))).toBe(false);
	});

	it('refuses to write through an observations folder that is a symbolic link (exit 2), and check never follows it', async () => {
		const dir = repository();
		const outside = mkdtempSync(join(tmpdir(), 'envparity-outside-'));
		copies.push(outside);
		writeFileSync(join(outside, 'production.json'), '{"observed_at": "2024-06-01T00:00:00.000Z", "targets": []}');
		symlinkSync(outside, join(dir, 'observations'));
		const result = await cli(['observe', '--root', dir], { VERSION_URL: http.url('/version') });
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'envparity observe: observations is a symbolic link, and observe writes only into a real observations/ folder of the content root; remove it, then run observe again.\n',
		);
		expect(readdirSync(outside)).toEqual(['production.json']);
		const check = await cli(['check', '--root', dir]);
		expect(check.stdout).toContain(
			'observations/:1:1 error observation-invalid: observations/ is a symbolic link, which is never followed; observations are files that envparity observe writes: delete the link and run it.',
		);
	});

	it('prints its usage with --help, and is listed among the commands', async () => {
		const help = await cli(['observe', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout.split('\n')[0]).toBe('Usage: envparity observe [ENV…] [--root DIR] [--timeout SECONDS]');
		expect((await cli(['--help'])).stdout).toMatch(/^ {2}observe {4}Read the running services/m);
	});

	it('exits 2 when no environment lists observe targets', async () => {
		const result = await cli(['observe', '--root', fixture('valid-minimal')]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('no environment lists observe targets');
	});
});
