// The thread of `startPageWriter` (page-writer.ts): writes each page it is handed, synchronously, one after another.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { getSystemErrorMessage } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ACK_EVERY, type FromWriter, type ToWriter } from './page-writer.ts';

const task = (workerData as { envparityPageWriter?: { root?: string } } | null)?.envparityPageWriter;
if (!isMainThread && parentPort && task) {
	const port = parentPort;
	let handled = 0;
	// The first page that could not be written: said at once, and no page is written after it (the build fails).
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
					failure = `could not write the page ${task.root ? relative(task.root, page.file).split(sep).join('/') : page.file} (${reason(error)})`;
					port.postMessage({ handled, failure } satisfies FromWriter);
				}
			}
			// Frees the page's bytes now: this thread allocates so little that its collector would keep them for long.
			page.bytes.transfer(0);
			handled++;
			if (handled % ACK_EVERY === 0) port.postMessage({ handled } satisfies FromWriter);
		}
	});
}

/** Why a file could not be written, without its path (the message names the page): "ENOSPC, no space left on device". */
function reason(error: unknown): string {
	const { code, errno, message } = error as NodeJS.ErrnoException;
	return code && typeof errno === 'number' ? `${code}, ${getSystemErrorMessage(errno)}` : message;
}
