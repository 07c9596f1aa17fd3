import { analyzeRootWithHistory } from '../../lib/engine.ts';
import { computeDigest } from '../../lib/report/digest.ts';
import { renderDiscord } from '../../lib/report/digest-discord.ts';
import { renderMarkdown } from '../../lib/report/digest-markdown.ts';
import { renderSlack } from '../../lib/report/digest-slack.ts';
import { renderTeams } from '../../lib/report/digest-teams.ts';
import { WikiAddressError, wikiLinks } from '../../lib/report/wiki-links.ts';
import { COMMON_OPTIONS, UsageError, type Command } from '../command.ts';

const FORMATS = ['markdown', 'slack', 'teams', 'discord'] as const;

/** `envparity digest`: one message about parity for a team channel's incoming webhook. */
export const digestCommand: Command = {
	name: 'digest',
	summary: 'Write a parity digest for a team channel (Slack, Teams, Discord or Markdown)',
	usage: `Usage: envparity digest [--format slack|teams|discord|markdown] [--since DAYS] [--root DIR]

Writes one message for a team channel's incoming webhook: parity between each pair of
adjacent stages, changes stalled or out of order with their age, production-only bugs that
are open or new, verifications gone stale, and documented differences due for review, each
linked into the wiki. An item is marked new when it became so in the last DAYS days;
in a git repository, each stage pair also says how its parity changed since then.
Each format stays within its platform's limits: the items that do not fit are counted in
an "and N more" line that links to the wiki. Detected secrets are masked.

Options:
  --format FORMAT   markdown (default), slack (Block Kit JSON), teams (an Adaptive Card 1.5
                    in a message attachment, JSON) or discord (embeds, JSON)
  --since DAYS      The window for "new", in days (default: 7)
  --root DIR        The content repository (default: the current directory)
  -h, --help        Show this help

Environment:
  ENVPARITY_SITE    The wiki's address, e.g. https://acme.github.io: without it, nothing is linked
  ENVPARITY_BASE    The wiki's base path, e.g. /payments-infra/ (default: /)
  ENVPARITY_NOW     "Today" (default: the clock)

Post it with curl, e.g.:
  npx envparity digest --format slack > digest.json
  curl --fail -X POST -H 'Content-Type: application/json' --data-binary @digest.json "$WEBHOOK_URL"

Exit status: 0 written (also when the content has errors: the digest counts them),
2 for a usage error.
`,
	options: { ...COMMON_OPTIONS, format: { type: 'string' }, since: { type: 'string' } },
	needsContent: true,
	async run({ io, values, root, now }) {
		const format = (values.format as string | undefined) ?? 'markdown';
		if (!(FORMATS as readonly string[]).includes(format))
			throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)}, not "${format}".`);
		const since = (values.since as string | undefined) ?? '7';
		if (!/^\d{1,5}$/.test(since) || Number(since) < 1)
			throw new UsageError(`--since takes a whole number of days from 1 to 99999, e.g. --since 7, not "${since}".`);
		let wiki;
		try {
			wiki = wikiLinks(io.env.ENVPARITY_SITE, io.env.ENVPARITY_BASE);
		} catch (error) {
			if (error instanceof WikiAddressError) throw new UsageError(error.message);
			throw error;
		}
		if (!wiki)
			io.stderr("envparity digest: ENVPARITY_SITE is not set, so the digest links nothing into the wiki; set it to the wiki's address.\n");
		const { analysis, history } = await analyzeRootWithHistory(root, { now });
		const digest = computeDigest(analysis.model, analysis.problems, {
			sinceDays: Number(since),
			wiki,
			...(history.commits.length > 0 ? { history } : {}),
		});
		if (format === 'markdown') io.stdout(renderMarkdown(digest));
		else {
			const payload = format === 'slack' ? renderSlack(digest) : format === 'teams' ? renderTeams(digest) : renderDiscord(digest);
			io.stdout(`${JSON.stringify(payload)}\n`);
		}
		return 0;
	},
};
