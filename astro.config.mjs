// @ts-check
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { defineConfig } from 'astro/config';
import { mermaidBlocks, sanitizeHtml } from './src/lib/site/markdown.ts';
import { MERMAID_ENTRY, MERMAID_PATH, mermaidFiles, readMermaidModule } from './src/lib/build/vendor-assets.ts';

// The content repository is read by src/lib (ENVPARITY_ROOT, default: this folder). The site's
// address and base path come from the environment so that CI can build for GitHub Pages.
export default defineConfig({
	site: process.env.ENVPARITY_SITE || undefined,
	base: process.env.ENVPARITY_BASE || '/',
	// Separate caches let builds of different content repositories run side by side (the tests do).
	cacheDir: process.env.ENVPARITY_CACHE_DIR || undefined,
	trailingSlash: 'ignore',
	// Pages render a few at a time (a thread of the build writes their files: src/lib/build/page-writer.ts); 1, 2, 8 and 16
	// at a time measured no faster.
	build: { format: 'directory', concurrency: 4 },
	// MDX compiles with the Markdown processor below and its plugins, so that sanitizeHtml also sees every
	// MDX body (and removes what is outside content MDX's safe subset: ESM, expressions, components).
	integrations: [mdx({ extendMarkdownConfig: true })],
	markdown: {
		// The plugins are typed structurally in src/lib (no Sätteri types there); Sätteri checks their shape at run time.
		processor: satteri({ hastPlugins: /** @type {any[]} */ ([sanitizeHtml, mermaidBlocks]), features: { rawHtml: true } }),
		syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid'] },
		shikiConfig: { themes: { light: 'github-light-default', dark: 'github-dark-default' } },
	},
	vite: {
		logLevel: 'warn',
		build: {
			rolldownOptions: {
				// MDX modules carry Astro's own "use astro:head-inject" directive; the bundler's note about it is noise.
				onwarn(warning, warn) {
					if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
				},
			},
		},
		// Mermaid's prebuilt modules: the diagram script loads them from where the build copies them,
		// and `npm run dev` serves them there from node_modules.
		define: { __ENVPARITY_MERMAID__: JSON.stringify(`${MERMAID_PATH}${MERMAID_ENTRY}`) },
		plugins: [serveMermaid()],
	},
});

/** A dev-server middleware that serves Mermaid's prebuilt modules under vendor/mermaid/<version>/, with `.js` names, as the build copies them. */
function serveMermaid() {
	return {
		name: 'envparity-serve-mermaid',
		/** @param {import('vite').ViteDevServer} server */
		configureServer(server) {
			// Vite's base is Astro's, normalised (leading and trailing slash).
			const prefix = `${server.config.base.replace(/\/?$/, '/')}${MERMAID_PATH}`;
			const files = mermaidFiles().then(
				(list) => new Map(list.map(({ from, to }) => [to.split('\\').join('/'), from])),
				() => new Map(),
			);
			/** Each module's text with its imports renamed, read once. @type {Map<string, Promise<string>>} */
			const modules = new Map();
			server.middlewares.use((req, res, next) => {
				const path = req.url?.split('?')[0] ?? '';
				if (!path.startsWith(prefix)) return next();
				void files.then((map) => {
					const file = map.get(path.slice(prefix.length));
					if (!file) return next();
					let text = modules.get(file);
					if (!text) modules.set(file, (text = readMermaidModule(file)));
					text.then(
						(body) => {
							res.setHeader('Content-Type', 'text/javascript');
							res.end(body);
						},
						(error) => next(error),
					);
				});
			});
		},
	};
}
