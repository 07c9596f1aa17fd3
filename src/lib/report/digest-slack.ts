import { cutText } from './cut-text.ts';
import { contentErrors, type Digest, type DigestItem, type DigestSection } from './digest.ts';
import { moreText, packSection, type LineStyle } from './digest-fit.ts';

/** Slack's limits for a message of blocks (Block Kit): blocks a message, characters a section's text, a header's. */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, fallbackText: 3000 } as const;

/** Items a section shows at most, however short: a digest is read at a glance. */
const SLACK_ITEMS = 15;

/** A Slack incoming-webhook message: Block Kit blocks, and the text notifications show. */
export interface SlackMessage {
	text: string;
	blocks: SlackBlock[];
}

type SlackText = { type: 'mrkdwn' | 'plain_text'; text: string };
type SlackBlock =
	| { type: 'header'; text: SlackText }
	| { type: 'section'; text: SlackText }
	| { type: 'context'; elements: SlackText[] }
	| { type: 'divider' };

/** Text for Slack's mrkdwn: &, < and > escaped, so that no content can write a link, a mention or `<!channel>`. */
export function slackEscape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const link = (url: string | undefined, text: string): string => (url ? `<${url}|${slackEscape(text)}>` : slackEscape(text));

const style: LineStyle = {
	item: (item: DigestItem) => `• ${link(item.url, item.title)}: ${slackEscape(item.detail)}${item.isNew ? ' *new*' : ''}`,
	more: (count: number, section: DigestSection) => `${moreText(count)}${section.url ? ` on <${section.url}|the wiki>` : ''}`,
};

/** The digest as a Slack message: a header, the summary, then one section block per part of the digest, each within 3,000 characters. */
export function renderSlack(digest: Digest): SlackMessage {
	const context = [
		`${digest.today}; new means since ${digest.since.from}`,
		digest.url ? `<${digest.url}|Open the wiki>` : '',
		digest.problems.errors > 0 ? `${link(digest.problems.url, contentErrors(digest))}: run envparity check` : '',
	].filter(Boolean);
	const blocks: SlackBlock[] = [
		{ type: 'header', text: { type: 'plain_text', text: cutText(`${digest.title}: parity digest`, SLACK_LIMITS.headerText) } },
		{ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] },
		{ type: 'section', text: { type: 'mrkdwn', text: slackEscape(digest.summary) } },
	];
	for (const section of digest.sections) {
		const head = `*${link(section.url, section.title)}* (${section.items.length})`;
		const text =
			section.items.length === 0
				? `${head}\n${slackEscape(section.empty)}`
				: packSection(section, style, { cap: SLACK_ITEMS, limit: SLACK_LIMITS.sectionText, head });
		blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text } });
	}
	return {
		text: cutText(slackEscape(`${digest.title}: ${digest.summary}`), SLACK_LIMITS.fallbackText),
		blocks: blocks.slice(0, SLACK_LIMITS.blocks),
	};
}
