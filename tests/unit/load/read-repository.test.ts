import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRepository, readRepositoryPath } from '../../../src/lib/load/read-repository.ts';
import { MAX_FILE_BYTES, type RawFile } from '../../../src/lib/schema/content-files.ts';
import { analyzeRepository, parseRepository, updateRepository } from '../../../src/lib/engine.ts';
import { baseline, NOW, problemKeys } from '../../helpers/repo.ts';

/** Text that must never be read: it stands for /etc/passwd or a key beside the repository. */
const OUTSIDE_TEXT = 'root:x:0:0:root:/root:/bin/bash';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * A content root (the baseline) beside a folder outside it, in a fresh temporary folder. `links` are
 * symbolic links to create, path → target as written in the link.
 */
function repository(links: Record<string, string> = {}, files: Record<string, string> = {}): { root: string; outside: string } {
	const folder = mkdtempSync(join(tmpdir(), 'envparity-links-'));
	folders.push(folder);
	const root = join(folder, 'content');
	const outside = join(folder, 'outside');
	const write = (path: string, text: string): void => {
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, text);
	};
	for (const [path, text] of Object.entries({ ...baseline(), ...files })) write(join(root, path), text);
	write(join(outside, 'passwd'), OUTSIDE_TEXT);
	write(join(outside, 'environments', 'qa.yaml'), OUTSIDE_TEXT);
	for (const [path, target] of Object.entries(links)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		symlinkSync(target, join(root, path));
	}
	return { root, outside };
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

/** The paths of the baseline, each with its text. */
const BASELINE = baseline();

describe('the baseline', () => {
	it('reads every content file and nothing else', async () => {
		const { root } = repository({}, { 'README.md': '# Team', 'src/page.astro': '---\n---' });
		expect(seen(await readRepository(root))).toEqual(BASELINE);
	});
});

describe('symbolic links that leave the root', () => {
	it('leaves a config file linked to an absolute path outside the root unread, at its own path', async () => {
		const { root, outside } = repository();
		symlinkSync(join(outside, 'passwd'), join(root, 'envparity.config.yaml'));
		expect(seen(await readRepository(root))).toEqual({ ...BASELINE, 'envparity.config.yaml': 'unread: link-outside-root' });
	});

	it('leaves a config file linked to a relative path outside the root unread', async () => {
		const { root } = repository({ 'envparity.config.yml': '../outside/passwd' });
		expect(seen(await readRepository(root))).toEqual({ ...BASELINE, 'envparity.config.yml': 'unread: link-outside-root' });
	});

	it('leaves a linked content folder outside the root unread, and reads none of its files', async () => {
		const { root } = repository({ 'runbooks/shared': '../../outside/environments' });
		expect(seen(await readRepository(root))).toEqual({ ...BASELINE, 'runbooks/shared': 'unread: link-outside-root' });
	});

	it('leaves a content folder that is itself a link outside the root unread, once', async () => {
		const { root, outside } = repository();
		rmSync(join(root, 'environments'), { recursive: true });
		symlinkSync(join(outside, 'environments'), join(root, 'environments'));
		const read = seen(await readRepository(root));
		expect(read.environments).toBe('unread: link-outside-root');
		expect(Object.keys(read).filter((path) => path.startsWith('environments'))).toEqual(['environments']);
	});

	it('leaves a linked file outside the root unread', async () => {
		const { root } = repository({ 'environments/qa.yaml': '../../outside/passwd' });
		expect(seen(await readRepository(root))['environments/qa.yaml']).toBe('unread: link-outside-root');
	});

	it('leaves unread a link that leaves the root on its way, even one that would come back', async () => {
		// ../content/environments/dev.yaml ends inside the root, but only after leaving it.
		const { root } = repository({ 'environments/qa.yaml': '../../content/environments/dev.yaml' });
		expect(seen(await readRepository(root))['environments/qa.yaml']).toBe('unread: link-outside-root');
	});

	it('leaves unread a link to a link inside the root that leads outside', async () => {
		const { root } = repository({ 'shortcut.yaml': '../outside/passwd', 'environments/qa.yaml': '../shortcut.yaml' });
		expect(seen(await readRepository(root))['environments/qa.yaml']).toBe('unread: link-outside-root');
	});

	it('leaves a link into a hidden folder of the root unread, naming the folder', async () => {
		const { root } = repository(
			{ 'issues/config.md': '../.git/config' },
			{ '.git/config': '[remote "origin"]\n\turl = https://token@example.com/x\n' },
		);
		expect(seen(await readRepository(root))['issues/config.md']).toBe('unread: link-outside-root .git');
	});
});

