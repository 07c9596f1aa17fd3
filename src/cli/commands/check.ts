import { formatGithub, formatJson, formatSummary, formatText } from '../../lib/diagnostics/format.ts';
import { analyzeRoot } from '../../lib/engine.ts';
import { formatBitbucket } from '../../lib/report/code-insights.ts';
import { formatGitlab } from '../../lib/report/code-quality.ts';
import { WikiAddressError, wikiLinks } from '../../lib/report/wiki-links.ts';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.ts';

const FORMATS = ['text', 'json', 'github', 'gitlab', 'bitbucket'];

/** `envparity check`: every problem, sorted by file and line. */
export const checkCommand: Command = {
	name: 'check',
	summary: 'Validate the content and report every problem (file:line:col)',
	usage: `Usage: envparity check [--root DIR] [--format text|json|github|gitlab|bitbucket] [--strict]

Validates every file of the content repository and prints each problem as
"file:line:col severity code: message". The text format lists the errors first, then
the warnings, each in file and line order. Detected secrets are masked in every format.

Options:
  --root DIR        The content repository (default: the current directory)
  --format FORMAT   text (default, with source excerpts), json, github (workflow annotations),
                    gitlab (a Code Quality report: artifacts: reports: codequality), or
                    bitbucket (a Code Insights report and its annotations, in batches of 100)
  --strict          Exit 1 on warnings too (and a bitbucket report FAILS)
  -h, --help        Show this help

The gitlab and bitbucket formats print JSON only, and the summary line on stderr.
With ENVPARITY_SITE (and ENVPARITY_BASE) set, the bitbucket report links to the wiki's problems page.

Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 usage or I/O error.
`,
	options: { ...COMMON_OPTIONS, format: { type: 'string' }, strict: { type: 'boolean' } },
	needsContent: true,
	async run({ io, values, root, now }) {
		const format = (values.format as string | undefined) ?? 'text';
		if (!FORMATS.includes(format))
			throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)}, not "${format}".`);
		let link: string | undefined;
		if (format === 'bitbucket') {
			try {
				const wiki = wikiLinks(io.env.ENVPARITY_SITE, io.env.ENVPARITY_BASE);
				link = wiki?.url(wiki.routes.problems);
			} catch (error) {
				if (error instanceof WikiAddressError) throw new UsageError(error.message);
				throw error;
			}
		}
		const analysis = await analyzeRoot(root, { now });
		const strict = values.strict === true;
		if (format === 'json') io.stdout(formatJson(analysis.problems, analysis.fileCount));
		else if (format === 'github') io.stdout(formatGithub(analysis.problems, analysis.fileCount));
		else if (format === 'gitlab' || format === 'bitbucket') {
			io.stdout(
				format === 'gitlab'
					? formatGitlab(analysis.problems, analysis.sources)
					: formatBitbucket(analysis.problems, analysis.sources, { fileCount: analysis.fileCount, strict, link }),
			);
			io.stderr(`${formatSummary(analysis.problems, analysis.fileCount)}\n`);
		} else io.stdout(formatText(analysis.problems, analysis.sources, analysis.fileCount));
		const errors = analysis.problems.some((p) => p.severity === 'error');
		return errors || (strict && analysis.problems.length > 0) ? 1 : 0;
	},
};
