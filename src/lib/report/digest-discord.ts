import { cutText } from './cut-text.ts';
import { contentErrors, type Digest, type DigestItem, type DigestSection } from './digest.ts';
import { largestFitting, moreText, packSection, type LineStyle } from './digest-fit.ts';

/** Discord's limits for a webhook message's embeds. */
export const DISCORD_LIMITS = {
	embeds: 10,
	title: 256,
	description: 4096,
	fields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	/** Characters of all the embeds' titles, descriptions, field names and values and footers together. */
	total: 6000,
	content: 2000,
} as const;

/** Items a section shows at most. */
const DISCORD_ITEMS = 10;

/** A Discord webhook message: a line of content, one embed per part of the digest, and no mention that pings anyone. */
export interface DiscordMessage {
	username: string;
	content: string;
	allowed_mentions: { parse: [] };
	embeds: DiscordEmbed[];
}

export interface DiscordEmbed {
	title: string;
	url?: string;
	description?: string;
	color: number;
	fields?: { name: string; value: string; inline: boolean }[];
	footer?: { text: string };
	timestamp?: string;
}

/** Text for Discord's Markdown: the characters that make emphasis, links, quotes, headings and mentions escaped with a backslash. */
export function discordEscape(text: string): string {
	return text.replace(/[\\`*_[\]<>#~|@]/g, '\\$&');
}

const link = (url: string | undefined, text: string): string => (url ? `[${discordEscape(text)}](${url})` : discordEscape(text));

const style: LineStyle = {
	item: (item: DigestItem) => `• ${link(item.url, item.title)}: ${discordEscape(item.detail)}${item.isNew ? ' **new**' : ''}`,
	more: (count: number, section: DigestSection) => `${moreText(count)}${section.url ? ` on [the wiki](${section.url})` : ''}`,
};

const COLORS: Record<DigestSection['id'], number> = {
	parity: 0x2563eb,
	changes: 0xd97706,
	bugs: 0xdc2626,
	verifications: 0x7c3aed,
	differences: 0x0891b2,
};

/** The characters Discord counts towards an embed's share of the 6,000. */
export function embedLength(embed: DiscordEmbed): number {
	return (
		embed.title.length +
		(embed.description?.length ?? 0) +
		(embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
		(embed.footer?.text.length ?? 0)
	);
}

/** The digest as a Discord message: one embed per part (the parity as fields), as many items each as keep all embeds within 6,000 characters. */
export function renderDiscord(digest: Digest): DiscordMessage {
	const build = (cap: number): DiscordMessage => {
		const embeds = digest.sections.map((section): DiscordEmbed => {
			const embed: DiscordEmbed = {
				title: cutText(`${section.title} (${section.items.length})`, DISCORD_LIMITS.title),
				...(section.url ? { url: section.url } : {}),
				color: COLORS[section.id],
			};
			if (section.items.length === 0) return { ...embed, description: discordEscape(section.empty) };
			if (section.id === 'parity') {
				const shown = section.items.slice(0, Math.min(cap, DISCORD_LIMITS.fields - 1));
				const fields = shown.map((item) => ({
					name: cutText(discordEscape(item.title), DISCORD_LIMITS.fieldName),
					value: cutText(
						`${item.url ? `[${discordEscape(item.detail)}](${item.url})` : discordEscape(item.detail)}`,
						DISCORD_LIMITS.fieldValue,
					),
					inline: true,
				}));
				const left = section.items.length - shown.length;
				if (left > 0)
					fields.push({ name: moreText(left), value: section.url ? `[See the matrix](${section.url})` : 'See the matrix.', inline: false });
				return { ...embed, fields };
			}
			return { ...embed, description: packSection(section, style, { cap, limit: DISCORD_LIMITS.description }) };
		});
		embeds[embeds.length - 1]!.footer = { text: `${digest.today}; new means since ${digest.since.from}` };
		embeds[embeds.length - 1]!.timestamp = `${digest.today}T00:00:00.000Z`;
		const problems = digest.problems.errors > 0 ? ` ${link(digest.problems.url, contentErrors(digest))}: run envparity check.` : '';
		return {
			username: 'envparity',
			content: cutText(
				`**${link(digest.url, `${digest.title}: parity digest`)}** ${discordEscape(digest.summary)}${problems}`,
				DISCORD_LIMITS.content,
			),
			allowed_mentions: { parse: [] },
			embeds: embeds.slice(0, DISCORD_LIMITS.embeds),
		};
	};
	const total = (message: DiscordMessage): number => message.embeds.reduce((n, e) => n + embedLength(e), 0);
	return build(largestFitting(DISCORD_ITEMS, (cap) => total(build(cap)) <= DISCORD_LIMITS.total));
}
