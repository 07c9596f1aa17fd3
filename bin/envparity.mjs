#!/usr/bin/env node
// Entry point of the envparity command. Plain JavaScript, so that an old Node gets a clear message
// instead of a syntax error from the TypeScript sources it cannot run.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 24 || (major === 24 && minor < 0)) {
	process.stderr.write(
		`envparity needs Node.js 24 or newer; this is Node.js ${process.versions.node}.\n` +
			'Run it through npm ("npx envparity …" or "npm run …") after "npm ci": the project pins Node 24 as a dependency.\n',
	);
	process.exit(2);
}
// Thousands of files read and kept while many times as much dies young: a young generation of 16 MB a half copies fewer
// survivors (bin/v8-flags.mjs).
const { startWith, YOUNG_GENERATION } = await import('./v8-flags.mjs');
startWith([YOUNG_GENERATION]);
// Cache compiled (and type-stripped) modules between runs: a check in a pull request stays fast.
(await import('node:module')).enableCompileCache?.();
const { bundled } = await import('./bundle.mjs');
const { runCli } = await import(bundled('envparity')?.href ?? '../src/cli/main.ts');
const out = (stream) => (text) => stream.write(text);
try {
	process.exitCode = await runCli(process.argv.slice(2), {
		stdout: out(process.stdout),
		stderr: out(process.stderr),
		env: process.env,
		cwd: process.cwd(),
	});
} catch (error) {
	process.stderr.write(
		`envparity: an internal error occurred (${error?.message ?? error}); please report it with the command you ran. Set ENVPARITY_DEBUG=1 for details.\n`,
	);
	if (process.env.ENVPARITY_DEBUG) process.stderr.write(`${error?.stack}\n`);
	process.exitCode = 3;
}
