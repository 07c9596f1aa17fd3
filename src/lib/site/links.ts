import type { Config } from '../schema/config.ts';
import { isWebUrl } from '../schema/shared.ts';
import { pagePath } from './paging.ts';

/** The one route table: the path of every page and file of the site, under its base path (`import.meta.env.BASE_URL`). */
export interface SiteLinks {
	home: string;
	/** A path under the base, e.g. `path('matrix/')`; pages and components use the typed routes below. */
	path(relative: string): string;
	favicon: string;
	search: string;
	/** Pagefind's bundle folder. */
	pagefind: string;
	parityJson: string;
	changesFeed: string;
	issuesFeed: string;
	/** The parity matrix, whole or filtered by one status or one key prefix. */
	matrix(filter?: { status?: string; prefix?: string }): string;
	matrixRow(key: string): string;
	/** The rows of the matrix whose status changed since a fixed point (`30-days`, `90-days`, or a release's `releasePointId`). */
	matrixSince(point: string): string;
	/** The page of one setting key, `/settings/<slug>/` (see `settingSlug`). */
	setting(key: string): string;
	environments: string;
	environment(id: string): string;
	/** The changes board, whole or for one environment. */
	changes(env?: string): string;
	/** The full list of one board column, at page `n`. */
	changeColumn(column: string, n?: number): string;
	change(id: string): string;
	/** The issue index, whole or filtered by one facet value, at page `n`. */
	issues(filter?: { facet: string; value: string }, n?: number): string;
	issue(id: string): string;
	runbooks: string;
	runbook(id: string): string;
	differences: string;
	difference(index: number): string;
	problems: string;
	/** The full list of one group of problems, at page `n`. */
	problemGroup(id: string, n?: number): string;
	compare(a: string, b: string): string;
	/** The parity badge of two adjacent stages. */
	badge(from: string, to: string): string;
	go(ref: string): string;
}

/** Builds the page paths for a base path such as `/` or `/infra-wiki/`. */
export function createLinks(base: string): SiteLinks {
	const root = base.endsWith('/') ? base : `${base}/`;
	const path = (relative: string): string => `${root}${relative.replace(/^\/+/, '')}`;
	const seg = (id: string): string => encodeURIComponent(id);
	const paged = (first: string, n = 1): string => path(pagePath(first, n));
	return {
		home: root,
		path,
		favicon: path('favicon.svg'),
		search: path('search/'),
		pagefind: path('pagefind/'),
		parityJson: path('api/parity.json'),
		changesFeed: path('changes/feed.xml'),
		issuesFeed: path('issues/feed.xml'),
		matrix: (filter) =>
			path(filter?.status ? `matrix/status/${seg(filter.status)}/` : filter?.prefix ? `matrix/prefix/${seg(filter.prefix)}/` : 'matrix/'),
		matrixRow: (key) => path(`matrix/#${rowAnchor(key)}`),
		matrixSince: (point) => path(`matrix/since/${seg(point)}/`),
		setting: (key) => path(`settings/${settingSlug(key)}/`),
		environments: path('environments/'),
		environment: (id) => path(`environments/${seg(id)}/`),
		changes: (env) => path(env ? `changes/env/${seg(env)}/` : 'changes/'),
		changeColumn: (column, n) => paged(`changes/state/${seg(column)}/`, n),
		change: (id) => path(`changes/${seg(id)}/`),
		issues: (filter, n) => paged(filter ? `issues/filter/${seg(filter.facet)}/${seg(filter.value)}/` : 'issues/', n),
		issue: (id) => path(`issues/${seg(id)}/`),
		runbooks: path('runbooks/'),
		runbook: (id) => path(`runbooks/${seg(id)}/`),
		differences: path('differences/'),
		difference: (index) => path(`differences/#difference-${index + 1}`),
		problems: path('problems/'),
		problemGroup: (id, n) => paged(`problems/${seg(id)}/`, n),
		compare: (a, b) => path(`compare/${seg(a)}/${seg(b)}/`),
		badge: (from, to) => path(`badges/${seg(from)}-${seg(to)}.svg`),
		go: (ref) => path(`go/${seg(ref)}/`),
	};
}

/** The stable anchor of a matrix row: the setting key itself, as `/matrix/#database.version`. */
export function rowAnchor(key: string): string {
	return encodeURIComponent(key).replace(/%2F/g, '/');
}

/**
 * The URL segment of a setting key's page: letters, digits, `_`, `-` and `.` stay as they are; every other byte of
 * the key's UTF-8 (brackets, slashes, spaces, `~` itself) becomes `~` and two upper-case hex digits, and so does a
 * leading dot, so that no key makes a hidden or relative folder. `servers[0].host` → `servers~5B0~5D.host`. The form
 * is stable (one key, one segment) and reversible (`keyOfSettingSlug`), and needs no escaping in a path or a file name.
 */
