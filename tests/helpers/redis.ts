import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { findProgram, freePort } from './servers.ts';

const REDIS_SERVER = findProgram('redis-server', ['/usr/sbin', '/usr/bin']);

/** Why the Redis tests cannot run here, or undefined when they can. */
export const redisMissing: string | undefined = REDIS_SERVER
	? undefined
	: 'Redis tests skipped: redis-server is not installed. Install it with "apt-get install -y redis-server" (.ci/run does).';

if (redisMissing) console.warn(redisMissing);

/** A Redis server a test started on a loopback port. */
export interface RedisServer {
	port: number;
	password: string;
	/** A connection string with the password given (the right one by default). */
	url(password?: string): string;
	stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts a throw-away redis-server on a free loopback port, without persistence, with a password and
 * the CONFIG settings given (`maxmemory-policy: allkeys-lru`).
 */
export async function startRedis(settings: Record<string, string> = {}): Promise<RedisServer> {
	if (redisMissing) throw new Error(redisMissing);
	const port = await freePort();
	const password = 'redis-test-Secret-41b2e8';
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password];
	for (const [name, value] of Object.entries(settings)) args.push(`--${name}`, value);
	const child = spawn(REDIS_SERVER!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	running.add(child);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
		running.delete(child);
	};
	try {
		await waitForPort(port, 10_000);
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, password, url: (given = password) => `redis://:${encodeURIComponent(given)}@127.0.0.1:${port}`, stop };
}

/** Waits until something accepts connections on a loopback port. */
async function waitForPort(port: number, ms: number): Promise<void> {
	const until = Date.now() + ms;
	for (;;) {
		const open = await new Promise<boolean>((resolve) => {
			const socket = createConnection({ port, host: '127.0.0.1' });
			socket.once('connect', () => (socket.destroy(), resolve(true)));
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > until) throw new Error(`redis-server did not listen on 127.0.0.1:${port} within ${ms} ms`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
