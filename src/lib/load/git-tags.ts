import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A release tag and the commit of the environment files' history whose state it shipped. */
export interface ReleaseTag {
	/** The tag's name, without `refs/tags/`: `v1.4.0`, `release/2024.05+build.7`. */
	name: string;
	/** The tagged commit (an annotated tag peeled to its commit). */
	commit: string;
	/** The tagged commit's day (committer date), YYYY-MM-DD in UTC. */
	date: string;
	/**
	 * The last commit at or before the tagged one, along the first parent, that is among `landmarks` (the commits of the
	 * history the timelines were read from, those that touched the content files): the tag's commit itself when it is one. Null when no such commit was read
	 * (every commit of the environment files is later, or a shallow clone stops before one).
	 */
	base: string | null;
}

/** What `readPreviousReleaseTag` found: the tag, or null and why. */
export interface ReleaseTagReading {
	tag: ReleaseTag | null;
	/** Why there is no tag, when git could not be read (no git, not a repository, no commit). */
	note?: string;
}

/**
 * The previous release tag of the repository that holds `root`: walking the first-parent chain back from HEAD, the
 * first commit after HEAD itself that carries a tag `matches` accepts (every tag by default). Built on a tagged release,
 * that is the release before it; otherwise the last release. When one commit carries several tags, the shortest name
 * is taken (then the first in code-point order), so that `v1.4.0` wins over `v1.4.0-rc.2` on the same commit.
 * Annotated and lightweight tags both count, an annotated one by the commit it points at.
 *
 * One `git log --first-parent` with the tags as decorations, read as a stream and stopped as soon as the tag and its
 * `base` (see `ReleaseTag`) are known, or once it has passed every landmark without a tag: a release older than the
 * whole history would have nothing to compare with, so there is none, and a long history before the content's first
 * commit is not read. Without git, outside a repository or with no commit, there is no tag; in a shallow clone only
 * tags on the commits it holds are seen.
 */
export async function readPreviousReleaseTag(
	root: string,
	landmarks: ReadonlySet<string>,
	options: { matches?: (name: string) => boolean; timeoutMs?: number } = {},
): Promise<ReleaseTagReading> {
	const matches = options.matches ?? (() => true);
	return new Promise((resolve) => {
		let settled = false;
		let found: ReleaseTag | null = null;
		let first = true;
		/** How many of the landmarks the walk has passed. */
		let seen = 0;
		let stderr = '';
		const child = spawn(
			'git',
			[
				'-c',
				'log.showSignature=false',
				'log',
				'--first-parent',
				'--no-color',
				// Only tags decorate the commits (not branches, not HEAD); an annotated tag decorates the commit it points at.
				'--decorate-refs=refs/tags/',
				'--format=%H%x1f%cI%x1f%D',
				'HEAD',
				'--',
			],
			{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const finish = (reading: ReleaseTagReading): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			lines.close();
			if (child.exitCode === null) child.kill();
			resolve(reading);
		};
		const timer = setTimeout(
			() =>
				finish(found ? { tag: found } : { tag: null, note: 'The release tags are not available (reading them from git took too long).' }),
			options.timeoutMs ?? 30_000,
		);
		child.on('error', () => finish({ tag: null, note: 'The release tags are not available (git is missing).' }));
		child.stderr.on('data', (chunk: Buffer) => {
			if (stderr.length < 4096) stderr += chunk.toString();
		});
		const lines = createInterface({ input: child.stdout });
		lines.on('line', (line) => {
			if (settled) return;
			const [hash = '', time = '', decorations = ''] = line.split('\x1f');
			const isHead = first;
			first = false;
			const landmark = landmarks.has(hash);
			if (landmark) seen++;
			if (!found && !isHead) {
				const names = tagNames(decorations).filter(matches);
				const date = new Date(time);
				if (names.length > 0 && !Number.isNaN(date.getTime())) {
					names.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
					found = { name: names[0]!, commit: hash, date: date.toISOString().slice(0, 10), base: null };
				}
			}
			if (found && landmark) {
				found.base = hash;
				finish({ tag: found });
			} else if (!found && landmarks.size > 0 && seen === landmarks.size) {
				// Past the oldest commit of the history: an older release would have nothing to compare with.
				finish({ tag: null });
			}
		});
		child.on('close', (code) => {
			if (found) return finish({ tag: found });
			if (code === 0) return finish({ tag: null });
			if (/does not have any commits|unknown revision|bad default revision/.test(stderr))
				return finish({ tag: null, note: 'No commits yet.' });
			finish({ tag: null, note: 'The release tags are not available (git is missing or this is not a git repository).' });
		});
	});
}

/**
 * The tag names in git's `%D` decorations (`tag: v1.4.0, tag: release/1.4+b, grafted`): items are separated by ", ",
 * which no ref name can hold (a ref name has no spaces).
 */
export function tagNames(decorations: string): string[] {
	if (decorations === '') return [];
	return decorations
		.split(', ')
		.filter((item) => item.startsWith('tag: '))
		.map((item) => item.slice(5));
}
