import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPEN_CONNECTIONS, observeTargets } from '../../../src/lib/observe/observe-targets.ts';
import type { ObserveTargetData } from '../../../src/lib/schema/observe.ts';
import { html, json, silent, startHttpServer, type TestHttpServer } from '../../helpers/http-server.ts';
import { postgresMissing, startPostgres, type PostgresServer } from '../../helpers/postgres.ts';
import { redisMissing, startRedis, type RedisServer } from '../../helpers/redis.ts';
import { freePort } from '../../helpers/servers.ts';

describe.skipIf(postgresMissing)('observing a real PostgreSQL', () => {
	let server: PostgresServer;
	beforeAll(async () => {
		server = await startPostgres({ max_connections: 37 });
	}, 120_000);
	afterAll(() => server?.stop());

	const target: ObserveTargetData = {
		postgres: '${DB_URL}',
		settings: {
			'database.version': 'server_version',
			'database.max_connections': 'max_connections',
			'database.nope': 'no_such_setting',
			'database.ssl': 'ssl_passphrase_command',
		},
	};

	it('reads the version number and the settings over one connection, and says which setting does not exist', async () => {
		const [observed] = await observeTargets([target], { env: { DB_URL: server.url() } });
		expect(observed).toEqual({
			kind: 'postgres',
			target: '${DB_URL}',
			server: `127.0.0.1:${server.port}/postgres`,
			values: { 'database.version': expect.stringMatching(/^\d+\.\d+$/), 'database.max_connections': '37' },
			errors: {
				'database.nope': 'PostgreSQL has no setting "no_such_setting"',
				'database.ssl': '"ssl_passphrase_command" may hold a credential, which envparity never reads',
			},
		});
	});

	it('records refused authentication without the password or the connection string', async () => {
		const wrong = 'Wrong-Password-9d8e7f';
		const [observed] = await observeTargets([target], { env: { DB_URL: server.url(wrong) } });
		expect(observed!.values).toEqual({});
		expect(observed!.error).toBe(`password authentication failed for user "${server.user}"`);
		expect(JSON.stringify(observed)).not.toContain(wrong);
		expect(JSON.stringify(observed)).not.toContain(server.url(wrong));
	});
});

describe.skipIf(redisMissing)('observing a real Redis', () => {
	let server: RedisServer;
	beforeAll(async () => {
		server = await startRedis({ 'maxmemory-policy': 'allkeys-lru' });
	}, 60_000);
	afterAll(() => server?.stop());

	const target: ObserveTargetData = {
		redis: '${REDIS_URL}',
		settings: {
			'redis.version': 'redis_version',
			'redis.maxmemory_policy': 'maxmemory-policy',
			'redis.auth': 'requirepass',
			'redis.nope': 'no-such-parameter',
		},
	};

	it('reads INFO fields and CONFIG parameters, and never a credential parameter', async () => {
		const [observed] = await observeTargets([target], { env: { REDIS_URL: server.url() } });
		expect(observed).toEqual({
			kind: 'redis',
			target: '${REDIS_URL}',
			server: `127.0.0.1:${server.port}`,
			values: { 'redis.version': expect.stringMatching(/^\d+\.\d+\.\d+$/), 'redis.maxmemory_policy': 'allkeys-lru' },
			errors: {
				'redis.auth': '"requirepass" holds a credential, which envparity never reads',
				'redis.nope': 'Redis has no INFO field or CONFIG parameter "no-such-parameter"',
			},
		});
		expect(JSON.stringify(observed)).not.toContain(server.password);
	});

	it('records refused authentication without the password', async () => {
		const wrong = 'Wrong-Password-1a2b3c';
		const [observed] = await observeTargets([target], { env: { REDIS_URL: server.url(wrong) } });
		expect(observed!.values).toEqual({});
		expect(observed!.error).toMatch(/WRONGPASS|invalid username-password/);
		expect(JSON.stringify(observed)).not.toContain(wrong);
	});
});

