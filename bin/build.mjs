#!/usr/bin/env node
// `npm run build`: validates the content first, exactly as `envparity check` does, and builds the
// site only when there is no error. The site is built into a temporary folder and moved into
// place at the end, so a failed build never leaves a half-published site; it replaces only an
// output folder that an earlier build wrote.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
	process.stderr.write(
		`envparity needs Node.js 24 or newer; this is Node.js ${process.versions.node}.\nRun "npm ci" first and build with "npm run build": the project pins Node 24 as a dependency.\n`,
	);
	process.exit(2);
}
// Astro's bundling and rendering leave behind most of what they allocate: a young generation of 16 MB a half, and an old one
// that at most doubles between full collections, keep the peak near a plain Astro site's (bin/v8-flags.mjs).
const { startWith, YOUNG_GENERATION, OLD_GENERATION_GROWTH } = await import('./v8-flags.mjs');
startWith([YOUNG_GENERATION, OLD_GENERATION_GROWTH]);
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// The build, and the worker that reads the content, run from the bundle that npm ci wrote while it is current
// (bin/bundle.mjs), and from the sources otherwise.
const { bundled } = await import('./bundle.mjs');
const { runBuild } = await import(bundled('build')?.href ?? '../src/cli/build.ts');
try {
	process.exitCode = await runBuild(
		{
			stdout: (t) => process.stdout.write(t),
			stderr: (t) => process.stderr.write(t),
			env: process.env,
			cwd: process.cwd(),
		},
		{ worker: bundled('analysis-worker') },
	);
} catch (error) {
	process.stderr.write(
		`envparity build: an internal error occurred (${error?.message ?? error}); please report it with the command you ran. Set ENVPARITY_DEBUG=1 for details.\n`,
	);
	if (process.env.ENVPARITY_DEBUG) process.stderr.write(`${error?.stack}\n`);
	process.exitCode = 3;
}
