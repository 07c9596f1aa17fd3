import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Document } from 'yaml';
import type { Analysis } from '../engine.ts';
import { compileKeyGlob } from '../model/key-glob.ts';
import type { Project } from '../model/project.ts';
import type { Timelines } from '../model/timeline.ts';
import type { GoPagesTask } from './go-pages.ts';

/** What the build reads before it renders: the analysis of the content root and every setting's timeline. */
export interface BuildReading {
	analysis: Analysis;
	timelines: Timelines;
}

/** The reading of a thread: the analysis when the content has no error, or the report of its errors. */
export type ThreadReading = { ok: true; reading: BuildReading } | { ok: false; report: string; errors: number };

/** What the thread sends: the reading first, then (when asked and the content has no error) that the `/go/` pages are written. */
export type ThreadMessage = { reading: ThreadReading } | { goPages: { error?: string } };

/** The worker that reads and checks the content root, beside this file. */
const WORKER = new URL('./analysis-worker.ts', import.meta.url);

/**
 * Reads and checks the content root in a worker thread, so that the build's own thread starts Astro meanwhile. The
 * worker sends the analysis without its syntax trees and compiled globs (what cannot cross threads, and what only
 * diagnostics need), and `reviveReading` puts back what the pages use. With errors, it sends their report instead.
 * With `goPages`, it then writes the `/go/` pages there (`goPages` settles when they are written; it resolves without
 * writing when the content has errors). `module` is the worker's module (by default its source, beside this file; the
 * build passes the bundle's). Where no worker can start (a bundle without the worker's file), all this happens in this
 * thread.
 */
export function readInThread(
	root: string,
	now: Date,
	goPages?: GoPagesTask,
	module: URL = WORKER,
): { reading: Promise<ThreadReading>; goPages: Promise<void> } {
	if (module.protocol !== 'file:' || !existsSync(fileURLToPath(module))) {
		const reading = import('./analysis-worker.ts')
			.then((w) => w.readBuild(root, now))
			.then((read): ThreadReading => (read.ok ? { ok: true, reading: reviveReading(read.reading) } : read));
		const written = reading.then(async (read) => {
			if (read.ok && goPages) await (await import('./go-pages.ts')).writeGoPages(read.reading.analysis.model, goPages);
		});
		return { reading, goPages: written };
	}
	const worker = new Worker(module, { workerData: { envparityBuildReading: { root, now: now.toISOString(), goPages } } });
	const reading = Promise.withResolvers<ThreadReading>();
	const written = Promise.withResolvers<void>();
	worker.on('message', (message: ThreadMessage) => {
		if ('reading' in message) {
			const read = message.reading;
			reading.resolve(read.ok ? { ok: true, reading: reviveReading(read.reading) } : read);
			if (!read.ok || !goPages) written.resolve();
		} else if (message.goPages.error) written.reject(new Error(`could not write the /go/ pages: ${message.goPages.error}`));
		else written.resolve();
	});
	const fail = (error: Error): void => {
		reading.reject(error);
		written.reject(error);
	};
	worker.once('error', fail);
	worker.once('exit', (code) => fail(new Error(`the thread that reads the content stopped (exit code ${code}) before it was done`)));
	// Settled promises ignore what comes after; the worker ends once it has sent everything.
	void Promise.allSettled([reading.promise, written.promise]).then(() => worker.terminate());
	written.promise.catch(() => undefined);
	return { reading: reading.promise, goPages: written.promise };
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
