import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { portableReading, readInThread, reviveReading } from '../../../src/lib/build/analysis-thread.ts';
import { analyzeRootWithHistory, releaseSources } from '../../../src/lib/engine.ts';
import { toExportDocument } from '../../../src/lib/model/export-document.ts';

const EXAMPLE = fileURLToPath(new URL('../../..', import.meta.url));
const NOW = new Date('2024-06-01T00:00:00Z');

describe('the build reads the content in a thread of its own', () => {
	it('sends an analysis that, cloned across threads and revived, gives the same export document and matrix', async () => {
		const { analysis, timelines } = await analyzeRootWithHistory(EXAMPLE, { now: NOW });
		releaseSources(analysis);
		const before = toExportDocument(analysis.model, analysis.problems);
		// What crosses threads is a structured clone: functions (compiled globs) and YAML syntax trees cannot.
		const crossed = structuredClone(portableReading({ analysis, timelines }));
		const revived = reviveReading(crossed);
		expect(toExportDocument(revived.analysis.model, revived.analysis.problems)).toEqual(before);
		// The documented differences match keys again: a glob is compiled for each.
		expect(revived.analysis.model.differences.length).toBeGreaterThan(0);
		for (const difference of revived.analysis.model.differences) expect(difference.glob?.matches).toBeTypeOf('function');
		expect(revived.analysis.model.differences[0]!.line).toBeGreaterThan(0);
	});

	it('reads a repository in a worker thread: its model, or the report of its errors', async () => {
		const read = await readInThread(EXAMPLE, NOW).reading;
		expect(read.ok).toBe(true);
		if (read.ok) expect(read.reading.analysis.model.environments.map((e) => e.id)).toContain('production');
		const failed = await readInThread(fileURLToPath(new URL('../../fixtures/six-errors', import.meta.url)), NOW).reading;
		expect(failed).toMatchObject({ ok: false, errors: 6 });
		if (!failed.ok) expect(failed.report).toContain('error unknown-stage: "develop" is not a stage of the pipeline');
	});

	it('then writes the /go/ pages of the content it read, and none for content with errors', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'envparity-go-'));
		const { reading, goPages } = readInThread(EXAMPLE, NOW, { folder, base: '/wiki/' });
		expect((await reading).ok).toBe(true);
		await goPages;
		const page = readFileSync(join(folder, 'go', 'payment-timeout', 'index.html'), 'utf8');
		expect(page).toContain('/wiki/issues/payment-timeout/');
		const none = mkdtempSync(join(tmpdir(), 'envparity-go-'));
		const failed = readInThread(fileURLToPath(new URL('../../fixtures/six-errors', import.meta.url)), NOW, { folder: none, base: '/' });
		expect((await failed.reading).ok).toBe(false);
		await failed.goPages;
		expect(readdirSync(none)).toEqual([]);
	});

	it('writes the /go/ pages only once told to (when the pages render), and none when told not to', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'envparity-go-'));
		const gate = Promise.withResolvers<boolean>();
		let written = false;
		const { reading, goPages } = readInThread(EXAMPLE, NOW, { folder, base: '/' }, undefined, { goPagesWhen: gate.promise });
		void goPages.then(() => (written = true));
		expect((await reading).ok).toBe(true);
		// The reading has arrived: without the word, nothing is written.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(written).toBe(false);
		expect(readdirSync(folder)).toEqual([]);
		gate.resolve(true);
		await goPages;
		expect(readFileSync(join(folder, 'go', 'payment-timeout', 'index.html'), 'utf8')).toContain('/issues/payment-timeout/');

		const none = mkdtempSync(join(tmpdir(), 'envparity-go-'));
		const refused = readInThread(EXAMPLE, NOW, { folder: none, base: '/' }, undefined, { goPagesWhen: Promise.resolve(false) });
		expect((await refused.reading).ok).toBe(true);
		await refused.goPages;
		expect(readdirSync(none)).toEqual([]);
	});
});
