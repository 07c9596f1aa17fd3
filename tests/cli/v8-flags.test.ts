import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const FLAGS = fileURLToPath(new URL('../../bin/v8-flags.mjs', import.meta.url));

/** A script that starts itself with the command's garbage-collector flags, then says how it runs. */
function script(): string {
	const file = join(mkdtempSync(join(tmpdir(), 'envparity-v8-flags-')), 'run.mjs');
	writeFileSync(
		file,
		`import { startWith, YOUNG_GENERATION, OLD_GENERATION_GROWTH } from ${JSON.stringify(pathToFileURL(FLAGS).href)};
startWith([YOUNG_GENERATION, OLD_GENERATION_GROWTH]);
const { readFileSync } = await import('node:fs');
process.stdout.write(JSON.stringify({ pid: process.pid, execArgv: process.execArgv, args: process.argv.slice(2), stdin: readFileSync(0, 'utf8') }));
`,
	);
	return file;
}

function run(nodeArgs: string[], env: Record<string, string> = {}) {
	const result = spawnSync(process.execPath, [...nodeArgs, script(), 'check', 'two words', '--root', '.'], {
		encoding: 'utf8',
		input: 'from stdin',
		env: { ...process.env, NODE_OPTIONS: '', ...env },
	});
	// What the inspector says of itself, when a test starts one, is all the script may print there.
	expect(result.stderr.replace(/^(Debugger listening on|Debugger ending on|For help, see).*\n/gm, '')).toBe('');
	return { spawned: result.pid, ...(JSON.parse(result.stdout) as { pid: number; execArgv: string[]; args: string[]; stdin: string }) };
}

describe.skipIf(typeof process.execve !== 'function')("the command's garbage-collector flags", () => {
	it('start the same process again with the flags, its arguments and its standard input', () => {
		const ran = run([]);
		expect(ran.execArgv).toEqual(['--max-semi-space-size=16', '--heap-growing-percent=100']);
		// The same process: the pid that the test started is the one that runs with the flags.
		expect(ran.pid).toBe(ran.spawned);
		expect(ran.args).toEqual(['check', 'two words', '--root', '.']);
		expect(ran.stdin).toBe('from stdin');
	});

	it('leave a flag the user gives, on the command line or in NODE_OPTIONS, as given', () => {
		expect(run(['--max-semi-space-size=4']).execArgv).toEqual(['--heap-growing-percent=100', '--max-semi-space-size=4']);
		expect(run([], { NODE_OPTIONS: '--max-semi-space-size=4' }).execArgv).toEqual(['--heap-growing-percent=100']);
		expect(run(['--max-semi-space-size=4', '--heap-growing-percent=50']).execArgv).toEqual([
			'--max-semi-space-size=4',
			'--heap-growing-percent=50',
		]);
	});

	it('go on as they are under a debugger, which starting again would detach', () => {
		const ran = run(['--inspect=127.0.0.1:0']);
		expect(ran.execArgv).toEqual(['--inspect=127.0.0.1:0']);
		expect(ran.pid).toBe(ran.spawned);
	});
});
