import { secretMask } from '../../lib/diagnostics/secret-mask.ts';
import { didYouMean } from '../../lib/diagnostics/suggest.ts';
import { analyzeRoot } from '../../lib/engine.ts';
import { diffEnvironments, type DiffRow } from '../../lib/model/compare.ts';
import type { Environment } from '../../lib/model/project.ts';
import { displayValue } from '../../lib/model/settings.ts';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.ts';
import { analyzeAt, AT_OPTION, describeRevision } from '../revision-analysis.ts';

/** `envparity diff A B`: two environments side by side. */
export const diffCommand: Command = {
	name: 'diff',
	summary: 'Compare two environments key by key',
	usage: `Usage: envparity diff ENV_A ENV_B [--at DATE|REV] [--root DIR] [--all] [--format text|json]

Lists the keys where two environments differ, side by side, with status and version skew.
Values that the check finds to be secrets are masked.

Options:
  --root DIR        The content repository (default: the current directory)
  --all             Also list the keys that are the same
  --at DATE|REV     Compare them as they were: the content read from git at the last commit
                    on or before DATE (YYYY-MM-DD), or at a revision (a hash, tag or branch)
  --format FORMAT   text (default) or json
  -h, --help        Show this help

Exit status: 0, 2 for a usage or I/O error (such as an unknown environment).
`,
	options: { ...COMMON_OPTIONS, all: { type: 'boolean' }, format: { type: 'string' }, ...AT_OPTION },
	positionals: true,
	needsContent: true,
	async run({ io, values, positionals, root, now }) {
		if (positionals.length !== 2) throw new UsageError('diff takes exactly two environment ids.');
		const format = (values.format as string | undefined) ?? 'text';
		if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}".`);
		let analysis;
		if (values.at === undefined) analysis = await analyzeRoot(root, { now });
		else {
			const at = await analyzeAt(root, values.at as string);
			io.stderr(describeRevision('diff', at));
			analysis = at.analysis;
		}
		const { model, problems } = analysis;
		const ids = model.environments.map((e) => e.id);
		const [a, b] = positionals.map((id) => {
			const env = model.environments.find((e) => e.id === id || e.data.aliases?.includes(id));
			if (!env) throw new UsageError(`"${id}" is not an environment${didYouMean(id, ids)}; environments: ${ids.join(', ')}.`);
			return env;
		}) as [Environment, Environment];
		const mask = secretMask(problems);
		const rows = diffEnvironments(model, a, b, Boolean(values.all)).map((row) => maskRow(row, mask.value));
		io.stdout(mask.text(format === 'json' ? `${JSON.stringify({ a: a.id, b: b.id, rows }, null, 2)}\n` : formatDiffTable(a, b, rows)));
		return 0;
	},
};

/** A row with its two values masked (a side that lacks the key stays undefined). */
function maskRow(row: DiffRow, mask: (value: unknown) => unknown): DiffRow {
	return { ...row, a: mask(row.a), b: mask(row.b) };
}

/** The side-by-side text table of a diff. */
export function formatDiffTable(a: Environment, b: Environment, rows: readonly DiffRow[]): string {
	const counts = { drift: 0, documented: 0, missing: 0, same: 0 };
	for (const row of rows) counts[row.status]++;
	const differing = rows.length - counts.same;
	const head = `${a.id} → ${b.id}: ${differing} ${differing === 1 ? 'key differs' : 'keys differ'} (${counts.drift} drift, ${counts.documented} documented, ${counts.missing} missing)`;
	if (rows.length === 0) return `${head}\n`;
	const cell = (value: unknown): string => {
		const text = value === undefined ? '(missing)' : displayValue(value);
		return text.length > 38 ? `${text.slice(0, 37)}…` : text;
	};
	const table = [
		['KEY', a.id.toUpperCase(), b.id.toUpperCase(), 'STATUS', 'SKEW'],
		...rows.map((r) => [r.key, cell(r.a), cell(r.b), r.status, r.skew ?? '']),
	];
	const widths = table[0]!.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
	const lines = table.map((line) =>
		line
			.map((c, i) => c.padEnd(widths[i]!))
			.join('  ')
			.trimEnd(),
	);
	return `${head}\n\n${lines.join('\n')}\n`;
}
