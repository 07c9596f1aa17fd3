// The engine's entities as Astro content collections, so that a team can add its own pages that
// query getCollection('issues') and the rest. Data comes from the engine (validated and computed);
// Markdown bodies are rendered by Astro, with the project's Markdown configuration. The loaders are in
// lib/build/content-loaders.ts: the build's thread has loaded them already and provides them
// (provideContentLoaders), so that Vite loads none of their modules; `npm run dev` loads them here.
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import type { ContentLoaders, ExportDocument } from './lib/build/content-loaders.ts';

const { envparityLoader }: ContentLoaders =
	(globalThis as { [key: symbol]: ContentLoaders | undefined })[Symbol.for('envparity.contentLoaders')] ??
	(await import('./lib/build/content-loaders.ts'));

export const collections = {
	environments: defineCollection({ loader: envparityLoader('environments'), schema: z.custom<ExportDocument['environments'][number]>() }),
	changes: defineCollection({ loader: envparityLoader('changes'), schema: z.custom<ExportDocument['changes'][number]>() }),
	issues: defineCollection({ loader: envparityLoader('issues'), schema: z.custom<ExportDocument['issues'][number]>() }),
	runbooks: defineCollection({ loader: envparityLoader('runbooks'), schema: z.custom<ExportDocument['runbooks'][number]>() }),
};
