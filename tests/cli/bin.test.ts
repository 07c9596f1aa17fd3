import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/cli.ts';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

function run(node: string, args: string[]) {
	return spawnSync(node, ['bin/envparity.mjs', ...args], {
		cwd: PROJECT,
		encoding: 'utf8',
		env: { ...process.env, ENVPARITY_NOW: '2024-06-01' },
	});
}

/** A Node.js older than 24 on this machine, if there is one (Debian's system Node is 20). */
function oldNode(): string | undefined {
	for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
		try {
			const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
			if (Number(version.slice(1).split('.')[0]) < 24) return candidate;
		} catch {
			// not installed
		}
	}
	return undefined;
}

describe('the envparity executable', () => {
	it('runs check as a process and exits 1 on errors, printing no stack trace', () => {
		const result = run(process.execPath, ['check', '--root', fixture('six-errors')]);
		expect(result.status).toBe(1);
		expect(result.stdout).toContain('6 errors, 3 warnings in 7 files');
		expect(result.stderr).toBe('');
	});

	it.skipIf(!oldNode())('refuses an old Node.js with a clear message', () => {
		const result = run(oldNode()!, ['check']);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('envparity needs Node.js 24 or newer');
	});
});
