import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on the loopback address, for a server a test starts. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** A program on the PATH or in one of `folders`, or undefined. */
export function findProgram(name: string, folders: readonly string[] = []): string | undefined {
	for (const folder of [...(process.env.PATH ?? '').split(':'), ...folders]) {
		const path = join(folder, name);
		if (folder && existsSync(path)) return path;
	}
	return undefined;
}

/** Debian's PostgreSQL server programs (/usr/lib/postgresql/<version>/bin), newest first. */
export function postgresBinFolders(): string[] {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return [];
	return readdirSync(base)
		.sort((a, b) => Number(b) - Number(a))
		.map((version) => join(base, version, 'bin'));
}

/** Whether this process runs as root, so that PostgreSQL must be started as another user. */
export const isRoot = process.getuid?.() === 0;

/** The uid and gid of a system user, or undefined. */
export function userIds(name: string): { uid: number; gid: number } | undefined {
	const run = (flag: string) => spawnSync('id', [flag, name], { encoding: 'utf8' });
	const uid = run('-u');
	const gid = run('-g');
	if (uid.status !== 0 || gid.status !== 0) return undefined;
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs a program, as `user` when given (through runuser), and returns its output; throws with its output on failure. */
export function runAs(user: string | undefined, program: string, args: readonly string[]): string {
	const [command, argv] = user ? ['runuser', ['-u', user, '--', program, ...args]] : [program, [...args]];
	try {
		return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
	} catch (error) {
		const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
		throw new Error(`${program} ${args.join(' ')} failed:\n${stdout}${stderr}`);
	}
}
