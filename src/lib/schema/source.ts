import type { Span } from '../diagnostics/positions.ts';
import type { SourceFile } from '../diagnostics/source-file.ts';
import type { UnreadFile } from './content-files.ts';
import { z } from 'zod';

/** The formats a source file can be read as; without `format`, the file name tells (see `sourceFormatOf` in load/sources). */
export const SOURCE_FORMATS = ['yaml', 'json', 'toml', 'dotenv', 'tfvars', 'kubernetes'] as const;

/** A source file's format. */
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/**
 * The format a file's name tells: `.yaml`/`.yml`, `.json`, `.toml`, `.tfvars` (and `.tfvars.json`, which is JSON),
 * `.env` and `.env.<anything>` (`.env.production`), or `<name>.env`. Undefined when the name tells none:
 * Kubernetes manifests are YAML by name, so a source says `format: kubernetes`.
 */
export function sourceFormatOf(path: string): SourceFormat | undefined {
	const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
	if (name.endsWith('.tfvars.json')) return 'json';
	if (/\.ya?ml$/.test(name)) return 'yaml';
	if (name.endsWith('.json')) return 'json';
	if (name.endsWith('.toml')) return 'toml';
	if (name.endsWith('.tfvars')) return 'tfvars';
	if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
	return undefined;
}

/** One entry of an environment's `sources`: a configuration file (or a glob of them) whose keys join the environment's settings. */
export const sourceSchema = z
	.strictObject({
		file: z
			.string({ error: 'expected a path relative to the content root, such as "deploy/values-production.yaml"' })
			.min(1, { message: 'expected a path relative to the content root, such as "deploy/values-production.yaml"' })
			.meta({
				description:
					'A path or glob relative to the content root, which must stay inside it: deploy/payments/values-production.yaml, deploy/k8s/production/*.yaml.',
				examples: ['deploy/payments/values-production.yaml'],
			}),
		format: z
			.enum(SOURCE_FORMATS)
			.optional()
			.meta({
				description:
					'How to read the file: yaml, json, toml, dotenv, tfvars or kubernetes (manifests). Without it, the name tells: .yaml/.yml, .json, .toml, .env and .env.*, .tfvars.',
				examples: ['kubernetes'],
			}),
		at: z
			.string({ error: 'expected a setting key prefix such as "payments"' })
			.min(1, { message: 'expected a setting key prefix such as "payments"' })
			.optional()
			.meta({ description: "Mount the file's keys under this key prefix.", examples: ['payments'] }),
		select: z
			.string({ error: 'expected a dotted path into the file, such as "api"' })
			.min(1, { message: 'expected a dotted path into the file, such as "api"' })
			.optional()
			.meta({ description: 'Take only this subtree of the file (a dotted path).', examples: ['api'] }),
		ignore: z
			.array(z.string({ error: 'expected a key glob such as "**.podAnnotations"' }))
			.optional()
			.meta({ description: "Key globs, relative to the file's keys, to leave out.", examples: [['**.podAnnotations']] }),
	})
	.meta({
		description: "A configuration file the environment is deployed from; its keys join the environment's settings.",
		examples: [{ file: 'deploy/payments/values-production.yaml', at: 'payments', select: 'api' }],
	});

/** One validated source entry. */
export type SourceData = z.infer<typeof sourceSchema>;

/** One value a source file yields: its key within the file (before `select` and `at`), its value and where it is written. */
export interface SourceEntry {
	segments: string[];
	value: unknown;
	/** Where the value is written (for a key whose value is derived, such as an image tag, the node it comes from). */
	span: Span;
	/** Where its key is written, when the format tells. */
	keySpan?: Span;
	/** The text of a value written as a YAML number, so that a version written so can be reported. */
	numberText?: string;
}

/** A source file decoded in one format: its values, or the problem that kept it from being read. */
export interface DecodedSource {
	path: string;
	format: SourceFormat;
	file: SourceFile;
	entries: SourceEntry[];
	/** Why the file cannot be read in its format (a syntax error, at the parser's line and column). */
	problem?: { line: number; column: number; message: string };
}

/**
 * What the engine gives the environment rules to resolve `sources`: the source files that were read (or left
 * unread, with why), and each decoded in a format on demand.
 */
export interface SourceReader {
	/** The paths of the source files read, relative to the content root, sorted. */
	paths: readonly string[];
	/** Why a path was left unread (a link that leads outside the root, a file too large); undefined when it was read or is absent. */
	unread(path: string): UnreadFile | undefined;
	/** The file decoded in a format; undefined when it was not read. */
	decode(path: string, format: SourceFormat): DecodedSource | undefined;
}
