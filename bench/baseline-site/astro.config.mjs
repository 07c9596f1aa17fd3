// The plain Astro 7 baseline of the benchmark: one collection, one dynamic route, minimal layout.
import { defineConfig } from 'astro/config';

export default defineConfig({ cacheDir: process.env.BASELINE_CACHE_DIR || undefined, vite: { logLevel: 'error' } });
