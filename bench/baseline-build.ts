// Builds the plain Astro baseline over a generated content repository, then indexes it with Pagefind,
// the same way envparity's build does (programmatic Astro build, Pagefind's Node API).
import { build } from 'astro';
import * as pagefind from 'pagefind';
import { fileURLToPath } from 'node:url';

const [content, outDir, phase] = process.argv.slice(2) as [string, string, string];
process.env.BASELINE_CONTENT = content;
if (phase !== 'pagefind')
	await build({
		root: fileURLToPath(new URL('./baseline-site/', import.meta.url)),
		outDir,
		logLevel: (process.env.BASELINE_LOG as 'info') || 'error',
	});
if (phase !== 'astro') {
	const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
	await index!.addDirectory({ path: outDir });
	await index!.writeFiles({ outputPath: `${outDir}/pagefind` });
	await pagefind.close();
}
