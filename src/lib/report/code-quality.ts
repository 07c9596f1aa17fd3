import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { secretMask } from '../diagnostics/secret-mask.ts';
import type { SourceFile } from '../diagnostics/source-file.ts';
import { problemFingerprints } from './fingerprint.ts';

/** One entry of a GitLab Code Quality report (the subset of the Code Climate format that GitLab reads). */
export interface CodeQualityIssue {
	description: string;
	/** The diagnostic code, e.g. `undocumented-drift`. */
	check_name: string;
	fingerprint: string;
	severity: 'major' | 'minor';
	location: { path: string; lines: { begin: number } };
}

/**
 * The problems as a GitLab Code Quality report, the JSON array that `artifacts: reports: codequality`
 * takes: an error is `major`, a warning `minor`; the fingerprint is `problemFingerprints`'s, stable
 * across runs. Secrets are masked as in every other format.
 */
export function formatGitlab(problems: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>): string {
	const mask = secretMask(problems);
	const fingerprints = problemFingerprints(problems, sources, mask);
	const issues: CodeQualityIssue[] = problems.map((d, i) => ({
		description: mask.text(d.message),
		check_name: d.code,
		fingerprint: fingerprints[i]!,
		severity: d.severity === 'error' ? 'major' : 'minor',
		location: { path: d.file, lines: { begin: d.line } },
	}));
	return `${JSON.stringify(issues, null, 2)}\n`;
}
