import { secretMask } from '../../lib/diagnostics/secret-mask.ts';
import { analyze } from '../../lib/engine.ts';
import { GitError, mergeBase, readRevision, resolveRevision } from '../../lib/load/read-revision.ts';
import { changedFiles, comparePr } from '../../lib/model/pr-impact.ts';
import { formatPrMarkdown, verdict } from '../../lib/report/pr-markdown.ts';
import { COMMON_OPTIONS, IoError, UsageError, type Command } from '../command.ts';

/** `envparity pr-report`: what a pull request does to parity, for a PR comment. */
export const prReportCommand: Command = {
	name: 'pr-report',
	summary: 'Report what a pull request does to parity (Markdown for a PR comment, or JSON)',
	usage: `Usage: envparity pr-report --base REV [--head REV] [--format markdown|json] [--root DIR]

Loads the content at the merge base of REV and the head, from git without touching the
working tree, and reports what the change does: settings changed per environment, drift
introduced and resolved, version skews that grew or shrank, documented differences added,
changed or removed, propagation steps recorded, bugs opened or resolved, and new problems.
When the head has errors, the report leads with them and lists the changed files instead:
a file with an error drops out of the model, so parity deltas would mislead. Values found
to be secrets, at the base or the head, are masked.

Options:
  --base REV        The branch or commit the pull request goes into (e.g. origin/main)
  --head REV        The pull request's commit (default: HEAD)
  --format FORMAT   markdown (default) or json
  --root DIR        The content repository (default: the current directory)
  -h, --help        Show this help

Exit status: 0, 1 when the head has errors (the report is printed all the same),
2 for a usage or git error (an unknown revision, no common history).
`,
	options: { ...COMMON_OPTIONS, base: { type: 'string' }, head: { type: 'string' }, format: { type: 'string' } },
	async run({ io, values, root, now }) {
		const format = (values.format as string | undefined) ?? 'markdown';
		if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json, not "${format}".`);
		if (typeof values.base !== 'string')
			throw new UsageError('--base is required: the branch or commit the pull request goes into, e.g. --base origin/main.');
		try {
			const head = await resolveRevision(root, (values.head as string | undefined) ?? 'HEAD');
			const base = await mergeBase(root, await resolveRevision(root, values.base), head);
			const [before, after] = await Promise.all([readRevision(root, base), readRevision(root, head)]);
			const [baseAnalysis, headAnalysis] = [analyze(before, { now }), analyze(after, { now })];
			const impact = comparePr(baseAnalysis, headAnalysis, changedFiles(before, after));
			// The impact holds no secret; masking what is printed once more costs little and guards the comment that pr.yml posts publicly.
			const mask = secretMask([...baseAnalysis.problems, ...headAnalysis.problems]);
			const report =
				format === 'json'
					? `${JSON.stringify({ base, head, verdict: verdict(impact), ...impact }, null, 2)}\n`
					: formatPrMarkdown(impact, { base, head });
			io.stdout(mask.text(report));
			return impact.withheld ? 1 : 0;
		} catch (error) {
			if (error instanceof GitError) throw new IoError(error.message);
			throw error;
		}
	},
};
