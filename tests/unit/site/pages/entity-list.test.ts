import { describe, expect, it } from 'vitest';
import { dateParts, shortList, type ListItem } from '../../../../src/lib/site/pages/entity-list.ts';
import { wikiLinks } from './page-repo.ts';

function items(count: number): ListItem[] {
	return Array.from({ length: count }, (_, i) => ({ href: wikiLinks.change(`c${i + 1}`), title: `Change ${i + 1}` }));
}

const toBoard = { href: wikiLinks.changes(), label: (n: number) => `All ${n} changes →` };

describe('shortList', () => {
	it('keeps every item, with no link to more, when they fit', () => {
		expect(shortList(items(2), 2, 'Nothing.', toBoard)).toEqual({ items: items(2), empty: 'Nothing.' });
	});

	it('keeps the first items and links to the full list, counting all of them, when some are left out', () => {
		expect(shortList(items(3), 2, 'Nothing.', toBoard)).toEqual({
			items: items(2),
			more: { href: '/infra-wiki/changes/', label: 'All 3 changes →' },
			empty: 'Nothing.',
		});
	});

	it('cuts without a link when there is no full list to link to', () => {
		expect(shortList(items(3), 2, 'Nothing.')).toEqual({ items: items(2), empty: 'Nothing.' });
	});

	it('keeps the text to show when the list is empty', () => {
		expect(shortList([], 10, 'No change yet.', toBoard)).toEqual({ items: [], empty: 'No change yet.' });
	});

	it('keeps an entry without a page as it is, with no link', () => {
		expect(shortList([{ title: 'nginx/timeout.conf' }], Infinity, 'None.').items).toEqual([{ title: 'nginx/timeout.conf' }]);
	});
});

describe('dateParts', () => {
	it('cuts a text around its dates, so that a page keeps each date whole', () => {
		expect(dateParts('stalled in production since 2024-01-23 (130 days)')).toEqual([
			{ text: 'stalled in production since ', date: false },
			{ text: '2024-01-23', date: true },
			{ text: ' (130 days)', date: false },
		]);
		expect(dateParts('open')).toEqual([{ text: 'open', date: false }]);
	});
});
