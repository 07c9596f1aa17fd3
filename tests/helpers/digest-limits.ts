import { expect } from 'vitest';
import type { DiscordMessage } from '../../src/lib/report/digest-discord.ts';
import type { SlackMessage } from '../../src/lib/report/digest-slack.ts';
import type { TeamsMessage } from '../../src/lib/report/digest-teams.ts';

// Each platform's published limits, written out here rather than imported, so that a renderer whose own
// constants drift from the platform fails these checks.

/** Slack Block Kit: at most 50 blocks; a section's text and a context element at most 3,000 characters; a header at most 150. */
export function expectValidSlack(message: SlackMessage): void {
	expect(typeof message.text).toBe('string');
	expect(message.text.length).toBeGreaterThan(0);
	expect(message.blocks.length).toBeLessThanOrEqual(50);
	for (const block of message.blocks) {
		expect(['header', 'section', 'context', 'divider']).toContain(block.type);
		if (block.type === 'header') {
			expect(block.text.type).toBe('plain_text');
			expect(block.text.text.length).toBeLessThanOrEqual(150);
		}
		if (block.type === 'section') {
			expect(block.text.type).toBe('mrkdwn');
			expect(block.text.text.length).toBeGreaterThan(0);
			expect(block.text.text.length).toBeLessThanOrEqual(3000);
		}
		if (block.type === 'context') {
			expect(block.elements.length).toBeLessThanOrEqual(10);
			for (const element of block.elements) expect(element.text.length).toBeLessThanOrEqual(3000);
		}
	}
}

/** Teams: one Adaptive Card of version 1.5 in a message attachment, the whole payload within 28 KB. */
export function expectValidTeams(message: TeamsMessage): void {
	expect(message.type).toBe('message');
	expect(message.attachments).toHaveLength(1);
	const [attachment] = message.attachments;
	expect(attachment!.contentType).toBe('application/vnd.microsoft.card.adaptive');
	expect(attachment!.content.type).toBe('AdaptiveCard');
	expect(attachment!.content.version).toBe('1.5');
	expect(Buffer.byteLength(JSON.stringify(message), 'utf8')).toBeLessThanOrEqual(28_000);
	for (const block of attachment!.content.body) {
		expect(block.type).toBe('TextBlock');
		expect(block.text.length).toBeGreaterThan(0);
	}
	for (const action of attachment!.content.actions ?? []) expect(action.url).toMatch(/^https?:\/\//);
}

/** Discord: at most 10 embeds; a title 256, a description 4,096, 25 fields (a name 256, a value 1,024), a footer 2,048; 6,000 in all; content 2,000. */
export function expectValidDiscord(message: DiscordMessage): void {
	expect(message.content.length).toBeLessThanOrEqual(2000);
	expect(message.allowed_mentions).toEqual({ parse: [] });
	expect(message.embeds.length).toBeLessThanOrEqual(10);
	let total = 0;
	for (const embed of message.embeds) {
		expect(embed.title.length).toBeLessThanOrEqual(256);
		expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
		expect((embed.fields ?? []).length).toBeLessThanOrEqual(25);
		for (const field of embed.fields ?? []) {
			expect(field.name.length).toBeGreaterThan(0);
			expect(field.name.length).toBeLessThanOrEqual(256);
			expect(field.value.length).toBeGreaterThan(0);
			expect(field.value.length).toBeLessThanOrEqual(1024);
		}
		expect((embed.footer?.text ?? '').length).toBeLessThanOrEqual(2048);
		if (embed.url) expect(embed.url).toMatch(/^https?:\/\//);
		total +=
			embed.title.length +
			(embed.description ?? '').length +
			(embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
			(embed.footer?.text ?? '').length;
	}
	expect(total).toBeLessThanOrEqual(6000);
}
