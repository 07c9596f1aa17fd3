#!/usr/bin/env node
// `npm run build`: validates the content first, exactly as `envparity check` does, and builds the
// site only when there is no error. The site is built into a temporary folder and moved into
// place at the end, so a failed build never leaves a half-published site.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
	process.stderr.write(
		`envparity needs Node.js 24 or newer; this is Node.js ${process.versions.node}.\nRun "npm ci" first and build with "npm run build": the project pins Node 24 as a dependency.\n`,
	);
	process.exit(2);
}
process.env.ASTRO_TELEMETRY_DISABLED = '1';
const { runBuild } = await import('../src/cli/build.ts');
process.exitCode = await runBuild({
	stdout: (t) => process.stdout.write(t),
	stderr: (t) => process.stderr.write(t),
	env: process.env,
	cwd: process.cwd(),
});
