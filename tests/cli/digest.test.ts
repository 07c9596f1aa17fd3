import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/cli.ts';
import { expectValidDiscord, expectValidSlack, expectValidTeams } from '../helpers/digest-limits.ts';
import { fake } from '../helpers/fake-secrets.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline } from '../helpers/repo.ts';
import { stalledFiles, writeRepository } from '../helpers/stalled-repository.ts';

const SITE = { ENVPARITY_SITE: 'https://acme.github.io', ENVPARITY_BASE: '/payments-infra/', ENVPARITY_NOW: '2024-06-01' };

const digest = (args: string[], env: Record<string, string> = SITE) => cli(['digest', ...args], env);

describe('envparity digest on the example content', () => {
	it.each(['markdown', 'slack', 'teams', 'discord'])('writes the %s digest', async (format) => {
		const { code, stdout, stderr } = await digest(['--format', format]);
		expect(code).toBe(0);
		expect(stderr).toBe('');
		expect(format === 'markdown' ? stdout : JSON.parse(stdout)).toMatchSnapshot();
	});

	it('writes Markdown by default, and valid payloads for each platform', async () => {
		expect((await digest([])).stdout).toBe((await digest(['--format', 'markdown'])).stdout);
		expectValidSlack(JSON.parse((await digest(['--format', 'slack'])).stdout));
		expectValidTeams(JSON.parse((await digest(['--format', 'teams'])).stdout));
		expectValidDiscord(JSON.parse((await digest(['--format', 'discord'])).stdout));
	});

	it('links every item into the wiki, under its base path', async () => {
		const markdown = (await digest([])).stdout;
		const items = markdown.split('\n').filter((line) => line.startsWith('- '));
		expect(items.length).toBeGreaterThan(3);
		for (const item of items) expect(item).toMatch(/^- \[[^\]]+\]\(https:\/\/acme\.github\.io\/payments-infra\/[^)]+\): /);
		expect(markdown).toContain('(https://acme.github.io/payments-infra/changes/redis-pool/)');
	});

	it('marks as new what became so within --since days', async () => {
		const week = (await digest(['--since', '7'])).stdout;
		const month = (await digest(['--since', '30'])).stdout;
		const newLines = (text: string) => text.split('\n').filter((line) => line.endsWith('**new**')).length;
		expect(newLines(week)).toBeGreaterThan(0);
		expect(newLines(month)).toBeGreaterThan(newLines(week));
		expect(week).toContain('New means since 2024-05-25');
	});

	it('links nothing, and says why on stderr, when ENVPARITY_SITE is not set', async () => {
		const { code, stdout, stderr } = await digest([], { ENVPARITY_NOW: '2024-06-01' });
		expect(code).toBe(0);
		expect(stdout).not.toContain('](');
		expect(stderr).toContain('ENVPARITY_SITE is not set');
		const slack = JSON.parse((await digest(['--format', 'slack'], { ENVPARITY_NOW: '2024-06-01' })).stdout);
		expect(JSON.stringify(slack)).not.toContain('http');
	});

	it('refuses a bad format, a bad --since and a site that is not http(s), with exit 2', async () => {
		for (const [args, env, message] of [
			[['--format', 'teams-card'], SITE, '--format must be markdown, slack, teams or discord, not "teams-card"'],
			[['--since', '0'], SITE, '--since takes a whole number of days'],
			[['--since', 'a week'], SITE, '--since takes a whole number of days'],
			[[], { ...SITE, ENVPARITY_SITE: 'ftp://acme.example' }, 'ENVPARITY_SITE="ftp://acme.example" is not an http(s) address'],
		] as const) {
			const { code, stdout, stderr } = await digest([...args], env);
			expect([code, stdout]).toEqual([2, '']);
			expect(stderr).toContain(message);
		}
	});
});

describe('envparity digest on content with errors', () => {
	it('still writes the digest, exit 0, and counts the errors with a link to the Problems page', async () => {
		const { code, stdout } = await digest(['--root', fixture('six-errors')]);
		expect(code).toBe(0);
		expect(stdout).toMatch(
			/^> \[\d+ errors in the content\]\(https:\/\/acme\.github\.io\/payments-infra\/problems\/\): run envparity check\.$/m,
		);
		const slack = JSON.parse((await digest(['--format', 'slack', '--root', fixture('six-errors')])).stdout);
		expectValidSlack(slack);
		expect(slack.blocks[1].elements[0].text).toMatch(
			/<https:\/\/acme\.github\.io\/payments-infra\/problems\/\|\d+ errors in the content>: run envparity check/,
		);
		const one = await digest([
			'--root',
			writeRepository({ ...baseline(), 'runbooks/broken.md': '---\ntitle: Broken\nenvironments: [nowhere]\n---\n\n1. Look.\n' }),
		]);
		expect(one.stdout).toContain('> [1 error in the content](');
	});
});

