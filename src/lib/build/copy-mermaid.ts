// `node copy-mermaid.ts OUTDIR`: copies Mermaid's modules into OUTDIR (see copyMermaidApart), in a process of its own so
// that the build's process never holds their memory. A module that cannot be renamed: its message on stderr, exit 1.
import { copyMermaid } from './vendor-assets.ts';

if (import.meta.main) {
	try {
		await copyMermaid(process.argv[2]!);
	} catch (error) {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	}
}
