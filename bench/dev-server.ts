// Starts `astro dev` over a content repository on a free loopback port, for the bench's "dev edit"
// figure and the dev-server test. The server runs in a process group of its own, so that stopping
// it also stops whatever it started; a server left running is killed when this process exits.
// Astro runs one dev server per project folder (its lock and its data store are in .astro/), so the
// bench and the tests take turns, and wait for a developer's own `npm run dev` to stop.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const ASTRO = fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url));
const HOST = '127.0.0.1';
const ASTRO_LOCK = join(PROJECT, '.astro', 'dev.json');
const TURN = join(PROJECT, '.astro', 'envparity-dev-turn.json');

/** A running dev server. */
export interface DevServer {
	/** The server's address, e.g. `http://127.0.0.1:41234`. */
	url: string;
	/** Fetches a page; `status` 0 when the server did not answer. */
	fetchPage(path: string): Promise<{ status: number; text: string }>;
	/** Fetches a page until `accept` holds for it; throws after `timeoutMs` or when the server exits, with its output. */
	waitForPage(
		path: string,
		accept: (page: { status: number; text: string }) => boolean,
		timeoutMs?: number,
	): Promise<{ status: number; text: string }>;
	/** What the server printed so far (the last 200 KB). */
	output(): string;
	/** The server process's peak resident memory so far, in MiB (Linux), or NaN. */
	peakMiB(): number;
	/** Stops the server and everything it started; resolves once it has exited. */
	stop(): Promise<void>;
}

/** A free TCP port on the loopback address. */
async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, HOST, () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** The process id in a lock file, if that process still runs. */
function livePid(file: string): number | undefined {
	try {
		const { pid } = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown };
		if (typeof pid !== 'number') return undefined;
		process.kill(pid, 0);
		return pid;
	} catch (error) {
		// EPERM: the process runs, under another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM' ? (JSON.parse(readFileSync(file, 'utf8')) as { pid: number }).pid : undefined;
	}
}

/** Waits until no other dev server of the project runs, then takes the turn; returns how to give it back. */
async function takeTurn(timeoutMs: number): Promise<() => void> {
	mkdirSync(dirname(TURN), { recursive: true });
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const other = livePid(ASTRO_LOCK) ?? livePid(TURN);
		if (other === undefined) {
			// A turn left by a process that has gone is free.
			rmSync(TURN, { force: true });
			try {
				writeFileSync(TURN, JSON.stringify({ pid: process.pid }), { flag: 'wx' });
				return () => rmSync(TURN, { force: true });
			} catch {
				// Another process took the turn first.
			}
		} else if (performance.now() > deadline) {
			throw new Error(
				`another astro dev server of this project (process ${other}) still runs after ${timeoutMs / 1000} s; Astro runs one per project folder, so stop it and try again.`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/**
 * Starts `astro dev` on the project with `ENVPARITY_ROOT=root` and a fresh cache (Vite's optimised
 * dependencies) that goes when it stops; it listens once its first content sync is done, so wait for a
 * page with `waitForPage`. `env` adds to the environment.
 */
export async function startDevServer(root: string, env: Record<string, string> = {}, timeoutMs = 600_000): Promise<DevServer> {
	const giveBack = await takeTurn(timeoutMs);
	const port = await freePort();
	const cache = mkdtempSync(join(tmpdir(), 'envparity-dev-cache-'));
	// Vitest exposes Vite's own variables (BASE_URL, MODE…) in process.env; a real server never sees them.
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(name)),
	);
	const child = spawn(process.execPath, [ASTRO, 'dev', '--port', String(port), '--host', HOST], {
		cwd: PROJECT,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...inherited,
			ENVPARITY_ROOT: root,
			ENVPARITY_CACHE_DIR: cache,
			ASTRO_TELEMETRY_DISABLED: '1',
			ASTRO_DISABLE_UPDATE_CHECK: 'true',
			NO_COLOR: '1',
			FORCE_COLOR: '0',
			...env,
		},
	});
	let printed = '';
	const keep = (chunk: Buffer): void => {
		printed = (printed + chunk.toString('utf8')).slice(-200_000);
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	let exited = false;
	const exit = new Promise<void>((resolve) =>
		child.on('exit', () => {
			exited = true;
			resolve();
		}),
	);
	// Never leave a server behind, even when the caller throws or is interrupted.
	const killGroup = (signal: NodeJS.Signals): void => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// Already gone.
		}
	};
	const onExit = (): void => {
		killGroup('SIGKILL');
		giveBack();
	};
	// The server is not in this process's group, so an interrupt from the terminal does not reach it.
	const onSignal = (signal: NodeJS.Signals): void => {
		killGroup('SIGKILL');
		rmSync(cache, { recursive: true, force: true });
		giveBack();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	process.on('exit', onExit);
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	const stop = async (): Promise<void> => {
		process.off('exit', onExit);
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		if (!exited) {
			killGroup('SIGTERM');
			const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
			await exit;
			clearTimeout(timer);
		}
		// Anything the server started in its group goes too.
		killGroup('SIGKILL');
		rmSync(cache, { recursive: true, force: true });
		giveBack();
	};
	const url = `http://${HOST}:${port}`;
	const fetchPage = async (path: string): Promise<{ status: number; text: string }> => {
		try {
			const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(120_000) });
			return { status: response.status, text: await response.text() };
		} catch {
			return { status: 0, text: '' };
		}
	};
	const waitForPage = async (
		path: string,
		accept: (page: { status: number; text: string }) => boolean,
		limit = timeoutMs,
	): Promise<{ status: number; text: string }> => {
		const deadline = performance.now() + limit;
		for (;;) {
			if (exited) throw new Error(`the dev server exited before ${path} was ready:\n${printed.slice(-4000)}`);
			const page = await fetchPage(path);
			if (accept(page)) return page;
			if (performance.now() > deadline)
				throw new Error(`${path} was not ready after ${limit / 1000} s (last status ${page.status}):\n${printed.slice(-4000)}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	};
	const server: DevServer = {
		url,
		fetchPage,
		waitForPage,
		stop,
		output: () => printed,
		peakMiB: () => {
			try {
				const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
				return kb ? Number(kb) / 1024 : Number.NaN;
			} catch {
				return Number.NaN;
			}
		},
	};
	return server;
}
