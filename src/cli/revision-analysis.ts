import { analyze, type Analysis } from '../lib/engine.ts';
import { GitError, readRevision } from '../lib/load/read-revision.ts';
import { resolveRevisionAt, type RevisionAt } from '../lib/load/revision-at.ts';
import { IoError, UsageError } from './command.ts';

/** The option `--at DATE|REV` of export and diff. */
export const AT_OPTION = { at: { type: 'string' } } as const;

/** The analysis of the content as it was at `--at`, and the commit it was read from. */
export interface AnalysisAt {
	analysis: Analysis;
	revision: RevisionAt;
	/** The day the model is judged on (stale, stalled, review due): the date given, or the commit's day. */
	day: string;
}

/**
 * Reads the content repository as it was at a day (the last commit on or before it) or a revision, from git, without
 * touching the working tree, and analyses it with the engine's clock set to that day, so that stale and stalled read
 * as they did then. A revision starting with "-" is a usage error; git's refusals are I/O errors (exit 2).
 */
export async function analyzeAt(root: string, at: string): Promise<AnalysisAt> {
	if (at.startsWith('-')) throw new UsageError(`--at takes a date (YYYY-MM-DD) or a revision, and "${at}" starts with "-".`);
	let revision: RevisionAt;
	try {
		revision = await resolveRevisionAt(root, at);
	} catch (error) {
		if (error instanceof GitError) throw new IoError(error.message);
		throw error;
	}
	let files;
	try {
		files = await readRevision(root, revision.hash);
	} catch (error) {
		if (error instanceof GitError) throw new IoError(`could not read commit ${revision.hash.slice(0, 7)}: ${error.message}`);
		throw error;
	}
	const day = /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : revision.date;
	return { analysis: analyze(files, { now: new Date(`${day}T00:00:00Z`) }), revision, day };
}

/** The line that says which commit an output was read from, for stderr. */
export function describeRevision(command: string, { revision, day }: AnalysisAt): string {
	return `envparity ${command}: the content at commit ${revision.hash.slice(0, 7)} of ${revision.date} ("${revision.subject}"), judged on ${day}.\n`;
}
