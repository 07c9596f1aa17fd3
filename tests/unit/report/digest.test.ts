import { describe, expect, it } from 'vitest';
import { computeDigest, ITEM_DETAIL_LIMIT, ITEM_TITLE_LIMIT, type DigestSection } from '../../../src/lib/report/digest.ts';
import { largestFitting, packSection } from '../../../src/lib/report/digest-fit.ts';
import { discordEscape } from '../../../src/lib/report/digest-discord.ts';
import { markdownEscape } from '../../../src/lib/report/digest-markdown.ts';
import { slackEscape } from '../../../src/lib/report/digest-slack.ts';
import { wikiLinks } from '../../../src/lib/report/wiki-links.ts';
import { analyzeFiles, baseline } from '../../helpers/repo.ts';

const wiki = wikiLinks('https://acme.github.io', '/infra/');

/** The baseline with a change applied in dev on `applied` and pending in staging and production. */
function withPendingChange(applied: string): Record<string, string> {
	return {
		...baseline(),
		'changes/tls.md': `---\ntitle: Rotate the TLS certificate\ndate: ${applied}\nreason: It expires.\nrollback: Keep the old one.\npropagation:\n  dev: { status: applied, date: ${applied} }\n  staging: pending\n  production: pending\n---\n\nRotated.\n`,
	};
}

const digestOf = (files: Record<string, string>, now: string, sinceDays = 7) => {
	const analysis = analyzeFiles(files, new Date(`${now}T00:00:00Z`));
	return computeDigest(analysis.model, analysis.problems, { sinceDays, wiki });
};

const section = (digest: ReturnType<typeof digestOf>, id: DigestSection['id']) => digest.sections.find((s) => s.id === id)!;

describe('the digest', () => {
	it('has nothing to report on the valid baseline but parity, and says so in each part', () => {
		const digest = digestOf(baseline(), '2024-03-01');
		expect(digest.sections.map((s) => [s.id, s.items.length])).toEqual([
			['parity', 2],
			['changes', 0],
			['bugs', 0],
			['verifications', 0],
			['differences', 0],
		]);
		expect(digest.summary).toBe(
			'0 changes stalled or out of order, 0 production-only bugs, 0 stale verifications, 0 differences due for review.',
		);
		expect(section(digest, 'parity').items[0]).toEqual({
			title: 'dev → staging',
			detail: '100% of 5 settings same or documented',
			url: 'https://acme.github.io/infra/compare/dev/staging/',
			isNew: false,
		});
		expect(digest.since).toEqual({ days: 7, from: '2024-02-23' });
	});

	it('lists a stalled change with its age, new only in the week it stalled', () => {
		// pending_after_days is 14: applied in dev on 2024-02-01, it stalls on 2024-02-16.
		const files = withPendingChange('2024-02-01');
		expect(section(digestOf(files, '2024-02-15'), 'changes').items).toEqual([]);
		const justStalled = section(digestOf(files, '2024-02-20'), 'changes').items;
		expect(justStalled).toEqual([
			{
				title: 'Rotate the TLS certificate',
				detail: 'stalled 19 days in Staging, Production (since 2024-02-01); made 2024-02-01, 19 days ago',
				url: 'https://acme.github.io/infra/changes/tls/',
				isNew: true,
			},
		]);
		expect(section(digestOf(files, '2024-03-01'), 'changes').items[0]!.isNew).toBe(false);
		expect(section(digestOf(files, '2024-03-01', 30), 'changes').items[0]!.isNew).toBe(true);
	});

	it('lists open production-only bugs and those opened within the window, new first', () => {
		const files = baseline();
		files['issues/late.md'] =
			'---\ntitle: Late webhooks\nstatus: open\nseverity: low\nenvironments: [production]\nopened: 2024-01-10\n---\n\nLate.\n';
		files['issues/fresh.md'] =
			'---\ntitle: Fresh bug\nstatus: resolved\nseverity: high\nenvironments: [production]\nopened: 2024-02-27\nresolved: 2024-02-28\n---\n\nFixed.\n';
		files['issues/staging.md'] =
			'---\ntitle: Staging bug\nstatus: open\nseverity: low\nenvironments: [staging]\nopened: 2024-02-28\n---\n\nNot production only.\n';
		const bugs = section(digestOf(files, '2024-03-01'), 'bugs');
		// The baseline's payment-timeout is production-only but resolved, and was opened long before the window.
		expect(bugs.items.map((i) => [i.title, i.isNew])).toEqual([
			['Fresh bug', true],
			['Late webhooks', false],
		]);
		expect(bugs.items[1]!.detail).toBe('open, low severity, in Production; opened 2024-01-10, 51 days ago');
		expect(bugs.url).toBe('https://acme.github.io/infra/issues/filter/production-only/yes/');
	});

	it('lists stale verifications, oldest first, and differences past their review date', () => {
		const files = baseline();
		files['environments/dev.yaml'] = files['environments/dev.yaml']!.replace('verified: { date: 2024-02-20, by: "@ana" }\n', '');
		files['environments/differences.yaml'] += '  review_by: 2024-03-20\n';
		const digest = digestOf(files, '2024-03-25');
		expect(section(digest, 'verifications').items.map((i) => [i.title, i.detail, i.isNew])).toEqual([
			['Development', 'never verified', false],
			['Staging', 'last verified 2024-02-20, 34 days ago (stale after 30 days)', true],
			['Production', 'last verified 2024-02-20, 34 days ago (stale after 30 days)', true],
		]);
		expect(section(digest, 'differences').items).toEqual([
			{
				title: 'database.engine',
				detail: 'review was due 2024-03-20, 5 days ago; medium risk',
				url: 'https://acme.github.io/infra/differences/#difference-1',
				isNew: true,
			},
		]);
	});

	it('links nothing without the wiki address', () => {
		const analysis = analyzeFiles(withPendingChange('2024-01-01'));
		const digest = computeDigest(analysis.model, analysis.problems, { sinceDays: 7 });
		expect(JSON.stringify(digest)).not.toContain('http');
		expect(digest.sections.every((s) => s.url === undefined && s.items.every((i) => i.url === undefined))).toBe(true);
	});

	it('cuts long titles and details, so that one item cannot crowd out the others', () => {
		const files = withPendingChange('2024-01-01');
		files['changes/tls.md'] = files['changes/tls.md']!.replace('Rotate the TLS certificate', 'Rotate '.repeat(60));
		const [item] = section(digestOf(files, '2024-03-01'), 'changes').items;
		expect(item!.title.length).toBe(ITEM_TITLE_LIMIT);
		expect(item!.title.endsWith('…')).toBe(true);
		expect(item!.detail.length).toBeLessThanOrEqual(ITEM_DETAIL_LIMIT);
	});
});

