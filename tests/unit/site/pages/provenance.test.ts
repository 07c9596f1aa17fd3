import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeRootWithHistory } from '../../../../src/lib/engine.ts';
import type { ParityModel } from '../../../../src/lib/model/parity-model.ts';
import { emptyHistory } from '../../../../src/lib/load/value-history.ts';
import { computeTimelines } from '../../../../src/lib/model/timeline.ts';
import { comparePage } from '../../../../src/lib/site/pages/compare-page.ts';
import { environmentPage, environmentsPage } from '../../../../src/lib/site/pages/environment-pages.ts';
import { matrixPage } from '../../../../src/lib/site/pages/matrix-page.ts';
import { settingPage } from '../../../../src/lib/site/pages/setting-page.ts';
import { SOURCE_CELLS_MAX } from '../../../../src/lib/site/pages/settings-table.ts';
import { searchDocument } from '../../../../src/lib/site/search-document.ts';
import { wikiLinks } from './page-repo.ts';

const ROOT = fileURLToPath(new URL('../../../fixtures/observed-and-sourced/', import.meta.url));
const NOW = new Date('2024-06-01T00:00:00Z');
const NO_HISTORY = { commits: [], versions: [], superseded: [], shallow: false };

let model: ParityModel;
beforeAll(async () => {
	model = (await analyzeRootWithHistory(ROOT, { now: NOW })).analysis.model;
});

const SOURCE = {
	label: 'deploy/values-production.yaml:2',
	short: 'values-production.yaml:2',
	href: 'https://github.com/acme/infra-wiki/blob/main/deploy/values-production.yaml#L2',
};

describe('where each value came from', () => {
	it('the matrix names the source file and line of a value read from one, linked to that line', () => {
		const row = matrixPage(model, wikiLinks).table!.rows.find((r) => r.key === 'kubernetes.replicas')!;
		expect(row.cells.map((c) => [c.text, c.source])).toEqual([
			['2', undefined],
			['3', SOURCE],
		]);
	});

	it('the environment page and the comparison name it too', () => {
		const env = environmentPage(model, wikiLinks, 'production', { commits: [] });
		expect(env.settings.rows.find((r) => r.key === 'kubernetes.replicas')!.cells[0]!.source).toEqual(SOURCE);
		const compare = comparePage(model, wikiLinks, 'staging', 'production');
		expect(compare.table.rows.find((r) => r.key === 'kubernetes.replicas')!.cells[1]!.source).toEqual(SOURCE);
	});

	it('a matrix with more values read from files than it can name leaves them to the setting and environment pages, and says so', async () => {
		const root = mkdtempSync(join(tmpdir(), 'envparity-sourced-'));
		try {
			cpSync(ROOT, root, { recursive: true });
			const keys = Array.from({ length: SOURCE_CELLS_MAX + 1 }, (_, i) => `key_${i}: ${i}`);
			writeFileSync(join(root, 'deploy/values-production.yaml'), `replicas: 3\n${keys.join('\n')}\n`);
			const big = (await analyzeRootWithHistory(root, { now: NOW })).analysis.model;
			const table = matrixPage(big, wikiLinks).table!;
			expect(table.rows.every((r) => r.cells.every((c) => c.source === undefined))).toBe(true);
			expect(table.note).toBe(
				`${SOURCE_CELLS_MAX + 2} of these values are read from source files; each setting's page and each environment's page name the file and line.`,
			);
			const env = environmentPage(big, wikiLinks, 'production', { commits: [] });
			expect(env.settings.rows.find((r) => r.key === 'kubernetes.key_7')!.cells[0]!.source?.label).toBe('deploy/values-production.yaml:9');
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});

	it('the setting page shows it, and the column only when some value has one', () => {
		const timelines = computeTimelines(NO_HISTORY, model.environments);
		const view = settingPage(model, wikiLinks, timelines, [], 'kubernetes.replicas');
		expect(view.columns.source).toBe(true);
		expect(view.values.map((v) => v.source)).toEqual([null, SOURCE]);
	});
});

describe('what the services say', () => {
	it('shows the observed value beside the declared one with its age, and whether they agree', () => {
		const row = matrixPage(model, wikiLinks).table!.rows.find((r) => r.key === 'database.max_connections')!;
		expect(row.cells.map((c) => [c.text, c.observed?.text, c.observed?.agrees, c.observed?.age])).toEqual([
			['100', '100', true, '2 days ago'],
			['100', '200', false, '2 days ago'],
		]);
		const view = settingPage(model, wikiLinks, computeTimelines(NO_HISTORY, model.environments), [], 'database.max_connections');
		expect(view.values.map((v) => v.observed && [v.observed.text, v.observed.agrees, v.observed.when])).toEqual([
			['100', true, 'observed on 2024-05-30 (2 days ago)'],
			['200', false, 'observed on 2024-05-30 (2 days ago)'],
		]);
	});

	it('says an environment verified only by observation was verified by observation, not never', () => {
		expect(environmentPage(model, wikiLinks, 'staging', { commits: [] }).facts.verified).toBe(
			'verified by observation on 2024-05-30 (2 days ago)',
		);
		expect(environmentPage(model, wikiLinks, 'production', { commits: [] }).facts.verified).toBe('2024-05-20 by @ana (12 days ago)');
		const cards = environmentsPage(model, wikiLinks).stages.flatMap((s) => s.cards);
		expect(cards.map((c) => c.verified)).toEqual(['Verified by observation 2024-05-30', 'Verified 2024-05-20']);
		expect(searchDocument(model, 'environments', 'staging', '')!.html).toContain('Verified: by observation on 2024-05-30');
	});
});
