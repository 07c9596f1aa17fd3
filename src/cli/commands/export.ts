import { analyzeRoot } from '../../lib/engine.ts';
import { toExportDocument } from '../../lib/model/export-document.ts';
import { COMMON_OPTIONS, type Command } from '../command.ts';
import { analyzeAt, AT_OPTION, describeRevision } from '../revision-analysis.ts';

/** `envparity export`: the computed model as JSON. */
export const exportCommand: Command = {
	name: 'export',
	summary: 'Print the computed model (matrix, propagation, issues, problems) as JSON',
	usage: `Usage: envparity export [--at DATE|REV] [--root DIR]

Prints the whole computed model as JSON on stdout: environments, parity matrix, scores,
differences, changes with their propagation, issues, runbooks and problems. Values that
the check finds to be secrets are masked wherever they appear.

Options:
  --at DATE|REV   The model as it was: the content read from git at the last commit on or
                  before DATE (YYYY-MM-DD), or at a revision (a hash, tag or branch), judged
                  on that day; the commit read is named on stderr
  --root DIR      The content repository (default: the current directory)
  -h, --help      Show this help

Exit status: 0, or 1 when the content has errors (the document is printed all the same, with
secrets masked), 2 usage or I/O error.
`,
	options: { ...COMMON_OPTIONS, ...AT_OPTION },
	needsContent: true,
	async run({ io, values, root, now }) {
		let analysis;
		if (values.at === undefined) analysis = await analyzeRoot(root, { now });
		else {
			const at = await analyzeAt(root, values.at as string);
			io.stderr(describeRevision('export', at));
			analysis = at.analysis;
		}
		io.stdout(`${JSON.stringify(toExportDocument(analysis.model, analysis.problems), null, 2)}\n`);
		const errors = analysis.problems.filter((p) => p.severity === 'error').length;
		if (errors > 0) io.stderr(`envparity: the content has ${errors} error${errors === 1 ? '' : 's'}; run "envparity check" to see them.\n`);
		return errors > 0 ? 1 : 0;
	},
};
