import type { Config } from '../schema/config.ts';

/** Paths of every page, under the site's base path (`import.meta.env.BASE_URL`). */
export interface SiteLinks {
	home: string;
	/** A path under the base, e.g. `path('matrix/')`. */
	path(relative: string): string;
	environment(id: string): string;
	change(id: string): string;
	issue(id: string): string;
	runbook(id: string): string;
	matrixRow(key: string): string;
	difference(index: number): string;
	compare(a: string, b: string): string;
	go(ref: string): string;
}

/** Builds the page paths for a base path such as `/` or `/infra-wiki/`. */
export function createLinks(base: string): SiteLinks {
	const root = base.endsWith('/') ? base : `${base}/`;
	const path = (relative: string): string => `${root}${relative.replace(/^\/+/, '')}`;
	const seg = (id: string): string => encodeURIComponent(id);
	return {
		home: root,
		path,
		environment: (id) => path(`environments/${seg(id)}/`),
		change: (id) => path(`changes/${seg(id)}/`),
		issue: (id) => path(`issues/${seg(id)}/`),
		runbook: (id) => path(`runbooks/${seg(id)}/`),
		matrixRow: (key) => path(`matrix/#${rowAnchor(key)}`),
		difference: (index) => path(`differences/#difference-${index + 1}`),
		compare: (a, b) => path(`compare/${seg(a)}/${seg(b)}/`),
		go: (ref) => path(`go/${seg(ref)}/`),
	};
}

/** The stable anchor of a matrix row: the setting key itself, as `/matrix/#database.version`. */
export function rowAnchor(key: string): string {
	return encodeURIComponent(key).replace(/%2F/g, '/');
}

/** Links into the repository's web interface for a file, when `repository` is set. */
export interface RepositoryLinks {
	edit: string;
	history: string;
	/** The file at a line, for problems. */
	view(line?: number): string;
}

/** Edit, history and view links for a file on `branch` in `repository` (GitHub, GitLab and Bitbucket forms; GitHub's for other hosts). */
export function repositoryLinks(config: Pick<Config, 'repository' | 'branch'>, file: string): RepositoryLinks | null {
	if (!config.repository) return null;
	const repo = config.repository.replace(/\/+$/, '').replace(/\.git$/, '');
	const branch = encodeURIComponent(config.branch);
	const path = file.split('/').map(encodeURIComponent).join('/');
	const host = new URL(repo).hostname;
	if (host.includes('gitlab')) {
		return { edit: `${repo}/-/edit/${branch}/${path}`, history: `${repo}/-/commits/${branch}/${path}`, view: (line) => `${repo}/-/blob/${branch}/${path}${line ? `#L${line}` : ''}` };
	}
	if (host.includes('bitbucket')) {
		return { edit: `${repo}/src/${branch}/${path}?mode=edit`, history: `${repo}/history-node/${branch}/${path}`, view: (line) => `${repo}/src/${branch}/${path}${line ? `#lines-${line}` : ''}` };
	}
	return { edit: `${repo}/edit/${branch}/${path}`, history: `${repo}/commits/${branch}/${path}`, view: (line) => `${repo}/blob/${branch}/${path}${line ? `#L${line}` : ''}` };
}
