import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ENV = {
	GIT_AUTHOR_NAME: 'Ana',
	GIT_AUTHOR_EMAIL: 'ana@example.com',
	GIT_COMMITTER_NAME: 'Ana',
	GIT_COMMITTER_EMAIL: 'ana@example.com',
	GIT_AUTHOR_DATE: '2024-05-01T10:00:00Z',
	GIT_COMMITTER_DATE: '2024-05-01T10:00:00Z',
};

/** A throwaway git repository in a temporary folder, with real commits. */
export class GitRepo {
	readonly root = mkdtempSync(join(tmpdir(), 'envparity-pr-'));

	constructor() {
		this.git('init', '-q', '-b', 'main');
	}

	git(...args: string[]): string {
		return execFileSync('git', args, { cwd: this.root, encoding: 'utf8', env: { ...process.env, ...ENV } });
	}

	/** Writes files (null deletes one) and commits them; returns the commit hash. */
	commit(message: string, files: Record<string, string | null>): string {
		for (const [path, text] of Object.entries(files)) {
			const full = join(this.root, path);
			if (text === null) rmSync(full, { force: true });
			else {
				mkdirSync(dirname(full), { recursive: true });
				writeFileSync(full, text);
			}
		}
		this.git('add', '-A');
		this.git('commit', '-q', '--allow-empty', '-m', message);
		return this.git('rev-parse', 'HEAD').trim();
	}
}
