import { describe, expect, it } from 'vitest';
import { analyzeRepository, parseRepository, parseRepositoryInThreads, type Analysis } from '../../../src/lib/engine.ts';
import { toExportDocument } from '../../../src/lib/model/export-document.ts';
import { fake } from '../../helpers/fake-secrets.ts';
import { baseline, dedent, NOW, problemKeys, rawFiles } from '../../helpers/repo.ts';

/** What an analysis shows: its problems, with their positions, and the machine-readable model. */
function shown(analysis: Analysis): unknown {
	return { problems: analysis.problems, model: toExportDocument(analysis.model, analysis.problems), fileCount: analysis.fileCount };
}

/**
 * A repository whose Markdown entities have problems of every kind a file's own parsing finds, and problems of the
 * cross-file rules located in their front matter (stalled changes): half of them are parsed in the other thread, whose
 * syntax trees stay there, so their positions come from trees parsed again here.
 */
function repository(): Record<string, string | Uint8Array> {
	const files: Record<string, string | Uint8Array> = { ...baseline() };
	for (let i = 0; i < 12; i++) {
		files[`changes/stalled-${String(i).padStart(2, '0')}.md`] = dedent(`
			---
			title: Raise the pool, step ${i}
			date: 2023-11-0${(i % 9) + 1}
			reason: Load
			settings: { redis.pool_size: 20 }
			rollback: Revert
			propagation:
			  dev: { status: applied, date: 2023-11-10 }
			  staging: { status: pending }
			  production: { status: pending }
			---
			Step ${i} of the pool's growth.
		`);
		files[`issues/issue-${String(i).padStart(2, '0')}.md`] = dedent(`
			---
			title: Slow checkout ${i}
			status: ${i % 3 === 0 ? 'open' : 'resolved'}
			severity: high
			environments: [production]
			opened: 2024-01-0${(i % 9) + 1}
			${i % 3 === 0 ? '' : 'resolved: 2024-02-01'}
			settings: [redis.pool_size]
			---
			See [the runbook](../runbooks/payment-timeout.md) and [a file outside](../../outside-${i}.md).
		`);
	}
	files['changes/broken-yaml.md'] = '---\ntitle: [unclosed\ndate: 2024-01-01\n---\nBody.\n';
	files['changes/duplicate-key.md'] = dedent(`
		---
		title: One
		title: Two
		date: 2024-01-01
		---
		Body.
	`);
	files['issues/leaked.md'] = dedent(`
		---
		title: A key in the notes
		status: open
		severity: low
		environments: [staging]
		opened: 2024-01-05
		notes: "${fake.awsAccessKey}"
		---
		The token ${fake.githubPat} was pasted here.
	`);
	files['runbooks/with-mdx.mdx'] = dedent(`
		---
		title: Restart the workers
		environments: [production]
		---
		export const x = 1;

		Restart them {x} times.
	`);
	files['changes/no-front-matter.md'] = 'Just prose.\n';
	files['changes/binary.md'] = new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]);
	return files;
}

describe('parseRepositoryInThreads', () => {
	it('parses half of the Markdown entities in a second thread, to the same analysis, positions and all', async () => {
		const files = rawFiles(repository());
		const alone = analyzeRepository(parseRepository(files), { now: NOW });
		let elsewhere = -1;
		const threaded = analyzeRepository(await parseRepositoryInThreads(files, { minFiles: 1, parsedElsewhere: (n) => (elsewhere = n) }), {
			now: NOW,
		});
		const markdown = files.filter((f) => /^(changes|issues|runbooks)\/[^/]+\.mdx?$/.test(f.path)).length;
		expect(elsewhere).toBe(Math.floor(markdown / 2));
		expect(shown(threaded)).toEqual(shown(alone));
		// The repository holds what the comparison is about: problems of each file's own rules, and warnings located in
		// the front matter of files parsed in the other thread.
		const codes = new Set(alone.problems.map((p) => p.code));
		for (const code of [
			'yaml-syntax',
			'duplicate-key',
			'secret-value',
			'unsafe-mdx',
			'link-outside-root',
			'front-matter-missing',
			'binary-file',
			'change-stalled',
		])
			expect(codes, code).toContain(code);
		const stalled = problemKeys(threaded).filter((key) => key.includes('change-stalled'));
		expect(stalled).toContain('changes/stalled-01.md:10:3 warning change-stalled');
	});

	it('parses everything in its own thread below the threshold', async () => {
		let elsewhere = -1;
		await parseRepositoryInThreads(rawFiles(repository()), { parsedElsewhere: (n) => (elsewhere = n) });
		expect(elsewhere).toBe(-1);
	});

	it('parses the files itself when the other thread cannot run, to the same analysis', async () => {
		const files = rawFiles(repository());
		let elsewhere = -1;
		const repo = await parseRepositoryInThreads(files, {
			minFiles: 1,
			worker: new URL('./no-such-worker.ts', import.meta.url),
			parsedElsewhere: (n) => (elsewhere = n),
		});
		expect(elsewhere).toBe(0);
		expect(shown(analyzeRepository(repo, { now: NOW }))).toEqual(shown(analyzeRepository(parseRepository(files), { now: NOW })));
	});
});
