import type { YamlSource } from '../diagnostics/positions.ts';
import type { SourceFile } from '../diagnostics/source-file.ts';

/** One file of a content repository as read from disk or from git. */
export interface RawFile {
	/** Path relative to the root, with forward slashes. */
	path: string;
	content: Uint8Array | string;
}

/** The kinds of content file. */
export type FileKind = 'config' | 'environment' | 'differences' | 'change' | 'issue' | 'runbook';

/** A content file parsed into YAML data, keeping positions. */
export interface ParsedFile {
	kind: FileKind;
	/** The file-name stem. */
	id: string;
	file: SourceFile;
	source: YamlSource;
	/** The YAML as plain data; undefined when the YAML did not parse. */
	data: unknown;
	/** Markdown body, for changes, issues and runbooks. */
	body?: { text: string; offset: number; mdx: boolean };
}

/** The kinds of entity that have a file and a page each. */
export type EntityKind = 'environment' | 'change' | 'issue' | 'runbook';

/** The folder that holds each kind of entity (also the name of its content collection on the site). */
export const ENTITY_FOLDERS = {
	environment: 'environments',
	change: 'changes',
	issue: 'issues',
	runbook: 'runbooks',
} as const satisfies Record<EntityKind, string>;

/** The folder of an entity kind: `environments`, `changes`, `issues` or `runbooks`. */
export type EntityFolder = (typeof ENTITY_FOLDERS)[EntityKind];

/** The folders that hold content, with the kind of entity each holds. */
export const CONTENT_FOLDERS = {
	environments: 'environment',
	changes: 'change',
	issues: 'issue',
	runbooks: 'runbook',
} as const satisfies Record<EntityFolder, EntityKind>;

/** The configuration file's name at the root. */
export const CONFIG_FILE = 'envparity.config.yaml';

/** The file of documented differences. */
export const DIFFERENCES_FILE = 'environments/differences.yaml';

const MARKDOWN = /\.(md|mdx)$/;
const YAML = /\.(yaml|yml)$/;

/** Whether a path is one the engine reads or must report on (content folders and the config file). */
export function isContentPath(path: string): boolean {
	if (path === CONFIG_FILE || path === 'envparity.config.yml') return true;
	const top = path.split('/')[0]!;
	return top in CONTENT_FOLDERS && path.includes('/');
}

/** The kind of a content file from its path, or undefined for a file the engine does not read (a `.txt` in `changes/`). */
export function fileKindOf(path: string): FileKind | undefined {
	if (path === CONFIG_FILE || path === 'envparity.config.yml') return 'config';
	if (path === DIFFERENCES_FILE || path === 'environments/differences.yml') return 'differences';
	const folder = path.split('/')[0] as keyof typeof CONTENT_FOLDERS;
	const kind = CONTENT_FOLDERS[folder];
	if (kind === 'environment') return YAML.test(path) ? kind : undefined;
	return MARKDOWN.test(path) ? kind : undefined;
}
