// The parsing thread of parseRepositoryInThreads (engine.ts): parses the files it is given, as the engine's own thread
// would, and sends them back fit to cross threads, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { parsePortable } from './engine.ts';
import type { RawFile } from './schema/content-files.ts';

const { envparityParse: files } = workerData as { envparityParse: RawFile[] };
parentPort!.postMessage(files.map(parsePortable));
