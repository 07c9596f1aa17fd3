import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main.ts';

/** The folder of a fixture repository. */
export function fixture(name: string): string {
	return fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url));
}

/** Runs the CLI in-process with a fixed clock and captures what it prints. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
	let stdout = '';
	let stderr = '';
	const code = await runCli(args, {
		stdout: (t) => (stdout += t),
		stderr: (t) => (stderr += t),
		env: { ENVPARITY_NOW: '2024-06-01', ...env },
		cwd: fileURLToPath(new URL('../..', import.meta.url)),
	});
	return { code, stdout, stderr };
}
