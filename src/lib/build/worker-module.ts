import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The module `name` beside `module`, with its extension: a source file beside a source, a bundle's module in the
 * bundle (bin/bundle/, written by scripts/bundle-cli.ts). The build's threads are found this way.
 */
export function beside(name: string, module: URL): URL {
	return new URL(`./${name}${extname(fileURLToPath(module))}`, module);
}

/** Whether `module` is a file that a thread or a process can start from (a bundle may lack it: the caller then does the work itself). */
export function isStartable(module: URL): boolean {
	return module.protocol === 'file:' && existsSync(fileURLToPath(module));
}
