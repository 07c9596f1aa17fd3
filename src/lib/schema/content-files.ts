import type { YamlSource } from '../diagnostics/positions.ts';
import type { SourceFile } from '../diagnostics/source-file.ts';

/** One file of a content repository as read from disk or from git. */
export interface RawFile {
	/** Path relative to the root, with forward slashes. */
	path: string;
	/** The file's bytes or text; empty when the file was left unread. */
	content: Uint8Array | string;
	/** Why the reader left the file unread, so that it is reported at its path instead of dropped. */
	unread?: UnreadFile;
	/** A configuration file an environment's `sources` names, read for its settings rather than as content. */
	source?: true;
}

/**
 * Why a reader left a path unread. A symbolic link is followed when it leads to a file or folder inside
 * the content root that is not hidden (not in `.git/`, another dot-folder or `node_modules/`), and its
 * content is read at the link's path; any other link is never followed and never read.
 */
export type UnreadFile =
	/** A symbolic link (to a file or a folder) that leads outside the content root, or into a hidden folder inside it (`hidden`: its name, such as `.git`). */
	| { reason: 'link-outside-root'; hidden?: string }
	/**
	 * A symbolic link inside the root that leads to nothing, into a loop of links, or to a folder whose
	 * files are read already (each folder is read once); `target` is where it leads, relative to the root.
	 */
	| { reason: 'link-unreadable'; why: 'missing' | 'loop' | 'folder-read'; target: string }
	/** A file larger than MAX_FILE_BYTES, with its size. */
	| { reason: 'too-large'; bytes: number };

/**
 * The size above which a content file is reported (`file-too-large`) and not parsed: 5 MB. Content is
 * written and reviewed by people: the values file of a large public Helm chart (kube-prometheus-stack)
 * is under 200 KB, so this leaves room for twenty-five times that, while a file at the limit still
 * checks in seconds (a 50 MB file kept `check` busy for minutes).
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

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

/** The names the configuration file may have at the root of a content repository. */
export const CONFIG_FILES = [CONFIG_FILE, 'envparity.config.yml'] as const;

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
