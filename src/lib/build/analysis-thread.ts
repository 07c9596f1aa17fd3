import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Document } from 'yaml';
import type { Analysis } from '../engine.ts';
import { compileKeyGlob } from '../model/key-glob.ts';
import type { Project } from '../model/project.ts';
import type { Timelines } from '../model/timeline.ts';

/** What the build reads before it renders: the analysis of the content root and every setting's timeline. */
export interface BuildReading {
	analysis: Analysis;
	timelines: Timelines;
}

/** The reading of a thread: the analysis when the content has no error, or the report of its errors. */
export type ThreadReading = { ok: true; reading: BuildReading } | { ok: false; report: string; errors: number };

/** The worker that reads and checks the content root, beside this file. */
const WORKER = new URL('./analysis-worker.ts', import.meta.url);

/**
 * Reads and checks the content root in a worker thread, so that the build's own thread starts Astro meanwhile. The
 * worker sends the analysis without its syntax trees and compiled globs (what cannot cross threads, and what only
 * diagnostics need), and `reviveReading` puts back what the pages use. With errors, it sends their report instead.
 * Where no worker can start (a bundle without the worker's file), the reading happens in this thread.
 */
export function readInThread(root: string, now: Date): Promise<ThreadReading> {
	if (WORKER.protocol !== 'file:' || !existsSync(fileURLToPath(WORKER)))
		return import('./analysis-worker.ts')
			.then((w) => w.readBuild(root, now))
			.then((read) => (read.ok ? { ok: true, reading: reviveReading(read.reading) } : read));
	return new Promise((resolve, reject) => {
		const worker = new Worker(WORKER, { workerData: { envparityBuildReading: { root, now: now.toISOString() } } });
		let settled = false;
		worker.once('message', (message: ThreadReading) => {
			settled = true;
			resolve(message.ok ? { ok: true, reading: reviveReading(message.reading) } : message);
			void worker.terminate();
		});
		worker.once('error', (error) => {
			settled = true;
			reject(error);
		});
		worker.once('exit', (code) => {
			if (!settled) reject(new Error(`the thread that reads the content stopped (exit code ${code}) before it was done`));
		});
	});
}

/** The entities of a project that were read from a file. */
function located(project: Project) {
	return [...project.environments, ...project.changes, ...project.issues, ...project.runbooks, ...project.differences];
}

/**
 * The reading, made fit to cross threads: it must have been released (`releaseSources`): each entity's empty syntax tree
 * and each difference's compiled glob go (their functions cannot be cloned), as does the config file's tree.
 */
export function portableReading(reading: BuildReading): BuildReading {
	const { project, model } = reading.analysis;
	for (const entity of located(project)) (entity.source as { doc: Document | null }).doc = null;
	for (const difference of project.differences) difference.glob = null;
	delete project.configSource;
	delete model.configSource;
	return reading;
}

/** What `portableReading` took, put back: an empty syntax tree for each entity, each difference's compiled glob. */
export function reviveReading(reading: BuildReading): BuildReading {
	const { project } = reading.analysis;
	for (const entity of located(project)) entity.source.doc = EMPTY_DOCUMENT;
	for (const difference of project.differences) difference.glob = compileKeyGlob(difference.data.key);
	return reading;
}

const EMPTY_DOCUMENT = new Document();
