import { describe, expect, it } from 'vitest';
import {
	analyze,
	analyzeRepository,
	parseRepository,
	updateRepository,
	type Analysis,
	type ParsedRepository,
} from '../../../src/lib/engine.ts';
import { toExportDocument } from '../../../src/lib/model/export-document.ts';
import { baseline, dedent, NOW, problemKeys, rawFiles } from '../../helpers/repo.ts';

/** What an analysis shows: its problems, the machine-readable model (matrix, scores, entities, states) and the files it read. */
function shown(analysis: Analysis): unknown {
	return {
		problems: analysis.problems,
		model: toExportDocument(analysis.model, analysis.problems),
		fileCount: analysis.fileCount,
		sources: [...analysis.sources.keys()].sort(),
	};
}

/** Applies edits to a parsed repository one at a time, as the dev server does, and returns the files and the repository after them. */
function edit(
	files: Record<string, string | Uint8Array>,
	...edits: Record<string, string | Uint8Array | undefined>[]
): { files: Record<string, string | Uint8Array>; repository: ParsedRepository } {
	let repository = parseRepository(rawFiles(files));
	const now = { ...files };
	for (const changes of edits) {
		repository = updateRepository(
			repository,
			Object.entries(changes).map(([path, content]) => ({ path, content })),
		);
		for (const [path, content] of Object.entries(changes)) {
			if (content === undefined) delete now[path];
			else now[path] = content;
		}
	}
	return { files: now, repository };
}

const STAGING_DRIFT = baseline()['environments/staging.yaml']!.replace('pool_size: 20', 'pool_size: 40');
const NEW_ISSUE = dedent(`
	---
	title: Cache misses in staging
	status: open
	severity: medium
	environments: [staging]
	opened: 2024-02-10
	changes: [redis-pool]
	---
	The cache misses.
`);

