import { contentErrors, type Digest, type DigestItem, type DigestSection } from './digest.ts';
import { largestFitting, moreText, packSection, type LineStyle } from './digest-fit.ts';

/** Items a section shows at most, and the longest digest: it fits a GitHub or GitLab comment (65,536 characters) with room to spare. */
export const MARKDOWN_LIMITS = { items: 25, characters: 60_000 } as const;

/** Text for Markdown: the characters that make emphasis, links (the brackets), HTML, tables and headings escaped with a backslash. */
export function markdownEscape(text: string): string {
	return text.replace(/[\\`*_[\]<>#~|]/g, '\\$&');
}

const link = (url: string | undefined, text: string): string => (url ? `[${markdownEscape(text)}](${url})` : markdownEscape(text));

const style: LineStyle = {
	item: (item: DigestItem) => `- ${link(item.url, item.title)}: ${markdownEscape(item.detail)}${item.isNew ? ' **new**' : ''}`,
	more: (count: number, section: DigestSection) => `- ${moreText(count)}${section.url ? ` on [the wiki](${section.url})` : ''}`,
};

/** The digest as Markdown, for a chat that takes Markdown, an issue or an e-mail. */
export function renderMarkdown(digest: Digest): string {
	const build = (cap: number): string => {
		const lines = [
			`## ${link(digest.url, `${digest.title}: parity digest`)}`,
			'',
			`${markdownEscape(digest.summary)} New means since ${digest.since.from}; today is ${digest.today}.`,
			'',
		];
		if (digest.problems.errors > 0) lines.push(`> ${link(digest.problems.url, contentErrors(digest))}: run envparity check.`, '');
		for (const section of digest.sections) {
			lines.push(`### ${link(section.url, section.title)} (${section.items.length})`, '');
			lines.push(section.items.length === 0 ? markdownEscape(section.empty) : packSection(section, style, { cap, limit: Infinity }), '');
		}
		return `${lines.join('\n').trimEnd()}\n`;
	};
	return build(largestFitting(MARKDOWN_LIMITS.items, (cap) => build(cap).length <= MARKDOWN_LIMITS.characters));
}
