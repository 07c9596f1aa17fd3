import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { summarize } from '../diagnostics/diagnostic.ts';
import { secretMask } from '../diagnostics/secret-mask.ts';
import type { SourceFile } from '../diagnostics/source-file.ts';
import { problemFingerprints } from './fingerprint.ts';
import { cutText } from './cut-text.ts';

/** The Bitbucket Code Insights report of a commit (`PUT …/commit/{commit}/reports/{reportId}`). */
export interface InsightsReport {
	title: string;
	details: string;
	report_type: 'BUG';
	reporter: string;
	result: 'PASSED' | 'FAILED';
	/** The wiki's problems page, when the site's address is known. */
	link?: string;
	data: { title: string; type: 'NUMBER'; value: number }[];
}

/** One annotation of the report (`POST …/reports/{reportId}/annotations` takes a list of them). */
export interface InsightsAnnotation {
	/** Unique in the report and stable across runs: the problem's fingerprint. */
	external_id: string;
	annotation_type: 'BUG' | 'CODE_SMELL';
	severity: 'HIGH' | 'MEDIUM';
	path: string;
	line: number;
	/** `code: message`, at most SUMMARY_LIMIT UTF-16 units. */
	summary: string;
	/** The whole message when the summary had to be cut, at most DETAILS_LIMIT characters. */
	details?: string;
}

/** What `check --format bitbucket` prints: the report, then its annotations as the request bodies to post, in order. */
export interface BitbucketInsights {
	report: InsightsReport;
	/** Each a list of at most ANNOTATIONS_PER_REQUEST annotations, one POST each; ANNOTATIONS_PER_REPORT in all. */
	annotationBatches: InsightsAnnotation[][];
}

/** Bitbucket refuses a summary longer than this. */
export const SUMMARY_LIMIT = 450;
/** The longest `details` this report writes, for the report and for an annotation. */
export const DETAILS_LIMIT = 2000;
/** Annotations one request may carry. */
export const ANNOTATIONS_PER_REQUEST = 100;
/** Annotations one report may hold. */
export const ANNOTATIONS_PER_REPORT = 1000;

/**
 * The problems as a Bitbucket Code Insights report and its annotations. An error is a `BUG` of `HIGH`
 * severity, a warning a `CODE_SMELL` of `MEDIUM` severity. The report FAILS when there are errors (or,
 * with `strict`, any problem), as check's exit status does. Past 1000 problems, the errors come first
 * and the report's details say how many were left without an annotation. Secrets are masked.
 */
export function formatBitbucket(
	problems: readonly Diagnostic[],
	sources: ReadonlyMap<string, SourceFile>,
	options: { fileCount: number; strict?: boolean; link?: string },
): string {
	const mask = secretMask(problems);
	const fingerprints = problemFingerprints(problems, sources, mask);
	const { errors, warnings } = summarize(problems);
	const all = problems.map((d, i) => annotation(d, fingerprints[i]!, mask.text(d.message)));
	// Errors first, so that the ones that fail the build are annotated when some must be left out.
	const annotated = [...all.filter((a) => a.annotation_type === 'BUG'), ...all.filter((a) => a.annotation_type !== 'BUG')].slice(
		0,
		ANNOTATIONS_PER_REPORT,
	);
	const failed = errors > 0 || (options.strict === true && problems.length > 0);
	const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
	const left = problems.length - annotated.length;
	const details = [
		problems.length === 0
			? `No problem in ${plural(options.fileCount, 'content file')}.`
			: `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${plural(options.fileCount, 'content file')}.`,
		errors > 0 ? 'Errors stop the wiki from building: fix them and push again.' : '',
		left > 0 ? `The first ${annotated.length} are annotated (errors first); run "npx envparity check" to see the other ${left}.` : '',
	]
		.filter(Boolean)
		.join(' ');
	const report: InsightsReport = {
		title: 'envparity',
		details: cutText(details, DETAILS_LIMIT),
		report_type: 'BUG',
		reporter: 'envparity',
		result: failed ? 'FAILED' : 'PASSED',
		...(options.link ? { link: options.link } : {}),
		data: [
			{ title: 'Errors', type: 'NUMBER', value: errors },
			{ title: 'Warnings', type: 'NUMBER', value: warnings },
			{ title: 'Files checked', type: 'NUMBER', value: options.fileCount },
		],
	};
	const annotationBatches: InsightsAnnotation[][] = [];
	for (let i = 0; i < annotated.length; i += ANNOTATIONS_PER_REQUEST)
		annotationBatches.push(annotated.slice(i, i + ANNOTATIONS_PER_REQUEST));
	return `${JSON.stringify({ report, annotationBatches } satisfies BitbucketInsights, null, 2)}\n`;
}

function annotation(d: Diagnostic, fingerprint: string, message: string): InsightsAnnotation {
	const summary = `${d.code}: ${message}`;
	return {
		external_id: fingerprint,
		annotation_type: d.severity === 'error' ? 'BUG' : 'CODE_SMELL',
		severity: d.severity === 'error' ? 'HIGH' : 'MEDIUM',
		path: d.file,
		line: d.line,
		summary: cutText(summary, SUMMARY_LIMIT),
		...(summary.length > SUMMARY_LIMIT ? { details: cutText(message, DETAILS_LIMIT) } : {}),
	};
}
