import { describe, expect, it } from 'vitest';
import { laterPages, pageOf, pagePath } from '../../../src/lib/site/paging.ts';

const items = Array.from({ length: 250 }, (_, i) => i);

describe('paging long lists', () => {
	it('cuts the first page and links to the next', () => {
		expect(pageOf(items, 1, '/issues/')).toMatchObject({ currentPage: 1, lastPage: 3, total: 250, url: { next: '/issues/page/2/' } });
		expect(pageOf(items, 1, '/issues/').items).toEqual(items.slice(0, 100));
	});

	it('links a middle page both ways, the first page without /page/1/', () => {
		expect(pageOf(items, 2, '/issues/').url).toEqual({ prev: '/issues/', next: '/issues/page/3/' });
	});

	it('ends on a short last page', () => {
		const last = pageOf(items, 3, '/issues/');
		expect(last.items).toEqual(items.slice(200));
		expect(last.url).toEqual({ prev: '/issues/page/2/' });
	});

	it('has one empty page for an empty list', () => {
		expect(pageOf([], 1, '/x/')).toMatchObject({ items: [], currentPage: 1, lastPage: 1, url: {} });
	});

	it('lists the later pages for static paths', () => {
		expect(laterPages(250)).toEqual([2, 3]);
		expect(laterPages(100)).toEqual([]);
		expect(laterPages(201, 200)).toEqual([2]);
		expect(pagePath('/p/', 1)).toBe('/p/');
	});
});
