import { parentPort, workerData } from 'node:worker_threads';
import { readVersions, type HistoryCommit, type WrittenFile } from './value-history.ts';

// The worker of readValueHistory: reads the versions of a long history beside the main thread, and sends them back.
const { root, commits, written } = workerData as { root: string; commits: HistoryCommit[]; written: WrittenFile[] };
parentPort!.postMessage(await readVersions(root, commits, written));