describe('an analysis after one file changed', () => {
	it('equals a fresh analysis after an environment file is edited', () => {
		const { files, repository } = edit(baseline(), { 'environments/staging.yaml': STAGING_DRIFT });
		const updated = analyzeRepository(repository, { now: NOW });
		expect(problemKeys(updated)).toContain('environments/staging.yaml:6:42 warning undocumented-drift');
		expect(shown(updated)).toEqual(shown(analyze(rawFiles(files), { now: NOW })));
	});

	it('equals a fresh analysis after a file is added', () => {
		const { files, repository } = edit(baseline(), { 'issues/cache-misses.md': NEW_ISSUE });
		const updated = analyzeRepository(repository, { now: NOW });
		expect(updated.model.issues.map((i) => i.id)).toContain('cache-misses');
		expect(shown(updated)).toEqual(shown(analyze(rawFiles(files), { now: NOW })));
	});

	it('equals a fresh analysis after a file is deleted', () => {
		const { files, repository } = edit(baseline(), { 'runbooks/payment-timeout.md': undefined });
		const updated = analyzeRepository(repository, { now: NOW });
		expect(problemKeys(updated)).toContain('issues/payment-timeout.md:11:12 error unknown-runbook');
		expect(shown(updated)).toEqual(shown(analyze(rawFiles(files), { now: NOW })));
	});

	it('equals a fresh analysis after a file becomes invalid, and the first analysis once it is valid again', () => {
		const broken = baseline()['environments/staging.yaml']!.replace('stage: staging', 'stage: [staging');
		const invalid = edit(baseline(), { 'environments/staging.yaml': broken });
		const whileBroken = analyzeRepository(invalid.repository, { now: NOW });
		expect(problemKeys(whileBroken)).toContain('environments/staging.yaml:3:1 error yaml-syntax');
		expect(shown(whileBroken)).toEqual(shown(analyze(rawFiles(invalid.files), { now: NOW })));

		const fixed = updateRepository(invalid.repository, [
			{ path: 'environments/staging.yaml', content: baseline()['environments/staging.yaml'] },
		]);
		expect(shown(analyzeRepository(fixed, { now: NOW }))).toEqual(shown(analyze(rawFiles(baseline()), { now: NOW })));
	});

	it('equals a fresh analysis after a binary file is added to a content folder, then deleted', () => {
		const { files, repository } = edit(baseline(), { 'changes/diagram.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]) });
		const updated = analyzeRepository(repository, { now: NOW });
		expect(problemKeys(updated)).toEqual(['changes/diagram.png:1:1 error binary-file']);
		expect(shown(updated)).toEqual(shown(analyze(rawFiles(files), { now: NOW })));
		const removed = updateRepository(repository, [{ path: 'changes/diagram.png' }]);
		expect(shown(analyzeRepository(removed, { now: NOW }))).toEqual(shown(analyze(rawFiles(baseline()), { now: NOW })));
	});

	it('equals a fresh analysis after the configuration changes the pipeline', () => {
		const config = 'pipeline: [dev, staging, production, dr]\n';
		const { files, repository } = edit(baseline(), { 'envparity.config.yaml': config });
		const updated = analyzeRepository(repository, { now: NOW });
		expect(problemKeys(updated)).toContain('envparity.config.yaml:1:38 warning stage-empty');
		expect(shown(updated)).toEqual(shown(analyze(rawFiles(files), { now: NOW })));
	});

	it('reports the same duplicate after edits as a fresh analysis, whatever order the files were added in', () => {
		// Both files have the id "redis-pool": the first in path order is kept, the other is the duplicate.
		const change = baseline()['changes/redis-pool.md']!;
		const { files, repository } = edit(
			baseline(),
			{ 'changes/redis-pool.mdx': change },
			{ 'changes/redis-pool.md': undefined },
			{ 'changes/redis-pool.md': change },
		);
		const updated = analyzeRepository(repository, { now: NOW });
		expect(problemKeys(updated)).toContain('changes/redis-pool.mdx:1:1 error duplicate-id');
		expect(shown(updated)).toEqual(shown(analyze(rawFiles(files), { now: NOW })));
	});

	it('leaves out files that are not content, as a fresh analysis does', () => {
		const { files, repository } = edit(baseline(), {
			'changes/.gitkeep': '',
			'issues/README.md': '# Issues\n',
			'notes.txt': 'not content',
		});
		expect([...repository.keys()]).toEqual(Object.keys(baseline()));
		expect(shown(analyzeRepository(repository, { now: NOW }))).toEqual(shown(analyze(rawFiles(files), { now: NOW })));
	});

	it('parses only the files that changed and leaves the repository it was given as it was', () => {
		const before = parseRepository(rawFiles(baseline()));
		const after = updateRepository(before, [{ path: 'environments/staging.yaml', content: STAGING_DRIFT }]);
		expect(before.get('environments/staging.yaml')!.parsed!.file.text).toBe(baseline()['environments/staging.yaml']);
		expect(after.get('environments/staging.yaml')!.parsed!.file.text).toBe(STAGING_DRIFT);
		for (const path of Object.keys(baseline()).filter((p) => p !== 'environments/staging.yaml'))
			expect(after.get(path)).toBe(before.get(path));
	});

	it('gives back the same repository when none of the paths is content, before or after', () => {
		const before = parseRepository(rawFiles(baseline()));
		expect(
			updateRepository(before, [
				{ path: 'changes/.redis-pool.md.swp', content: 'x' },
				{ path: 'issues/README.md', content: '# Issues\n' },
				{ path: 'notes.txt' },
			]),
		).toBe(before);
		expect(updateRepository(before, [{ path: 'changes/redis-pool.md', content: baseline()['changes/redis-pool.md']! }])).not.toBe(before);
	});

	it('does not change the parsed files it analyses, so that they can be analysed again', () => {
		const repository = parseRepository(rawFiles(baseline()));
		const freeze = (value: unknown): void => {
			if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
			Object.freeze(value);
			for (const child of Object.values(value)) freeze(child);
		};
		for (const { parsed } of repository.values()) {
			freeze(parsed?.data);
			freeze(parsed?.body);
		}
		const first = shown(analyzeRepository(repository, { now: NOW }));
		expect(shown(analyzeRepository(repository, { now: NOW }))).toEqual(first);
	});
});