export function settingSlug(key: string): string {
	// Nearly every key is written as it is: a page links hundreds of them.
	if (PLAIN_SLUG.test(key)) return key;
	let out = '';
	for (const byte of new TextEncoder().encode(key)) {
		const c = String.fromCharCode(byte);
		out += /[A-Za-z0-9_.-]/.test(c) && !(c === '.' && out === '') ? c : `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

/** A key that `settingSlug` writes as it is: the characters it keeps, not starting with a dot. */
const PLAIN_SLUG = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** Above this length, a release point's id is cut and ends with a hash of the whole tag name (see `releasePointId`). */
const RELEASE_ID_MAX = 120;

/**
 * The id of a release tag's "compare with" point, its page `/matrix/since/<id>/`: `tag-` and the tag's name written as
 * `settingSlug` writes a key (letters, digits, `_`, `-` and `.` as they are, every other byte as `~XX`), so that a tag
 * name with `/`, `+` or any other character is one safe, stable segment: `release/1.4+b` → `tag-release~2F1.4~2Bb`.
 * No fixed point's id starts with `tag-`. An id that would be longer than 120 characters keeps its first 110 and ends
 * with `~~` and eight hex digits of the name's FNV-1a hash, so that no file name of the site grows past a file system's
 * limit.
 */
export function releasePointId(tag: string): string {
	const id = `tag-${settingSlug(tag)}`;
	if (id.length <= RELEASE_ID_MAX) return id;
	let hash = 0x811c9dc5;
	for (const byte of new TextEncoder().encode(tag)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
	return `${id.slice(0, RELEASE_ID_MAX - 10)}~~${hash.toString(16).padStart(8, '0')}`;
}

/** The setting key a `settingSlug` names. */
export function keyOfSettingSlug(slug: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < slug.length; i++) {
		if (slug[i] === '~') {
			bytes.push(Number.parseInt(slug.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(slug.charCodeAt(i));
	}
	return new TextDecoder().decode(new Uint8Array(bytes));
}

/**
 * The page of a commit in the repository's web interface (GitHub, GitLab and Bitbucket forms; GitHub's for other hosts),
 * or null without an http(s) `repository`.
 */
export function commitLink(config: Pick<Config, 'repository'>, hash: string): string | null {
	if (!config.repository || !/^[0-9a-f]{4,64}$/i.test(hash)) return null;
	const repo = config.repository
		.trim()
		.replace(/\/+$/, '')
		.replace(/\.git$/, '');
	if (!isWebUrl(repo)) return null;
	const host = new URL(repo).hostname;
	if (host.includes('gitlab')) return `${repo}/-/commit/${hash}`;
	if (host.includes('bitbucket')) return `${repo}/commits/${hash}`;
	return `${repo}/commit/${hash}`;
}

/** Links into the repository's web interface for a file, when `repository` is set. */
export interface RepositoryLinks {
	edit: string;
	history: string;
	/** The file at a line, for problems. */
	view(line?: number): string;
}

/**
 * Edit, history and view links for a file on `branch` in `repository` (GitHub, GitLab and Bitbucket forms; GitHub's for other
 * hosts). Null when the repository is not set, or is not an http(s) address: the schema refuses those, and this check keeps a
 * `javascript:` address that reached the model some other way out of every page's links.
 */
export function repositoryLinks(config: Pick<Config, 'repository' | 'branch'>, file: string): RepositoryLinks | null {
	if (!config.repository) return null;
	const repo = config.repository
		.trim()
		.replace(/\/+$/, '')
		.replace(/\.git$/, '');
	if (!isWebUrl(repo)) return null;
	const branch = encodeURIComponent(config.branch);
	const path = file.split('/').map(encodeURIComponent).join('/');
	const host = new URL(repo).hostname;
	if (host.includes('gitlab')) {
		return {
			edit: `${repo}/-/edit/${branch}/${path}`,
			history: `${repo}/-/commits/${branch}/${path}`,
			view: (line) => `${repo}/-/blob/${branch}/${path}${line ? `#L${line}` : ''}`,
		};
	}
	if (host.includes('bitbucket')) {
		return {
			edit: `${repo}/src/${branch}/${path}?mode=edit`,
			history: `${repo}/history-node/${branch}/${path}`,
			view: (line) => `${repo}/src/${branch}/${path}${line ? `#lines-${line}` : ''}`,
		};
	}
	return {
		edit: `${repo}/edit/${branch}/${path}`,
		history: `${repo}/commits/${branch}/${path}`,
		view: (line) => `${repo}/blob/${branch}/${path}${line ? `#L${line}` : ''}`,
	};
}
