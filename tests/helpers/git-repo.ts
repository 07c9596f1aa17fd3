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

	/**
	 * Writes files (null deletes one) and commits them; returns the commit hash. `date` (YYYY-MM-DD or an ISO date-time)
	 * sets the author and committer dates, so that a history has the dates a test needs.
	 */
	commit(message: string, files: Record<string, string | null>, date?: string): string {
		for (const [path, text] of Object.entries(files)) {
			const full = join(this.root, path);
			if (text === null) rmSync(full, { force: true });
			else {
				mkdirSync(dirname(full), { recursive: true });
				writeFileSync(full, text);
			}
		}
		this.git('add', '-A');
		const when = date === undefined ? {} : { GIT_AUTHOR_DATE: dated(date), GIT_COMMITTER_DATE: dated(date) };
		execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: this.root, env: { ...process.env, ...ENV, ...when } });
		return this.git('rev-parse', 'HEAD').trim();
	}

	/** A clone of this repository with only the last `depth` commits: a shallow clone, as CI checks out by default. */
	shallowClone(depth: number): string {
		const clone = mkdtempSync(join(tmpdir(), 'envparity-shallow-'));
		execFileSync('git', ['clone', '-q', '--depth', String(depth), `file://${this.root}`, clone], { env: { ...process.env, ...ENV } });
		return clone;
	}
}

/** A day as noon UTC, or a date-time as written. */
function dated(date: string): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T12:00:00Z` : date;
}
