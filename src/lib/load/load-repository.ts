import { analyze, type Analysis } from '../engine.ts';
import { readRepository } from './read-repository.ts';

/** Reads a repository from disk and analyses it. */
export async function loadRepository(root: string, options: { now: Date }): Promise<Analysis> {
	return analyze(await readRepository(root), options);
}
