import type { ParseArgsConfig } from 'node:util';

/** Where the CLI writes and what it reads from its surroundings; tests pass their own. */
export interface CliIo {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	env: Record<string, string | undefined>;
	cwd: string;
}

/** What a command receives: parsed options, the content root, and the engine's clock. */
export interface CommandContext {
	io: CliIo;
	values: Record<string, string | boolean | undefined>;
	positionals: string[];
	/** The content repository (`--root`, default: the current folder), resolved. */
	root: string;
	/** "Now", from ENVPARITY_NOW, SOURCE_DATE_EPOCH or the clock. */
	now: Date;
}

/** One `envparity <command>`. */
export interface Command {
	name: string;
	summary: string;
	usage: string;
	options: NonNullable<ParseArgsConfig['options']>;
	/** Whether the command takes positional arguments. */
	positionals?: boolean;
	/** Whether `--root` must be a content repository (have an environments/ folder). */
	needsContent?: boolean;
	run(ctx: CommandContext): Promise<number>;
}

/** A usage problem: printed with the command's usage, exit 2. */
export class UsageError extends Error {}

/** An I/O problem (missing folder, unreadable file, git failure): printed alone, exit 2. */
export class IoError extends Error {}

/** The options every command shares. */
export const COMMON_OPTIONS = {
	root: { type: 'string' },
	help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];
