// The worker of `readInThread` (analysis-thread.ts): reads and checks the content root and sends the result, with the
// `/go/` pages' links when asked.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { formatText } from '../diagnostics/format.ts';
import { analyzeRootWithHistory, releaseSources } from '../engine.ts';
import { portableReading, type ThreadMessage, type ThreadReading } from './analysis-thread.ts';
import { goPageLinks, type GoPagesTask } from './go-pages.ts';

/** Reads and checks the content root: the reading made fit to cross threads, or the report of the content's errors. */
export async function readBuild(root: string, now: Date): Promise<ThreadReading> {
	// One thread: the build's own renders the Markdown bodies meanwhile, and a third thread on two cores made the 5k build
	// slower (17.3-17.8 s against 19.0-19.1 s).
	const { analysis, timelines } = await analyzeRootWithHistory(root, { now, oneThread: true });
	const errors = analysis.problems.filter((p) => p.severity === 'error').length;
	if (errors > 0) return { ok: false, report: formatText(analysis.problems, analysis.sources, analysis.fileCount), errors };
	releaseSources(analysis);
	return { ok: true, reading: portableReading({ analysis, timelines }) };
}

const task = (workerData as { envparityBuildReading?: { root: string; now: string; goPages?: GoPagesTask } } | null)?.envparityBuildReading;
if (!isMainThread && parentPort && task) {
	const read = await readBuild(task.root, new Date(task.now));
	// With the /go/ pages' links (small), so that this thread, and the analysis it holds, can end at once: another writes them.
	const goLinks = read.ok && task.goPages ? goPageLinks(read.reading.analysis.model, task.goPages) : undefined;
	parentPort.postMessage({ reading: read, ...(goLinks ? { goLinks } : {}) } satisfies ThreadMessage);
}
