// The thread of `startPageWriter` (page-writer.ts): writes each page it is handed, synchronously, one after another.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ACK_EVERY, type FromWriter, type ToWriter } from './page-writer.ts';

if (!isMainThread && parentPort && (workerData as { envparityPageWriter?: boolean } | null)?.envparityPageWriter) {
	const port = parentPort;
	let handled = 0;
	// The first page that could not be written; the pages after it are not written (the build fails).
	let failure: string | undefined;
	port.on('message', (message: ToWriter) => {
		if ('finish' in message) {
			port.postMessage({ handled, finished: true, ...(failure ? { failure } : {}) } satisfies FromWriter);
			return;
		}
		for (const page of message.pages) {
			if (failure === undefined) {
				try {
					mkdirSync(dirname(page.file), { recursive: true });
					writeFileSync(page.file, new Uint8Array(page.bytes));
				} catch (error) {
					failure = `could not write ${page.file}: ${(error as Error).message}`;
				}
			}
			// Frees the page's bytes now: this thread allocates so little that its collector would keep them for long.
			page.bytes.transfer(0);
			handled++;
			if (handled % ACK_EVERY === 0) port.postMessage({ handled } satisfies FromWriter);
		}
	});
}
