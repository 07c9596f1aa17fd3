import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveNow } from '../lib/clock.ts';
import { formatGithub, formatJson, formatText } from '../lib/diagnostics/format.ts';
import { didYouMean } from '../lib/diagnostics/suggest.ts';
import { loadRepository } from '../lib/load/load-repository.ts';
import { toExportDocument } from '../lib/model/export-document.ts';
import { diffEnvironments } from '../lib/model/compare.ts';
import { formatDiffTable } from './diff.ts';

/** Where the CLI writes and what it reads from its surroundings; tests pass their own. */
export interface CliIo {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	env: Record<string, string | undefined>;
	cwd: string;
}

const USAGE: Record<string, string> = {
	main: `Usage: envparity <command> [options]

Commands:
  check    Validate the content and report every problem (file:line:col)
  export   Print the computed model (matrix, propagation, issues, problems) as JSON
  diff     Compare two environments key by key

Run "envparity <command> --help" for a command's options.
`,
	check: `Usage: envparity check [--root DIR] [--format text|json|github] [--strict]

Validates every file of the content repository and prints each problem as
"file:line:col severity code: message".

Options:
  --root DIR        The content repository (default: the current directory)
  --format FORMAT   text (default, with source excerpts), json, or github (workflow annotations)
  --strict          Exit 1 on warnings too
  -h, --help        Show this help

Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 usage or I/O error.
`,
	export: `Usage: envparity export [--root DIR]

Prints the whole computed model as JSON on stdout: environments, parity matrix, scores,
differences, changes with their propagation, issues, runbooks and problems.

Options:
  --root DIR   The content repository (default: the current directory)
  -h, --help   Show this help

Exit status: 0, or 1 when the content has errors (the document is printed all the same), 2 usage or I/O error.
`,
	diff: `Usage: envparity diff ENV_A ENV_B [--root DIR] [--all] [--format text|json]

Lists the keys where two environments differ, side by side, with status and version skew.

Options:
  --root DIR        The content repository (default: the current directory)
  --all             Also list the keys that are the same
  --format FORMAT   text (default) or json
  -h, --help        Show this help

Exit status: 0, 2 for a usage or I/O error (such as an unknown environment).
`,
};

const OPTIONS = {
	check: { root: { type: 'string' }, format: { type: 'string' }, strict: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
	export: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
	diff: { root: { type: 'string' }, all: { type: 'boolean' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
} satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof OPTIONS;

/** A usage problem: printed with the command's usage, exit 2. */
class UsageError extends Error {}

/** Runs the CLI and returns its exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		(name === undefined ? io.stderr : io.stdout)(USAGE.main!);
		return name === undefined ? 2 : 0;
	}
	if (name === '--version' || name === '-v') {
		io.stdout('envparity 0.1.0\n');
		return 0;
	}
	if (!(name in OPTIONS)) {
		io.stderr(`envparity: unknown command "${name}"${didYouMean(name, Object.keys(OPTIONS))}.\n\n${USAGE.main}`);
		return 2;
	}
	const command = name as Command;
	try {
		let parsed;
		try {
			parsed = parseArgs({ args: [...rest], options: OPTIONS[command], allowPositionals: command === 'diff', strict: true });
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
		const values = parsed.values as { root?: string; format?: string; strict?: boolean; all?: boolean; help?: boolean };
		if (values.help) {
			io.stdout(USAGE[command]!);
			return 0;
		}
		const root = resolve(io.cwd, values.root ?? '.');
		if (!existsSync(root) || !statSync(root).isDirectory()) throw new IoError(`the root folder ${values.root ?? root} does not exist; pass --root with the content repository's folder.`);
		if (!existsSync(resolve(root, 'environments'))) throw new IoError(`${values.root ?? '.'} has no environments/ folder, so it is not a content repository; run envparity from the repository's root or pass --root.`);
		let now: Date;
		try {
			now = resolveNow(io.env);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
		const analysis = await loadRepository(root, { now });
		const errors = analysis.problems.filter((p) => p.severity === 'error').length;
		if (command === 'check') {
			const format = values.format ?? 'text';
			if (format === 'json') io.stdout(formatJson(analysis.problems, analysis.fileCount));
			else if (format === 'github') io.stdout(formatGithub(analysis.problems, analysis.fileCount));
			else if (format === 'text') io.stdout(formatText(analysis.problems, analysis.sources, analysis.fileCount));
			else throw new UsageError(`--format must be text, json or github, not "${format}".`);
			return errors > 0 || (values.strict && analysis.problems.length > 0) ? 1 : 0;
		}
		if (command === 'export') {
			io.stdout(`${JSON.stringify(toExportDocument(analysis.model, analysis.problems), null, 2)}\n`);
			if (errors > 0) io.stderr(`envparity: the content has ${errors} error${errors === 1 ? '' : 's'}; run "envparity check" to see them.\n`);
			return errors > 0 ? 1 : 0;
		}
		const positionals = parsed.positionals;
		if (positionals.length !== 2) throw new UsageError('diff takes exactly two environment ids.');
		const format = values.format ?? 'text';
		if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}".`);
		const envs = positionals.map((id) => {
			const env = analysis.model.environments.find((e) => e.id === id || e.data.aliases?.includes(id));
			if (!env) throw new UsageError(`"${id}" is not an environment${didYouMean(id, analysis.model.environments.map((e) => e.id))}; environments: ${analysis.model.environments.map((e) => e.id).join(', ')}.`);
			return env;
		});
		const rows = diffEnvironments(analysis.model, envs[0]!, envs[1]!, values.all ?? false);
		io.stdout(format === 'json' ? `${JSON.stringify({ a: envs[0]!.id, b: envs[1]!.id, rows }, null, 2)}\n` : formatDiffTable(envs[0]!, envs[1]!, rows));
		return 0;
	} catch (error) {
		if (error instanceof UsageError) {
			io.stderr(`envparity ${command}: ${error.message}\n\n${USAGE[command]}`);
			return 2;
		}
		if (error instanceof IoError) {
			io.stderr(`envparity ${command}: ${error.message}\n`);
			return 2;
		}
		const code = (error as NodeJS.ErrnoException).code;
		if (code && /^E[A-Z]+$/.test(code)) {
			io.stderr(`envparity ${command}: could not read the repository (${(error as Error).message}).\n`);
			return 2;
		}
		throw error;
	}
}

/** A file-system problem: printed alone, exit 2. */
class IoError extends Error {}
