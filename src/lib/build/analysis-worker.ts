// The worker of `readInThread` (analysis-thread.ts): reads and checks the content root, sends the result, then writes
// the `/go/` pages when asked.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { formatText } from '../diagnostics/format.ts';
import { analyzeRootWithHistory, releaseSources } from '../engine.ts';
import { portableReading, type ThreadMessage, type ThreadReading } from './analysis-thread.ts';
import { writeGoPages, type GoPagesTask } from './go-pages.ts';

/** Reads and checks the content root: the reading made fit to cross threads, or the report of the content's errors. */
export async function readBuild(root: string, now: Date): Promise<ThreadReading> {
	const { analysis, timelines } = await analyzeRootWithHistory(root, { now });
	const errors = analysis.problems.filter((p) => p.severity === 'error').length;
	if (errors > 0) return { ok: false, report: formatText(analysis.problems, analysis.sources, analysis.fileCount), errors };
	releaseSources(analysis);
	return { ok: true, reading: portableReading({ analysis, timelines }) };
}

const task = (workerData as { envparityBuildReading?: { root: string; now: string; goPages?: GoPagesTask } } | null)?.envparityBuildReading;
if (!isMainThread && parentPort && task) {
	const port = parentPort;
	const send = (message: ThreadMessage): void => port.postMessage(message);
	const read = await readBuild(task.root, new Date(task.now));
	send({ reading: read });
	if (read.ok && task.goPages) {
		// The model as read (the /go/ pages need only ids and aliases, which crossing threads does not touch).
		await writeGoPages(read.reading.analysis.model, task.goPages).then(
			() => send({ goPages: {} }),
			(error: Error) => send({ goPages: { error: error.message } }),
		);
	}
}
