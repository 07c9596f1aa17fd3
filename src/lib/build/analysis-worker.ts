// The worker of `readInThread` (analysis-thread.ts): reads and checks the content root and sends the result.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { formatText } from '../diagnostics/format.ts';
import { analyzeRootWithHistory, releaseSources } from '../engine.ts';
import { portableReading, type ThreadReading } from './analysis-thread.ts';

/** Reads and checks the content root: the reading made fit to cross threads, or the report of the content's errors. */
export async function readBuild(root: string, now: Date): Promise<ThreadReading> {
	const { analysis, timelines } = await analyzeRootWithHistory(root, { now });
	const errors = analysis.problems.filter((p) => p.severity === 'error').length;
	if (errors > 0) return { ok: false, report: formatText(analysis.problems, analysis.sources, analysis.fileCount), errors };
	releaseSources(analysis);
	return { ok: true, reading: portableReading({ analysis, timelines }) };
}

const task = (workerData as { envparityBuildReading?: { root: string; now: string } } | null)?.envparityBuildReading;
if (!isMainThread && parentPort && task) {
	const { root, now } = task;
	parentPort.postMessage(await readBuild(root, new Date(now)));
}
