import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beside, isStartable } from './worker-module.ts';

/**
 * Writes the built pages' files in a thread of its own, so that the build's thread, which renders the pages one after
 * another, spends no time on them: Astro writes each page with four file operations (a folder, an open, a write, a
 * close), each a round trip through libuv's thread pool that costs the rendering thread about a quarter of a
 * millisecond; the writer makes the same calls synchronously on the other core.
 */
export interface PageWriter {
	/**
	 * Hands over a page's bytes, to be written to `file` (an absolute path) with its folders. Resolves at once, or once
	 * the writer has caught up when `QUEUE` pages are waiting, so that pages rendered faster than they are written do
	 * not pile up in memory.
	 */
	write(file: string, bytes: ArrayBuffer): Promise<void>;
	/** Resolves once every page handed over is written; rejects with the first that could not be. */
	finished(): Promise<void>;
	/** Stops the thread: at the end of the build, once finished, or after a failure. */
	close(): Promise<void>;
}

/** What the build's thread sends: pages to write (their bytes moved, not copied), or a request to say when all are. */
export type ToWriter = { pages: { file: string; bytes: ArrayBuffer }[] } | { finish: true };

/** What the writer sends: how many pages it has handled, that all are written (once asked), or the first that could not be. */
export type FromWriter = { handled: number; finished?: true; failure?: string };

/** How many pages may wait for the writer before the renderer waits; at least `ACK_EVERY`, or a full queue never drains. */
export const QUEUE = 64;

/** The writer says how far it is every `ACK_EVERY` pages (not after each, to send the build's thread fewer messages). */
export const ACK_EVERY = 16;

/** Pages go to the writer `BATCH` at a time: a message to a thread costs the sender about 50 µs. */
const BATCH = 8;

/** A page could not be written, or the writer stopped: the build's failure, not a page's. */
export class PageWriteError extends Error {}

/**
 * Starts the thread that writes the pages (`module`: by default `page-writer-worker` beside this module, its source or
 * the bundle's module). `root`: the site's folder, which the message of a page that could not be written names the
 * page's file from. Undefined where the thread cannot start (a bundle without it): Astro then writes the pages itself.
 */
export function startPageWriter({
	module = beside('page-writer-worker', new URL(import.meta.url)),
	root,
}: { module?: URL; root?: string } = {}): PageWriter | undefined {
	if (!isStartable(module)) return undefined;
	const worker = new Worker(module, { workerData: { envparityPageWriter: { root } } });
	let sent = 0;
	let handled = 0;
	let batch: { file: string; bytes: ArrayBuffer }[] = [];
	// Why no page can be handed over any more: a page that could not be written, the thread gone, or closed.
	let closedBy: PageWriteError | undefined;
	const waiting: (() => void)[] = [];
	let finishing: PromiseWithResolvers<void> | undefined;
	const flush = (): void => {
		if (batch.length === 0) return;
		worker.postMessage(
			{ pages: batch } satisfies ToWriter,
			batch.map((page) => page.bytes),
		);
		batch = [];
	};
	const release = (): void => {
		while (waiting.length > 0 && (closedBy || sent - handled < QUEUE)) waiting.shift()!();
	};
	const close = (error: PageWriteError): void => {
		closedBy ??= error;
		finishing?.reject(closedBy);
		release();
	};
	worker.on('message', (message: FromWriter) => {
		handled = message.handled;
		if (message.failure) close(new PageWriteError(message.failure));
		else if (message.finished) finishing?.resolve();
		release();
	});
	worker.once('error', (error) => close(new PageWriteError(`the thread that writes the pages failed: ${error.message}`)));
	worker.once('exit', (code) => close(new PageWriteError(`the thread that writes the pages stopped (exit code ${code})`)));
	return {
		async write(file, bytes) {
			if (closedBy) throw closedBy;
			if (finishing) throw new PageWriteError(`${file} was handed over after the last page`);
			batch.push({ file, bytes });
			sent++;
			if (batch.length >= BATCH) flush();
			if (sent - handled >= QUEUE) {
				flush();
				await new Promise<void>((resolve) => waiting.push(resolve));
			}
			if (closedBy) throw closedBy;
		},
		finished() {
			if (!finishing) {
				finishing = Promise.withResolvers<void>();
				finishing.promise.catch(() => undefined);
				if (closedBy) finishing.reject(closedBy);
				else {
					try {
						flush();
						worker.postMessage({ finish: true } satisfies ToWriter);
					} catch (error) {
						close(new PageWriteError(`could not hand the pages over: ${(error as Error).message}`));
					}
				}
			}
			return finishing.promise;
		},
		async close() {
			close(new PageWriteError('the thread that writes the pages was closed'));
			await worker.terminate();
		},
	};
}

/** Where the built site is, how its addresses begin, and the files Astro copies into it as they are (`publicFiles`). */
export interface SiteFolder {
	outDir: URL;
	base: string;
	/** The files of Astro's `publicDir`, by their path inside it (`a/b.txt`). */
	publicFiles: ReadonlySet<string>;
}

/** The files of a folder, by their path inside it with `/` between segments; none when it does not exist. */
export function filesOf(folder: URL): Set<string> {
	try {
		const entries = readdirSync(folder, { recursive: true, withFileTypes: true });
		const root = fileURLToPath(folder);
		return new Set(entries.filter((e) => !e.isDirectory()).map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/')));
	} catch {
		return new Set();
	}
}

/**
 * The file that Astro writes a page at `url` to, in a static site of the `directory` format (`/a/b/` →
 * `<outDir>/a/b/index.html`), or undefined where this is not certain and Astro should write the page itself: any
 * address other than plain letters, digits and `.`, `_`, `~`, `-` (where Astro's encoding of the path and the URL's could
 * differ; a query or a fragment), the home page, the status pages (`/404`, `/500`) that Astro writes as files, and a page whose file is also a
 * public file (which Astro does not write, with a warning).
 */
export function pageFile(url: string, { outDir, base, publicFiles }: SiteFolder): URL | undefined {
	const { pathname: path, search, hash } = new URL(url);
	if (search || hash) return undefined;
	const prefix = base.endsWith('/') ? base : `${base}/`;
	if (!path.startsWith(prefix)) return undefined;
	const segments = path.slice(prefix.length).split('/');
	if (segments.at(-1) === '') segments.pop();
	if (segments.length === 0 || !segments.every((segment) => /^[\w.~-]+$/.test(segment) && segment !== '.' && segment !== '..'))
		return undefined;
	if (segments.length === 1 && (segments[0] === '404' || segments[0] === '500')) return undefined;
	const relativeFile = `${segments.join('/')}/index.html`;
	if (publicFiles.has(relativeFile)) return undefined;
	return new URL(relativeFile, outDir.href.endsWith('/') ? outDir : new URL(`${outDir.href}/`));
}
