import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram, freePort, isRoot, postgresBinFolders, runAs, userIds } from './servers.ts';

const INITDB = findProgram('initdb', postgresBinFolders());
const PG_CTL = findProgram('pg_ctl', postgresBinFolders());

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export const postgresMissing: string | undefined =
	!INITDB || !PG_CTL
		? 'PostgreSQL tests skipped: initdb and pg_ctl are not installed. Install them with "apt-get install -y postgresql" (.ci/run does).'
		: isRoot && !userIds('postgres')
			? 'PostgreSQL tests skipped: running as root, and there is no "postgres" user to run the server as. Install "postgresql" with apt, which creates it.'
			: undefined;

if (postgresMissing) console.warn(postgresMissing);

/** A PostgreSQL server a test started on a loopback port, with one user who logs in with a password. */
export interface PostgresServer {
	port: number;
	user: string;
	password: string;
	/** A connection string for the server's `postgres` database. */
	url(password?: string): string;
	/** Stops the server and removes its folder; safe to call twice. */
	stop(): void;
}

const running = new Set<PostgresServer>();
// A test run that ends early (a failure, an interrupt) stops its servers too: no postmaster outlives the tests.
process.once('exit', () => {
	for (const server of running) server.stop();
});

/**
 * Starts a throw-away PostgreSQL (Debian's initdb and pg_ctl) on a free loopback port, in a temporary
 * folder, with password authentication and the settings given (`max_connections: 37`). As root the
 * server runs as the `postgres` user, who owns the folder.
 */
export async function startPostgres(settings: Record<string, string | number> = {}): Promise<PostgresServer> {
	if (postgresMissing) throw new Error(postgresMissing);
	const user = 'envparity';
	const password = 'pg-test-Secret-7f3a9c';
	const folder = mkdtempSync(join(tmpdir(), 'envparity-pg-'));
	const runUser = isRoot ? 'postgres' : undefined;
	if (runUser) {
		const ids = userIds(runUser)!;
		chownSync(folder, ids.uid, ids.gid);
	}
	chmodSync(folder, 0o700);
	const data = join(folder, 'data');
	const passwordFile = join(folder, 'password');
	writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
	if (runUser) {
		const ids = userIds(runUser)!;
		chownSync(passwordFile, ids.uid, ids.gid);
	}
	const port = await freePort();
	runAs(runUser, INITDB!, ['-D', data, '-U', user, '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '--no-sync', '-E', 'UTF8']);
	const options = [
		`-p ${port}`,
		"-c listen_addresses='127.0.0.1'",
		`-c unix_socket_directories='${folder}'`,
		'-c fsync=off',
		...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
	].join(' ');
	let stopped = false;
	const server: PostgresServer = {
		port,
		user,
		password,
		url: (given = password) => `postgresql://${user}:${encodeURIComponent(given)}@127.0.0.1:${port}/postgres`,
		stop() {
			if (stopped) return;
			stopped = true;
			running.delete(server);
			try {
				runAs(runUser, PG_CTL!, ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} catch {
				// Not running (it failed to start): nothing to stop.
			}
			rmSync(folder, { recursive: true, force: true });
		},
	};
	running.add(server);
	try {
		runAs(runUser, PG_CTL!, ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', '-t', '60', 'start']);
	} catch (error) {
		server.stop();
		throw error;
	}
	return server;
}
