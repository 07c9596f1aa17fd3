import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { atomFeed, changesFeed, escapeXml, issuesFeed, type FeedEntry } from '../../../src/lib/site/feeds.ts';
import { createLinks } from '../../../src/lib/site/links.ts';
import { edited, modelOf } from './site-repo.ts';

/** A feed of two changes, the older one listed first. */
function feed(overrides: Partial<Parameters<typeof atomFeed>[0]> = {}): Parameters<typeof atomFeed>[0] {
	const entries: FeedEntry[] = [
		{
			id: 'redis-pool',
			title: 'Increase Redis connection pool',
			url: '/changes/redis-pool/',
			updated: '2024-02-20',
			summary: 'Memory optimisation',
		},
		{ id: 'lb-timeout', title: 'Raise LB timeout', url: '/changes/lb-timeout/', updated: '2024-02-27', summary: 'Payments timed out' },
	];
	return { title: 'Changes', url: '/changes/feed.xml', updated: '2024-03-01', entries, ...overrides };
}

function parse(xml: string) {
	return load(xml, { xml: true });
}

describe('escapeXml', () => {
	it('escapes the five XML special characters', () => {
		expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
	});

	it('escapes an ampersand once, so an existing entity is shown as written', () => {
		expect(escapeXml('&amp;')).toBe('&amp;amp;');
	});

	it('leaves other text alone', () => {
		expect(escapeXml('Redis 7.0 · pool → 20 (ok)')).toBe('Redis 7.0 · pool → 20 (ok)');
	});
});

