/**
 * Runs a command with the example's demo clock: when neither ENVPARITY_NOW nor SOURCE_DATE_EPOCH is
 * set and the content root (ENVPARITY_ROOT, or the current folder) holds an `example-clock` file,
 * the command runs with ENVPARITY_NOW set to the date that file names, and says so on stderr.
 * npm run build, dev and check go through it, so the example wiki is judged on the day its
 * team would have seen it; a team's own content (with the file deleted) is judged by the real clock.
 *
 * Usage: node scripts/example-clock.ts COMMAND [ARGS…]
 */
import { spawn } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The file, at the content root, that holds the example's demo date. */
export const CLOCK_FILE = 'example-clock';

/** The demo date an `example-clock` file names: its first line that is not blank or a # comment, YYYY-MM-DD. */
export function readDemoDate(text: string): string | null {
	const line = text
		.split('\n')
		.map((l) => l.trim())
		.find((l) => l !== '' && !l.startsWith('#'));
	return line && /^\d{4}-\d{2}-\d{2}$/.test(line) && !Number.isNaN(Date.parse(line)) ? line : null;
}

/** The environment a command runs with: the caller's, plus ENVPARITY_NOW from the demo clock where it applies. */
export function withExampleClock(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; note: string | null } {
	if (env.ENVPARITY_NOW?.trim() || env.SOURCE_DATE_EPOCH?.trim()) return { env, note: null };
	const file = join(resolve(env.ENVPARITY_ROOT || '.'), CLOCK_FILE);
	let text: string;
	try {
		// A plain file only: a link could lead out of the content root.
		if (!lstatSync(file).isFile()) return { env, note: null };
		text = readFileSync(file, 'utf8');
	} catch {
		return { env, note: null };
	}
	const date = readDemoDate(text);
	if (!date) return { env, note: `envparity: ${CLOCK_FILE} names no date written YYYY-MM-DD; using the real clock.` };
	return {
		env: { ...env, ENVPARITY_NOW: date },
		note: `envparity: the example's demo clock: judged as of ${date} (${CLOCK_FILE}); delete that file for your own content.`,
	};
}

if (import.meta.main) {
	const [command, ...args] = process.argv.slice(2);
	if (!command) {
		console.error('usage: node scripts/example-clock.ts COMMAND [ARGS…]');
		process.exit(2);
	}
	const { env, note } = withExampleClock(process.env);
	if (note) console.error(note);
	const child = spawn(command === 'node' ? process.execPath : command, args, { stdio: 'inherit', env });
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
	child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
