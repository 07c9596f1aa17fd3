import * as pagefind from 'pagefind';
import type { ParityModel } from '../model/parity-model.ts';
import { displayValue } from '../model/settings.ts';
import { createLinks } from '../site/links.ts';

/**
 * Builds the Pagefind index of a built site: every page marked `data-pagefind-body`, plus one
 * record per documented difference (they share a page, but search finds each on its own).
 */
export async function indexSite(outDir: string, model: ParityModel): Promise<{ pages: number }> {
	const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
	if (!index) throw new Error(`search index: ${errors.join('; ')}`);
	try {
		// Only entity pages carry data-pagefind-body; skipping the rest (matrix, filters, compare, /go/)
		// spares Pagefind from parsing thousands of pages it would not index anyway.
		const added = await index.addDirectory({ path: outDir, glob: '{environments,changes,issues,runbooks}/*/index.html' });
		if (added.errors.length > 0) throw new Error(`search index: ${added.errors.join('; ')}`);
		// URLs are relative to the site's root: Pagefind's UI adds the base path it is served under.
		const links = createLinks('/');
		for (const difference of model.differences) {
			const rows = model.matrix.filter((row) => difference.glob?.matches(row.segments));
			const content = [
				difference.data.key, difference.data.rationale, difference.data.mitigation ?? '', difference.data.owner ?? '',
				...rows.map((row) => `${row.key}: ${Object.entries(row.values).map(([env, v]) => `${env} ${displayValue(v)}`).join(', ')}`),
			].join('\n');
			const stages = [...new Set(model.environments.map((e) => e.data.stage))];
			const record = await index.addCustomRecord({
				url: links.difference(difference.index),
				content,
				language: 'en',
				meta: { title: `Difference: ${difference.data.key}` },
				filters: { kind: ['difference'], environment: model.environments.map((e) => e.id), stage: stages, severity: [difference.data.risk] },
			});
			if (record.errors.length > 0) throw new Error(`search index: ${record.errors.join('; ')}`);
		}
		const written = await index.writeFiles({ outputPath: `${outDir}/pagefind` });
		if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
		return { pages: added.page_count + model.differences.length };
	} finally {
		await pagefind.close();
	}
}