describe('observing HTTP endpoints on a loopback port', () => {
	let server: TestHttpServer;
	beforeAll(async () => {
		server = await startHttpServer({
			'/version': json({ version: '2.4.1', runtime: { node: '20.11.1' }, 'a/b': true }),
			'/slow': silent,
			'/login': html('<!doctype html><title>Sign in</title>'),
			'/broken': (_, response) => response.writeHead(503, { 'content-type': 'application/json' }).end('{}'),
			'/plain': (_, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('{"version": "3.0.0"}'),
			'/vendor': (_, response) => response.writeHead(200, { 'content-type': 'application/vnd.acme.v3+json' }).end('{"version": "3.0.1"}'),
			'/garbled': (_, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('version=3'),
			'/moved': (_, response) => response.writeHead(302, { location: '/version' }).end(),
		});
	});
	afterAll(() => server?.close());

	it('reads JSON pointers, and says which pointer is missing', async () => {
		const [observed] = await observeTargets(
			[
				{
					http: server.url('/version'),
					settings: { 'app.version': '/version', 'runtime.node': '/runtime/node', 'app.flag': '/a~1b', 'app.region': '/region' },
				},
			],
			{ env: {} },
		);
		expect(observed).toEqual({
			kind: 'http',
			target: server.url('/version'),
			server: server.url('/version'),
			values: { 'app.version': '2.4.1', 'runtime.node': '20.11.1', 'app.flag': true },
			errors: { 'app.region': 'the response has no value at the JSON pointer /region' },
		});
	});

	it('gives up on an endpoint that does not answer within the timeout, and never hangs', async () => {
		const started = Date.now();
		const [observed] = await observeTargets([{ http: server.url('/slow'), settings: { v: '/version' }, timeout: 0.3 }], { env: {} });
		expect(observed!.error).toBe('did not answer within 0.3 s');
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('follows no redirect, and never reads a cloud metadata or link-local address', async () => {
		const observed = await observeTargets(
			[
				server.url('/moved'),
				'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
				'http://metadata.google.internal/computeMetadata/v1/',
				'${FTP_URL}',
			].map((http) => ({ http, settings: { v: '/version' } })),
			{ env: { FTP_URL: 'ftp://example.com/version' } },
		);
		expect(observed.map((o) => o.error)).toEqual([
			'answered a redirect (HTTP 302); point the target at the address that answers JSON',
			"169.254.169.254 is a link-local or cloud metadata address, which hands out the machine's credentials; observe never reads it",
			"metadata.google.internal is a link-local or cloud metadata address, which hands out the machine's credentials; observe never reads it",
			'the address is a ftp address; observe reads http and https only',
		]);
	});

	it('reads JSON served as text/plain or a vendor JSON type, and records a plain body that is not JSON', async () => {
		const observed = await observeTargets(
			['/plain', '/vendor', '/garbled'].map((path) => ({ http: server.url(path), settings: { v: '/version' } })),
			{ env: {} },
		);
		expect(observed.map((o) => o.values.v ?? o.error)).toEqual(['3.0.0', '3.0.1', 'answered a body that is not valid JSON']);
	});

	it('records an HTML answer and an error status as not JSON', async () => {
		const observed = await observeTargets(
			[
				{ http: server.url('/login'), settings: { v: '/version' } },
				{ http: server.url('/broken'), settings: { v: '/version' } },
			],
			{ env: {} },
		);
		expect(observed.map((o) => o.error)).toEqual([
			'answered text/html, not JSON; point the target at an address that answers application/json',
			'answered HTTP 503 Service Unavailable, not JSON',
		]);
	});
});

describe('targets that cannot be reached or resolved', () => {
	it('records an unreachable port for each kind, in parallel, without hanging', async () => {
		const port = await freePort();
		const observed = await observeTargets(
			[
				{ postgres: '${DB_URL}', settings: { v: 'server_version' } },
				{ redis: '${REDIS_URL}', settings: { v: 'redis_version' } },
				{ http: `http://127.0.0.1:${port}/version`, settings: { v: '/version' } },
			],
			{
				env: { DB_URL: `postgresql://u:Pw-123456789@127.0.0.1:${port}/db`, REDIS_URL: `redis://:Pw-123456789@127.0.0.1:${port}` },
				timeoutSeconds: 2,
			},
		);
		for (const o of observed) expect(o.error).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
		expect(JSON.stringify(observed)).not.toContain('Pw-123456789');
	});

	it('gives up on a server that accepts the connection and never answers, for each kind, and closes the connection', async () => {
		const sockets = new Set<Socket>();
		const server = createServer((socket) => {
			// Read what the client sends (and so see it close), never answer.
			socket.resume();
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		try {
			const started = Date.now();
			const observed = await observeTargets(
				[
					{ postgres: '${DB_URL}', settings: { v: 'server_version' }, timeout: 0.5 },
					{ redis: '${REDIS_URL}', settings: { v: 'redis_version' }, timeout: 0.5 },
					{ http: `http://127.0.0.1:${port}/version`, settings: { v: '/version' }, timeout: 0.5 },
				],
				{ env: { DB_URL: `postgresql://u:Pw-0011223344@127.0.0.1:${port}/db`, REDIS_URL: `redis://:Pw-0011223344@127.0.0.1:${port}` } },
			);
			expect(Date.now() - started).toBeLessThan(3000);
			for (const o of observed) expect(o.error, o.kind).toMatch(/did not answer within 0\.5 s|timeout/i);
			expect(JSON.stringify(observed)).not.toContain('Pw-0011223344');
			// Every client closed its connection when it gave up.
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(sockets.size).toBe(0);
		} finally {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('opens at most MAX_OPEN_CONNECTIONS connections at once, and keeps the order of the targets', async () => {
		let open = 0;
		let most = 0;
		const server = await startHttpServer({
			'/version': (request, response) => {
				open++;
				most = Math.max(most, open);
				setTimeout(() => {
					open--;
					json({ version: new URL(request.url!, 'http://x').searchParams.get('n') })(request, response);
				}, 50);
			},
		});
		try {
			const targets = Array.from({ length: 40 }, (_, n) => ({ http: server.url(`/version?n=${n}`), settings: { v: '/version' } }));
			const observed = await observeTargets(targets, { env: {} });
			expect(observed.map((o) => o.values.v)).toEqual(targets.map((_, n) => String(n)));
			expect(most).toBe(MAX_OPEN_CONNECTIONS);
		} finally {
			await server.close();
		}
	});

	it('records a reference whose variable is not set, and one that observe cannot resolve', async () => {
		const observed = await observeTargets(
			[
				{ postgres: '${UNSET_DB_URL}', settings: { v: 'server_version' } },
				{ redis: 'vault:secret/redis#url', settings: { v: 'redis_version' } },
			],
			{ env: {} },
		);
		expect(observed.map((o) => o.error)).toEqual([
			'UNSET_DB_URL is not set in the environment of envparity observe; set it to the connection string',
			'"vault:secret/redis#url" is not a reference envparity observe can resolve; write ${VAR} and set VAR in the environment of envparity observe (resolve vault:, ssm: or op:// references into a variable first)',
		]);
	});
});
