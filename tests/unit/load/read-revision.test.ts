import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRevision } from '../../../src/lib/load/read-revision.ts';
import { MAX_FILE_BYTES, type RawFile } from '../../../src/lib/schema/content-files.ts';
import { GitRepo } from '../../helpers/git-repo.ts';
import { baseline } from '../../helpers/repo.ts';

const repos: GitRepo[] = [];
afterEach(() => {
	for (const repo of repos.splice(0)) rmSync(repo.root, { recursive: true, force: true });
});

/**
 * A git repository whose one commit holds the baseline under `content/` (the root read), other files,
 * and symbolic links (path → target as written in the link), as git stores them: a blob of the target.
 */
function commitWith(links: Record<string, string>, files: Record<string, string> = {}): { repo: GitRepo; root: string } {
	const repo = new GitRepo();
	repos.push(repo);
	const content = Object.fromEntries(Object.entries(baseline()).map(([path, text]) => [`content/${path}`, text]));
	for (const [path, target] of Object.entries(links)) {
		mkdirSync(dirname(join(repo.root, path)), { recursive: true });
		symlinkSync(target, join(repo.root, path));
	}
	repo.commit('Content', { ...content, 'outside/passwd': 'root:x:0:0:root:/root:/bin/bash\n', ...files });
	return { repo, root: join(repo.root, 'content') };
}

/** What a reading holds, by path: the file's text, or why it was left unread. */
function seen(files: readonly RawFile[]): Record<string, string> {
	const byPath: Record<string, string> = {};
	for (const file of files) {
		const text = typeof file.content === 'string' ? file.content : new TextDecoder().decode(file.content);
		byPath[file.path] = file.unread ? `unread: ${Object.values(file.unread).join(' ')}` : text;
	}
	return byPath;
}

const BASELINE = baseline();

describe('the baseline', () => {
	it('reads every content file of the revision, under the root folder', async () => {
		const { root } = commitWith({}, { 'content/README.md': '# Team\n' });
		expect(seen(await readRevision(root, 'HEAD'))).toEqual(BASELINE);
	});
});

describe('symbolic links in a revision', () => {
	it('never reads a link’s stored target as content: a config file linked outside the root is left unread', async () => {
		const { root } = commitWith({ 'content/envparity.config.yaml': '/etc/passwd' });
		expect(seen(await readRevision(root, 'HEAD'))).toEqual({ ...BASELINE, 'envparity.config.yaml': 'unread: link-outside-root' });
	});

	it('leaves a link that leaves the root folder unread, though it stays in the repository', async () => {
		const { root } = commitWith({ 'content/environments/qa.yaml': '../../outside/passwd' });
		expect(seen(await readRevision(root, 'HEAD'))['environments/qa.yaml']).toBe('unread: link-outside-root');
	});

	it('leaves a linked content folder outside the root unread', async () => {
		const { root } = commitWith({ 'content/runbooks/shared': '../../outside' });
		expect(seen(await readRevision(root, 'HEAD'))['runbooks/shared']).toBe('unread: link-outside-root');
	});

	it('reads a linked file inside the root as that file, at the link’s path', async () => {
		const { root } = commitWith({ 'content/environments/qa.yaml': 'staging.yaml' });
		expect(seen(await readRevision(root, 'HEAD'))['environments/qa.yaml']).toBe(BASELINE['environments/staging.yaml']);
	});

	it('reads the files of a linked folder inside the root at the link’s path', async () => {
		const { root } = commitWith({ 'content/runbooks/team': '../docs' }, { 'content/docs/restart.md': 'Restart it.\n' });
		expect(seen(await readRevision(root, 'HEAD'))['runbooks/team/restart.md']).toBe('Restart it.\n');
	});

	it('reports a link to nothing and a link into a hidden folder as on disk', async () => {
		const { root } = commitWith(
			{ 'content/environments/qa.yaml': 'gone.yaml', 'content/issues/config.md': '../.github/notes.md' },
			{ 'content/.github/notes.md': 'Notes\n' },
		);
		const read = seen(await readRevision(root, 'HEAD'));
		expect([read['environments/qa.yaml'], read['issues/config.md']]).toEqual([
			'unread: link-unreadable missing environments/gone.yaml',
			'unread: link-outside-root .github',
		]);
	});
});

describe('large files in a revision', () => {
	it('leaves a blob above the size limit unread, with its size', async () => {
		const { root } = commitWith({}, { 'content/changes/big.md': 'x'.repeat(MAX_FILE_BYTES + 1) });
		expect(seen(await readRevision(root, 'HEAD'))['changes/big.md']).toBe(`unread: too-large ${MAX_FILE_BYTES + 1}`);
	});
});
