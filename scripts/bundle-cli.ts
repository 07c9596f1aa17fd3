// `npm ci` runs this (the `prepare` script): bundles the envparity command's TypeScript sources into one JavaScript
// module, bin/bundle/envparity.js, so that a command starts without Node type-stripping and resolving about two hundred
// modules (about 0.2 s of every `check` in a pull request). bin/envparity.mjs runs the bundle only while every source
// it was built from is unchanged (inputs.json lists them with their size and modification time); otherwise, or when
// this script could not run, it runs the sources themselves. Nothing else reads the bundle.
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(PROJECT, 'bin', 'bundle');

/** The folder of the bundle, relative to the project: bin/envparity.mjs reads it from there. */
export const BUNDLE_FOLDER = 'bin/bundle';

/** Writes the bundle and its list of inputs; returns how many source files went in. */
export async function bundleCli(): Promise<number> {
	const { build } = await import('esbuild');
	// Written beside, then moved into place: a command starting meanwhile finds the old bundle, the new one or none.
	const next = `${OUT}.${process.pid}`;
	rmSync(next, { recursive: true, force: true });
	mkdirSync(next, { recursive: true });
	const result = await build({
		// The command, and the worker in which the build reads the content (src/cli/build.ts runs it from here).
		entryPoints: {
			envparity: join(PROJECT, 'src', 'cli', 'main.ts'),
			'analysis-worker': join(PROJECT, 'src', 'lib', 'build', 'analysis-worker.ts'),
			// Started beside the analysis worker by src/lib/build/analysis-thread.ts.
			'go-pages-worker': join(PROJECT, 'src', 'lib', 'build', 'go-pages-worker.ts'),
			// `npm run build`'s own thread (bin/build.mjs), and the process in which it copies Mermaid's modules.
			build: join(PROJECT, 'src', 'cli', 'build.ts'),
			'copy-mermaid': join(PROJECT, 'src', 'lib', 'build', 'copy-mermaid.ts'),
			// Started beside the build by startPageWriter, src/lib/build/page-writer.ts.
			'page-writer-worker': join(PROJECT, 'src', 'lib', 'build', 'page-writer-worker.ts'),
			// Started beside the engine (either bundle above) by parseRepositoryInThreads, src/lib/engine.ts.
			'engine-worker': join(PROJECT, 'src', 'lib', 'engine-worker.ts'),
		},
		outdir: next,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node24',
		// Packages load from node_modules as they do for the sources: only the project's own modules are bundled.
		packages: 'external',
		metafile: true,
		logLevel: 'warning',
	});
	// The worker that reads long histories is started by its path beside the module that starts it (here, the
	// bundle): a module of one line there runs the worker's source.
	writeFileSync(join(next, 'value-history-worker.ts'), "import '../../src/lib/load/value-history-worker.ts';\n");
	const inputs = Object.keys(result.metafile.inputs)
		.filter((path) => !path.startsWith('node_modules/'))
		.map((path) => {
			const stat = statSync(join(PROJECT, path));
			return [relative(PROJECT, join(PROJECT, path)).split('\\').join('/'), stat.size, stat.mtimeMs] as const;
		});
	writeFileSync(join(next, 'inputs.json'), `${JSON.stringify(inputs)}\n`);
	rmSync(OUT, { recursive: true, force: true });
	renameSync(next, OUT);
	return inputs.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	try {
		const count = await bundleCli();
		process.stdout.write(`envparity: bundled the command from ${count} source files into ${BUNDLE_FOLDER}/.\n`);
	} catch (error) {
		// The command still runs from its sources: an install never fails here.
		for (const folder of [OUT, `${OUT}.${process.pid}`]) rmSync(folder, { recursive: true, force: true });
		process.stderr.write(`envparity: could not bundle the command (${(error as Error).message}); it runs from its sources.\n`);
	}
}
