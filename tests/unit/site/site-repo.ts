import type { Analysis } from '../../../src/lib/engine.ts';
import type { ParityModel } from '../../../src/lib/model/parity-model.ts';
import { analyzeFiles, baseline } from '../../helpers/repo.ts';

/** A copy of `files` (the baseline by default) with `from` replaced by `to` in one file; throws when `from` is absent, so a typo cannot make a test vacuous. */
export function edited(path: string, from: string, to: string, files: Record<string, string> = baseline()): Record<string, string> {
	const text = files[path];
	if (text === undefined || !text.includes(from)) throw new Error(`${path} has no ${JSON.stringify(from)}`);
	return { ...files, [path]: text.replace(from, to) };
}

/** The model of a repository (the baseline when no files are given). */
export function modelOf(files: Record<string, string> = baseline()): ParityModel {
	return analyzeFiles(files).model;
}

/** The analysis of the baseline with extra or replaced files. */
export function analyzeWith(extra: Record<string, string>): Analysis {
	return analyzeFiles({ ...baseline(), ...extra });
}

/** A Markdown entity: front-matter lines (undefined ones left out), then a body. */
function entity(lines: (string | undefined)[], body: string): string {
	return ['---', ...lines.filter((l): l is string => l !== undefined), '---', body, ''].join('\n');
}

/**
 * The text of `changes/<id>.md` with the required fields filled in. `propagation` is flow YAML for
 * the propagation map, e.g. `{ dev: { status: applied, date: 2024-02-25 } }`; `extra` adds front-matter lines.
 */
export function changeFile(options: { title?: string; date?: string; propagation?: string; extra?: string[] } = {}): string {
	return entity(
		[
			`title: ${options.title ?? 'A change'}`,
			`date: ${options.date ?? '2024-02-25'}`,
			'reason: Because.',
			'rollback: Revert it.',
			options.propagation === undefined ? undefined : `propagation: ${options.propagation}`,
			...(options.extra ?? []),
		],
		'Body.',
	);
}

/** The text of `issues/<id>.md` with the required fields filled in; a resolved issue gets a resolved date. */
export function issueFile(
	options: { title?: string; status?: string; severity?: string; environments?: string; opened?: string; extra?: string[] } = {},
): string {
	const status = options.status ?? 'open';
	return entity(
		[
			`title: ${options.title ?? 'A bug'}`,
			`status: ${status}`,
			`severity: ${options.severity ?? 'medium'}`,
			`environments: ${options.environments ?? '[production]'}`,
			`opened: ${options.opened ?? '2024-02-10'}`,
			status === 'resolved' ? 'resolved: 2024-02-20' : undefined,
			...(options.extra ?? []),
		],
		'Body.',
	);
}

/** The text of `runbooks/<id>.md`; `extra` adds front-matter lines. */
export function runbookFile(options: { title?: string; extra?: string[] } = {}): string {
	return entity([`title: ${options.title ?? 'A runbook'}`, ...(options.extra ?? [])], '1. Do the thing.');
}
