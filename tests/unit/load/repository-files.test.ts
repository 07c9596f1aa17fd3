import { describe, expect, it } from 'vitest';
import { parseRepositoryFile } from '../../../src/lib/load/repository-files.ts';
import { MAX_FILE_BYTES, type RawFile } from '../../../src/lib/schema/content-files.ts';
import { analyze } from '../../../src/lib/engine.ts';
import { baseline, NOW, problemKeys, rawFiles } from '../../helpers/repo.ts';

/** What parsing one file reports: each problem as `file:line:col code: message`. */
function problems(raw: RawFile): string[] {
	return (parseRepositoryFile(raw)?.diagnostics ?? []).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`);
}

const EMPTY = new Uint8Array();

describe('the baseline', () => {
	it('parses an environment file with no problem', () => {
		expect(problems({ path: 'environments/dev.yaml', content: baseline()['environments/dev.yaml']! })).toEqual([]);
	});
});

describe('files above the size limit', () => {
	it('reports a file larger than the limit at its first line, without parsing it', () => {
		// Text that would be a YAML error if it were parsed.
		const content = `name: [${'x'.repeat(MAX_FILE_BYTES)}`;
		const parsed = parseRepositoryFile({ path: 'environments/big.yaml', content });
		expect(parsed?.parsed).toBeUndefined();
		expect(problems({ path: 'environments/big.yaml', content })).toEqual([
			'environments/big.yaml:1:1 file-too-large: big.yaml is 5,242,887 bytes, more than the 5,242,880 bytes a content file may hold, so it is not parsed; keep the settings that matter for parity in it and leave generated data out.',
		]);
	});

	it('counts the bytes of a text, not its characters', () => {
		// Each "é" takes two bytes: a little over half the limit in characters is over it in bytes.
		const content = `name: ${'é'.repeat(MAX_FILE_BYTES / 2 + 1)}\n`;
		expect(problems({ path: 'changes/notes.md', content }).map((p) => p.split(' ')[1])).toEqual(['file-too-large:']);
	});

	it('reports a file the reader left unread for its size with the size it read', () => {
		expect(problems({ path: 'changes/big.md', content: EMPTY, unread: { reason: 'too-large', bytes: 49_582_395 } })).toEqual([
			'changes/big.md:1:1 file-too-large: big.md is 47.3 MB, more than the 5 MB a content file may hold, so it is not parsed; keep the settings that matter for parity in it and leave generated data out.',
		]);
	});

	it('parses a file exactly at the limit', () => {
		const settings = '# padding\n'.repeat(MAX_FILE_BYTES / 10);
		const content = baseline()['environments/dev.yaml']! + settings.slice(0, MAX_FILE_BYTES - baseline()['environments/dev.yaml']!.length);
		expect(content.length).toBe(MAX_FILE_BYTES);
		expect(problems({ path: 'environments/dev.yaml', content })).toEqual([]);
	});
});

describe('paths left unread', () => {
	it('reports a link outside the root at the link, line 1 col 1, whatever it is named', () => {
		const outside = { reason: 'link-outside-root' } as const;
		expect(problems({ path: 'envparity.config.yaml', content: EMPTY, unread: outside })).toEqual([
			'envparity.config.yaml:1:1 symlink-outside-root: envparity.config.yaml is a symbolic link that leads outside the content root, so it is not followed and not read; put the file or folder itself in the repository instead of the link, or remove it.',
		]);
		// A content folder, which is not a content path by itself.
		expect(problems({ path: 'runbooks', content: EMPTY, unread: outside })).toHaveLength(1);
	});

	it('says which hidden folder a link leads into', () => {
		expect(problems({ path: 'issues/config.md', content: EMPTY, unread: { reason: 'link-outside-root', hidden: '.git' } })).toEqual([
			'issues/config.md:1:1 symlink-outside-root: config.md is a symbolic link that leads into .git/, a hidden folder that is never content, so it is not followed and not read; put the file or folder itself in the repository instead of the link, or remove it.',
		]);
	});

	it('reports a link to nothing, a loop of links and a link to a folder read already as read errors', () => {
		const unreadable = (why: 'missing' | 'loop' | 'folder-read', target: string): string[] =>
			problems({ path: 'environments/qa.yaml', content: EMPTY, unread: { reason: 'link-unreadable', why, target } });
		expect(unreadable('missing', 'environments/gone.yaml')).toEqual([
			'environments/qa.yaml:1:1 read-error: qa.yaml is a symbolic link to "environments/gone.yaml", which does not exist, so there is nothing to read; point the link at an existing file or remove it.',
		]);
		expect(unreadable('loop', 'environments/a')).toEqual([
			'environments/qa.yaml:1:1 read-error: qa.yaml is a symbolic link to "environments/a", which leads through a loop of links, so there is nothing to read; point the link at the file itself or remove it.',
		]);
		expect(unreadable('folder-read', 'changes')).toEqual([
			'environments/qa.yaml:1:1 read-error: qa.yaml is a symbolic link to the folder "changes", whose files are read already at another path (each folder is read once), so it is not followed; remove the link.',
		]);
	});

	it('fails the analysis with one error at the link', () => {
		const files = [
			...rawFiles(baseline()),
			{ path: 'runbooks', content: EMPTY, unread: { reason: 'link-outside-root' } } satisfies RawFile,
		];
		expect(problemKeys(analyze(files, { now: NOW }))).toEqual(['runbooks:1:1 error symlink-outside-root']);
	});
});
