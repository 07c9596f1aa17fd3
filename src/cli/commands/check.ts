import { formatGithub, formatJson, formatText } from '../../lib/diagnostics/format.ts';
import { analyzeRoot } from '../../lib/engine.ts';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.ts';

/** `envparity check`: every problem, sorted by file and line. */
export const checkCommand: Command = {
	name: 'check',
	summary: 'Validate the content and report every problem (file:line:col)',
	usage: `Usage: envparity check [--root DIR] [--format text|json|github] [--strict]

Validates every file of the content repository and prints each problem as
"file:line:col severity code: message". The text format lists the errors first, then
the warnings, each in file and line order. Detected secrets are masked in every format.

Options:
  --root DIR        The content repository (default: the current directory)
  --format FORMAT   text (default, with source excerpts), json, or github (workflow annotations)
  --strict          Exit 1 on warnings too
  -h, --help        Show this help

Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 usage or I/O error.
`,
	options: { ...COMMON_OPTIONS, format: { type: 'string' }, strict: { type: 'boolean' } },
	needsContent: true,
	async run({ io, values, root, now }) {
		const format = (values.format as string | undefined) ?? 'text';
		if (!['text', 'json', 'github'].includes(format)) throw new UsageError(`--format must be text, json or github, not "${format}".`);
		const analysis = await analyzeRoot(root, { now });
		if (format === 'json') io.stdout(formatJson(analysis.problems, analysis.fileCount));
		else if (format === 'github') io.stdout(formatGithub(analysis.problems, analysis.fileCount));
		else io.stdout(formatText(analysis.problems, analysis.sources, analysis.fileCount));
		const errors = analysis.problems.some((p) => p.severity === 'error');
		return errors || (values.strict && analysis.problems.length > 0) ? 1 : 0;
	},
};
