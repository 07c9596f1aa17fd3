import { describe, expect, it } from 'vitest';
import { searchDocument } from '../../../src/lib/site/search-document.ts';
import { searchOptions } from '../../../src/lib/site/search-options.ts';
import { baseline } from '../../helpers/repo.ts';
import { changeFile, issueFile, modelOf } from './site-repo.ts';

describe('searchOptions', () => {
	it('offers every filter value that a search document of the model carries', () => {
		const model = modelOf({
			...baseline(),
			'changes/x.md': changeFile({ propagation: '{ dev: failed }' }),
			'issues/y.md': issueFile({ status: 'wont-fix', severity: 'critical', environments: '[dev, staging]' }),
		});
		const offered = new Map(searchOptions(model).map((o) => [o.name, new Set(o.values)]));
		const kinds = ['environments', 'changes', 'issues', 'runbooks'] as const;
		const ids = { environments: model.environments, changes: model.changes, issues: model.issues, runbooks: model.runbooks };
		let checked = 0;
		for (const kind of kinds) {
			for (const { id } of ids[kind]) {
				const html = searchDocument(model, kind, id, '')!.html;
				for (const [, name, value] of html.matchAll(/data-pagefind-filter="([^"]+)">([^<]*)</g)) {
					expect(offered.get(name!)?.has(value!), `${kind}/${id}: ${name}=${value}`).toBe(true);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(20);
	});
});