describe('fitting a section into a limit', () => {
	const items = Array.from({ length: 30 }, (_, i) => ({ title: `Change ${i + 1}`, detail: 'stalled', isNew: false }));
	const part: DigestSection = { id: 'changes', title: 'Changes', url: 'https://w/changes/', items, empty: 'None.' };
	const style = { item: (i: { title: string }) => `- ${i.title}`, more: (n: number) => `- and ${n} more` };

	it('shows at most the cap, and counts the rest', () => {
		expect(packSection(part, style, { cap: 2, limit: Infinity })).toBe('- Change 1\n- Change 2\n- and 28 more');
		expect(packSection(part, style, { cap: 0, limit: Infinity })).toBe('- and 30 more');
	});

	it('stops before the limit, with the count of the rest inside it', () => {
		const text = packSection(part, style, { cap: 30, limit: 60, head: '*Changes*' });
		expect(text.length).toBeLessThanOrEqual(60);
		expect(text).toBe('*Changes*\n- Change 1\n- Change 2\n- Change 3\n- and 27 more');
	});

	it('finds the largest cap that fits', () => {
		expect(largestFitting(15, (cap) => cap <= 7)).toBe(7);
		expect(largestFitting(15, () => true)).toBe(15);
		expect(largestFitting(15, () => false)).toBe(0);
	});
});

describe('escaping content for each platform', () => {
	it('keeps Slack from reading a link, a mention or a channel ping in content', () => {
		expect(slackEscape('<!channel> <@U123> <https://evil|click> & co')).toBe(
			'&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt; &amp; co',
		);
	});

	it('keeps Markdown and Discord from reading a link, HTML or emphasis in content', () => {
		expect(markdownEscape('[click](https://evil) <img src=x> *bold* `code` a|b')).toBe(
			'\\[click\\](https://evil) \\<img src=x\\> \\*bold\\* \\`code\\` a\\|b',
		);
		expect(discordEscape('@everyone [x](y) <@123>')).toBe('\\@everyone \\[x\\](y) \\<\\@123\\>');
	});
});