describe('symbolic links inside the root', () => {
	it('reads a linked file inside the root at the link’s path', async () => {
		const { root } = repository({ 'environments/qa.yaml': 'staging.yaml' });
		expect(seen(await readRepository(root))['environments/qa.yaml']).toBe(BASELINE['environments/staging.yaml']);
	});

	it('reads an absolute link that names a file inside the root', async () => {
		const { root } = repository();
		symlinkSync(join(root, 'environments', 'staging.yaml'), join(root, 'environments', 'qa.yaml'));
		expect(seen(await readRepository(root))['environments/qa.yaml']).toBe(BASELINE['environments/staging.yaml']);
	});

	it('reads the files of a linked folder inside the root at the link’s path', async () => {
		const { root } = repository(
			{ 'runbooks/team': '../docs/runbooks' },
			{ 'docs/runbooks/restart.md': '---\ntitle: Restart\n---\nRestart it.\n' },
		);
		expect(seen(await readRepository(root))['runbooks/team/restart.md']).toBe('---\ntitle: Restart\n---\nRestart it.\n');
	});

	it('reads a content folder that is a link to a folder inside the root', async () => {
		const { root } = repository({}, { 'docs/runbooks/restart.md': 'Restart it.\n' });
		rmSync(join(root, 'runbooks'), { recursive: true });
		symlinkSync('docs/runbooks', join(root, 'runbooks'));
		expect(seen(await readRepository(root))).toEqual({
			...Object.fromEntries(Object.entries(BASELINE).filter(([p]) => !p.startsWith('runbooks/'))),
			'runbooks/restart.md': 'Restart it.\n',
		});
	});

	it('reports a link to nothing with where it leads', async () => {
		const { root } = repository({ 'environments/qa.yaml': 'gone.yaml' });
		expect(seen(await readRepository(root))['environments/qa.yaml']).toBe('unread: link-unreadable missing environments/gone.yaml');
	});

	it('reports a loop of links', async () => {
		const { root } = repository({ 'environments/a.yaml': 'b.yaml', 'environments/b.yaml': 'a.yaml' });
		const read = seen(await readRepository(root));
		expect([read['environments/a.yaml'], read['environments/b.yaml']]).toEqual([
			'unread: link-unreadable loop environments/b.yaml',
			'unread: link-unreadable loop environments/a.yaml',
		]);
	});

	it('reads each folder once: a link to a content folder, or to a folder that holds the link, is not followed', async () => {
		const { root } = repository({ 'changes/envs': '../environments', 'environments/all': '..' });
		const read = seen(await readRepository(root));
		expect(read['changes/envs']).toBe('unread: link-unreadable folder-read environments');
		expect(read['environments/all']).toBe('unread: link-unreadable folder-read ');
		expect(Object.keys(read).filter((path) => path.startsWith('changes/envs/') || path.startsWith('environments/all/'))).toEqual([]);
	});

	it('reads a real content folder before a content folder that is a link into it', async () => {
		const { root } = repository({}, { 'runbooks/old/restart.md': 'Restart it.\n' });
		rmSync(join(root, 'issues'), { recursive: true });
		symlinkSync('runbooks/old', join(root, 'issues'));
		const read = seen(await readRepository(root));
		expect([read.issues, read['runbooks/old/restart.md']]).toEqual(['unread: link-unreadable folder-read runbooks/old', 'Restart it.\n']);
	});

	it('follows only the first of two links to one folder', async () => {
		const { root } = repository({ 'runbooks/a': '../docs', 'runbooks/b': '../docs' }, { 'docs/guide.md': 'Guide\n' });
		const read = seen(await readRepository(root));
		expect([read['runbooks/a/guide.md'], read['runbooks/b']]).toEqual(['Guide\n', 'unread: link-unreadable folder-read docs']);
	});
});

describe('files that are not read', () => {
	it('leaves a file above the size limit unread, with its size', async () => {
		const { root } = repository();
		truncateSync(join(root, 'environments', 'dev.yaml'), MAX_FILE_BYTES + 1);
		expect(seen(await readRepository(root))['environments/dev.yaml']).toBe(`unread: too-large ${MAX_FILE_BYTES + 1}`);
	});

	it('skips a FIFO instead of waiting on it forever, also as the config file', async () => {
		const { root } = repository();
		try {
			execFileSync('mkfifo', [join(root, 'envparity.config.yaml'), join(root, 'environments', 'qa.yaml')]);
		} catch {
			return; // no mkfifo here: nothing to test
		}
		expect(seen(await readRepository(root))).toEqual(BASELINE);
	});
});

describe('reading one path again', () => {
	it('reads a path under a linked folder as the full reading does', async () => {
		const { root } = repository({ 'runbooks/team': '../docs/runbooks' }, { 'docs/runbooks/restart.md': 'Restart it.\n' });
		expect(seen(await readRepositoryPath(root, 'runbooks/team/restart.md'))).toEqual({ 'runbooks/team/restart.md': 'Restart it.\n' });
		expect(seen(await readRepositoryPath(root, 'runbooks/team'))).toEqual({ 'runbooks/team/restart.md': 'Restart it.\n' });
	});

	it('does not follow a link to a folder read already when reading a path under it', async () => {
		const { root } = repository({ 'changes/envs': '../environments' });
		expect(seen(await readRepositoryPath(root, 'changes/envs/dev.yaml'))).toEqual({
			'changes/envs': 'unread: link-unreadable folder-read environments',
		});
	});

	it('leaves a path under a link outside the root unread at the link', async () => {
		const { root } = repository({ 'runbooks/shared': '../../outside/environments' });
		expect(seen(await readRepositoryPath(root, 'runbooks/shared/qa.yaml'))).toEqual({ 'runbooks/shared': 'unread: link-outside-root' });
	});

	it('keeps the reason a path was left unread through the dev server’s update', async () => {
		const { root } = repository();
		const before = parseRepository(await readRepository(root));
		symlinkSync('../../outside/passwd', join(root, 'environments', 'qa.yaml'));
		const after = updateRepository(before, await readRepositoryPath(root, 'environments/qa.yaml'));
		expect(problemKeys(analyzeRepository(after, { now: NOW }))).toEqual(['environments/qa.yaml:1:1 error symlink-outside-root']);
	});

	it('reads nothing for a path that is not content, or is gone', async () => {
		const { root } = repository({}, { 'src/page.astro': '---\n---' });
		expect(await readRepositoryPath(root, 'src/page.astro')).toEqual([]);
		expect(await readRepositoryPath(root, 'changes/gone.md')).toEqual([]);
	});
});
