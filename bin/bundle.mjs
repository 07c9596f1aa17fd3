// Which modules of the bundle (bin/bundle/, written by `npm ci` through scripts/bundle-cli.ts) may run: all of them
// while every source they were built from has the size and modification time it had then, none once one changed, so
// that an edited source always runs as edited. ENVPARITY_NO_BUNDLE=1 runs the sources. Plain JavaScript: the entry
// points load it before any TypeScript.
import { readFileSync, statSync } from 'node:fs';

const PROJECT = new URL('..', import.meta.url);

/** The URL of bin/bundle/<name>.js when the bundle is current, else undefined (run the sources). */
export function bundled(name) {
	if (process.env.ENVPARITY_NO_BUNDLE) return undefined;
	try {
		const inputs = JSON.parse(readFileSync(new URL('bin/bundle/inputs.json', PROJECT), 'utf8'));
		for (const [path, size, mtime] of inputs) {
			const stat = statSync(new URL(path, PROJECT));
			if (stat.size !== size || stat.mtimeMs !== mtime) return undefined;
		}
		return new URL(`bin/bundle/${name}.js`, PROJECT);
	} catch {
		return undefined;
	}
}
