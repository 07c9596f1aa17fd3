// @ts-check
import { defineConfig } from 'astro/config';

// The content repository is read by src/lib (ENVPARITY_ROOT, default: this folder); the site's
// address and base path come from the environment so that CI can build for GitHub Pages.
export default defineConfig({
	site: process.env.ENVPARITY_SITE || undefined,
	base: process.env.ENVPARITY_BASE || '/',
	trailingSlash: 'ignore',
	build: { format: 'directory' },
	vite: { logLevel: 'warn' },
});
