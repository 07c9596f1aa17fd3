import { z } from 'zod';
import { aliases, isoDate, person, referenceList, text } from './shared.ts';

/** The front matter of `runbooks/<id>.md` (or `.mdx`): a procedure with a stable URL. */
export const runbookSchema = z
	.strictObject({
		title: text.meta({ description: 'What the procedure is for.', examples: ['Payment timeout'] }),
		owner: person.optional().meta({ description: 'Who keeps it current.', examples: ['@payments-oncall'] }),
		environments: referenceList.optional().meta({ description: 'Environment ids it applies to.', examples: [['production']] }),
		settings: z
			.array(z.string())
			.optional()
			.meta({ description: 'Related setting keys.', examples: [['load_balancer.timeout_seconds']] }),
		issues: referenceList.optional().meta({ description: 'Issue ids it helps with.', examples: [['payment-timeout']] }),
		aliases: aliases.optional(),
		review_by: isoDate.optional().meta({ description: 'When to walk through it again.', examples: ['2025-06-01'] }),
	})
	.meta({ title: 'envparity runbook', description: 'The front matter of runbooks/<id>.md or .mdx.' });

/** A runbook's validated front matter. */
export type RunbookData = z.infer<typeof runbookSchema>;