describe('atomFeed', () => {
	it('is well-formed Atom with the feed title, id, self link and generator', () => {
		const $ = parse(atomFeed(feed()));
		expect($('feed').attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
		expect($('feed > title').text()).toBe('Changes');
		expect($('feed > id').text()).toBe('urn:envparity:changes:feed.xml');
		expect($('feed > link[rel="self"]').attr('href')).toBe('/changes/feed.xml');
		expect($('feed > generator').text()).toBe('envparity');
	});

	it('starts with an XML declaration', () => {
		expect(atomFeed(feed()).startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed')).toBe(true);
	});

	it('lists the newest entry first', () => {
		const $ = parse(atomFeed(feed()));
		expect(
			$('entry > title')
				.map((_, el) => $(el).text())
				.get(),
		).toEqual(['Raise LB timeout', 'Increase Redis connection pool']);
	});

	it('orders entries of the same day by id', () => {
		const entries: FeedEntry[] = [
			{ id: 'b', title: 'B', url: '/b/', updated: '2024-02-20', summary: '' },
			{ id: 'a', title: 'A', url: '/a/', updated: '2024-02-20', summary: '' },
			{ id: 'c', title: 'C', url: '/c/', updated: '2024-02-21', summary: '' },
		];
		const $ = parse(atomFeed(feed({ entries })));
		expect(
			$('entry > title')
				.map((_, el) => $(el).text())
				.get(),
		).toEqual(['C', 'A', 'B']);
	});

	it("does not reorder the caller's entries", () => {
		const input = feed();
		const before = input.entries.map((e) => e.id);
		atomFeed(input);
		expect(input.entries.map((e) => e.id)).toEqual(before);
	});

	it('dates the feed by its newest entry, as RFC 3339 timestamps', () => {
		const $ = parse(atomFeed(feed()));
		expect($('feed > updated').text()).toBe('2024-02-27T00:00:00Z');
		expect(
			$('entry > updated')
				.map((_, el) => $(el).text())
				.get(),
		).toEqual(['2024-02-27T00:00:00Z', '2024-02-20T00:00:00Z']);
	});

	it('dates an empty feed by its own date and has no entries', () => {
		const $ = parse(atomFeed(feed({ entries: [] })));
		expect($('feed > updated').text()).toBe('2024-03-01T00:00:00Z');
		expect($('entry')).toHaveLength(0);
	});

	it('gives every entry an id, link, author and summary', () => {
		const $ = parse(atomFeed(feed()));
		const first = $('entry').first();
		expect(first.children('id').text()).toBe('urn:envparity:changes:lb-timeout');
		expect(first.children('link').attr('href')).toBe('/changes/lb-timeout/');
		expect(first.find('author > name').text()).toBe('envparity');
		expect(first.children('summary').text()).toBe('Payments timed out');
	});

	it('makes the feed and entry links absolute when the site is given', () => {
		const $ = parse(
			atomFeed(
				feed({
					site: new URL('https://wiki.example.com/'),
					url: '/infra-wiki/changes/feed.xml',
					entries: [{ id: 'x', title: 'X', url: '/infra-wiki/changes/x/', updated: '2024-02-01', summary: '' }],
				}),
			),
		);
		expect($('feed > id').text()).toBe('https://wiki.example.com/infra-wiki/changes/feed.xml');
		expect($('feed > link[rel="self"]').attr('href')).toBe('https://wiki.example.com/infra-wiki/changes/feed.xml');
		expect($('entry > id').text()).toBe('https://wiki.example.com/infra-wiki/changes/x/');
		expect($('entry > link').attr('href')).toBe('https://wiki.example.com/infra-wiki/changes/x/');
	});

	it('keeps an entry URL that is already absolute', () => {
		const $ = parse(
			atomFeed(
				feed({
					site: new URL('https://wiki.example.com/'),
					entries: [{ id: 'x', title: 'X', url: 'https://other.example.org/x/', updated: '2024-02-01', summary: '' }],
				}),
			),
		);
		expect($('entry > link').attr('href')).toBe('https://other.example.org/x/');
	});

	it('escapes markup and quotes in titles, summaries and URLs, so the text survives a parse', () => {
		const title = `<script>alert("x")</script> & 'co'`;
		const url = '/changes/a"b&c/';
		const xml = atomFeed(feed({ title, entries: [{ id: 'x', title, url, updated: '2024-02-01', summary: '1 < 2 > 0 & "yes"' }] }));
		const $ = parse(xml);
		expect($('script')).toHaveLength(0);
		expect($('feed > title').text()).toBe(title);
		expect($('entry > title').text()).toBe(title);
		expect($('entry > summary').text()).toBe('1 < 2 > 0 & "yes"');
		expect($('entry > link').attr('href')).toBe(url);
		expect(xml).not.toContain('<script>');
	});
});

describe('the feeds of the site', () => {
	it('lists each change with its state and where it is pending, under the base path', () => {
		const model = modelOf(
			edited('changes/redis-pool.md', '  production: { status: applied, date: 2024-02-22 }', '  production: { status: pending }'),
		);
		const $ = parse(changesFeed(model, createLinks('/wiki/')));
		expect($('feed > link').attr('href')).toBe('/wiki/changes/feed.xml');
		expect($('entry title').text()).toBe('Increase Redis connection pool (in-progress)');
		expect($('entry link').attr('href')).toBe('/wiki/changes/redis-pool/');
		expect($('entry summary').text()).toBe('Memory optimisation. Pending in production.');
		expect($('entry updated').text()).toBe('2024-02-21T00:00:00Z');
	});

	it('lists each bug with status, severity, where it was observed and its root cause, dated by its resolution', () => {
		const model = modelOf(edited('issues/payment-timeout.md', 'settings:', 'root_cause: LB timeout 30 s\nsettings:'));
		const $ = parse(issuesFeed(model, createLinks('/'), new URL('https://wiki.example.com/')));
		expect($('entry title').text()).toBe('Payment timeout in production (resolved, high)');
		expect($('entry link').attr('href')).toBe('https://wiki.example.com/issues/payment-timeout/');
		expect($('entry summary').text()).toBe('Observed in production. Root cause: LB timeout 30 s.');
		expect($('entry updated').text()).toBe('2024-02-03T00:00:00Z');
	});
});
