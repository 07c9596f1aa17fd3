import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeSearchIndex, openSearchIndex, type SearchIndex } from '../../../src/lib/build/search-index.ts';
import { searchDocument } from '../../../src/lib/site/search-document.ts';
import { modelOf } from '../site/site-repo.ts';

let open: SearchIndex | undefined;
afterEach(async () => {
	await open?.close();
	open = undefined;
});

describe('openSearchIndex', () => {
	it('becomes the active index, writes itself once every expected page is in, and steps down when closed', async () => {
		const model = modelOf();
		const outputPath = join(mkdtempSync(join(tmpdir(), 'envparity-search-')), 'pagefind');
		open = await openSearchIndex({ model, expected: 2, outputPath });
		expect(activeSearchIndex()).toBe(open);
		open.add(searchDocument(model, 'issues', 'payment-timeout', '<p>Payments timed out.</p>')!);
		open.add(searchDocument(model, 'changes', 'redis-pool', '')!);
		// The second page starts the write on its own, before anyone asks for it.
		await vi.waitFor(() => expect(existsSync(join(outputPath, 'pagefind.js'))).toBe(true), { timeout: 10_000 });
		// finish() waits for it. Differences and setting pages are records of their own.
		expect(await open.finish()).toEqual({ records: 2 + model.differences.length + model.matrix.length });
		expect(existsSync(join(outputPath, 'pagefind.js'))).toBe(true);
		await open.close();
		expect(activeSearchIndex()).toBeUndefined();
	});

	it('fails, rather than publish a partial index, when pages are missing', async () => {
		const model = modelOf();
		open = await openSearchIndex({ model, expected: 3, outputPath: join(mkdtempSync(join(tmpdir(), 'envparity-search-')), 'pagefind') });
		open.add(searchDocument(model, 'issues', 'payment-timeout', '')!);
		await expect(open.finish()).rejects.toThrow('search index: 1 of 3 entity pages were indexed');
	});
});
