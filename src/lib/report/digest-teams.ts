import { cutText } from './cut-text.ts';
import { contentErrors, type Digest, type DigestItem, type DigestSection } from './digest.ts';
import { largestFitting, moreText, packSection, type LineStyle } from './digest-fit.ts';

/** Teams takes an Adaptive Card of version 1.5 at most, in a message of at most 28 KB (counted here as 28,000 bytes of UTF-8). */
export const TEAMS_LIMITS = { version: '1.5', payloadBytes: 28_000 } as const;

/** Items a section shows at most. */
const TEAMS_ITEMS = 15;

/** A Teams incoming-webhook message: one Adaptive Card in an attachment. */
export interface TeamsMessage {
	type: 'message';
	attachments: {
		contentType: 'application/vnd.microsoft.card.adaptive';
		contentUrl: null;
		content: AdaptiveCard;
	}[];
}

interface AdaptiveCard {
	$schema: string;
	type: 'AdaptiveCard';
	version: string;
	msteams: { width: 'Full' };
	body: TextBlock[];
	actions?: { type: 'Action.OpenUrl'; title: string; url: string }[];
}

interface TextBlock {
	type: 'TextBlock';
	text: string;
	wrap: true;
	size?: 'Medium' | 'Large';
	weight?: 'Bolder';
	isSubtle?: boolean;
	separator?: boolean;
	spacing?: 'None' | 'Medium';
}

/** Text for a TextBlock's Markdown: the characters that make emphasis, links and lists escaped with a backslash. */
export function teamsEscape(text: string): string {
	return text.replace(/[\\`*_[\]<>#~|]/g, '\\$&');
}

const link = (url: string | undefined, text: string): string => (url ? `[${teamsEscape(text)}](${url})` : teamsEscape(text));

const style: LineStyle = {
	item: (item: DigestItem) => `- ${link(item.url, item.title)}: ${teamsEscape(item.detail)}${item.isNew ? ' **new**' : ''}`,
	more: (count: number, section: DigestSection) => `- ${moreText(count)}${section.url ? ` on [the wiki](${section.url})` : ''}`,
};

/** The digest as a Teams message: an Adaptive Card 1.5 with a heading and a list per part, as many items each as keep it within 28 KB. */
export function renderTeams(digest: Digest): TeamsMessage {
	const build = (cap: number): TeamsMessage => {
		const body: TextBlock[] = [
			{ type: 'TextBlock', text: teamsEscape(cutText(`${digest.title}: parity digest`, 200)), wrap: true, size: 'Large', weight: 'Bolder' },
			{ type: 'TextBlock', text: `${digest.today}; new means since ${digest.since.from}`, wrap: true, isSubtle: true, spacing: 'None' },
			{ type: 'TextBlock', text: teamsEscape(digest.summary), wrap: true },
		];
		if (digest.problems.errors > 0)
			body.push({
				type: 'TextBlock',
				text: `${link(digest.problems.url, contentErrors(digest))}: run envparity check`,
				wrap: true,
			});
		for (const section of digest.sections) {
			body.push({
				type: 'TextBlock',
				text: `${link(section.url, section.title)} (${section.items.length})`,
				wrap: true,
				size: 'Medium',
				weight: 'Bolder',
				separator: true,
				spacing: 'Medium',
			});
			body.push(
				section.items.length === 0
					? { type: 'TextBlock', text: teamsEscape(section.empty), wrap: true, isSubtle: true }
					: { type: 'TextBlock', text: packSection(section, style, { cap, limit: Infinity }), wrap: true },
			);
		}
		const card: AdaptiveCard = {
			$schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
			type: 'AdaptiveCard',
			version: TEAMS_LIMITS.version,
			msteams: { width: 'Full' },
			body,
			...(digest.url ? { actions: [{ type: 'Action.OpenUrl', title: 'Open the wiki', url: digest.url }] } : {}),
		};
		return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
	};
	const size = (message: TeamsMessage): number => Buffer.byteLength(JSON.stringify(message), 'utf8');
	return build(largestFitting(TEAMS_ITEMS, (cap) => size(build(cap)) <= TEAMS_LIMITS.payloadBytes));
}
