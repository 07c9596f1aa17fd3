import { Worker } from 'node:worker_threads';
import { Document } from 'yaml';
import type { Analysis } from '../engine.ts';
import { compileKeyGlob } from '../model/key-glob.ts';
import type { Project } from '../model/project.ts';
import type { Timelines } from '../model/timeline.ts';
import type { GoLink } from '../site/go-links.ts';
import type { GoPagesTask } from './go-pages.ts';
import { beside, isStartable } from './worker-module.ts';

/** What the build reads before it renders: the analysis of the content root and every setting's timeline. */
export interface BuildReading {
	analysis: Analysis;
	timelines: Timelines;
}

/** The reading of a thread: the analysis when the content has no error, or the report of its errors. */
export type ThreadReading = { ok: true; reading: BuildReading } | { ok: false; report: string; errors: number };

/** What the thread sends: the reading, with the `/go/` pages' links when asked and the content has no error. */
export type ThreadMessage = { reading: ThreadReading; goLinks?: GoLink[] };

/** The worker that reads and checks the content root, beside this module. */
const WORKER = beside('analysis-worker', new URL(import.meta.url));

/**
 * Reads and checks the content root in a worker thread, so that the build's own thread starts Astro meanwhile. The
 * worker sends the analysis without its syntax trees and compiled globs (what cannot cross threads, and what only
 * diagnostics need), and `reviveReading` puts back what the pages use. With errors, it sends their report instead.
 * With `goPages`, the `/go/` pages are then written there by a small worker of their own (`go-pages-worker` beside
 * `module`), so that the reading thread, and the analysis it holds, ends as soon as it has sent it; `goPages` settles
 * when they are written, and resolves without writing when the content has errors. `module` is the reading worker's
 * module (by default its source, beside this file; the build passes the bundle's). Where no worker can start (a bundle
 * without the worker's file), all this happens in this thread. `goPagesWhen`: the `/go/` pages are written once it
 * resolves true, and not at all when it resolves false (the build's pages failed first).
 */
export function readInThread(
	root: string,
	now: Date,
	goPages?: GoPagesTask,
	module: URL = WORKER,
	{ goPagesWhen = Promise.resolve(true) }: { goPagesWhen?: Promise<boolean> } = {},
): { reading: Promise<ThreadReading>; goPages: Promise<void> } {
	if (!isStartable(module)) {
		const reading = import('./analysis-worker.ts')
			.then((w) => w.readBuild(root, now))
			.then((read): ThreadReading => (read.ok ? { ok: true, reading: reviveReading(read.reading) } : read));
		const written = reading.then(async (read) => {
			if (!read.ok || !goPages || !(await goPagesWhen)) return;
			const { goPageLinks, writeGoPages } = await import('./go-pages.ts');
			await writeGoPages(goPageLinks(read.reading.analysis.model, goPages), goPages);
		});
		written.catch(() => undefined);
		return { reading, goPages: written };
	}
	const worker = new Worker(module, { workerData: { envparityBuildReading: { root, now: now.toISOString(), goPages } } });
	const reading = Promise.withResolvers<ThreadReading>();
	const written = Promise.withResolvers<void>();
	written.promise.catch(() => undefined);
	let received = false;
	worker.once('message', ({ reading: read, goLinks }: ThreadMessage) => {
		received = true;
		void worker.terminate();
		reading.resolve(read.ok ? { ok: true, reading: reviveReading(read.reading) } : read);
		if (!goPages || !goLinks) return written.resolve();
		void goPagesWhen.then((go) => {
			if (!go) return written.resolve();
			const script = beside('go-pages-worker', module);
			const writer = new Worker(script, { workerData: { envparityGoPages: { links: goLinks, task: goPages } } });
			writer.once('message', ({ error }: { error?: string }) => {
				if (error) written.reject(new Error(`could not write the /go/ pages: ${error}`));
				else written.resolve();
				void writer.terminate();
			});
			writer.once('error', (error) => written.reject(error));
			writer.once('exit', (code) => written.reject(new Error(`the thread that writes the /go/ pages stopped (exit code ${code})`)));
		}, written.reject);
	});
	worker.once('error', (error) => {
		reading.reject(error);
		written.reject(error);
	});
	worker.once('exit', (code) => {
		if (received) return;
		const error = new Error(`the thread that reads the content stopped (exit code ${code}) before it was done`);
		reading.reject(error);
		written.reject(error);
	});
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