describe('envparity digest on a repository of 300 stalled changes', () => {
	const root = writeRepository(stalledFiles(300, 300));
	const run = async (format: string) => {
		const { code, stdout } = await digest(['--format', format, '--root', root]);
		expect(code).toBe(0);
		return stdout;
	};

	it('writes a Slack message within Block Kit limits, with the rest counted and linked', async () => {
		const message = JSON.parse(await run('slack'));
		expectValidSlack(message);
		const text = JSON.stringify(message);
		expect(text).toMatch(/…and \d+ more on <https:\/\/acme\.github\.io\/payments-infra\/changes\/\|the wiki>/);
		expect(text).toMatch(/…and \d+ more on <https:\/\/acme\.github\.io\/payments-infra\/issues\/filter\/production-only\/yes\/\|the wiki>/);
	});

	it('writes a Teams card within 28 KB, with the rest counted and linked', async () => {
		const message = JSON.parse(await run('teams'));
		expectValidTeams(message);
		expect(JSON.stringify(message)).toMatch(/…and \d+ more on \[the wiki\]\(https:\/\/acme\.github\.io\/payments-infra\/changes\/\)/);
	});

	it('writes Discord embeds within 6,000 characters, with the rest counted and linked', async () => {
		const message = JSON.parse(await run('discord'));
		expectValidDiscord(message);
		expect(message.embeds.find((e: { title: string }) => e.title.startsWith('Changes')).description).toMatch(
			/…and \d+ more on \[the wiki\]\(https:\/\/acme\.github\.io\/payments-infra\/changes\/\)$/,
		);
	});

	it('writes Markdown that counts the rest', async () => {
		const markdown = await run('markdown');
		expect(markdown.length).toBeLessThanOrEqual(60_000);
		expect(markdown).toContain('### [Changes stalled or out of order](https://acme.github.io/payments-infra/changes/) (300)');
		expect(markdown).toMatch(/- …and 275 more on \[the wiki\]\(https:\/\/acme\.github\.io\/payments-infra\/changes\/\)/);
	});

	it('lets no title write markup, a link or a mention', async () => {
		const slack = await run('slack');
		expect(slack).not.toMatch(/<script|<b>|<!|<@/);
		expect(slack).toContain('&lt;script&gt;');
		const discord = JSON.parse(await run('discord'));
		expect(JSON.stringify(discord.embeds)).not.toMatch(/[^\\]@everyone/);
		const markdown = await run('markdown');
		expect(markdown).not.toMatch(/[^\\]<script|[^\\]\[300\]/);
		expect(markdown).toContain('\\<script\\>');
	});
});

describe('envparity digest, secrets', () => {
	it('masks a secret that a title holds, in every format', async () => {
		const files = stalledFiles(3);
		files['changes/stalled-0002.md'] = files['changes/stalled-0002.md']!.replace(
			'title: "Stalled change 2',
			`title: "Rotate ${fake.stripeSecret} now`,
		);
		files['environments/production.yaml'] = baseline()['environments/production.yaml']!;
		const root = writeRepository(files);
		for (const format of ['markdown', 'slack', 'teams', 'discord']) {
			const { stdout } = await digest(['--format', format, '--root', root]);
			expect(stdout).toContain('Rotate');
			expect(stdout, format).not.toContain(fake.stripeSecret);
			expect(stdout, format).not.toContain(fake.stripeSecret.slice(0, 12));
		}
	});
});

describe('envparity digest with the history of the environment files', () => {
	it("says how each stage pair's parity changed since the window began", async () => {
		const repo = new GitRepo();
		const files = baseline();
		const drifting = files['environments/staging.yaml']!.replace('timeout_seconds: 120', 'timeout_seconds: 30');
		repo.commit('Staging drifts', { ...files, 'environments/staging.yaml': drifting }, '2024-05-01');
		repo.commit('Align staging', files, '2024-05-28');
		const run = async (since: string) => (await digest(['--root', repo.root, '--since', since])).stdout;
		const week = await run('7');
		expect(week).toContain(
			'- [dev → staging](https://acme.github.io/payments-infra/compare/dev/staging/): 100% of 5 settings same or documented; up from 80% on 2024-05-25',
		);
		expect(week).toContain(
			'- [staging → production](https://acme.github.io/payments-infra/compare/staging/production/): 100% of 5 settings same or documented; up from 80% on 2024-05-25',
		);
		// Three days back, the alignment had happened already.
		expect(await run('3')).toContain('100% of 5 settings same or documented; unchanged since 2024-05-29');
		// Before the first commit, the history cannot say.
		expect(await run('60')).toContain('100% of 5 settings same or documented\n');
	});
});
