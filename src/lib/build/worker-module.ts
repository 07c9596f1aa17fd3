import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The module `name` beside `module`, with its extension: a source file beside a source, a bundle's module in the
 * bundle (bin/bundle/, written by scripts/bundle-cli.ts). The build's threads are found this way.
 */
export function beside(name: string, module: URL): URL {
	return new URL(`./${name}${extname(fileURLToPath(module))}`, module);
}
