import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

// BASELINE_CONTENT is the generated content repository; the baseline renders every Markdown entity
// (changes, issues, runbooks) as a page: one collection, one dynamic route, as in the table.
export const collections = {
	pages: defineCollection({ loader: glob({ pattern: '{changes,issues,runbooks}/*.md', base: process.env.BASELINE_CONTENT }) }),
};
