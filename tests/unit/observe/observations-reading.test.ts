import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLiveSiteAnalysis, siteContentPaths, updateSiteAnalysis } from '../../../src/lib/build/site-analysis.ts';
import { analyzeRoot } from '../../../src/lib/engine.ts';
import { toExportDocument } from '../../../src/lib/model/export-document.ts';
import { readRepository, readRepositoryPath } from '../../../src/lib/load/read-repository.ts';
import { baseline, NOW, problemKeys } from '../../helpers/repo.ts';

let root = '';
const write = (path: string, text: string): void => {
	mkdirSync(dirname(join(root, path)), { recursive: true });
	writeFileSync(join(root, path), text);
};
const observation = (node: string) =>
	JSON.stringify({
		observed_at: '2024-02-28T06:00:00.000Z',
		targets: [{ kind: 'http', target: 'https://pay.example.com/version', values: { 'runtime.node': node } }],
	});

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'envparity-observations-'));
	for (const [path, text] of Object.entries(baseline())) write(path, text);
	write(
		'environments/production.yaml',
		baseline()['environments/production.yaml']!.replace(
			'settings:',
			'observe:\n  - http: https://pay.example.com/version\n    settings:\n      runtime.node: /runtime/node\nsettings:',
		),
	);
	write('observations/production.json', observation('18.17.1'));
	process.env.ENVPARITY_ROOT = root;
	process.env.ENVPARITY_NOW = NOW.toISOString();
});
afterEach(() => {
	rmSync(root, { recursive: true, force: true });
	delete process.env.ENVPARITY_ROOT;
	delete process.env.ENVPARITY_NOW;
});

describe('reading observations from disk', () => {
	it('reads observations/*.json with the content, and nothing else in the folder', async () => {
		write('observations/notes.txt', 'not an observation');
		write('observations/nested/staging.json', '{}');
		const paths = (await readRepository(root)).map((f) => f.path).filter((p) => p.startsWith('observations'));
		expect(paths).toEqual(['observations/production.json']);
		expect((await readRepositoryPath(root, 'observations/production.json')).map((f) => f.path)).toEqual(['observations/production.json']);
		expect((await readRepositoryPath(root, 'observations')).map((f) => f.path)).toEqual(['observations/production.json']);
	});

	it('never follows a link in observations/, and reports it', async () => {
		const outside = mkdtempSync(join(tmpdir(), 'envparity-outside-'));
		try {
			writeFileSync(join(outside, 'staging.json'), observation('20.0.0'));
			symlinkSync(join(outside, 'staging.json'), join(root, 'observations/staging.json'));
			const files = await readRepository(root);
			expect(files.find((f) => f.path === 'observations/staging.json')).toEqual({
				path: 'observations/staging.json',
				content: '',
				unread: { reason: 'link-outside-root' },
			});
			const analysis = await analyzeRoot(root, { now: NOW });
			expect(problemKeys(analysis)).toContain('observations/staging.json:1:1 error observation-invalid');
			expect(analysis.model.observations.has('staging')).toBe(false);
		} finally {
			rmSync(outside, { recursive: true, force: true });
		}
	});
});

describe("the dev server's analysis and observations", () => {
	it('watches observations/ and re-reads an observation that changed, as a fresh analysis would', async () => {
		expect(siteContentPaths(root)).toContain(join(root, 'observations'));
		const first = await loadLiveSiteAnalysis();
		expect(first.model.observations.get('production')?.verified).toBe(true);
		write('observations/production.json', observation('20.11.1'));
		const updated = await updateSiteAnalysis(join(root, 'observations/production.json'));
		expect(problemKeys(updated)).toContain('environments/production.yaml:9:20 warning observation-mismatch');
		const fresh = await analyzeRoot(root, { now: NOW });
		expect(toExportDocument(updated.model, updated.problems)).toEqual(toExportDocument(fresh.model, fresh.problems));
	});
});

describe('observations of values read from source files', () => {
	it('reports a mismatch at the value in the source file', async () => {
		write('deploy/production.env', 'LOG_LEVEL=info\nNODE_VERSION=18.17.1\n');
		write(
			'environments/production.yaml',
			baseline()['environments/production.yaml']!.replace(
				'settings:',
				'sources:\n  - file: deploy/production.env\n    at: env\nobserve:\n  - http: https://pay.example.com/version\n    settings:\n      env.NODE_VERSION: /runtime/node\nsettings:',
			),
		);
		write(
			'observations/production.json',
			JSON.stringify({
				observed_at: '2024-02-28T06:00:00.000Z',
				targets: [{ kind: 'http', target: 'https://pay.example.com/version', values: { 'env.NODE_VERSION': '20.11.1' } }],
			}),
		);
		const analysis = await analyzeRoot(root, { now: NOW });
		const mismatch = analysis.problems.filter((p) => p.code === 'observation-mismatch');
		expect(mismatch.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([
			'deploy/production.env:2:14 env.NODE_VERSION is declared 18.17.1, but http https://pay.example.com/version reported 20.11.1 on 2024-02-28 (observations/production.json); correct the declared value, or fix the service and run envparity observe again.',
		]);
	});
});
