import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveNow } from '../lib/model/dates.ts';
import { closestMatch, didYouMean } from '../lib/diagnostics/suggest.ts';
import { COMMON_OPTIONS, IoError, UsageError, type CliIo, type Command } from './command.ts';
import { checkCommand } from './commands/check.ts';
import { diffCommand } from './commands/diff.ts';
import { digestCommand } from './commands/digest.ts';
import { exportCommand } from './commands/export.ts';
import { historyCommand } from './commands/history.ts';
import { newCommand } from './commands/new.ts';
import { observeCommand } from './commands/observe.ts';
import { prReportCommand } from './commands/pr-report.ts';
import { schemaCommand } from './commands/schema.ts';

export type { CliIo } from './command.ts';

const COMMANDS: Command[] = [
	checkCommand,
	exportCommand,
	diffCommand,
	historyCommand,
	newCommand,
	schemaCommand,
	prReportCommand,
	observeCommand,
	digestCommand,
];

const MAIN_USAGE = `Usage: envparity <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Every command accepts --root DIR (default: the current directory).
Run "envparity <command> --help" for a command's options.
`;

/** Runs the CLI and returns its exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		(name === undefined ? io.stderr : io.stdout)(MAIN_USAGE);
		return name === undefined ? 2 : 0;
	}
	if (name === '--version' || name === '-v') {
		io.stdout('envparity 0.1.0\n');
		return 0;
	}
	const command = COMMANDS.find((c) => c.name === name);
	if (!command) {
		const problem = name.startsWith('-')
			? `unknown flag ${flagSuggestion(name.split('=')[0]!, ['help', 'version'])}; before a command, envparity takes --help and --version`
			: `unknown command "${name}"${didYouMean(
					name,
					COMMANDS.map((c) => c.name),
				)}`;
		io.stderr(`envparity: ${problem}.\n\n${MAIN_USAGE}`);
		return 2;
	}
	try {
		let parsed;
		try {
			parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: command.positionals ?? false, strict: true });
		} catch (error) {
			throw new UsageError(describeArgumentError(command, rest, error as NodeJS.ErrnoException));
		}
		const values = parsed.values as Record<string, string | boolean | undefined>;
		if (values.help) {
			io.stdout(command.usage);
			return 0;
		}
		const given = values.root as string | undefined;
		const root = resolve(io.cwd, given ?? '.');
		if (!existsSync(root) || !statSync(root).isDirectory())
			throw new IoError(`the root folder ${given ?? root} does not exist; pass --root with the content repository's folder.`);
		if (command.needsContent && !existsSync(resolve(root, 'environments'))) {
			throw new IoError(
				`${given ?? '.'} has no environments/ folder, so it is not a content repository; run envparity from the repository's root or pass --root.`,
			);
		}
		let now: Date;
		try {
			now = resolveNow(io.env);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
		return await command.run({ io, values, positionals: parsed.positionals, root, now });
	} catch (error) {
		if (error instanceof UsageError) {
			io.stderr(`envparity ${command.name}: ${error.message}\n\n${command.usage}`);
			return 2;
		}
		if (error instanceof IoError) {
			io.stderr(`envparity ${command.name}: ${error.message}\n`);
			return 2;
		}
		const code = (error as NodeJS.ErrnoException).code;
		if (code && /^E[A-Z]+$/.test(code)) {
			io.stderr(`envparity ${command.name}: could not read or write a file (${(error as Error).message}).\n`);
			return 2;
		}
		throw error;
	}
}

/** What is wrong with a command's arguments: an unknown flag is named with a did-you-mean and the flags the command takes. */
function describeArgumentError(command: Command, args: readonly string[], error: NodeJS.ErrnoException): string {
	if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message;
	// Parsed again leniently, the arguments show which flag is unknown, as the user wrote it (--fromat, -x).
	const { tokens } = parseArgs({ args: [...args], options: command.options, strict: false, allowPositionals: true, tokens: true });
	const unknown = tokens.find((token) => token.kind === 'option' && !Object.hasOwn(command.options, token.name));
	if (unknown?.kind !== 'option') return error.message;
	// The command's own flags first, then the shared ones (--root, --help).
	const names = Object.keys(command.options).sort((a, b) => Number(a in COMMON_OPTIONS) - Number(b in COMMON_OPTIONS));
	const flags = names.map((n) => `--${n}`);
	return `unknown flag ${flagSuggestion(unknown.rawName, names)}; ${command.name} takes ${flags.slice(0, -1).join(', ')} and ${flags.at(-1)}.`;
}

/** A flag as written, quoted, with the closest of `names` (flag names without dashes) when one is close: `"--fromat" (did you mean "--format"?)`. */
function flagSuggestion(flag: string, names: readonly string[]): string {
	const match = closestMatch(flag.replace(/^-+/, ''), names);
	return `"${flag}"${match === undefined ? '' : ` (did you mean "--${match}"?)`}`;
}
