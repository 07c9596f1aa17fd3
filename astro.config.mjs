// @ts-check
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { mermaidBlocks, sanitizeHtml } from './src/lib/site/markdown.ts';

// The content repository is read by src/lib (ENVPARITY_ROOT, default: this folder). The site's
// address and base path come from the environment so that CI can build for GitHub Pages.
export default defineConfig({
	site: process.env.ENVPARITY_SITE || undefined,
	base: process.env.ENVPARITY_BASE || '/',
	// Separate caches let builds of different content repositories run side by side (the tests do).
	cacheDir: process.env.ENVPARITY_CACHE_DIR || undefined,
	trailingSlash: 'ignore',
	// Pages render a few at a time, so that one page's file write overlaps the next one's rendering.
	build: { format: 'directory', concurrency: 4 },
	integrations: [mdx()],
	markdown: {
		// The plugins are typed structurally in src/lib (no Sätteri types there); Sätteri checks their shape at run time.
		processor: satteri({ hastPlugins: /** @type {any[]} */ ([sanitizeHtml, mermaidBlocks]), features: { rawHtml: true } }),
		syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid'] },
		shikiConfig: { themes: { light: 'github-light-default', dark: 'github-dark-default' } },
	},
	vite: {
		logLevel: 'warn',
		// Mermaid's lazily loaded chunks are large by nature; pages without a diagram never fetch them.
		build: {
			chunkSizeWarningLimit: 2500,
			rolldownOptions: {
				// MDX modules carry Astro's own "use astro:head-inject" directive; the bundler's note about it is noise.
				onwarn(warning, warn) {
					if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
				},
			},
		},
		resolve: {
			// Diagrams use the dagre layout; keep Mermaid's 1.5 MB ELK layout out of the site.
			alias: { 'elkjs/lib/elk.bundled.js': fileURLToPath(new URL('./src/scripts/elk-stub.mjs', import.meta.url)) },
		},
	},
});
