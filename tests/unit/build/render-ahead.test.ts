import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAhead } from '../../../src/lib/build/render-ahead.ts';

/** A content root with a change, an issue, an MDX runbook, and a link to a file outside the root. */
function root(): string {
	const dir = mkdtempSync(join(tmpdir(), 'envparity-ahead-'));
	const outside = mkdtempSync(join(tmpdir(), 'envparity-outside-'));
	for (const folder of ['changes', 'issues', 'runbooks']) mkdirSync(join(dir, folder));
	writeFileSync(join(dir, 'changes', 'a.md'), '---\ntitle: A\n---\nThe change body.\n');
	writeFileSync(join(dir, 'issues', 'b.md'), '---\ntitle: B\n---\nThe issue body.\n');
	writeFileSync(join(dir, 'runbooks', 'c.mdx'), '---\ntitle: C\n---\nAn MDX body.\n');
	writeFileSync(join(outside, 'secret.md'), '---\ntitle: S\n---\nOutside the root.\n');
	symlinkSync(join(outside, 'secret.md'), join(dir, 'issues', 'link.md'));
	return dir;
}

/** Waits until nothing more is rendered. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('rendering Markdown bodies ahead, while the content is read', () => {
	it('renders each Markdown body of the root once, by its text, and never MDX or a file outside the root', async () => {
		const rendered: string[] = [];
		const ahead = renderAhead(root(), async (text) => (rendered.push(text), `<p>${text.trim()}</p>`), new Promise(() => undefined));
		await settle();
		expect(rendered.sort()).toEqual(['The change body.\n', 'The issue body.\n']);
		expect(await ahead.take('The change body.\n')).toBe('<p>The change body.</p>');
		// Taken once: a second entity with the same body renders it itself.
		expect(ahead.take('The change body.\n')).toBeUndefined();
		expect(ahead.take('A body nobody wrote.\n')).toBeUndefined();
	});

	it('stops once the reading is done, between two bodies', async () => {
		let done!: () => void;
		const until = new Promise<void>((resolve) => (done = resolve));
		const rendered: string[] = [];
		renderAhead(
			root(),
			async (text) => {
				rendered.push(text);
				done();
				return text;
			},
			until,
		);
		await settle();
		expect(rendered).toHaveLength(1);
	});

	it('renders the example repository bodies exactly as they are in the files', async () => {
		const project = new URL('../../..', import.meta.url).pathname;
		const ahead = renderAhead(project, async (text) => text, new Promise(() => undefined));
		await settle();
		const file = readFileSync(join(project, 'issues', 'payment-timeout.md'), 'utf8');
		const body = file.slice(file.indexOf('\n---\n', 4) + 5);
		expect(await ahead.take(body)).toBe(body);
	});
});
