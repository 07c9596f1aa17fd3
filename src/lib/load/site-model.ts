import { resolve } from 'node:path';
import { resolveNow } from '../clock.ts';
import type { Analysis } from '../engine.ts';
import { loadRepository } from './load-repository.ts';

let cached: Promise<Analysis> | undefined;

/** The content repository the site is built from: `ENVPARITY_ROOT`, or the current folder. */
export function siteRoot(env: Record<string, string | undefined> = process.env): string {
	return resolve(env.ENVPARITY_ROOT || '.');
}

/** Analyses the site's content repository once per build. */
export function loadSiteAnalysis(): Promise<Analysis> {
	cached ??= loadRepository(siteRoot(), { now: resolveNow(process.env) });
	return cached;
}
