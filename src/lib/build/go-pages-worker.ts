// The worker that writes the `/go/` pages (see readInThread in analysis-thread.ts): a thread with a small heap of its
// own, started once the content's reading has arrived and the thread that read it has ended.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { GoLink } from '../site/go-links.ts';
import { writeGoPages, type GoPagesTask } from './go-pages.ts';

const task = (workerData as { envparityGoPages?: { links: GoLink[]; task: GoPagesTask } } | null)?.envparityGoPages;
if (!isMainThread && parentPort && task) {
	const port = parentPort;
	await writeGoPages(task.links, task.task).then(
		() => port.postMessage({}),
		(error: Error) => port.postMessage({ error: error.message }),
	);
}
